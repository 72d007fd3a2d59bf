"""Unit tests of the PDF handout core: print HTML, diagram stamps, offline fetching, dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from core import diagrams, handouts, pdf_render
from core.pages import build_site
from core.print_html import PrintPage, diagram_sources, line_of, long_date, prepare
from core.project import Project

URL = "https://example.org/site/about/page/"


def page(content: str, **extra: object) -> PrintPage:
    values = {"id": "page", "src_uri": "about/page.md", "path": "docs/about/page.md", "title": "A page",
              "url": URL, "reviewed": "2026-11-21", "description": "", "content": content,
              "file_url": "file:///srv/site/about/page/index.html"}
    values.update(extra)
    return PrintPage(**values)  # type: ignore[arg-type]


# ── Print HTML ─────────────────────────────────────────────────────────────────────────

TABS = ('<div class="tabbed-set tabbed-alternate" data-tabs="1:2"><input checked="checked" id="__tabbed_1_1" '
        'name="__tabbed_1" type="radio" /><input id="__tabbed_1_2" name="__tabbed_1" type="radio" />'
        '<div class="tabbed-labels"><label for="__tabbed_1_1">Adults</label><label for="__tabbed_1_2">Children'
        '</label></div>\n<div class="tabbed-content">\n<div class="tabbed-block">\n<p>Adult text.</p>\n</div>\n'
        '<div class="tabbed-block">\n<p>Child text.</p>\n</div>\n</div>\n</div>')


def test_every_tab_prints_under_its_label() -> None:
    html = prepare(page("<h1>T</h1>" + TABS)).html
    assert "<input" not in html and "tabbed-labels" not in html
    assert html.index("Adults") < html.index("Adult text.") < html.index("Children") < html.index("Child text.")


def test_collapsed_details_print_open_as_an_admonition() -> None:
    html = prepare(page('<h1>T</h1><details class="note"><summary>More</summary><p>Body.</p></details>')).html
    assert '<div class="admonition print-details note"><p class="admonition-title">More</p><p>Body.</p></div>' in html


def test_permalinks_and_footnote_backlinks_are_removed() -> None:
    content = ('<h1 id="t">T<a class="headerlink" href="#t" title="Permanent link">&para;</a></h1>'
               '<h2 id="references">References</h2><div class="footnote">\n<hr />\n<ol><li id="fn:a"><p>Ref.&#160;'
               '<a class="footnote-backref" href="#fnref:a">&#8617;</a></p></li></ol></div>')
    html = prepare(page(content)).html
    assert "headerlink" not in html and "footnote-backref" not in html and "<hr" not in html
    assert html.count("References") == 1  # the page's own heading is kept, none added


def test_a_reference_list_without_heading_gets_one() -> None:
    html = prepare(page('<h1>T</h1><p>x</p><div class="footnote"><ol><li id="fn:a"><p>Ref.</p></li></ol></div>')).html
    assert '<h2 class="print-references">References</h2><div class="footnote">' in html


def test_citation_numbers_follow_their_word_without_a_space() -> None:
    ref = '<sup id="fnref:a"><a class="footnote-ref" href="#fn:a">{}</a></sup>'
    content = (f"<h1>T</h1><p>Calcium {ref.format(1)}, and <em>phosphate</em> {ref.format(2)}"
               f'<sup class="citation-sep">,</sup>{ref.format(3)}.</p><p>{ref.format(4)} starts.</p>')
    html = prepare(page(content)).html
    assert f"<p>Calcium{ref.format(1)}, and <em>phosphate</em>{ref.format(2)}" in html
    assert f'<sup class="citation-sep">,</sup>{ref.format(3)}.</p><p>{ref.format(4)} starts.</p>' in html


def test_title_review_date_and_address_open_the_page() -> None:
    html = prepare(page("<p>Body.</p>")).html
    assert html.startswith("<h1>A page</h1>")
    assert ('<p class="print-meta"><span class="print-reviewed">Last reviewed 21 November 2026</span>'
            f'<a class="print-address" href="{URL}">{URL}</a></p>') in html


def test_a_stated_review_line_is_not_repeated() -> None:
    content = '<h1>T</h1>\n<p class="page-reviewed">Last reviewed: 21 November 2026</p>\n<p>Body.</p>'
    html = prepare(page(content)).html
    assert "print-reviewed" not in html
    assert html.index("page-reviewed") < html.index("print-address") < html.index("Body.")


def test_links_point_to_the_web_and_resources_to_local_files() -> None:
    content = ('<h1>T</h1><p><a href="../other/#sec">other</a> <a href="#here">here</a></p>'
               '<p><img src="../../assets/x.png" alt=""> <img src="https://cdn.example.com/y.png" alt=""></p>')
    prepared = prepare(page(content))
    assert 'href="https://example.org/site/about/other/#sec"' in prepared.html
    assert 'href="#here"' in prepared.html
    assert 'src="file:///srv/site/assets/x.png"' in prepared.html
    assert [(r.written, r.external) for r in prepared.resources] == [
        ("../../assets/x.png", False), ("https://cdn.example.com/y.png", True)]


def test_in_the_whole_site_pdf_ids_are_unique_and_links_stay_inside() -> None:
    book = {URL: "page", "https://example.org/site/about/other/": "other"}
    content = ('<h1 id="t">T</h1><h2 id="refs">R</h2><p><a href="../other/#sec">o</a> <a href="../other/">o</a>'
               ' <a href="#refs">r</a> <a href="https://doi.org/10.1/x">d</a></p>')
    html = prepare(page(content), book=book).html
    assert html.startswith('<h1 id="p-page--t" class="chapter-title" data-title="A page">'
                           '<span class="chapter-anchor" id="p-page"></span>T</h1>')  # the chapter's anchor and bookmark
    assert 'id="p-page--refs"' in html
    assert 'href="#p-other--sec"' in html and 'href="#p-other"' in html and 'href="#p-page--refs"' in html
    assert 'href="https://doi.org/10.1/x"' in html


def test_in_the_whole_site_pdf_a_figure_keeps_its_title_and_description_by_their_new_ids() -> None:
    figure = ('<figure class="generated-figure body-map" id="body-map"><svg role="img" '
              'aria-labelledby="body-map-title body-map-desc"><title id="body-map-title">Where</title>'
              '<desc id="body-map-desc">Hands</desc></svg></figure>'
              '<div class="diagram"><svg id="mermaid-1"><g id="node-a"></g></svg></div>')
    html = prepare(page(figure), book={URL: "page"}).html
    assert 'id="p-page--body-map"' in html
    assert 'aria-labelledby="p-page--body-map-title p-page--body-map-desc"' in html
    assert '<title id="p-page--body-map-title">' in html and '<desc id="p-page--body-map-desc">' in html
    assert 'id="mermaid-1"' in html and 'id="node-a"' in html  # a diagram's own ids stay
    alone = prepare(page(figure)).html  # a handout of one page keeps every id
    assert 'aria-labelledby="body-map-title body-map-desc"' in alone


def test_mermaid_blocks_become_their_print_image(tmp_path: Path) -> None:
    svg = tmp_path / "page-1.svg"
    svg.write_text("<svg/>", encoding="utf-8")
    content = ('<h1>T</h1><pre class="mermaid"><code>flowchart TD\n  A --&gt; B</code></pre>'
               '<pre class="mermaid"><code>flowchart TD\n  C --&gt; D</code></pre>')
    assert diagram_sources(content) == ["flowchart TD\n  A --> B", "flowchart TD\n  C --> D"]
    html = prepare(page(content, diagrams={1: str(svg), 2: None})).html
    assert f'<figure class="print-diagram"><img src="{svg.as_uri()}" alt="Diagram"></figure>' in html
    assert "This diagram is not available in print: see the online version." in html
    assert "<pre" not in html and "<code" not in html


def test_line_of_finds_where_a_resource_is_written() -> None:
    text = "---\ntitle: x\n---\n\n# X\n\n![a](https://example.org/a.png)\n"
    assert line_of(text, "https://example.org/a.png") == 7
    assert line_of(text, "file:///srv/site/images/a.png") == 7  # by file name
    assert line_of(text, "https://nowhere.example/") == 1


def test_long_date() -> None:
    assert long_date("2026-01-05") == "5 January 2026"
    assert long_date("not a date") == "not a date"


# ── Diagrams ───────────────────────────────────────────────────────────────────────────

PAGE_WITH_DIAGRAMS = """---
title: P
---

