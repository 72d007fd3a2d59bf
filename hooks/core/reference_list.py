"""The site-wide reference list: every entry once, by first author, with "Cited on" links.

Why: readers and reviewers need one place to see every source the site relies on and
where each is used, and it is where the search finds a source by its author or title
(pages leave their own reference lists out of the search index). mkdocs-bibtex's
`\\full_bibliography` emits footnotes whose anchors clash with strict anchor validation
and has no back links. The list is made as HTML, not Markdown: with a thousand entries,
Python-Markdown took a tenth of a second per hundred entries to parse what is written
here in one pass.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence

from core.bibliography import Bibliography
from core.mdtext import fill_place

MARKER = "<!-- generate: reference-list -->"
PLACE = "<!-- reference list: placed by hooks/reference_list.py -->"


def cited_on(cited: Mapping[str, Sequence[str]], nav: Sequence[str]) -> dict[str, list[str]]:
    """Key -> the src_uris of the pages that render it, in nav order (then by path)."""
    order = {uri: i for i, uri in enumerate(nav)}
    pages: dict[str, list[str]] = {}
    for uri in sorted(cited, key=lambda u: (order.get(u, len(order)), u)):
        for key in cited[uri]:
            pages.setdefault(key, []).append(uri)
    return pages


def introduction(bib: Bibliography) -> str:
    """The Markdown that replaces `MARKER`: a sentence, then the place of the list."""
    count = len(bib.entries)
    return (f"The site cites {count} reference{'' if count == 1 else 's'}, each with links to the pages "
            f"that cite it.\n\n{PLACE}")


def reference_list(
    bib: Bibliography,
    references: Mapping[str, str],
    cited: Mapping[str, Sequence[str]],
    titles: Mapping[str, str],
    nav: Sequence[str],
    href: Callable[[str], str],
    mark_up: Callable[[str], str] = lambda text: text,
) -> str:
    """HTML for the list: one item per entry, sorted by first author, then year and title.

    `references` holds each entry's HTML, `href` gives the link from the list's page to
    another page (by src_uri), `mark_up` adds abbreviations to HTML text."""
    where = cited_on(cited, nav)
    link: dict[str, tuple[str, str]] = {}  # src_uri -> (href, title): a page is linked from many entries
    for uri in {uri for uris in where.values() for uri in uris}:
        link[uri] = (html.escape(href(uri)), mark_up(html.escape(titles.get(uri, uri), quote=False)))
    items = []
    for entry in sorted(bib.entries.values(), key=lambda e: e.sort_key):
        text = references.get(entry.key, html.escape(entry.key))
        links = [f'<a href="{link[uri][0]}#fnref:{entry.key}">{link[uri][1]}</a>' for uri in where.get(entry.key, [])]
        cited_line = "Cited on: " + ", ".join(links) if links else "Not cited on any page."
        items.append(f'<li>\n<p><span id="ref-{entry.key}"></span>{text}</p>\n<p>{cited_line}</p>\n</li>')
    return '<div class="reference-list">\n<ul>\n' + "\n".join(items) + "\n</ul>\n</div>"


def place(page_html: str, listing: str) -> str:
    """Put the list where `introduction` left its place."""
    return fill_place(page_html, PLACE, listing)




def anchors(bib: Bibliography) -> set[str]:
    """The ids the list gives the page (`#ref-key`)."""
    return {f"ref-{key}" for key in bib.entries}
