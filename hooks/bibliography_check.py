"""Check every `bibliography/*.bib` before any page is built.

Why: a reference is only trustworthy if its entry is complete and verifiable, and a syntax
error must be reported with its file and line, not as a traceback. The rules live in
`core/bibliography.py`; this hook reports them with the rest of the build's problems.

The folder is the project's setting `extra: calcinosis: bibliography` (core/settings.py).
mkdocs-bibtex stays in mkdocs.yml, pointed at an empty file (README, "Dependencies"):
our hooks parse, check, number and format the references; no hook writes its config.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from core import state
from core.problems import report

log = logging.getLogger("mkdocs.hooks.bibliography_check")


@event_priority(90)  # right after hooks/source_files.py has read the pages
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    report(state.current().bibliography.problems, log)  # the same list as core.bibliography.check
    return files
