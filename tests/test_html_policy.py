"""The allowlist of what may reach a built page (hooks/core/html_policy.py): exact findings.

Each case is a piece of HTML as a page body might hold it after the build, and the exact
list of things the allowlist refuses in it, read as a browser reads it (entities,
tabs inside a scheme, a slash between attributes, `--!>` closing a comment).
"""

from __future__ import annotations

import pytest

from core import html_policy
from core.html_policy import findings, plain_text_findings, url_scheme

CASES = [
    ('<p>Plain <a href="#fn:a1">text</a> on <em>one</em> line.</p>',
     []),
    ('<script>alert(1)</script>',
     ['a <script> element']),
    ('<p>x</p><SCRIPT src=x></SCRIPT>',
     ['a <script> element']),
    ('<a href="x" onclick="steal()">a</a>',
     ["an attribute 'onclick' on <a>"]),
    ('<a title="a>b" onmouseover="steal()">a</a>',
     ["an attribute 'onmouseover' on <a>"]),
    ('<img src="&#x6A;avascript:alert(1)">',
     ["<img src> with a 'javascript:' URL ('javascript:alert(1)')"]),
    ('<a href="%6Aavascript:alert(1)">a</a>',
     []),
    ('<a href="java\tscript:x">a</a>',
     ["a 'javascript:' link ('java\\tscript:x'): only https, mailto and tel links, and links within the site, are allowed"]),
    ('<!-- <script>hidden in a comment</script> <a onclick=x> -->',
     []),
    ('<style>p { color: red }</style>',
     ['a <style> element']),
    ("<div data-x='<a onclick=y>'>quoted</div>",
     ["an attribute 'data-x' on <div>"]),
    ("<a href='data:text/html,x'>",
     ["a 'data:' link ('data:text/html,x'): only https, mailto and tel links, and links within the site, are allowed"]),
    ('<img/onerror=alert(1) src=x>',
     ["an attribute 'onerror' on <img>"]),
    ('<p>unclosed <a href="javascript:x',
     []),
    ('<a title="click on me" href="../x/">clean</a>',
     []),
    ('<A ONCLICK=x>',
     ["an attribute 'onclick' on <a>"]),
    ('<a\nonclick=x>',
     ["an attribute 'onclick' on <a>"]),
    ('<a/onclick=x>',
     ["an attribute 'onclick' on <a>"]),
    ('<a onclick>valueless</a>',
     ["an attribute 'onclick' on <a>"]),
    ('<a href=" javascript:x">',
     ["a 'javascript:' link (' javascript:x'): only https, mailto and tel links, and links within the site, are allowed"]),
    ('<a href="jav&#x09;ascript:x">',
     ["a 'javascript:' link ('jav\\tascript:x'): only https, mailto and tel links, and links within the site, are allowed"]),
    ('<a href="java&Tab;script:x">',
     ["a 'javascript:' link ('java\\tscript:x'): only https, mailto and tel links, and links within the site, are allowed"]),
    ('<a href="JaVaScRiPt:x">',
     ["a 'javascript:' link ('JaVaScRiPt:x'): only https, mailto and tel links, and links within the site, are allowed"]),
    ('<a href="vbscript:x">',
     ["a 'vbscript:' link ('vbscript:x'): only https, mailto and tel links, and links within the site, are allowed"]),
    ('<a href="DATA:text/html,x">',
     ["a 'data:' link ('DATA:text/html,x'): only https, mailto and tel links, and links within the site, are allowed"]),
    ('<a href="da\nta:x">',
     ["a 'data:' link ('da\\nta:x'): only https, mailto and tel links, and links within the site, are allowed"]),
    ('<input type="radio" id="__tabbed_1_1" name="__tabbed_1" checked>',
     []),
    ('<input type="text">',
     ['an <input> element']),
    ('<iframe src="x"></iframe>',
     ['a <iframe> element']),
    ('<a href="https://example.org/?a=1&amp;b=2" data-x="y">fine</a>',
     ["an attribute 'data-x' on <a>"]),
    ('<sup id="fnref:a1"><a class="footnote-ref" href="#fn:a1">1</a></sup>',
     []),
    ('<span/style="color:red">x</span>',
     ["an attribute 'style' on <span>"]),
    ('<svg><animate attributeName="href" values="https://a;javascript:alert(1)"/></svg>',
     ['a <animate> element inside an <svg> drawing']),
    # Inline SVG: exactly the elements and attribute values the figures write (core/figures.py).
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 740 612.5" width="740" height="612.5" role="img" '
     'aria-labelledby="t d" class="evidence-map"><title id="t">T</title><desc id="d">D</desc>'
     '<g class="ev-row" data-therapy="Low-dose warfarin" data-evidence="1b" data-direction="against" '
     'data-patients="288"><line x1="0" y1="64" x2="740" y2="64" stroke="#9e9e9e" stroke-width="0.25"/>'
     '<circle cx="386" cy="75" r="4.5" fill="none" stroke="#6d4c00" stroke-width="2"/>'
     '<ellipse cx="1" cy="2" rx="3" ry="4" fill="#e0e0e0"/><rect x="566" y="71" width="84" height="8" fill="#5c6bc0"/>'
     '<path d="M386 68.5L392.5 75L386 81.5L379.5 75Z" fill="#c62828"/>'
     '<text x="0" y="79" font-size="12" text-anchor="end" fill="currentColor">Low-dose warfarin</text></g></svg>',
     []),
    ('<svg><foreignObject><p>x</p></foreignObject></svg>',
     ['a <foreignObject> element inside an <svg> drawing', 'a <p> element inside an <svg> drawing']),
    ('<svg><script>alert(1)</script></svg>',
     ['a <script> element inside an <svg> drawing']),
    ('<svg><a href="https://evil.example/"><text x="0" y="0">x</text></a></svg>',
     ['a <a> element inside an <svg> drawing']),
    ('<svg><use href="https://evil.example/x.svg#a"/><image href="x.png"/></svg>',
     ['a <use> element inside an <svg> drawing', 'a <image> element inside an <svg> drawing']),
    ('<svg onload="steal()" style="fill:red"><circle cx="1" cy="1" r="1" onclick="x"/></svg>',
     ["an attribute 'onload' on <svg>", "an attribute 'style' on <svg>", "an attribute 'onclick' on <circle>"]),
    ('<svg><rect fill="url(https://evil.example/p.svg#a)" x="1"/><path d="M0 0 url(x)"/></svg>',
     ['an attribute fill="url(https://evil.example/p.svg#a)" on <rect> (not a value the figures write)',
      'an attribute d="M0 0 url(x)" on <path> (not a value the figures write)']),
    ('<svg xmlns="http://evil.example/ns"><g data-other="x"/></svg>',
     ['an attribute xmlns="http://evil.example/ns" on <svg> (not a value the figures write)',
      "an attribute 'data-other' on <g>"]),
    ('<p><circle cx="1" cy="1" r="1"></circle></p><svg><svg></svg></svg>',
     ['a <circle> element outside an <svg> drawing', 'a <svg> element inside another <svg>']),
    ('<svg><g class="md-icon"></g></svg>',
     ["a class of the theme ('md-...') on <g>"]),
    ('<a href="http:evil.example">x</a>',
     ["a 'http:' link ('http:evil.example'): only https, mailto and tel links, and links within the site, are allowed"]),
    ('<img src="https://tracker.example/pixel.png" alt="x">',
     ["<img src> loading 'https://tracker.example/pixel.png' from another host"]),
    ('<img src="//tracker.example/pixel.png" alt="x">',
     ["<img src> loading '//tracker.example/pixel.png' from another host"]),
    ('<img src="../assets/images/hand.png" alt="A hand">',
     []),
    ('<video poster="https://e/x.png"></video>',
     ['a <video> element']),
    ('<a href="https://e" ping="https://tracker.example">x</a>',
     ["an attribute 'ping' on <a>"]),
    ('<img srcset="https://e/x.png 2x" src="a.png" alt="a">',
     ["an attribute 'srcset' on <img>"]),
    ('<p style="background:url(https://e/x.png)">x</p>',
     ["an attribute 'style' on <p>"]),
    ('<td style="text-align: left;">x</td>',
     []),
    ('<table><tr><td style="text-align: left;">x</td><td style="text-align: left; color: red">y</td></tr></table>',
     ["a 'style' attribute on <td> other than a table column's alignment"]),
    ('<!-- c --!><img src=x onerror=alert(1)>',
     ["an attribute 'onerror' on <img>"]),
    ('<meta http-equiv="refresh" content="0;url=https://e">',
     ['a <meta> element']),
    ('<base href="https://e/">',
     ['a <base> element']),
    ('<a href="https://e" target="_blank">x</a>',
     ['a link that opens a new tab without rel="noopener"']),
    ('<a href="https://e" target="_blank" rel="noopener noreferrer">x</a>',
     []),
    ('<a href="https://e" target="other">x</a>',
     ["a link target 'other'"]),
    ('<a href="mailto:editor@example.org">x</a> <a href="tel:+441234">y</a>',
     []),
    ('<math><mi xlink:href="javascript:x">m</mi></math>',
     ['a <math> element', 'a <mi> element']),
    ('text\x00more',
     ['a NUL character']),
    ('<div class="tabbed-set tabbed-alternate" data-tabs="1:2"><input checked="checked" id="__tabbed_1_1" name="__tabbed_1" type="radio" /><div class="tabbed-labels"><label for="__tabbed_1_1">A</label></div></div>',
     []),
]


