"""Citations end to end: fixture sites built strictly with the real hooks, and the real site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core.citations import find_citations
from core.metadata import study_keys
from core.pages import scan_docs
from bibfixtures import LIMAIEM, TRAINEAU
from sitebuild import ROOT, BuildResult, build, make_site

FRONT = "---\ntitle: {t}\ndescription: A test page.\nkind: about\nreviewed: 2026-01-01\n---\n\n"
ARTICLE = TRAINEAU
CHAPTER = LIMAIEM
DOCS = {
    "index.md": FRONT.format(t="Home") + (
        "# Home\n\nTreatment evidence is thin [@traineau2020treatment]. Osteoma cutis is bone, not calcium "
        "salt [@limaiem2023osteoma; @traineau2020treatment].\n\nCode is left alone: `[@notakey]`.\n\n"
        "See the [list of references](references.md) and the [other page](other.md).\n"),
    "other.md": FRONT.format(t="Other") + "# Other\n\nA second page [@limaiem2023osteoma].\n\n"
                                          "Back [home](index.md).\n",
    "references.md": FRONT.format(t="References") + "# References\n\n<!-- generate: reference-list -->\n",
}
NAV = "  - index.md\n  - other.md\n  - references.md\n"


def site(tmp_path: Path, bib: str) -> BuildResult:
    config = make_site(tmp_path, DOCS, bib={"refs.bib": bib}, nav=NAV)
    return build(config, tmp_path / "site")


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return site(tmp_path_factory.mktemp("good"), ARTICLE + "\n" + CHAPTER)


def html(result: BuildResult, rel: str) -> str:
    return (result.site_dir / rel).read_text(encoding="utf-8")


def test_good_bibliography_builds_cleanly(good: BuildResult) -> None:
    assert good.ok, good.output
    assert good.warnings() == []


def test_page_gets_numbered_ama_references_with_doi_and_pubmed_links(good: BuildResult) -> None:
    page = html(good, "index.html")
    # Numbered in order of first citation; a group of two is joined by a superscript comma.
    assert '<a class="footnote-ref" href="#fn:traineau2020treatment">1</a>' in page
    assert ('<a class="footnote-ref" href="#fn:traineau2020treatment">1</a></sup><sup class="citation-sep">,</sup>'
            '<sup id="fnref:limaiem2023osteoma"><a class="footnote-ref" href="#fn:limaiem2023osteoma">2</a>') in page
    references = page[page.index('<h2 id="references">'):]
    assert references.index('id="fn:traineau2020treatment"') < references.index('id="fn:limaiem2023osteoma"')
    assert "Traineau H, Aggarwal R, Monfort JB, Senet P. Treatment of calcinosis cutis" in references
    assert 'doi:<a href="https://doi.org/10.1016/j.jaad.2019.07.006">' in references
    assert '<a href="https://pubmed.ncbi.nlm.nih.gov/31302187/">31302187</a>' in references
    assert '<a href="https://www.ncbi.nlm.nih.gov/books/NBK559216/">' in references
    assert "<code>[@notakey]</code>" in page


def test_reference_list_page_sorted_with_cited_on_links(good: BuildResult) -> None:
    page = html(good, "references/index.html")
    assert page.index('id="ref-limaiem2023osteoma"') < page.index('id="ref-traineau2020treatment"')
    assert '<a href="../#fnref:limaiem2023osteoma">Home</a>, <a href="../other/#fnref:limaiem2023osteoma">Other' \
        in page
    assert '<a href="../#fnref:traineau2020treatment">Home</a></p>' in page
    assert '<h2 id="references">' not in page  # the list page cites nothing itself


def test_search_finds_a_reference_on_the_references_page_only(good: BuildResult) -> None:
    """Each page's reference list and its footnote numbers stay out of the search index;
    the References page, which lists every entry with the pages citing it, is searched."""
    import json

    index = json.loads(html(good, "search/search_index.json"))["docs"]
    with_title = [doc["location"] for doc in index if "Treatment of calcinosis cutis" in doc["text"]]
    assert with_title == ["references/"]
    home = next(doc for doc in index if doc["location"] == "")
    assert "<p>Treatment evidence is thin. Osteoma cutis is bone, not calcium salt.</p>" in home["text"]
    assert not [doc for doc in index if doc["title"] == "References" and doc["location"] != "references/"]
    page = html(good, "index.html")
    assert '<h2 id="references">References' in page and "data-search" not in page and "<!--cite:" not in page


def test_cited_on_names_pages_that_come_after_the_references_page(tmp_path: Path) -> None:
    """MkDocs converts every page before it builds any page's context, so "Cited on" lists a
    page whose file comes after references.md, without the build reordering its files, and
    the search index holds the list as readers see it."""
    import json

    docs = {**DOCS, "zz-later.md": FRONT.format(t="Later") + "# Later\n\nA third page [@limaiem2023osteoma].\n",
            "other.md": DOCS["other.md"] + "On to the [later page](zz-later.md).\n"}
    config = make_site(tmp_path, docs, bib={"refs.bib": ARTICLE + "\n" + CHAPTER}, nav=NAV + "  - zz-later.md\n")
    result = build(config, tmp_path / "site")
    assert result.ok, result.output
    page = html(result, "references/index.html")
    assert ('<a href="../other/#fnref:limaiem2023osteoma">Other</a>, '
            '<a href="../zz-later/#fnref:limaiem2023osteoma">Later</a></p>') in page
    index = json.loads(html(result, "search/search_index.json"))["docs"]
    listed = next(doc for doc in index if doc["location"].startswith("references/") and "Cited on" in doc["text"])
    assert "<p>Cited on: Home, Other, Later</p>" in listed["text"]


def test_one_bad_entry_fails_the_build_with_that_one_message(tmp_path: Path) -> None:
    result = site(tmp_path, ARTICLE.replace("  volume  = {82},\n", "") + "\n" + CHAPTER)
    assert not result.ok
    assert result.warnings() == [
        "bibliography/refs.bib:1: @article 'traineau2020treatment' lacks the required field 'volume'. "
        "Fix: copy it from the PubMed or publisher record (an article still 'ahead of print' has none: "
        "cite it once it has) [bibtex.missing-field]"
    ]


def test_a_syntax_error_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    result = site(tmp_path, ARTICLE.replace("{2020},", "{2020,") + "\n" + CHAPTER)
    assert not result.ok
    assert "Traceback" not in result.output
    assert result.warnings()[0].startswith(
        "bibliography/refs.bib:1: entry could not be read: Unexpected block start: '@incollection'.")


def test_an_unknown_key_is_reported_and_stays_visible(tmp_path: Path) -> None:
    docs = dict(DOCS, **{"other.md": DOCS["other.md"].replace("@limaiem2023osteoma", "@limaiem2023osteom")})
    config = make_site(tmp_path, docs, bib={"refs.bib": ARTICLE + "\n" + CHAPTER}, nav=NAV)
    result = build(config, tmp_path / "site")
    assert not result.ok
    assert result.warnings() == [
        "docs/other.md:10: unknown citation key 'limaiem2023osteom' (did you mean 'limaiem2023osteoma'?). "
        "Fix: correct the key, or add the reference to a bibliography/*.bib file (see CONTRIBUTING.md) [citation.unknown-key]"
    ]
    assert "Traceback" not in result.output
    assert "&#91;@limaiem2023osteom&#93;" in html(result, "other/index.html")


def assert_every_citation_rendered(docs_dir: Path, site_dir: Path) -> int:
    """Each key cited in each source page is a numbered footnote of that page; returns the count."""
    checked = 0
    pages, _ = scan_docs(str(docs_dir))
    for page in pages.pages.values():
        keys = {k for c in find_citations(page.front.body) for k in c.keys}
        if not keys:
            continue
        stem = page.src_uri[: -len(".md")]
        out = site_dir / ("index.html" if stem == "index" else re.sub(r"(^|/)index$", "", stem) + "/index.html")
        rendered = out.read_text(encoding="utf-8")
        for key in keys:
            assert re.search(rf'<a class="footnote-ref" href="#fn:{key}">\d+</a>', rendered), f"{page.path}: {key}"
            assert f'<li id="fn:{key}">' in rendered, f"{page.path}: {key}"
            checked += 1
        assert "[@" not in re.sub(r"(?s)<code>.*?</code>", "", rendered), page.path
    return checked


def test_no_citation_disappears_in_the_fixture(good: BuildResult) -> None:
    assert assert_every_citation_rendered(good.site_dir.parent / "docs", good.site_dir) == 3


def test_no_citation_disappears_on_the_real_site(real_site: BuildResult) -> None:
    assert assert_every_citation_rendered(ROOT / "docs", real_site.site_dir) > 0


def test_generated_evidence_table_citations_are_rendered(real_site: BuildResult) -> None:
    """The evidence table (inserted at priority 50) cites every therapy's studies as footnotes."""
    pages, _ = scan_docs(str(ROOT / "docs"))
    studies = {key for page in pages.pages.values() for therapy in page.meta.get("therapies") or []
               if isinstance(therapy, dict) for _, key in study_keys(therapy.get("studies"))}
    tables = [p for p in pages.pages.values() if "<!-- generate: evidence-table -->" in p.text]
    assert tables and studies
    for page in tables:
        rendered = (real_site.site_dir / page.src_uri[: -len(".md")] / "index.html").read_text(encoding="utf-8")
        missing = [k for k in sorted(studies) if f'href="#fn:{k}"' not in rendered]
        assert missing == [], page.path


