"""Check every `bibliography/*.bib` before any page is built, and keep mkdocs-bibtex off it.

Why: a reference is only trustworthy if its entry is complete and verifiable, and a syntax
error must be reported with its file and line, not as a traceback. The rules live in
`core/bibliography.py`; this hook reports them with the rest of the build's problems.

mkdocs-bibtex stays configured (its `bib_dir` and `csl_file` say where the references and
the style are), but our hooks parse, number and format the references. The plugin would
otherwise parse the bibliography with pybtex on every build, which costs time and ends
the build with a traceback at the first syntax error, before any check has spoken. So
its documented `bib_file` option, which takes precedence over `bib_dir`, is pointed at
an empty file: the plugin stays harmless and can be removed without touching this hook.
"""

from __future__ import annotations

import logging
import os
import tempfile

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from core import state
from core.cachefiles import write_atomically
from core.problems import report
from core.project import project_root

log = logging.getLogger("mkdocs.hooks.bibliography_check")


@event_priority(50)  # before the plugin's own on_config (priority 0)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = config.plugins.get("bibtex")
    if plugin is not None:
        root = project_root(config)
        plugin.config.bib_file = _empty_bib(os.path.join(root, ".cache"))
    return config


_EMPTY_BIB = "% Intentionally empty: hooks/bibliography_check.py owns the bibliography.\n"


def _empty_bib(cache_dir: str) -> str:
    for folder in (cache_dir, tempfile.gettempdir()):  # a read-only checkout still builds
        path = os.path.join(folder, "mkdocs-bibtex-empty.bib")
        try:
            with open(path, encoding="utf-8") as fh:
                if fh.read() == _EMPTY_BIB:  # never trusted: a changed file is written again
                    return path
        except (OSError, UnicodeDecodeError):
            pass
        if write_atomically(path, _EMPTY_BIB):
            return path
    raise PluginError("no writable folder for mkdocs-bibtex's empty bibliography (.cache/ or the temp folder)")


@event_priority(90)  # right after hooks/source_files.py has read the pages
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    report(state.bibliography().problems, log)  # the same list as core.bibliography.check
    return files
