"""`make verify` (hooks/core/verify.py, tools/verify.py): the built site checked without MkDocs.

Small broken sites written by hand, each asserting the exact line; the real site the suite
builds, which must pass; the constants verify shares with the hooks that write what it
looks for, so that a change on one side fails here instead of silently passing every site;
and Chromium itself, loading pages written to be read in unusual ways: every request it
makes to another host must be one make verify flags.
"""

from __future__ import annotations

import base64
import datetime as dt
import html as htmlmod
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from core import citations, metadata, reviews
from core.verify import (
    CODES, CLINICAL_KINDS, REFERENCES_ID, REVIEW_CLASS, Expected, Origin, css_urls, data_media_type, expected_pages,
    html_problems, known_scripts, SiteProblem, local_target, output_path, srcset_urls, stylesheet_problems, verify_site,
)
from sitebuild import ROOT, BuildResult

sys.path.insert(0, str(ROOT / "tools"))

from localbrowser import chromium_missing, launch  # noqa: E402

DAY = dt.date(2026, 11, 2)
REVIEW = reviews.review_html(DAY, DAY, None)
REFS = ('<h2 id="references">References</h2>\n<div class="footnote">\n<hr />\n<ol>\n'
        '<li id="fn:smith2020">\n<p>Smith J. A study.</p>\n</li>\n</ol>\n</div>')
CLINICAL = Expected("docs/types/x.md", "type", DAY)
ABOUT = Expected("docs/about/x.md", "about", DAY)
HOST_FIX = ("serve the file from the site itself (under docs/ or assets/, as hooks/mermaid_assets.py does for "
            "Mermaid) or remove it: readers' browsers must contact no other host [verify.other-host]")
REBUILD = "build with `make site`, whose hooks write it (a site built without them must not be published)"


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head><title>X</title>{head}</head><body><article><h1>X</h1>{body}</article></body></html>"


def lines(html: str, expected: Expected | None = CLINICAL, site_url: str | None = None) -> list[str]:
    return [str(p) for p in sorted(html_problems("site/types/x/index.html", html, expected, Origin(site_url)))]


GOOD = page(REVIEW + "<p>Text.<sup id=\"fnref:smith2020\"><a class=\"footnote-ref\" href=\"#fn:smith2020\">1</a>"
            "</sup></p>" + REFS)


# ── what the hooks write passes ────────────────────────────────────────────────────

def test_a_page_as_the_hooks_write_it_passes() -> None:
    assert lines(GOOD) == []


def test_constants_agree_with_the_hooks() -> None:
    assert set(CLINICAL_KINDS) == set(metadata.CLINICAL) == set(citations.CLINICAL_KINDS)
    assert f"#{REFERENCES_ID} " in citations.REFERENCES_HEADING
    assert f'class="{REVIEW_CLASS}"' in REVIEW and ">Last reviewed<" not in REVIEW  # no link without a policy page
    assert 'Last reviewed</a>' in reviews.review_html(DAY, DAY, "policy/#review-dates")