# P

!!! tip
    ```mermaid
    flowchart TD
      A --> B
    ```

````markdown
```mermaid
flowchart TD
  shown --> as-code
```
````

~~~mermaid
flowchart LR
  C --> D
~~~
"""


def test_mermaid_fences_are_found_with_their_lines() -> None:
    blocks = diagrams.mermaid_blocks(PAGE_WITH_DIAGRAMS)
    assert [(b.number, b.line, b.source) for b in blocks] == [
        (1, 8, "flowchart TD\n  A --> B"), (2, 20, "flowchart LR\n  C --> D")]


def test_html_and_markdown_give_the_same_diagram_hash() -> None:
    html_source = diagram_sources('<pre class="mermaid"><code>flowchart TD\n  A --&gt; B</code></pre>')[0]
    assert diagrams.source_hash(html_source) == diagrams.source_hash("\nflowchart TD  \n  A --> B\n\n")


def project_at(root: Path) -> Project:
    return Project(root=str(root), docs_dir=str(root / "docs"), bib_dir="", includes_dir="")


def test_diagram_check_reports_missing_and_stale_images(tmp_path: Path) -> None:
    site, _ = build_site([("guide/p.md", PAGE_WITH_DIAGRAMS.encode())])
    (tmp_path / "diagrams").mkdir()
    blocks = diagrams.mermaid_blocks(PAGE_WITH_DIAGRAMS)
    (tmp_path / "diagrams" / "p-1.svg").write_text(
        diagrams.stamp("<svg/>", diagrams.source_hash("flowchart TD\n  old --> B"), "docs/guide/p.md"), encoding="utf-8")
    assert [str(p) for p in diagrams.check(site, project_at(tmp_path))] == [
        "docs/guide/p.md:8: diagram 1 on this page changed after its print image diagrams/p-1.svg was drawn. "
        f"Fix: {diagrams.FIX} [diagrams.stale-image]",
        "docs/guide/p.md:20: diagram 2 on this page has no print image diagrams/p-2.svg. "
        f"Fix: {diagrams.FIX} [diagrams.missing-image]",
    ]
    for block in blocks:
        Path(diagrams.svg_path(str(tmp_path), "p", block.number)).write_text(
            diagrams.stamp("<svg/>", diagrams.source_hash(block.source), "docs/guide/p.md"), encoding="utf-8")
    assert diagrams.check(site, project_at(tmp_path)) == []
    assert diagrams.print_image(str(tmp_path), "p", 2, blocks[1].source) == str(tmp_path / "diagrams" / "p-2.svg")


# ── Offline rendering ──────────────────────────────────────────────────────────────────

def test_only_data_and_files_inside_the_site_may_load(tmp_path: Path) -> None:
    roots = (str(tmp_path / "site"),)
    assert handouts.allowed("data:image/png;base64,AAAA", roots)
    assert handouts.allowed((tmp_path / "site" / "a.png").as_uri(), roots)
    assert not handouts.allowed((tmp_path / "elsewhere.png").as_uri(), roots)
    assert not handouts.allowed((tmp_path / "site" / ".." / "x.png").as_uri(), roots)
    assert not handouts.allowed("https://example.org/a.png", roots)
    assert not handouts.allowed("http://localhost/a.png", roots)
    assert not handouts.allowed("ftp://example.org/a.png", roots)


def test_the_fetcher_refuses_the_network_before_any_connection(tmp_path: Path) -> None:
    fetcher = pdf_render.LocalOnlyFetcher((str(tmp_path),))
    with pytest.raises(pdf_render.RefusedURL, match="refused to load https://example.org/a.png"):
        fetcher.fetch("https://example.org/a.png")
    assert fetcher.failed == ("https://example.org/a.png", "")
    (tmp_path / "a.css").write_text("p {}", encoding="utf-8")
    assert fetcher.fetch((tmp_path / "a.css").as_uri()).read() == b"p {}"


def job(tmp_path: Path, body: str) -> handouts.Job:
    return handouts.Job("t", f"<!doctype html><html><body>{body}</body></html>", str(tmp_path / "out" / "t.pdf"),
                        ("body { font-family: 'DejaVu Sans' }", "@page { size: A4 }"), (str(tmp_path),))


def test_rendering_writes_a_pdf(tmp_path: Path) -> None:
    result = pdf_render.render(job(tmp_path, "<h1>Hello handout</h1>"))
    assert (result.error, result.failed, result.pages) == (None, None, 1)
    reader = PdfReader(tmp_path / "out" / "t.pdf")
    assert "Hello handout" in reader.pages[0].extract_text()
    assert [round(float(x)) for x in reader.pages[0].mediabox[2:]] == [595, 842]  # A4 in points


def test_rendering_stops_at_an_external_resource(tmp_path: Path) -> None:
    result = pdf_render.render(job(tmp_path, '<p>x</p><div style="background: url(https://example.org/bg.png)">y</div>'))
    assert result.failed == ("https://example.org/bg.png", "")
    assert not (tmp_path / "out" / "t.pdf").exists()


def test_whole_site_pdf_date_is_fixed() -> None:
    pages = [page("", reviewed="2025-01-02"), page("", reviewed="2026-03-04"), page("", reviewed="")]
    assert handouts.book_date(pages, None) == "2026-03-04"
    epoch = int(dt.datetime(2027, 5, 6, 12, tzinfo=dt.timezone.utc).timestamp())
    assert handouts.book_date(pages, str(epoch)) == "2027-05-06"


def test_each_diagram_is_framed_and_still_found_for_print() -> None:
    """hooks/diagram_layout.py frames every Mermaid block; the PDFs still find each source."""
    from core.diagrams import DIAGRAM_FRAME, framed_diagrams

    page = ('<p>x</p><pre class="mermaid"><code>graph TD\nA --&gt; B</code></pre>'
            '<pre class="mermaid"><code>graph LR\nC</code></pre><pre><code>not a diagram</code></pre>')
    framed = framed_diagrams(page)
    assert framed == ('<p>x</p>' + DIAGRAM_FRAME + '<pre class="mermaid"><code>graph TD\nA --&gt; B</code></pre></div>'
                      + DIAGRAM_FRAME + '<pre class="mermaid"><code>graph LR\nC</code></pre></div>'
                      '<pre><code>not a diagram</code></pre>')
    assert diagram_sources(framed) == diagram_sources(page) == ["graph TD\nA --> B", "graph LR\nC"]
    assert framed_diagrams("<p>no diagram</p>") == "<p>no diagram</p>"
