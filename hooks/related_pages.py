"""Append a "Related pages" section to every page, generated from the relation graph.

Why: each relation is written once in front matter, on its owning side; this hook shows
it on both sides, grouped by kind (types, conditions, differential diagnosis,
treatments, patient guides, see also), always at the end of the page text, so the
citations hook (priority 10) still adds the references after it. The graph is built
once per build (hooks/core/graph.py) in on_files. `on_page_markdown` adds the heading
and the list's place; hooks/places.py puts the list there once the search plugin has
indexed the page (hooks/core/related.py says why).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from core import abbreviations, related, state
from core.graph import graph_for
from core.pages import page_id

@event_priority(90)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    graph_for(state.current().site, state.current().project)
    return files


@event_priority(50)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    graph = graph_for(state.current().site, state.current().project)
    pid, uri = page_id(page.file.src_uri), page.file.src_uri
    source = graph.pages.get(pid)
    if source is None or source.src_uri != uri:
        return markdown
    meanings = state.current().shared("abbreviations", lambda: abbreviations.load(state.current().project)).meanings
    listing = related.related_html(graph, pid, lambda target: state.current().href(uri, target),
                                   lambda text: abbreviations.wrap(text, meanings))
    if not listing:
        return markdown
    state.current().place_after_indexing(uri, related.PLACE, listing)
    return related.append_section(markdown)
