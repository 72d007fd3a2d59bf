"""Fill every place a hook left in a page for HTML that search should not index.

Why: Material's search plugin indexes a page at `on_page_context` (priority 0). Blocks a
reader does not search for (Related pages, the review line, the figures) are left as a
place in the Markdown by their hooks, which hand the HTML to
`Build.place_after_indexing` (core/state.py); this hook puts them all in, in one event, after search
has indexed the page and before hooks/citations.py (-50) numbers the page's citations, so
a block's citations are numbered with the rest of the page.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from core import citations, state
from core.mdtext import fill_place


@event_priority(-45)  # after search (0) indexed the page; before citations (-50) numbers its citations
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    placed = state.current().take_places(page.file.src_uri)
    if placed and page.content is not None:
        for place, block in placed:
            page.content = fill_place(page.content, place, citations.hide_citations(block))
    return context
