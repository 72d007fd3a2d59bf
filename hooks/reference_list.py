"""Generate the site-wide References page (`<!-- generate: reference-list -->`).

Why: "Cited on" must list the pages that really show a reference, including citations
that generators insert (such as the evidence table). MkDocs converts every page's
Markdown (where hooks/citations.py records each page's keys) before it builds any page's
context, so by `on_page_context` the whole site's citations are known, whatever the order
of the files. `on_page_markdown` replaces the marker with a sentence and the list's
place; `on_page_context` (priority 10: before the search plugin indexes the page at 0)
puts the list there (`core/reference_list.py`), reusing the references formatted for the
footnotes.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from core import abbreviations, reference_format, reference_list, state


@event_priority(50)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if reference_list.MARKER not in markdown:
        return markdown
    return markdown.replace(reference_list.MARKER, reference_list.introduction(state.current().bibliography))


@event_priority(10)  # every page's Markdown is converted by now; search (0) indexes the list
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if page.content is None or reference_list.PLACE not in page.content:
        return context
    build = state.current()
    project, bib = build.project, build.bibliography
    shown = build.shared("shown references", lambda: reference_format.shown_for(project, bib))
    titles = {p.src_uri: str(p.meta.get("title") or p.id) for p in build.site.pages.values()}
    listing = reference_list.reference_list(bib, shown, build.cited, titles, project.nav,
                                            lambda uri: build.href(page.file.src_uri, uri),
                                            lambda text: abbreviations.wrap(text, shown.meanings))
    if page.present_anchor_ids is not None:  # checked once every page is built
        page.present_anchor_ids.update(reference_list.anchors(bib))
    page.content = reference_list.place(page.content, listing)
    return context
