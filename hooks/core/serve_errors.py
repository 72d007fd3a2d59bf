"""The problems of a failed `mkdocs serve` rebuild, shown in the browser.

Why: MkDocs 1.6 leaves a failed rebuild's site "in progress" for good, and every request
for a page waits until a rebuild succeeds: the browser hangs. hooks/serve_errors.py lets the
rebuild end normally instead, after `show` has put the list of problems (file, line, what,
fix) at the top of every page of the site folder. The pages are those the failed build
wrote (a strict build writes every page before it counts its warnings), or the last good
build's when it failed before writing; when there is no page at all, the list is the page
served for every address. Nothing here reaches `mkdocs build` or site/.
"""

from __future__ import annotations

import html
import os
import re

MARK = "<!-- serve-errors -->"
END = "<!-- /serve-errors -->"
_EARLIER = re.compile(re.escape(MARK) + ".*?" + re.escape(END), re.S)
_BODY = re.compile(r"<body\b[^>]*>", re.I)
# Inline styles: the panel must look the same on any page, whatever the theme's stylesheet.
_PANEL = ('<div id="serve-errors" role="alert" style="position:relative;z-index:10;margin:0;padding:1rem 1.5rem;'
          'background:#fff3f3;color:#5c0000;border-bottom:3px solid #b00020;font:14px/1.5 sans-serif">'
          '<p style="margin:0 0 .5rem;font-weight:bold">The last rebuild failed: {reason} Fix {what} and save: '
          'this page reloads when the site builds again.</p>{items}</div>')
_ITEM = '<li style="white-space:pre-wrap;font-family:monospace">{}</li>'
_PAGE = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head>'
         "<body>{panel}</body></html>")


def panel(problems: list[str], reason: str) -> str:
    """The failure and its problems as one HTML block, every text escaped, between markers."""
    items = f'<ul style="margin:0;padding-left:1.25rem">{"".join(_ITEM.format(html.escape(p)) for p in problems)}</ul>'
    reason = reason.strip() if reason.strip().endswith((".", "!", "?")) else reason.strip() + "."
    what = "the problem below" if len(problems) == 1 else "the problems below" if problems else "it"
    return MARK + _PANEL.format(reason=html.escape(reason), what=what, items=items if problems else "") + END


def inject(page: str, block: str) -> str:
    """`page` with `block` first in its body, in place of the block of an earlier failure."""
    page = _EARLIER.sub("", page)
    body = _BODY.search(page)
    return page[:body.end()] + block + page[body.end():] if body else block + page


def show(site_dir: str, problems: list[str], reason: str) -> int:
    """Put the problems on every HTML page under `site_dir`; with no home page there, write
    the list as the home page and as the 404 page (which the server answers for any
    missing page). Returns how many files were written."""
    block = panel(problems, reason)
    written = 0
    for folder, _, names in os.walk(site_dir):
        for name in names:
            if not name.endswith(".html"):
                continue
            path = os.path.join(folder, name)
            try:
                with open(path, encoding="utf-8", errors="replace") as fh:
                    text = fh.read()
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(inject(text, block))
                written += 1
            except OSError:
                continue  # a file the build is still holding: the others show the list
    if not os.path.isfile(os.path.join(site_dir, "index.html")):
        os.makedirs(site_dir, exist_ok=True)
        for name in ("index.html", "404.html"):
            with open(os.path.join(site_dir, name), "w", encoding="utf-8") as fh:
                fh.write(_PAGE.format(panel=block))
            written += 1
    return written