@pytest.mark.parametrize("fragment, expected", CASES, ids=[str(i) for i in range(len(CASES))])
def test_the_allowlist_refuses_exactly_this(fragment: str, expected: list[str]) -> None:
    assert [f.what for f in findings(fragment)] == expected


@pytest.mark.parametrize("url, scheme", [
    ("https://example.org", "https"), ("http:evil.example", "http"), (" JAVA\tSCRIPT:x", "javascript"),
    ("../page/", None), ("#fn:1", None), ("%6Aavascript:x", None), ("a/b:c", None), ("mailto:x@y", "mailto"),
])
def test_url_schemes_are_read_as_the_url_parser_reads_them(url: str, scheme: str | None) -> None:
    assert url_scheme(url) == scheme


# URLs a page could hold, tricky ones first: each is read twice below, at a glance and in full.
_URLS = ["#fn:1", "#x:y", "../page/", "a/b:c", "?q=a:b", "x", "", "page.md#s", "/root/x", "//evil.example/x",
         "\\\\evil.example", "/\\evil.example", " //evil.example", "\t//evil.example", "java\tscript:x",
         "javascript:x", "JAVASCRIPT:x", "\x01javascript:x", " javascript:x", "\xa0javascript:x", "data:text/html,x",
         "https://example.org", "http:evil.example", "mailto:a@b", "a\nb:c", "a#b", "%6Aavascript:x", "a:b/c"]