def test_a_citation_renders_wherever_markdown_puts_text(tmp_path: Path) -> None:
    """Citations in a heading, an admonition title, a table cell, a list, a quote, a link
    and emphasis all become numbered footnotes; no mark is left in the page or the index,
    and the contents list shows the heading's words only."""
    body = ("# Home\n\n## Heading with a source [@traineau2020treatment] { #h }\n\n"
            '!!! note "Title [@limaiem2023osteoma]"\n    Body [@traineau2020treatment].\n\n'
            "| A | B |\n|---|---|\n| cell [@limaiem2023osteoma] | x |\n\n"
            "- item [@traineau2020treatment; @limaiem2023osteoma]\n\n> quoted [@limaiem2023osteoma]\n\n"
            "*emphasis [@limaiem2023osteoma]* and links to the [other page](other.md) and the "
            "[references](references.md).\n")
    config = make_site(tmp_path, {**DOCS, "index.md": FRONT.format(t="Home") + body},
                       bib={"refs.bib": ARTICLE + "\n" + CHAPTER}, nav=NAV)
    result = build(config, tmp_path / "site")
    assert result.ok, result.output
    page = html(result, "index.html")
    index = html(result, "search/search_index.json")
    for leftover in ("\ue042", "<!--cite:", "&#91;@"):
        assert leftover not in page and leftover not in index
    assert len(re.findall(r'<a class="footnote-ref" href="#fn:traineau2020treatment">1</a>', page)) == 3
    assert len(re.findall(r'<a class="footnote-ref" href="#fn:limaiem2023osteoma">2</a>', page)) == 5
    contents = re.findall(r'<a href="#h" class="md-nav__link">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', page, re.S)
    assert contents and set(contents) == {"Heading with a source"}  # the contents list: the words only
