"""Every table of a page in a frame that scrolls sideways, can take the keyboard focus and has a name.

Why: a table wider than its column (the evidence table has eight columns; on a 390 px
phone most tables are) must stay readable whole. Material wraps each plain table in its
own scrolling `<div>`s in the reader's browser, but those can take no keyboard focus, have
no name and show no sign that more columns lie to the side. One rule for every table: the
build puts each outermost `<table>` in `<div class="table-frame" role="region" tabindex="0"
aria-label="Table: <heading>">`, which site.css makes the one scroll container (Material's
wrappers inside it no longer scroll) with a shadow at each edge that has more columns
behind it. The attributes are on the page-body allowlist (core/html_policy.py).
"""

from __future__ import annotations

import html
import re

FRAME_CLASS = "table-frame"
_TAG = re.compile(r"<(/?)table\b[^>]*>", re.I)
_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.I | re.S)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_MARKUP = re.compile(r"<[^>]*>")
_CITE_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _plain(fragment: str) -> str:
    """The words of an HTML fragment (a heading), without the permalink and citation marks."""
    text = _MARKUP.sub("", _CITE_COMMENT.sub("", _HEADERLINK.sub("", fragment)))
    return " ".join(html.unescape(text).split())


def _outer_tables(page_html: str) -> list[tuple[int, int]]:
    """Start and end offsets of each table not inside another table, in page order."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for match in _TAG.finditer(page_html):
        if not match.group(1):
            if depth == 0:
                start = match.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((start, match.end()))
    return spans


def frame_label(heading: str, number: int) -> str:
    """The frame's accessible name: the heading the table stands under (`number` > 1: the
    second and later tables under the same heading)."""
    name = f"Table: {heading}" if heading else "Table"
    return f"{name} ({number})" if number > 1 else name


def framed_tables(page_html: str) -> str:
    """`page_html` with each outermost table in a named, focusable frame that scrolls sideways."""
    if "<table" not in page_html.lower():
        return page_html
    headings = [(m.start(), _plain(m.group(2))) for m in _HEADING.finditer(page_html)]
    out: list[str] = []
    done = 0
    under: dict[int, int] = {}  # offset of a heading -> tables framed under it so far
    for start, end in _outer_tables(page_html):
        heading_at, heading = max(((at, text) for at, text in headings if at < start), default=(-1, ""))
        under[heading_at] = under.get(heading_at, 0) + 1
        label = html.escape(frame_label(heading, under[heading_at]), quote=True)
        out += [page_html[done:start], f'<div class="{FRAME_CLASS}" role="region" tabindex="0" aria-label="{label}">',
                page_html[start:end], "</div>"]
        done = end
    return "".join(out) + page_html[done:]
