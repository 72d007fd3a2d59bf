"""Show "Last reviewed" under every page title, and a "Review due" notice when it is old.

Why: readers of medical pages need to know how current each page is; a page whose last
clinical review is more than three years old says so visibly. `on_page_markdown` leaves
a place right after the page's `# Title`, and hooks/places.py puts the HTML there once
the search plugin has indexed the page (hooks/core/reviews.py says why), so it is part
of page.content and carried into the PDF handouts, with no theme template change.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from core import state
from core.pages import page_id
from core.reviews import PLACE, POLICY_ANCHOR, POLICY_ID, insert_after_title, review_html

@event_priority(50)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    site, project, uri = state.current().site, state.current().project, page.file.src_uri
    source = site.pages.get(page_id(uri))
    if source is None or source.src_uri != uri:
        return markdown
    policy = None
    if POLICY_ID in site.pages:
        policy = f"{state.current().href(uri, site.pages[POLICY_ID].src_uri)}#{POLICY_ANCHOR}"
    note = review_html(source.meta.get("reviewed"), project.today, policy)
    if not note:
        return markdown
    state.current().place_after_indexing(uri, PLACE, note)
    return insert_after_title(markdown, PLACE + "\n")
