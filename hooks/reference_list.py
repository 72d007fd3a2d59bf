"""Generate the site-wide References page (`<!-- generate: reference-list -->`).

Why: "Cited on" must list the pages that really show a reference, including citations
that generators insert (such as the evidence table). Those are known only once every
other page has been rendered, so `on_files` moves the pages holding the marker to the
end of MkDocs' render order; `on_page_markdown` replaces the marker with a sentence and
the list's place, and `on_page_content` puts the list there (`core/reference_list.py`),
reusing the references formatted for the footnotes: first as the search index sees it
(`reference_list.for_search`), then, in `on_page_context`, once the page is indexed, as
readers see it.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from core import abbreviations, reference_format, reference_list, state


_lists: dict[str, tuple[str, str]] = {}  # src_uri -> (the list as search sees it, the list)


@event_priority(-100)  # last, so nothing is appended after the moved pages
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    _lists.clear()
    holders = {p.src_uri for p in state.site().pages.values() if reference_list.MARKER in p.text}
    for f in [f for f in files.documentation_pages() if f.src_uri in holders]:
        files.remove(f)
        files.append(f)
    return files


@event_priority(50)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if reference_list.MARKER not in markdown:
        return markdown
    return markdown.replace(reference_list.MARKER, reference_list.introduction(state.bibliography()))


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if reference_list.PLACE not in html:
        return html
    project, bib = state.project(), state.bibliography()
    shown = state.per_build("shown references", lambda: reference_format.shown_for(project, bib))
    titles = {p.src_uri: str(p.meta.get("title") or p.id) for p in state.site().pages.values()}
    listing = reference_list.reference_list(bib, shown, state.cited(), titles, project.nav,
                                            lambda uri: state.href(page.file.src_uri, uri),
                                            lambda text: abbreviations.wrap(text, shown.meanings))
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.update(reference_list.anchors(bib))
    searched = reference_list.for_search(listing)
    _lists[page.file.src_uri] = (searched, listing)
    return reference_list.place(html, searched)


@event_priority(-50)  # after the search plugin (0) has indexed the page
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    lists = _lists.pop(page.file.src_uri, None)
    if lists is not None and page.content is not None:
        page.content = page.content.replace(*lists, 1)
    return context