@pytest.mark.parametrize("url", _URLS, ids=[repr(u) for u in _URLS])
@pytest.mark.parametrize("tag, attribute", [("a", "href"), ("img", "src")])
def test_the_glance_at_a_url_agrees_with_its_full_reading(url: str, tag: str, attribute: str) -> None:
    """Most of a page's URLs are passed at a glance (html_policy._plainly_local); the glance
    may only pass what the full reading (scheme and host, as the URL parser reads them) passes."""
    full = url_scheme(url) is None and html_policy.is_local(url)
    assert not html_policy._plainly_local(url) or full
    assert (html_policy.url_finding(tag, attribute, url) is None) == (full or (tag == "a" and url_scheme(url) in
                                                                               html_policy.LINK_SCHEMES))


def test_elements_passed_at_a_glance_are_still_read_in_full_when_anything_is_unusual() -> None:
    assert [f.what for f in findings('<p id="">a</p><p class="x md-nav">b</p><a href="\t//evil.example">c</a>'
                                     '<span aria-label="ok" title="t">d</span><sup id="fnref:a1">e</sup>')] == [
        "an id '' on <p> (ids start with a letter or digit; the theme's own start with '_')",
        "a class of the theme ('md-...') on <p>",
        "a link to '\t//evil.example' without a scheme"]


def test_texts_the_theme_prints_unescaped_hold_no_markup() -> None:
    assert [f.what for f in plain_text_findings('Home <img src=x onerror="alert(1)">')] == ["HTML markup (<img>)"]
    assert plain_text_findings("Calcium & phosphate < 1") == []
    assert [f.what for f in plain_text_findings("Tests <!-- hides the rest")] == ["HTML markup (an HTML comment)"]
