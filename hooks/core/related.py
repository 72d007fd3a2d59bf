"""The "Related pages" section of a page, generated from the relation graph.

Why: readers move along the graph (from a type to the conditions behind it, to its
mimics, to its treatments); the links are generated from front matter so that they are
written once and never go stale. Every page shows them in the same place, at the end of
its text, before the references. The heading goes into the page's Markdown (it is in the
table of contents); the list is HTML, placed after the search index is built: it is
navigation, and matching it would make every neighbour of a page a search result.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from core.graph import Graph

HEADING = '## Related pages { #related-pages data-search-exclude="true" }'
ANCHOR = "related-pages"
PLACE = "<!-- related pages: placed by hooks/related_pages.py -->"


def related_html(graph: Graph, page_id: str, href: Callable[[str], str],
                 mark_up: Callable[[str], str] = lambda text: text) -> str:
    """The section's list for one page, or "" when the page has no relations.

    `href` gives the link to a page by src_uri; `mark_up` adds abbreviations to HTML text."""
    groups = graph.related(page_id)
    if not groups:
        return ""
    items = []
    for label, ids in groups:
        links = ", ".join(f'<a href="{html.escape(href(graph.pages[i].src_uri))}">'
                          f'{mark_up(html.escape(graph.title(i), quote=False))}</a>' for i in ids)
        items.append(f"<li><strong>{html.escape(label)}:</strong> {links}</li>")
    return "<ul>\n" + "\n".join(items) + "\n</ul>"


def append_section(markdown: str) -> str:
    """The page's Markdown with the Related pages heading and the list's place at the end."""
    return markdown.rstrip("\n") + f"\n\n{HEADING}\n\n{PLACE}\n"