def test_every_code_is_used_and_has_its_row_in_contributing() -> None:
    source = (ROOT / "hooks" / "core" / "verify.py").read_text(encoding="utf-8")
    used = set(re.findall(r'"(verify\.[a-z0-9-]+)"\)', source))
    declared = {code for code in CODES if code.startswith("verify.")}  # the verify family of core/codes.py
    assert used == declared
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(verify\.[a-z0-9-]+)` \|", contributing, re.MULTILINE)
    assert sorted(rows) == sorted(declared), "one row per make verify code in CONTRIBUTING.md"
    with pytest.raises(ValueError, match="undeclared make verify code 'verify.nope'"):
        SiteProblem("site/x.html", 0, "what", "fix", "verify.nope")


def test_an_about_page_needs_no_reference_list() -> None:
    assert lines(page(REVIEW + "<p>Text.</p>"), ABOUT) == []


def test_a_page_outside_docs_needs_no_review_line() -> None:
    assert lines(page("<p>Not found.</p>"), None) == []


# ── the text ────────────────────────────────────────────────────────────────────────

def test_a_citation_left_as_typed() -> None:
    html = GOOD.replace("<p>Text.", "<p>As shown [@smith2021; @lee2019] before.")
    assert lines(html) == [
        "site/types/x/index.html: a citation left as typed, '[@smith2021; @lee2019]', in the text. Fix: check the "
        f"citation in docs/types/x.md (`make check` names any fault), then {REBUILD} [verify.raw-citation]"
    ]


def test_each_citation_left_as_typed_is_listed() -> None:
    html = GOOD.replace("<p>Text.", "<p>First [@a2020], then [@b2021; and more text.")
    assert [line.split(". Fix")[0] for line in lines(html)] == [
        "site/types/x/index.html: a citation left as typed, '[@a2020]', in the text",
        "site/types/x/index.html: a citation left as typed, '[@b2021; and more text.', in the text"]


def test_a_citation_escaped_as_entities_is_still_found() -> None:
    html = GOOD.replace("<p>Text.", "<p>As shown &#91;@smith2021&#93; before.")
    assert [line.split(". Fix")[0] for line in lines(html)] == [
        "site/types/x/index.html: a citation left as typed, '[@smith2021]', in the text"]


def test_citations_and_markers_in_code_are_examples() -> None:
    html = GOOD.replace("<p>Text.", "<p>Write <code>[@key]</code> or <code>&lt;!-- generate: evidence-map --&gt;"
                                    "</code>.</p><pre><code>[@a; @b]</code></pre><p>Text.")
    assert lines(html) == []


def test_a_leftover_generate_marker() -> None:
    html = GOOD.replace("<p>Text.", "<!-- generate: evidence-table --><p>Text.")
    assert lines(html) == [
        "site/types/x/index.html: a generated block was never filled: '<!-- generate: evidence-table -->' is still "
        f"in the page. Fix: check the marker's name in docs/types/x.md, then {REBUILD} [verify.generate-marker]"
    ]


def test_a_generate_marker_shown_as_text() -> None:
    html = GOOD.replace("<p>Text.", "<p>&lt;!-- generate: overview --&gt; Text.")
    assert [line.split(". Fix")[0] for line in lines(html)] == [
        "site/types/x/index.html: a generated block was never filled: '<!-- generate: overview -->' is still in "
        "the page"]


def test_a_marker_without_its_end_is_still_found() -> None:
    html = GOOD.replace("<p>Text.", "<p>&lt;!-- generate: table\n</p><p>Text.")
    assert [line.split(". Fix")[0] for line in lines(html)] == [
        "site/types/x/index.html: a generated block was never filled: '<!-- generate: table' is still in the page"]


def test_other_comments_are_fine() -> None:
    assert lines(GOOD.replace("<p>Text.", "<!-- references: placed by hooks/citations.py --><p>Text.")) == []


# ── the review line and the references ─────────────────────────────────────────────

def test_a_page_without_its_review_line() -> None:
    assert lines(GOOD.replace(REVIEW, "")) == [
        "site/types/x/index.html: no 'Last reviewed' line under the title. Fix: give docs/types/x.md its "
        f"'reviewed:' date, then {REBUILD} [verify.no-review-line]"
    ]


def test_a_review_line_with_another_date_is_stale() -> None:
    old = reviews.review_html(dt.date(2025, 1, 31), DAY, None)
    assert lines(GOOD.replace(REVIEW, old)) == [
        "site/types/x/index.html: the 'Last reviewed' line shows 2025-01-31, but docs/types/x.md says reviewed: "
        f"2026-11-02 (2 November 2026). Fix: the site is stale: {REBUILD} [verify.review-date]"
    ]


def test_a_clinical_page_without_its_reference_list() -> None:
    assert lines(GOOD.replace(REFS, "")) == [
        "site/types/x/index.html: a clinical page (kind: type) without its reference list. Fix: cite the sources "
        f"of docs/types/x.md with [@key] (make check lists the uncited sections), then {REBUILD} "
        "[verify.no-references]"
    ]


def test_a_references_heading_with_an_empty_list_is_not_a_reference_list() -> None:
    empty = '<h2 id="references">References</h2>\n<div class="footnote"><hr /><ol></ol></div>'
    assert [line.split(" [")[-1] for line in lines(GOOD.replace(REFS, empty))] == ["verify.no-references]"]


# ── what the browser fetches ────────────────────────────────────────────────────────

@pytest.mark.parametrize(("markup", "what", "url"), [
    ('<script src="https://cdn.example/m.js"></script>', "<script src>", "https://cdn.example/m.js"),
    ('<img alt="" src="//images.example/a.png">', "<img src>", "//images.example/a.png"),
    ('<img alt="" src="a.png" srcset="a.png 1x, https://images.example/b.png 2x">', "<img srcset>",
     "https://images.example/b.png"),
    ('<picture><source srcset="http://images.example/c.webp"><img alt="" src="c.png"></picture>',
     "<source srcset>", "http://images.example/c.webp"),
    ('<iframe src="https://video.example/embed/1"></iframe>', "<iframe src>", "https://video.example/embed/1"),
    ('<video src="v.mp4" poster="https://video.example/p.jpg"></video>', "<video poster>",
     "https://video.example/p.jpg"),
    ('<object data="https://x.example/a.swf"></object>', "<object data>", "https://x.example/a.swf"),
    ('<form action="https://forms.example/submit"><button>Go</button></form>', "<form action>",
     "https://forms.example/submit"),
    ('<a href="a/" ping="https://track.example/p">A</a>', "<a ping>", "https://track.example/p"),
    ('<svg><image href="https://x.example/i.png"></image></svg>', "<image href>", "https://x.example/i.png"),
    ('<iframe srcdoc="<img alt=x src=https://x.example/s.png>"></iframe>', "<img src>", "https://x.example/s.png"),
    ('<p style="background: url( \'https://x.example/bg.png\' )">T</p>', "CSS url() in <p style>",
     "https://x.example/bg.png"),
    ('<style>@import "https://fonts.example/css";</style>', "CSS @import in <style>", "https://fonts.example/css"),
    ('<style>.a { background: u\\72l(https://x.example/e.png) }</style>', "CSS url() in <style>",
     "https://x.example/e.png"),
])
def test_a_resource_from_another_host(markup: str, what: str, url: str) -> None:
    assert lines(GOOD.replace("<p>Text.", markup + "<p>Text.")) == [
        f"site/types/x/index.html: {what} loads '{url}' from another host. Fix: {HOST_FIX}"]


@pytest.mark.parametrize(("head", "what", "url"), [
    ('<link rel="stylesheet" href="https://cdn.example/a.css">', '<link rel="stylesheet" href>',
     "https://cdn.example/a.css"),
    ('<link rel="icon" href="https://cdn.example/f.png">', '<link rel="icon" href>', "https://cdn.example/f.png"),
    ('<link rel="preload" as="font" href="https://fonts.example/f.woff2">', '<link rel="preload" href>',
     "https://fonts.example/f.woff2"),
    ('<link rel="prefetch" href="https://cdn.example/next.js">', '<link rel="prefetch" href>',
     "https://cdn.example/next.js"),
    ('<link rel="preconnect" href="https://fonts.example">', '<link rel="preconnect" href>', "https://fonts.example"),
    ('<link rel="canonical stylesheet" href="https://cdn.example/b.css">', '<link rel="canonical stylesheet" href>',
     "https://cdn.example/b.css"),
    ('<base href="https://elsewhere.example/">', "<base href>", "https://elsewhere.example/"),
    ('<meta http-equiv="Refresh" content="0; URL=\'https://elsewhere.example/r\'">', "<meta content>",
     "https://elsewhere.example/r"),
])
def test_a_head_resource_from_another_host(head: str, what: str, url: str) -> None:
    assert lines(page(REVIEW + REFS, head)) == [
        f"site/types/x/index.html: {what} loads '{url}' from another host. Fix: {HOST_FIX}"]


def test_links_that_fetch_nothing_may_go_anywhere() -> None:
    head = ('<link rel="canonical" href="https://calcinosis.example/types/x/">'
            '<link rel="prev" href="https://elsewhere.example/">'
            '<link rel="alternate" type="application/rss+xml" href="https://feeds.example/rss">')
    body = ('<p><a href="https://doi.org/10.1/x">DOI</a> <q cite="https://source.example/">q</q></p>'
            '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>')
    assert lines(page(REVIEW + body + REFS, head)) == []


def test_relative_data_and_same_site_urls_are_fine() -> None:
    body = ('<img alt="" src="../../assets/a.png" srcset="a.png 1x, /b.png 2x">'
            '<img alt="" src="data:image/png;base64,iVBORw0KGgo=">'
            '<script src="https://calcinosis.example/assets/m.js"></script>'
            '<p style="background:url(\'data:image/svg+xml;utf8,<svg/>\')">T</p>')
    assert lines(page(REVIEW + body + REFS), site_url="https://calcinosis.example/") == []
    assert [line.split(" loads")[0] for line in lines(page(REVIEW + body + REFS))] == [
        "site/types/x/index.html: <script src>"]


def test_a_data_url_is_an_image_or_a_font_and_a_data_svg_only_an_image() -> None:
    evil = "https://evil.example/x.png"
    svg = f'<svg xmlns="http://www.w3.org/2000/svg"><image href="{evil}"/></svg>'
    body = ('<script src="data:text/javascript,fetch(1)"></script>'
            '<link rel="stylesheet" href="data:text/css,@import%20url(x.css)">'
            f'<iframe src="data:image/svg+xml,{quote(svg)}"></iframe>'
            f'<object data="data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()}"></object>'
            '<img alt="" src="data:,plain">'
            f'<img alt="" src="data:image/svg+xml,{quote(svg)}">'
            '<img alt="" src="data:image/png;base64,iVBORw0KGgo=">'
            "<p style=\"background:url('data:font/woff2;base64,d09GMg==')\">T</p>")
    document = ("loads a data: SVG as a document, where it may load anything. Fix: show it with <img> or as a CSS "
                "image, or serve it as a file of the site [verify.data-url]")
    other = ("only images and fonts may be written as data: URLs; serve anything else as a file of the site "
             "[verify.data-url]")
    assert lines(page(REVIEW + body + REFS)) == [
        f"site/types/x/index.html: <iframe src> {document}",
        f"site/types/x/index.html: <img src> loads a data: URL of type 'text/plain'. Fix: {other}",
        f"site/types/x/index.html: <link rel=\"stylesheet\" href> loads a data: URL of type 'text/css'. Fix: {other}",
        f"site/types/x/index.html: <object data> {document}",
        f"site/types/x/index.html: <script src> loads a data: URL of type 'text/javascript'. Fix: {other}",
    ]


def test_data_urls_are_read_as_a_browser_reads_them() -> None:
    # the type alone, in lower case, whatever its parameters; none is text/plain; a lone
    # surrogate from a CSS escape is no crash
    assert data_media_type("data:text/css;base64;x=y,QQ==") == "text/css"
    assert data_media_type(" DATA:Image/SVG+XML ;BASE64,PHN2Zy8+") == "image/svg+xml"
    assert data_media_type("data:image/s\tvg+xml,<svg/>") == "image/svg+xml"
    assert data_media_type("data:;base64,QQ==") == data_media_type("data:,x") == "text/plain"
    css = 'a{background:url("data:text/html,\\D800")} b{background:url("data:image/svg+xml,\\D800")}'
    assert [p.code for p in stylesheet_problems("s.css", css, Origin(None))] == ["verify.data-url"]


def test_an_svg_fetches_through_any_prefix_presentation_attributes_and_animations() -> None:
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:l="http://www.w3.org/1999/xlink">'
           '<image l:href="https://evil.example/1.png"/>'
           '<foreignObject><h:object xmlns:h="http://www.w3.org/1999/xhtml" data="https://evil.example/2"/>'
           '</foreignObject><rect fill="url(https://evil.example/3.svg#g)" filter="url(#here)"/>'
           '<image><set attributeName="href" to="https://evil.example/4.png"/></image>'
           '<a l:href="https://elsewhere.example/"><text>a link</text></a></svg>')
    found = [p.what for p in html_problems("site/d.svg", svg, None, Origin(None))]
    assert found == ["<image l:href> loads 'https://evil.example/1.png' from another host",
                     "<h:object data> loads 'https://evil.example/2' from another host",
                     "CSS url() in <rect fill> loads 'https://evil.example/3.svg#g' from another host",
                     "<set to> loads 'https://evil.example/4.png' from another host"], found


def test_frames_within_frames_are_read_three_deep_then_refused() -> None:
    inner = '<img src="https://evil.example/x.png">'
    for _ in range(5):
        inner = f'<iframe srcdoc="{htmlmod.escape(inner)}"></iframe>'
    found = lines(page(REVIEW + inner + REFS))
    assert len(found) == 1 and found[0].endswith("[verify.unchecked]"), found


def test_an_svg_file_whose_stylesheet_instruction_loads_from_another_host(tmp_path: Path) -> None:
    (tmp_path / "site" / "assets").mkdir(parents=True)
    (tmp_path / "site" / "assets" / "d.svg").write_text(
        '<?xml version="1.0"?>\n<?xml-stylesheet type="text/css" href="https://evil.example/s.css"?>\n'
        '<?xml-stylesheet title="href=\'\'" href="&#47;&#47;evil.example/t.css"?>\n'
        "<?xml-stylesheet href=unquoted.css?>\n"
        '<svg xmlns="http://www.w3.org/2000/svg"/>\n', encoding="utf-8")
    report = verify_site(tmp_path / "site", "site", {})
    elsewhere = ("from another host. Fix: serve the file from the site itself (under docs/ or assets/, as "
                 "hooks/mermaid_assets.py does for Mermaid) or remove it: readers' browsers must contact no other host "
                 "[verify.other-host]")
    assert [str(p) for p in report.problems] == [
        f"site/assets/d.svg:2: <?xml-stylesheet href?> loads 'https://evil.example/s.css' {elsewhere}",
        f"site/assets/d.svg:3: <?xml-stylesheet href?> loads '//evil.example/t.css' {elsewhere}",
        "site/assets/d.svg:4: an <?xml-stylesheet?> instruction that cannot be read. Fix: remove it: a drawing of the "
        "site needs no stylesheet instruction [verify.unchecked]"]


def test_a_script_url_is_refused_by_its_scheme() -> None:
    html = GOOD.replace("<p>Text.", '<iframe src="javascript:alert(1)"></iframe><p>Text.')
    assert lines(html) == [
        "site/types/x/index.html: <iframe src> loads a 'javascript:' URL ('javascript:alert(1)'). Fix: use a "
        "relative URL to a file of the site, or remove it [verify.url-scheme]"]


def test_srcset_urls_follow_the_candidate_grammar() -> None:
    assert srcset_urls("a.png 1x, b.png 2x") == ["a.png", "b.png"]
    assert srcset_urls("a.png,b.png") == ["a.png,b.png"]  # a URL may hold commas
    assert srcset_urls("a.png, , b.png 100w,c.png") == ["a.png", "b.png", "c.png"]
    assert srcset_urls("  ") == []


def test_css_urls_as_a_browser_tokenizes_them() -> None:
    css = ('/* url(https://comment.example/) */\n@import url("https://a.example/x.css") screen;\n'
           '@import \'b.css\';\n@font-face { src: url(f.woff2) format("woff2"), local(x) }\n'
           '.a { background-image: image-set("https://c.example/1.png" 1x, "2.png" 2x) }\n'
           '@media print { .b { background: url(https://d.example/p.png) } }')
    assert css_urls(css) == [
        (2, "url()", "https://a.example/x.css"), (3, "@import", "b.css"), (4, "url()", "f.woff2"),
        (5, "image-set()", "https://c.example/1.png"), (5, "image-set()", "2.png"),
        (6, "url()", "https://d.example/p.png")]


# ── a whole site folder ─────────────────────────────────────────────────────────────

@pytest.mark.parametrize(("url", "site_url", "target"), [
    ("../../assets/a.png", None, "assets/a.png"),
    ("b.png?v=2#x", None, "types/x/b.png"),
    ("../", None, "types/index.html"),
    ("", None, ""),
    ("#top", None, ""),
    ("/assets/m%20n.js", None, "assets/m n.js"),
    ("/calcinosis-reference/assets/a.png", "https://c.example/calcinosis-reference/", "assets/a.png"),
    ("/assets/a.png", "https://c.example/calcinosis-reference/", None),  # outside the site on its host
    ("https://c.example/calcinosis-reference/assets/a.png", "https://c.example/calcinosis-reference/",
     "assets/a.png"),
    ("../../../../etc/x.png", None, "etc/x.png"),  # a browser stops at the root
    ("../../../x.png", "https://c.example/calcinosis-reference/", None),
    ("../../", "https://c.example/calcinosis-reference/", "index.html"),
])
def test_local_target_resolves_as_a_browser_does(url: str, site_url: str | None, target: str | None) -> None:
    assert local_target(url, Origin(site_url, Path("/site"), "types/x/index.html")) == target


def test_a_local_script_the_build_left_out(tmp_path: Path) -> None:
    # Zensical ignores hooks/mermaid_assets.py: the page names the site's Mermaid, which is
    # not there, and Material's bundle then fetches it from unpkg.com.
    _write(tmp_path, {
        "types/x/index.html": page(REVIEW + '<script src="../../assets/javascripts/mermaid.min.js"></script>'
                                   '<img alt="" src="../../assets/here.png">' + REFS),
        "assets/here.png": b"png",
        "assets/site.css": ".a{background:url(../missing.png)}\n.b{background:url(here.png)}\n",
    })
    report = verify_site(tmp_path, "site", {}, None)
    assert [str(p) for p in report.problems] == [
        "site/assets/site.css:1: CSS url() loads '../missing.png', which is not in the site. Fix: the build left it "
        f"out: {REBUILD} [verify.missing-file]",
        "site/types/x/index.html: <script src> loads '../../assets/javascripts/mermaid.min.js', which is not in the "
        f"site. Fix: the build left it out: {REBUILD} [verify.missing-file]",
    ]

def test_a_drawing_is_read_whatever_the_case_of_its_suffix(tmp_path: Path) -> None:
    _write(tmp_path, {"assets/UP.SVG": '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://x.example/u.png"/></svg>'})
    report = verify_site(tmp_path, "site", {}, None)
    assert [str(p) for p in report.problems] == [
        f"site/assets/UP.SVG: <image href> loads 'https://x.example/u.png' from another host. Fix: {HOST_FIX}"]


def test_files_of_other_types_and_links_are_refused_unread(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _write(site, {"index.html": page(REVIEW + "<p>Welcome.</p>"), "sitemap.xml.gz": b"\x1f\x8b",
                  "assets/app.js": "x()", "pdf/a.pdf": b"%PDF", "search/search_index.json": '{"config": {}, "docs": []}',
                  "a.xht": "<html xmlns='http://www.w3.org/1999/xhtml'><script>x()</script></html>",
                  "b.shtml": "<!--#include virtual='/etc/passwd'-->", ".htaccess": "Options +Includes",
                  "CNAME": "example.org",
                  "feed.xml": '<?xml-stylesheet href="https://evil.example/s.xsl"?><feed/>'})
    (site / "linked.html").symlink_to(tmp_path / "elsewhere.html")
    (site / "dir").symlink_to(tmp_path)
    report = verify_site(site, "site", {}, None)
    other = ("a file of a type the site does not publish. Fix: remove it: a site holds pages (.html), drawings (.svg), "
             "stylesheets, scripts, images, fonts, PDFs and the search index and sitemap, and a host could serve any "
             "other file as a page or read it as its settings [verify.file-type]")
    link = f"a symbolic link: the host would publish whatever it points to. Fix: a built site holds files only: {REBUILD} [verify.symlink]"
    assert [str(p) for p in report.problems] == [
        f"site/.htaccess: {other}", f"site/CNAME: {other}", f"site/a.xht: {other}", f"site/b.shtml: {other}",
        f"site/dir: {link}", f"site/feed.xml: {other}", f"site/linked.html: {link}"]
    assert (report.pages, report.stylesheets) == (1, 0)


def test_names_a_host_may_read_otherwise_special_files_and_hard_links_are_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _write(site, {"index.html": page(REVIEW + "<p>Welcome.</p>"), "sitemap.xml.gz": b"\x1f\x8b",
                  "page/index.html.gz": b"\x1f\x8b", "evil.html.map": "{}", "_worker.js": "x()",
                  "_routes.json": "{}", "assets/_headers/a.css": "a{}", "other.json": "{}",
                  "assets/javascripts/bundle.a5f9d56c.min.js": "x()",
                  "assets/stylesheets/main.57a0d79d.min.css.map": "{}"})
    os.mkfifo(site / "fifo.html")
    os.link(site / "index.html", site / "again.html")
    report = verify_site(site, "site", {}, None)
    other = ("a file of a type the site does not publish. Fix: remove it: a site holds pages (.html), drawings (.svg), "
             "stylesheets, scripts, images, fonts, PDFs and the search index and sitemap, and a host could serve any "
             "other file as a page or read it as its settings [verify.file-type]")
    hard = ("a hard link: the same file is also outside the site, or twice in it. Fix: a built site holds files of "
            f"its own: {REBUILD} [verify.symlink]")
    assert [str(p) for p in report.problems] == [
        f"site/_routes.json: {other}", f"site/_worker.js: {other}", f"site/again.html: {hard}",
        f"site/assets/_headers/a.css: {other}", f"site/evil.html.map: {other}",
        f"site/fifo.html: not a regular file (a pipe, socket or device), which is never read. Fix: a built site holds "
        f"files only: {REBUILD} [verify.unreadable]",
        f"site/index.html: {hard}", f"site/other.json: {other}", f"site/page/index.html.gz: {other}"]


def test_a_search_index_is_held_to_the_allowlist_of_a_page(tmp_path: Path) -> None:
    index = {"config": {"lang": ["en"]}, "docs": [
        {"location": "", "title": "Home", "text": "<p>Plain <code>words</code>.</p>", "boost": 1,
         "tags": ["a tag"], "keywords": "words"},
        {"location": "x/", "title": "X", "text": 'Zebra <img src="https://evil.example/i.png" onerror="x()">'},
        {"location": "javascript:alert(1)", "title": "<b onclick=x()>Y</b>", "text": ""},
        {"location": "z/", "title": "Z", "text": "", "tags": ["<img src=x>"], "script": "x()"},
        {"location": "w/", "title": "W", "text": "", "tags": ["<img src=x>"]}]}
    _write(tmp_path, {"search/search_index.json": json.dumps(index)})
    fix = f"Fix: the index is written by the search plugin from the pages: {REBUILD} [verify.search-index]"
    assert [str(p) for p in verify_site(tmp_path, "site", {}, None).problems] == [
        f"site/search/search_index.json: search index entry 'javascript:alert(1)' points off the site. {fix}",
        "site/search/search_index.json: search index entry 'javascript:alert(1)': its title contains an attribute "
        f"'onclick' on <b>. {fix}",
        "site/search/search_index.json: search index entry 'w/': its tags, keywords or boost are not plain text and "
        f"a number. {fix}",
        "site/search/search_index.json: search index entry 'x/': its text contains <img src> loading "
        f"'https://evil.example/i.png' from another host. {fix}",
        f"site/search/search_index.json: search index entry 3 is not an entry of Material's index. {fix}"]
    _write(tmp_path, {"search/search_index.json": "[1]"})
    assert [p.what for p in verify_site(tmp_path, "site", {}, None).problems] == [
        "the search index is not Material's: an object of 'config' and 'docs'"]


@pytest.mark.parametrize("content", ["0; url=https://evil.example/r", "0; https://evil.example/r",
                                     "0 https://evil.example/r", "0;'https://evil.example/r'", "5,URL = \"https://evil.example/r\"",
                                     ".5; URL='https://evil.example/r' trailing"])
def test_a_refresh_is_read_as_the_html_standard_reads_it(content: str) -> None:
    found = lines(page(REVIEW + REFS, head=f'<meta http-equiv="refresh" content="{htmlmod.escape(content)}">'))
    assert found == [f"site/types/x/index.html: <meta content> loads 'https://evil.example/r' from another host. "
                     f"Fix: {HOST_FIX}"]


def test_a_refresh_without_an_address_reloads_the_page() -> None:
    assert lines(page(REVIEW + REFS, head='<meta http-equiv="refresh" content="30">')) == []


def test_an_xml_file_with_a_dtd_of_its_own_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, {"ent.svg": '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY e "https://evil.example/d">]>\n'
                                 '<svg xmlns="http://www.w3.org/2000/svg"><image href="&e;.png"/></svg>',
                      "plain.svg": '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
                                   '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg/>'})
    assert [str(p) for p in verify_site(tmp_path, "site", {}, None).problems] == [
        f"site/ent.svg: <image href> loads '&e;.png', which is not in the site. Fix: the build left it out: {REBUILD} "
        "[verify.missing-file]",
        "site/ent.svg:2: a DTD of the file's own ('<!DOCTYPE svg ['), which a browser reading the file as XML acts "
        "on and this check does not read. Fix: remove the DOCTYPE's internal subset, its entities and attribute "
        "lists: a drawing or page of the site needs none [verify.unchecked]"]


def test_a_folder_that_cannot_be_read_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, {"index.html": page(REVIEW + "<p>Welcome.</p>"), "closed/x.html": "<img src=//evil.example/x>"})
    listing = os.scandir

    def scandir(path: Any = ".") -> Any:  # as for a folder of mode 000 (root would read it)
        if str(path).endswith("closed"):
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert [str(p) for p in verify_site(tmp_path, "site", {}, None).problems] == [
        "site/closed: a folder that cannot be read, so its files are not checked. Fix: make it readable (chmod), or "
        "build again into an empty folder [verify.unreadable]"]


def test_a_file_name_that_is_not_utf8_is_shown_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / os.fsdecode(b"bad\xffname.php")).write_text("x", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "verify.py"), "--site-dir", str(tmp_path)],
                            capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"{tmp_path}/bad\\udcffname.php: a file of a type the site does not publish." in result.stdout


def test_only_the_scripts_the_templates_and_the_hooks_write_may_run(tmp_path: Path) -> None:
    _write(tmp_path / "theme", {"partials/scope.html": '<script>var s=new URL("{{ base_url }}",location)</script>',
                                "partials/assembled.html": "<script>{% if x %}y(){% endif %}</script>"})
    (tmp_path / "app.js").write_text("ok()", encoding="utf-8")
    scripts = known_scripts([tmp_path / "theme", tmp_path / "no-overrides"], {"assets/app.js": tmp_path / "app.js"})
    head = ('<script>var s=new URL("../..",location)</script>'  # the template's, with its value
            '<script>var s=new URL("."+alert(1)+".",location)</script>'  # a value that leaves its string
            '<script>y()</script>'  # a script a template assembles is never matched
            '<script id="__config" type="application/json">{"search": "https://evil.example/w.js"}</script>'
            '<script src="assets/app.js"></script>')
    body = ('<p onclick="x()"><a href="java&#9;script:y()">a</a></p>'
            '<script src="assets/other.css"></script>'  # a file of the site that is no script
            '<svg><script href="assets/other.css"></script><h:script>z()</h:script></svg>'
            '<iframe srcdoc="&lt;script&gt;w()&lt;/script&gt;"></iframe>'
            '<div><template shadowrootmode="open"><script>v()</script></template></div>'
            '<noscript><p title="</noscript><script>u()</script>"></p></noscript>')
    _write(tmp_path / "site", {"index.html": page(REVIEW + body, head=head), "assets/other.css": "a{}",
                               "assets/app.js": "ok()", "assets/other.js": "x()", "assets/changed.js": "ok()"})
    scripts.files["assets/changed.js"] = "0" * 64
    fix = ("Fix: scripts come from the theme and overrides/ only: put a script of the site in overrides/main.html "
           "(make verify reads its <script> blocks), or build again with `make site` [verify.script]")
    unread = ("Fix: scripts come from the theme and overrides/ only: put a script of the site in overrides/main.html "
              "(make verify reads its <script> blocks), or build again with `make site` [verify.unchecked]")
    assert [str(p) for p in verify_site(tmp_path / "site", "site", {}, None, scripts).problems] == [
        f"site/assets/changed.js: a script file that differs from the theme's or the hooks' copy. {fix}",
        f"site/assets/other.js: a script file the theme and the hooks do not write. {fix}",
        f"site/index.html: <script> loads 'assets/other.css', which is not a script file the theme or the hooks "
        f"write. {fix}",
        "site/index.html: a <noscript>, which a browser running scripts reads as text and this check reads as "
        f"elements (the theme writes none). {unread}",
        f"site/index.html: a javascript: URL in <a href>. {fix}",
        f"site/index.html: a shadow root declared on <template>, whose content this check does not read. {unread}",
        f"site/index.html: an event handler 'onclick' on <p>. {fix}",
        "site/index.html: an inline script the theme's templates do not write "
        f"('var s=new URL(\".\"+alert(1)+\".\",location)'). {fix}",
        f"site/index.html: an inline script the theme's templates do not write ('w()'). {fix}",  # in a srcdoc frame
        f"site/index.html: an inline script the theme's templates do not write ('y()'). {fix}",
        f"site/index.html: an inline script the theme's templates do not write ('z()'). {fix}",  # <h:script>
        "site/index.html: the theme's search worker loads 'https://evil.example/w.js' from another host. "
        f"Fix: {HOST_FIX}"]
    _write(tmp_path / "site", {"index.html": page(REVIEW, head='<script>var s=new URL("//evil.example/",location)'
                                                  '</script><script id="__config" type="application/json">'
                                                  '{"base": "https://evil.example/"}</script>')})
    assert [p.what for p in verify_site(tmp_path / "site", "site", {}, None, scripts).problems
            if p.path.endswith("index.html")] == [
        "an inline script the theme's templates do not write ('var s=new URL(\"//evil.example/\",location)')",
        "the theme's settings give another site as the base of its addresses"]


def _write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())


def test_output_path_follows_directory_urls() -> None:
    assert output_path("index.md") == "index.html"
    assert output_path("types/index.md") == "types/index.html"
    assert output_path("types/calciphylaxis.md") == "types/calciphylaxis/index.html"


def test_a_site_folder_every_problem_listed_in_order(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    _write(docs, {
        "index.md": "---\ntitle: Home\nkind: about\nreviewed: 2026-11-02\n---\n# Home\n",
        "types/x.md": "---\ntitle: X\nkind: type\nreviewed: 2026-11-02\n---\n# X\n",
        "types/gone.md": "---\ntitle: Gone\nkind: type\nreviewed: 2026-11-02\n---\n# Gone\n",
    })
    site = tmp_path / "site"
    _write(site, {
        "index.html": page(REVIEW + "<p>Welcome.</p>"),
        "types/x/index.html": GOOD.replace(REFS, ""),
        "404.html": page("<p>Not found [@oops].</p>"),
        "assets/site.css": ".a{color:red}\n.b{background:url(https://x.example/a.png)}\n",
        "assets/bad.css": b"\xff\xfe",
    })
    report = verify_site(site, "site", expected_pages(str(docs)), None)
    assert [str(p) for p in report.problems] == [
        "site/404.html: a citation left as typed, '[@oops]', in the text. Fix: check the citation in the page's "
        f"source (`make check` names any fault), then {REBUILD} [verify.raw-citation]",
        f"site/assets/bad.css: not UTF-8 text (byte at offset 0). Fix: {REBUILD} [verify.not-utf8]",
        f"site/assets/site.css:2: CSS url() loads 'https://x.example/a.png' from another host. Fix: {HOST_FIX}",
        "site/types/gone/index.html: missing: no page was built from docs/types/gone.md. Fix: the site is "
        f"incomplete: {REBUILD} [verify.missing-page]",
        "site/types/x/index.html: a clinical page (kind: type) without its reference list. Fix: cite the sources "
        f"of docs/types/x.md with [@key] (make check lists the uncited sections), then {REBUILD} "
        "[verify.no-references]",
    ]
    assert (report.pages, report.stylesheets) == (3, 2)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "tools" / "verify.py"), *args],
                          capture_output=True, text=True, timeout=120)


def test_the_command_without_a_site(tmp_path: Path) -> None:
    result = _cli("--site-dir", str(tmp_path / "nothing"))
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        f"{tmp_path}/nothing: there is no built site here. Fix: run `make site` first [verify.no-site]",
        f"make verify: 1 problem(s) in {tmp_path}/nothing/ (0 page(s) and 0 stylesheet(s) read)",
    ]


def test_the_command_counts_and_fails(tmp_path: Path) -> None:
    # The real docs/ against a site holding only its home page: every other page is missing.
    _write(tmp_path, {"index.html": page(REVIEW + "<p>Welcome.</p>")})
    result = _cli("--site-dir", str(tmp_path))
    assert result.returncode == 1, result.stderr
    out = result.stdout.splitlines()
    pages = len(list((ROOT / "docs").rglob("*.md")))
    missing = [line for line in out if re.fullmatch(
        rf"{tmp_path}/\S+/index\.html: missing: no page was built from docs/\S+\.md\. .*\[verify\.missing-page\]", line)]
    assert len(missing) == pages - 1
    assert out[-1] == (f"make verify: {len(out) - 1} problem(s) in {tmp_path}/ (1 page(s) and 0 stylesheet(s) read)")


# ── the real site ───────────────────────────────────────────────────────────────────

def test_the_real_site_passes_verify(real_site: BuildResult) -> None:
    result = _cli("--site-dir", str(real_site.site_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    pages = len(list((ROOT / "docs").rglob("*.md")))
    assert result.stdout.splitlines()[-1].startswith(f"make verify: no problems found in {real_site.site_dir}/ ("
                                                     f"{pages + 1} page(s)")  # and 404.html


# ── make verify against Chromium: every fetch the browser makes is flagged ─────────

# Markup a browser reads in unusual ways. Each case is a page of its own; Chromium loads it
# with scripts on and with scripts off (a <noscript> is read as markup only then), and
# every request it makes to another host must be one make verify flags in that page.
BROWSER_CASES = {
    "noscript": '<noscript><img src="https://evil.example/noscript.png"></noscript>',
    "noscript-link": '<noscript><link rel="stylesheet" href="https://evil.example/noscript-link.css"></noscript>',
    "noembed": '<noembed><img src="https://evil.example/noembed.png"></noembed>',
    "noframes": '<noframes><img src="https://evil.example/noframes.png"></noframes>',
    "xmp": '<xmp><img src="https://evil.example/xmp.png"></xmp>',
    "textarea": '<textarea><img src="https://evil.example/textarea.png"></textarea>',
    "iframe-text": '<iframe><img src="https://evil.example/iframe-text.png"></iframe>',
    "template": '<template><img src="https://evil.example/template.png"></template>',
    "select": '<select><option>a</option><img src="https://evil.example/select.png"></select>',
    "table": '<table><tr><td>a</td></tr><img src="https://evil.example/table.png"></table>',
    "image-tag": '<image src="https://evil.example/image-tag.png">',
    "math-style": '<math><style><img src="https://evil.example/math-style.png"></style></math>',
    "svg-image": '<svg><image href="https://evil.example/svg-image.png" width="9" height="9"/></svg>',
    "svg-xlink": '<svg><image xlink:href="https://evil.example/svg-xlink.png" width="9" height="9"/></svg>',
    "svg-style": '<svg><style>@import "https://evil.example/svg-style.css";</style></svg>',
    "svg-fill": '<svg><rect width="9" height="9" fill="url(https://evil.example/svg-fill.svg#p)"/></svg>',
    "style-import": '<style>@import url(https://evil.example/style-import.css);</style>',
    "style-attribute": '<div style="background:url(https://evil.example/style-attribute.png)">x</div>',
    "srcset": '<img srcset="https://evil.example/srcset.png 1x" alt="">',
    "picture": '<picture><source srcset="https://evil.example/picture.png"><img src="local.png" alt=""></picture>',
    "poster": '<video poster="https://evil.example/poster.png"></video>',
    "input-image": '<input type="image" src="https://evil.example/input-image.png" alt="">',
    "object": '<object data="https://evil.example/object.png"></object>',
    "embed": '<embed src="https://evil.example/embed.png">',
    "srcdoc": '<iframe srcdoc="&lt;img src=&quot;https://evil.example/srcdoc.png&quot;&gt;"></iframe>',
    "icon": '<link rel="icon" href="https://evil.example/icon.png">',
    "preload": '<link rel="preload" as="image" href="https://evil.example/preload.png">',
    "base": '<base href="https://evil.example/base/"><img src="based.png" alt="">',
    "comment-bang": '<!-- a --!><img src="https://evil.example/comment-bang.png" alt="">',
    "entity-host": '<img src="https:&#x2f;&#x2f;evil.example/entity-host.png" alt="">',
    "tab-scheme": '<img src="ht\ttps://evil.example/tab-scheme.png" alt="">',
    "backslashes": '<img src="\\\\evil.example/backslashes.png" alt="">',
    "refresh-bare": '<meta http-equiv="refresh" content="0; https://evil.example/refresh-bare">',
    "refresh-space": '<meta http-equiv="refresh" content="0 https://evil.example/refresh-space">',
    "refresh-quote": '<meta http-equiv="refresh" content="0;\'https://evil.example/refresh-quote\'">',
    "inline-script": '<script>new Image().src = "https://evil.example/inline-script.png";</script>',
    "local-script": '<script src="local-script.js"></script>',
    "handler": '<img src="missing.png" alt="" onerror="new Image().src = \'https://evil.example/handler.png\'">',
    "dtd-svg": '<object data="dtd-svg.svg" type="image/svg+xml"></object>',
}
# Files of the site some cases load, named after their case.
BROWSER_FILES = {
    "local-script.js": 'new Image().src = "https://evil.example/local-script.png";',
    "dtd-svg.svg": ('<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY e "https://evil.example/dtd-svg">]>\n'
                    '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><image href="&e;.png" width="9" '
                    'height="9"/></svg>'),
}
# Cases where Chromium always fetches something from another host before the page's load
# event: if these made no request, the browser was not reading the pages and the test
# would prove nothing. (A preload or a refresh may start after it, and headless Chromium
# asks for no icon; make verify refuses them all the same.)
FETCHING = {"noscript", "noscript-link", "select", "table", "image-tag", "math-style", "svg-image", "svg-xlink",
            "svg-style", "svg-fill", "style-import", "style-attribute", "srcset", "picture", "poster", "input-image",
            "object", "embed", "srcdoc", "base", "comment-bang", "entity-host", "tab-scheme", "backslashes",
            "inline-script", "local-script", "handler", "dtd-svg"}


def _browser_site(root: Path) -> Path:
    """The cases as a site folder: NAME.html for each, and the files they load."""
    site = root / "site"
    _write(site, {f"{name}.html": page(REVIEW + markup + REFS) for name, markup in BROWSER_CASES.items()})
    _write(site, BROWSER_FILES)
    return site


def _chromium_fetches(site: Path) -> dict[str, set[str]]:
    """Each case's requests to another host, loaded from the site folder at
    http://site.test/NAME.html with scripts on and off (a missing file is a 404); every
    request to another host is recorded and refused."""
    missing = chromium_missing()
    if missing:
        pytest.fail(missing, pytrace=False)
    from playwright.sync_api import sync_playwright

    fetched: dict[str, set[str]] = {name: set() for name in BROWSER_CASES}
    current = [""]  # the case loading: a request may also come late, from the case before

    def answer(route: Any) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "site.test":
            file = site / urlsplit(url).path.lstrip("/")
            if file.is_file():
                kind = {".html": "text/html", ".js": "text/javascript", ".svg": "image/svg+xml"}.get(file.suffix, "")
                route.fulfill(status=200, body=file.read_bytes(), content_type=kind or "application/octet-stream")
            else:
                route.fulfill(status=404, body="")
        else:
            if not url.startswith(("data:", "about:")):  # each case's addresses start with its name
                named = urlsplit(url).path.lstrip("/").split("/")[0].split(".")[0]
                fetched[named if named in fetched else current[0]].add(url)
            route.abort()

    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            for scripts in (True, False):  # without scripts, only <noscript> is read otherwise
                context = browser.new_context(java_script_enabled=scripts)
                context.route("**/*", answer)
                tab = context.new_page()
                cases = [n for n in BROWSER_CASES if scripts or "<noscript" in BROWSER_CASES[n]]
                # Then each case whose request has not come, once more: on a loaded machine a
                # script's request can reach us seconds after "load", or be dropped when the
                # next case's page replaces it.
                retries = [n for n in cases if n in FETCHING and ("<noscript" in BROWSER_CASES[n]) != scripts]
                for i, name in enumerate(cases + retries):
                    if i >= len(cases) and fetched[name]:
                        continue
                    current[0] = name
                    tab.goto(f"http://site.test/{name}.html", wait_until="load")  # frames and images included
                    for _ in range(100):
                        if fetched[name] or name not in FETCHING or ("<noscript" in BROWSER_CASES[name]) == scripts:
                            break
                        tab.wait_for_timeout(50)
                context.close()
        finally:
            browser.close()
    return fetched


@pytest.fixture(scope="module")
def browser_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, set[str]]]:
    if os.environ.get("BROWSER_TESTS") == "skip":
        pytest.skip("BROWSER_TESTS=skip")
    site = _browser_site(tmp_path_factory.mktemp("browser"))
    fetched = _chromium_fetches(site)
    assert FETCHING <= {name for name, urls in fetched.items() if urls}, fetched
    return site, fetched


def _covered(url: str, problems: list[SiteProblem]) -> bool:
    """Whether make verify's problems account for a request: they name its address (or a
    base address it was resolved against), or a script or a file it refuses to read, which
    could fetch anything."""
    if any(p.code in ("verify.script", "verify.unchecked") for p in problems):
        return True
    named = [m for p in problems for m in re.findall(r"'([^']*)'", p.what)]
    path = urlsplit(url).path
    return any(path and path in n.replace("\\", "/") or (n and url.startswith(n)) for n in named)


def test_make_verify_flags_every_request_chromium_makes_for_a_page(
        browser_site: tuple[Path, dict[str, set[str]]]) -> None:
    site, fetched = browser_site
    sys.path.insert(0, str(ROOT / "tools"))
    from verify import project_scripts

    report = verify_site(site, "site", {}, None, project_scripts(ROOT / "mkdocs.yml"))
    unflagged = {}
    for name, urls in fetched.items():
        mine = [p for p in report.problems if p.path.removeprefix("site/").startswith(f"{name}.") or
                p.path.removeprefix("site/").startswith(f"{name}-")]
        missed = sorted(u for u in urls if not _covered(u, mine))
        if missed:
            unflagged[name] = missed
    assert unflagged == {}, "Chromium fetched these from another host and make verify did not flag them"


def test_the_builds_allowlist_refuses_every_page_body_chromium_fetches_for(
        browser_site: tuple[Path, dict[str, set[str]]]) -> None:
    """The same pages as page bodies: the allowlist of the page as built (core/html_policy.py)
    refuses each one from which Chromium fetched anything."""
    from core.html_policy import findings

    _site, fetched = browser_site
    passed = {name: sorted(urls) for name, urls in fetched.items() if urls and not findings(BROWSER_CASES[name])}
    assert passed == {}, "Chromium fetched these from another host and the allowlist passed the body"
