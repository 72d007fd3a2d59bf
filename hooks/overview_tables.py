"""Replace `<!-- generate: NAME -->` markers with tables generated from front matter.

Why: the conditions x types matrix, the treatments-by-indication table and the evidence
table summarise relations written once in front matter (hooks/core/overview.py builds
them from the graph). An unknown marker name is reported with file and line instead of
vanishing as an HTML comment. Priority 50: before the citations hook (10) renders the
`[@key]` citations that the evidence table's rows carry.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from core import overview, state
from core.graph import graph_for
from core.problems import report

log = logging.getLogger("mkdocs.hooks.overview_tables")


@event_priority(80)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    report(overview.check(state.site(), state.project()), log)
    return files


@event_priority(50)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return overview.expand(markdown, graph_for(state.site(), state.project()), page.file.src_uri)
