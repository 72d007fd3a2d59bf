"""Cross-references (hooks/core/crossrefs.py): one test per rule, exact messages with lines."""

from __future__ import annotations

import datetime as dt
import re

import markdown

from core import crossrefs
from core.crossrefs import scan
from core.pages import build_site
from core.project import Project

FRONT = "---\ntitle: {title}\ndescription: A test page.\nkind: {kind}\nreviewed: 2026-01-01\n{extra}---\n\n"
# Body line 1 is file line 8 when `extra` is empty.


def page(body: str, kind: str = "about", title: str = "T", extra: str = "") -> str:
    return FRONT.format(title=title, kind=kind, extra=extra) + body


def run(pages: dict[str, str], nav: list[str] | None = None) -> list[str]:
    site, problems = build_site([(uri, text.encode()) for uri, text in pages.items()])
    project = Project(root="/p", docs_dir="/p/docs", bib_dir="/p/b", includes_dir="/p/i",
                      nav=nav or [], today=dt.date(2026, 11, 21))
    return [str(p) for p in sorted(problems + crossrefs.check(site, project))]


HOME = "# Home\n\nSee [a](a.md) and [b](sub/b.md).\n"


def test_linked_pages_with_explicit_section_ids_pass() -> None:
    assert run({
        "index.md": page(HOME),
        "a.md": page("# A\n\nSee [histology](sub/b.md#histopathology) and [below](#a-local-section).\n\n"
                     "## A local section\n\nText.\n"),
        "sub/b.md": page("# B\n\n## Histopathology { #histopathology }\n\nBack to [a](../a.md).\n"),
    }, nav=["index.md", "a.md", "sub/b.md"]) == []


def test_link_to_a_missing_page() -> None:
    assert run({
        "index.md": page(HOME),
        "a.md": page("# A\n\nText.\n\nSee [b](b.md).\n"),
        "sub/b.md": page("# B\n"),
    }) == [
        "docs/a.md:12: link to 'b.md' points to no page (docs/b.md does not exist). "
        "Fix: did you mean 'sub/b.md'? links are relative to this file's folder; check the path and the file name [links.missing-page]"
    ]


def test_link_to_a_missing_section() -> None:
    assert run({
        "index.md": page(HOME),
        "a.md": page("# A\n\nSee [b](sub/b.md#histology).\n"),
        "sub/b.md": page("# B\n\n## Histopathology { #histopathology }\n\n## Imaging { #imaging }\n"),
    }) == [
        "docs/a.md:10: link to 'sub/b.md#histology' names no section of docs/sub/b.md. "
        "Fix: the section ids of docs/sub/b.md are: histopathology, imaging; "
        "or add '{ #histology }' to the heading you mean [links.missing-anchor]"
    ]


def test_link_to_another_pages_section_needs_an_explicit_id() -> None:
    assert run({
        "index.md": page(HOME),
        "a.md": page("# A\n\nSee [b](sub/b.md#histopathology).\n"),
        "sub/b.md": page("# B\n\nIntro.\n\n## Histopathology\n\nText.\n"),
    }) == [
        "docs/a.md:10: link to 'sub/b.md#histopathology' targets the heading 'Histopathology' (docs/sub/b.md:12), "
        "which has no explicit id. Fix: add '{ #histopathology }' to the end of that heading, so retitling it "
        "cannot break this link [links.implicit-anchor]"
    ]


def test_link_to_a_missing_section_of_the_same_page() -> None:
    assert run({
        "index.md": page(HOME),
        "a.md": page("# A\n\nSee [below](#risks).\n\n## Risk factors\n"),
        "sub/b.md": page("# B\n"),
    }) == [
        "docs/a.md:10: link to '#risks' names no section of this page. "
        "Fix: the section ids of this page are: a, risk-factors; or add '{ #risks }' to the heading you mean [links.missing-anchor]"
    ]


def test_orphan_page() -> None:
    assert run({
        "index.md": page("# Home\n\nSee [a](a.md).\n"),
        "a.md": page("# A\n"),
        "sub/b.md": page("# B\n\nSee [a](../a.md).\n"),
    }) == [
        "docs/sub/b.md:1: page is linked from no other page (an orphan). Fix: link to it from the text of a related "
        "page, or relate it in front matter (e.g. see_also) so that it appears in another page's Related pages block [links.orphan]"
    ]


