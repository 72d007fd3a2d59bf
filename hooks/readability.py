"""Fail the build when a patient guide reads above Flesch-Kincaid grade 8.

Why: the patient guides (`kind: patient`) are for patients and families; plain language
is a rule of the site, not a hope. hooks/core/readability.py scores the prose a reader
sees and names the lines of the hardest sentences; this hook reports it on every build,
and `make check` runs the same function.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from core import readability, state
from core.problems import report

log = logging.getLogger("mkdocs.hooks.readability")


@event_priority(80)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    try:
        problems = readability.check(state.current().site, state.current().project)
    except RuntimeError as exc:  # an installed textstat that is not the pinned one
        raise PluginError(f"{exc} (install the pinned versions: .venv/bin/pip install -r requirements.txt)") from None
    report(problems, log)
    return files
