"""Show "Last reviewed" under every page title, and a "Review due" notice when it is old.

Why: readers of medical pages need to know how current each page is; a page whose last
clinical review is more than three years old says so visibly. The text is injected into
the page's Markdown (right after its `# Title`), so it is part of page.content and is
carried into search and the PDF handouts, with no theme template change.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from core import state
from core.graph import graph_for
from core.pages import page_id
from core.reviews import POLICY_ANCHOR, POLICY_ID, insert_after_title, review_markdown


@event_priority(50)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    site, project = state.site(), state.project()
    source = site.pages.get(page_id(page.file.src_uri))
    if source is None or source.src_uri != page.file.src_uri:
        return markdown
    policy = None
    if POLICY_ID in site.pages:
        policy = graph_for(site, project).link(source.src_uri, POLICY_ID, POLICY_ANCHOR)
    return insert_after_title(markdown, review_markdown(source.meta.get("reviewed"), project.today, policy))