def test_a_relation_links_pages_through_their_related_blocks() -> None:
    assert run({
        "index.md": page("# Home\n\nSee [a](a.md).\n"),
        "a.md": page("# A\n", kind="type"),
        "sub/c.md": page("# C\n", kind="condition", extra="causes: [a]\n"),
    }) == []


def test_page_not_in_the_nav() -> None:
    assert run({
        "index.md": page(HOME),
        "a.md": page("# A\n"),
        "sub/b.md": page("# B\n"),
    }, nav=["index.md", "a.md"]) == [
        "docs/sub/b.md:1: page is not in the nav. Fix: add 'sub/b.md' to the nav in mkdocs.yml, in its section [links.not-in-nav]"
    ]


def test_links_in_code_are_not_checked() -> None:
    body = "# A\n\nWrite `[x](missing.md)` like this:\n\n```markdown\n[x](missing.md#nowhere)\n```\n"
    assert run({"index.md": page(HOME), "a.md": page(body), "sub/b.md": page("# B\n")}) == []


def test_external_links_images_and_footnotes_are_not_checked() -> None:
    body = "# A\n\n[w](https://example.org/x.md) ![i](img.png) [m](mailto:a@b.c) [f](#fn:1)\n"
    assert run({"index.md": page(HOME), "a.md": page(body), "sub/b.md": page("# B\n")}) == []


def test_reference_style_and_html_links_are_checked() -> None:
    body = '# A\n\nSee [b][ref] and <a href="c.md">c</a>.\n\n[ref]: sub/b.md#nowhere\n'
    assert run({"index.md": page(HOME), "a.md": page(body), "sub/b.md": page("# B\n")}) == [
        "docs/a.md:10: link to 'c.md' points to no page (docs/c.md does not exist). "
        "Fix: links are relative to this file's folder; check the path and the file name [links.missing-page]",
        "docs/a.md:12: link to 'sub/b.md#nowhere' names no section of docs/sub/b.md. "
        "Fix: docs/sub/b.md has no section ids; or add '{ #nowhere }' to the heading you mean [links.missing-anchor]",
    ]


def test_heading_ids_mirror_python_markdown_toc() -> None:
    text = page("# Title\n\n## Risk *factors* and `PTH` { #risk }\n\n## Risk factors\n\n## Risk factors\n\n"
                "## Café [au lait](x.md) ##\n\nA paragraph\n{ #block-id }\n\n{ #not-an-id }\n\n<span id=\"raw\"></span>\n")
    site, _ = build_site([("a.md", text.encode())])
    anchors, _ = scan(site.pages["a"])
    assert list(anchors.ids) == ["risk", "block-id", "raw", "title", "risk-factors", "risk-factors_1", "cafe-au-lait"]
    assert anchors.explicit_ids() == ["risk", "block-id", "raw"]
    assert anchors.ids["risk-factors"].line == 12


def test_generated_sections_can_be_linked() -> None:
    assert run({
        "index.md": page(HOME),
        "a.md": page("# A\n\nA fact [@key]. See the [references](#references) and [b](sub/b.md#related-pages).\n"),
        "sub/b.md": page("# B\n", extra="see_also: [a]\n"),
    }) == []


def test_a_link_to_an_unreadable_file_reports_only_that_files_fault() -> None:
    site, problems = build_site([
        ("index.md", page(HOME).encode()),
        ("a.md", page("# A\n\nSee [home](index.md).\n").encode()),
        ("sub/b.md", b"---\ntitle: B\n---\n\ncaf\xe9\n"),
    ])
    project = Project(root="/p", docs_dir="/p/docs", bib_dir="/p/b", includes_dir="/p/i",
                      today=dt.date(2026, 11, 21))
    assert [str(p) for p in sorted(problems + crossrefs.check(site, project))] == [
        "docs/sub/b.md:5: file is not valid UTF-8 (byte 0xe9 at offset 21). "
        "Fix: save the file as UTF-8 in your editor (File > Save with encoding > UTF-8) [page.not-utf8]"
    ]


def test_repeated_headings_get_the_ids_python_markdown_gives() -> None:
    body = "# A\n\n## x_1\n\n## x\n\n## x\n\nText.\n"
    site, _ = build_site([("a.md", f"---\ntitle: A\ndescription: A.\nkind: about\nreviewed: 2026-01-01\n---\n\n{body}"
                           .encode())])
    anchors, _ = scan(site.pages["a"])
    html = markdown.markdown(body, extensions=["toc"])
    assert sorted(anchors.ids) == sorted(re.findall(r'id="([^"]+)"', html)) == ["a", "x", "x_1", "x_2"]
