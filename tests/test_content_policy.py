"""The content policy (hooks/core/content_policy.py): exact messages, file lines, no false alarms."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.content_policy import add_noopener, built_problems, check_front_matter, check_markdown, check_page
from core.pages import read_page

SCRIPT = ("docs/x.md:3: raw HTML <script> is not allowed: pages must not run code of their own. "
          "Fix: remove the <script> element; a feature the site needs belongs in the theme (overrides/), "
          "proposed in its own pull request [policy.element]")
EMBED_FIX = "Fix: remove it and link to the content instead: [its title](https://...)"
FORM_FIX = ("Fix: remove it; to invite feedback, link to the editorial policy "
            "(about/editorial-policy.md#report-an-error)")
HANDLER_FIX = "pages must not run code of their own"
HTTP_FIX = ("Fix: use the https:// address of the same page (most sites have one); if the site has no "
            "https version, cite another source")
NO_ALT_FIX = ("Fix: describe what the image shows, e.g. ![Radiograph of the hand showing calcinosis]"
              "(../assets/images/hand.png): screen-reader users hear this text instead of the image")


def lines(text: str, folder: str | None = None) -> list[str]:
    """Problems of a Markdown text placed at line 3 of docs/x.md."""
    return [str(p) for p in sorted(check_markdown(text, "docs/x.md", 3, folder))]


@pytest.mark.parametrize("text, expected", [
    ("<script>alert(1)</script>", [SCRIPT]),
    ("<SCRIPT SRC=x.js></SCRIPT>", [SCRIPT]),
    ("<script src=x.js onload=y", [SCRIPT]),  # too broken for a tag, still rejected
    ('<iframe src="https://example.org"></iframe>',
     [f"docs/x.md:3: raw HTML <iframe> is not allowed: pages must not embed other sites or plugins. {EMBED_FIX} [policy.element]"]),
    ('<object data="x.swf"></object>',
     [f"docs/x.md:3: raw HTML <object> is not allowed: pages must not embed other sites or plugins. {EMBED_FIX} [policy.element]"]),
    ('<embed src="x.swf">',
     [f"docs/x.md:3: raw HTML <embed> is not allowed: pages must not embed other sites or plugins. {EMBED_FIX} [policy.element]"]),
    ("<style>body { display: none }</style>",
     ["docs/x.md:3: raw HTML <style> is not allowed: page-level CSS can hide or restyle any part of the site. "
      "Fix: remove it; site-wide styles belong in docs/assets/stylesheets/site.css [policy.element]"]),
    ('<form action="https://example.org">\n</form>',
     [f"docs/x.md:3: raw HTML <form> is not allowed: pages must not collect input from readers. {FORM_FIX} [policy.element]"]),
    ("<marquee>news</marquee>",
     ["docs/x.md:3: raw HTML <marquee> is not on the allowlist. Fix: use Markdown instead, or one of the "
      "allowed tags: a, abbr, b, br, details, div, em, figcaption, figure, i, img, kbd, mark, small, span, "
      "strong, sub, summary, sup (CONTRIBUTING.md, Content policy) [policy.not-allowlisted]"]),
])
def test_rejected_html(text: str, expected: list[str]) -> None:
    assert lines(text) == expected


def test_event_handlers_in_html_and_attribute_lists_name_their_line() -> None:
    text = 'Some <b onclick="go()">bold</b> text.\n<span\n  ONMOUSEOVER="go()">x</span>\n[a](a.md){ onfocus=go() }'
    assert lines(text) == [
        f"docs/x.md:3: inline event handler 'onclick' in <b> is not allowed: it runs code. "
        f"Fix: remove the onclick attribute; {HANDLER_FIX} [policy.event-handler]",
        f"docs/x.md:5: inline event handler 'onmouseover' in <span> is not allowed: it runs code. "
        f"Fix: remove the onmouseover attribute; {HANDLER_FIX} [policy.event-handler]",
        f"docs/x.md:6: inline event handler 'onfocus' in an attribute list is not allowed: it runs code. "
        f"Fix: remove the onfocus attribute; {HANDLER_FIX} [policy.event-handler]",
    ]


def test_style_attribute() -> None:
    assert lines('A paragraph.\n{ style="display:none" }') == [
        "docs/x.md:4: a 'style' attribute in an attribute list is not allowed: it can hide or restyle parts "
        "of the site. Fix: remove it; styles belong in docs/assets/stylesheets/site.css, applied by a class [policy.style-attribute]"]


@pytest.mark.parametrize("text", [
    "[x](javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](JavaScript:void)",
    '<a href="jav&#x61;script:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    "[x][r]\n\n[r]: javascript:alert(1)",
    '[x](a.md){ href="javascript:alert(1)" }',
])
def test_javascript_urls(text: str) -> None:
    found = lines(text)
    assert len(found) == 1 and "a 'javascript:' URL is not allowed: it runs code. Fix: link to a page by its " \
        "relative path (page.md) or to an https:// address" in found[0], found


def test_data_urls() -> None:
    assert lines("[x](data:text/html;base64,PHNjcmlwdD4=)") == [
        "docs/x.md:3: link to a 'data:' URL is not allowed: it can carry hidden content or code. "
        "Fix: save the file under docs/assets/ and link to it by its relative path [policy.data-url]"]
    assert "'data:' URL" in lines("![A dot](data:image/png;base64,AAAA)")[0]


def test_http_links() -> None:
    assert lines("See [the page](http://example.org/a) and <http://example.org/b>.\n\n[r]: http://example.org/c") == [
        f"docs/x.md:3: external link 'http://example.org/a' uses http, not https. {HTTP_FIX} [policy.http]",
        f"docs/x.md:3: external link 'http://example.org/b' uses http, not https. {HTTP_FIX} [policy.http]",
        f"docs/x.md:5: external link 'http://example.org/c' uses http, not https. {HTTP_FIX} [policy.http]",
    ]


def test_images(tmp_path: Path) -> None:
    (tmp_path / "hand.png").write_bytes(b"png")
    text = ("![](hand.png)\n![A hand](https://example.org/hand.png)\n<img src=\"hand.png\">\n"
            "![A foot](foot.png)\n![A hand](hand.png) <img src=\"hand.png\" alt=\"A hand\">")
    assert lines(text, str(tmp_path)) == [
        f"docs/x.md:3: image '![](hand.png)' has no alt text. {NO_ALT_FIX} [policy.image-alt]",
        "docs/x.md:4: image 'https://example.org/hand.png' is loaded from another site. Fix: save the image "
        "under docs/assets/images/ (with permission to reuse it) and link it by its relative path: no page "
        "may load anything from another host, which would tell that host who reads the page [policy.remote-image]",
        f"docs/x.md:5: image '<img src=\"hand.png\">' has no alt text. {NO_ALT_FIX} [policy.image-alt]",
        "docs/x.md:6: image 'foot.png' does not exist. Fix: image paths are relative to this page's folder: "
        "check the path and the file name [policy.missing-image]",
    ]


def test_a_page_checked_again_sees_images_added_and_removed(tmp_path: Path) -> None:
    """check_page keeps each page's problems (a `mkdocs serve` rebuild checks only the pages that
    changed), but an unchanged page is checked again once an image it shows appears or goes."""
    page, _ = read_page("x.md", b"---\ntitle: X\n---\n\n![A foot](foot.png)\n")
    assert page is not None
    missing = ["docs/x.md:5: image 'foot.png' does not exist. Fix: image paths are relative to this page's folder: "
               "check the path and the file name [policy.missing-image]"]
    assert [str(p) for p in check_page(page, str(tmp_path))] == missing
    (tmp_path / "foot.png").write_bytes(b"png")
    assert check_page(page, str(tmp_path)) == []
    assert check_page(page, str(tmp_path)) == []
    (tmp_path / "foot.png").unlink()
    assert [str(p) for p in check_page(page, str(tmp_path))] == missing


def test_allowed_markup_and_code_are_not_flagged() -> None:
    text = "\n".join([
        'An <abbr title="Parathyroid hormone">PTH</abbr> level<sup>2</sup>, H<sub>2</sub>O, <kbd>Ctrl</kbd>.',
        "<mark>Note</mark><br>",
        "<details><summary>More</summary>Text</details>",
        "<!-- generate: evidence-table -->",
        "<!-- a comment with <script> inside -->",
        "```html",
        "<script>shown as code</script>",
        "```",
        "Inline `[x](http://example.org)` and `<!-- a comment -->` are code.",
        "A link to [a page](../types/calciphylaxis.md#treatment) and [a site](https://example.org).",
        "An escaped \\<script> tag. Values < 5 mmol/L and > 2 are text.",
        "## Heading { #heading .class }",
        "[Open](https://example.org){ target=_blank }",
    ])
    assert lines(text) == []


def test_front_matter_markup_and_quotes() -> None:
    text = ('---\ntitle: Home <script>alert(1)</script>\ndescription: \'A "quoted" page.\'\nkind: about\n'
            "reviewed: 2026-01-01\nsee_also: [a]\n---\n\nBody.\n")
    page, _ = read_page("x.md", text.encode())
    assert [str(p) for p in sorted(check_front_matter(page))] == [
        "docs/x.md:2: front-matter value 'title' contains HTML markup ('<script>alert(1)</sc...'). Fix: write "
        "plain text: the theme prints front matter into the page unescaped, so markup there would become "
        "part of the site [policy.front-matter-markup]",
        "docs/x.md:3: the description contains a straight double quote (\"). Fix: use typographic quotes (“ ”) "
        "or single quotes: the description is printed inside an HTML attribute, which a straight double "
        "quote would end [policy.straight-quote]",
    ]


def test_the_page_as_built_is_traced_to_the_line_that_wrote_it() -> None:
    html = ('<p onclick="x()">a</p><script>1</script><a href="javascript:1">b</a>'
            '<td style="text-align: left">c</td><img src="https://t.example/p.png" alt="p">')
    page = "---\ntitle: Y\n---\n\nText.\n\n<p onclick=\"x()\">a</p>\n"
    bib = "@article{a2020b,\n  title = {<img src=\"https://t.example/p.png\">},\n}\n"
    problems = built_problems(html, "docs/y.md", [("docs/y.md", 1, page), ("bibliography/r.bib", 4, bib)])
    fix = ("Fix: remove it from the line named (a page, a bibliography entry or a snippet): only the elements, "
           "attributes and URLs listed in CONTRIBUTING.md (Content policy, 'What may reach a page') are published "
           "[policy.built-page]")
    assert [str(p) for p in problems] == [
        f"docs/y.md:7: the page as built contains an attribute 'onclick' on <p>. {fix}",
        f"docs/y.md:1: the page as built contains a <script> element. {fix}",
        "docs/y.md:1: the page as built contains a 'javascript:' link ('javascript:1'): only https, mailto and "
        f"tel links, and links within the site, are allowed. {fix}",
        "bibliography/r.bib:5: the page as built contains <img src> loading 'https://t.example/p.png' from "
        f"another host. {fix}",
    ]
    assert built_problems('<p><a href="https://example.org">x</a><abbr title="y">Y</abbr></p>', "d", []) == []


@pytest.mark.parametrize("before, after", [
    ('<a href="https://x.org" target="_blank">x</a>', '<a rel="noopener noreferrer" href="https://x.org" target="_blank">x</a>'),
    ("<a target=_blank rel=external href=z>", '<a target=_blank rel="external noopener noreferrer" href=z>'),
    ('<a target="_blank" rel="noopener" href="z">', '<a target="_blank" rel="noopener noreferrer" href="z">'),
    ('<a href="https://x.org">x</a>', '<a href="https://x.org">x</a>'),
    ('<a href="y" target="_self">y</a>', '<a href="y" target="_self">y</a>'),
    ('<a title="a > b" target="w" href="y">', '<a rel="noopener noreferrer" title="a > b" target="w" href="y">'),
])
def test_links_opening_a_new_tab_get_noopener(before: str, after: str) -> None:
    assert add_noopener(before) == after


def test_the_build_gives_new_tab_links_noopener(tmp_path: Path) -> None:
    from sitebuild import build, make_site

    front = "---\ntitle: Home\ndescription: A test page.\nkind: about\nreviewed: 2026-01-01\n---\n\n"
    config = make_site(tmp_path, {"index.md": front + "# Home\n\n[A site](https://example.org){ target=_blank } "
                                  "and [another](https://example.org/b).\n"}, bib={"empty.bib": ""}, nav="  - index.md\n")
    result = build(config, tmp_path / "site")
    assert result.ok, result.output
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<a rel="noopener noreferrer" href="https://example.org" target="_blank">A site</a>' in html
    assert '<a href="https://example.org/b">another</a>' in html


def test_rendered_tab_switches_pass_but_other_inputs_do_not() -> None:
    tabs = ('<div class="tabbed-set tabbed-alternate" data-tabs="1:2">'
            '<input checked="checked" id="__tabbed_1_1" name="__tabbed_1" type="radio" />'
            '<input id="__tabbed_1_2" name="__tabbed_1" type="radio" /></div>')
    assert built_problems(tabs, "docs/t.md", []) == []
    sneaky = '<input id="__tabbed_1_1" name="__tabbed_1" type="text" />'
    assert [p.what for p in built_problems(sneaky, "docs/t.md", [])] == [
        "the page as built contains an <input> element"]


def test_a_raw_input_in_the_source_is_still_rejected() -> None:
    text = 'Pick one: <input id="__tabbed_9_1" name="__tabbed_9" type="radio">\n'
    assert [p.what for p in check_markdown(text, "docs/t.md", 1, None)] == [
        "raw HTML <input> is not allowed: pages must not collect input from readers"]


def test_html_inside_inline_code_is_read_as_html() -> None:
    """Where a code span ends depends on Python-Markdown's blocks (a heading or a list item
    ends the paragraph it began in), so a tag inside backticks is refused, with a fix."""
    fix = ("show it in a fenced code block (```), or as text outside backticks with its '<' written '&lt;' "
           "(&lt;{name}...) [policy.html-in-code]")
    assert lines("Inline `<iframe src=x>` is code.") == [
        "docs/x.md:3: '<iframe' inside inline code: where a code span ends depends on the blocks around it, so the "
        "checks read it as HTML. Fix: " + fix.format(name="iframe")]
    assert lines("# Title `\n<img src=x onerror=alert(1)> `") == [
        "docs/x.md:4: '<img' inside inline code: where a code span ends depends on the blocks around it, so the "
        "checks read it as HTML. Fix: " + fix.format(name="img")]
