"""Show "Last reviewed" under every page title, and a "Review due" notice when it is old.

Why: readers of medical pages need to know how current each page is; a page whose last
clinical review is more than three years old says so visibly. `on_page_markdown` leaves
a place right after the page's `# Title`, and `on_page_context` puts the HTML there once
the search plugin has indexed the page (hooks/core/reviews.py says why), so it is part
of page.content and carried into the PDF handouts, with no theme template change.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from core import state
from core.mdtext import fill_place
from core.pages import page_id
from core.reviews import PLACE, POLICY_ANCHOR, POLICY_ID, insert_after_title, review_html

_notes: dict[str, str] = {}  # src_uri -> the page's review line, placed by on_page_context


@event_priority(80)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    _notes.clear()
    return files


@event_priority(50)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    site, project, uri = state.site(), state.project(), page.file.src_uri
    source = site.pages.get(page_id(uri))
    if source is None or source.src_uri != uri:
        return markdown
    policy = None
    if POLICY_ID in site.pages:
        policy = f"{state.href(uri, site.pages[POLICY_ID].src_uri)}#{POLICY_ANCHOR}"
    note = review_html(source.meta.get("reviewed"), project.today, policy)
    if not note:
        return markdown
    _notes[uri] = note
    return insert_after_title(markdown, PLACE + "\n")


@event_priority(-50)  # after the search plugin (0) has indexed the page
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    note = _notes.pop(page.file.src_uri, None)
    if note is not None and page.content is not None:
        page.content = fill_place(page.content, PLACE, note)
    return context
