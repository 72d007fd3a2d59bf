"""Replace `<!-- generate: NAME -->` markers with tables generated from front matter.

Why: the conditions x types matrix, the treatments-by-indication table and the evidence
table summarise relations written once in front matter (hooks/core/overview.py builds
them from the graph). An unknown marker name is reported with file and line instead of
vanishing as an HTML comment. `on_page_markdown` (priority 50: before the citations hook
at 10) leaves each table's place and tells the citations hook which keys the evidence
table cites; `on_page_content` (priority 20: before the citations hook hides citation
marks from search) puts the HTML tables in their places.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from core import abbreviations, citations, overview, state
from core.graph import graph_for
from core.mdtext import fill_place
from core.problems import report

log = logging.getLogger("mkdocs.hooks.overview_tables")

@event_priority(80)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    report(overview.check(state.current().site, state.current().project), log)
    return files


@event_priority(50)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    expanded, names = overview.expand(markdown)
    if names:
        uri = page.file.src_uri
        state.current().tables[uri] = names
        graph = graph_for(state.current().site, state.current().project)
        state.current().generated_citations[uri] = overview.studies(graph, names)
    return expanded


@event_priority(20)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    uri = page.file.src_uri
    names = state.current().tables.pop(uri, None)
    if not names:
        return html
    graph = graph_for(state.current().site, state.current().project)
    meanings = state.current().shared("abbreviations", lambda: abbreviations.load(state.current().project)).meanings
    links = overview.Links(href=lambda target: state.current().href(uri, target),
                           mark_up=lambda text: abbreviations.wrap(text, meanings), cite=citations.cite_mark)
    for name in dict.fromkeys(names):
        html = fill_place(html, overview.place(name), overview.GENERATORS[name](graph, links))
    return html
