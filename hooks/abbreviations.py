"""Every abbreviation on a page is defined in includes/abbreviations.md; the glossary lists them.

Why: the snippet gives each abbreviation its hover text on every page, so one missing
from it is silently unexplained. hooks/core/abbreviations.py reports each undefined
abbreviation with file and line (and a malformed snippet line), and replaces
`<!-- generate: abbreviations -->` with the table of all of them, generated from the
snippet so that no abbreviation is typed twice. Priority 50 in on_page_markdown, with
the other generators, before the citations hook (10).
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from core import abbreviations, state
from core.problems import report

log = logging.getLogger("mkdocs.hooks.abbreviations")


@event_priority(80)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    report(abbreviations.check(state.current().site, state.current().project), log)
    return files


@event_priority(50)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return abbreviations.expand(markdown, state.current().project)
