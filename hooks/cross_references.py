"""Check every cross-reference in page text with its line, and find orphan pages.

Why: MkDocs' own link and anchor warnings name no line, and accept links to a heading's
auto-generated slug that break when the heading is retitled. hooks/core/crossrefs.py
checks links, section ids, nav membership and orphans; this hook reports its findings
on every build (MkDocs' validation stays on as a second net).
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from core import crossrefs, state
from core.problems import report

log = logging.getLogger("mkdocs.hooks.cross_references")


@event_priority(80)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    report(state.current().shared("crossrefs", lambda: crossrefs.check(state.current().site, state.current().project)), log)
    return files
