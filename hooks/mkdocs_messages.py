"""Give MkDocs' own warnings about contributors' files a line and a fix, and drop the ones
our checks have already reported.

Why: MkDocs reports a nav entry for a missing file, a link it cannot resolve and an unused
footnote without a line or a fix, and repeats broken links that hooks/cross_references.py
has reported with their line. A logging filter on MkDocs' page and nav loggers passes each
warning through core/mkdocs_messages.py; the strict build still counts every warning left.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from core import crossrefs, mkdocs_messages, state

_LOGGERS = ("mkdocs.structure.nav", "mkdocs.structure.pages")


class _Rewrite(logging.Filter):
    """Rewrites (or drops) the warnings of the build in progress (its state: core/state.py)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        try:
            build = state.current()
            project, site = build.project, build.site
        except RuntimeError:  # outside a build, or before it has read its pages
            return True
        message = mkdocs_messages.rewrite(record.getMessage(), project, site, build.reported_links)
        if message is None:
            return False
        record.msg, record.args = message, ()
        return True


_filter = _Rewrite()


def _attach() -> None:
    """Put this build's filter on MkDocs' loggers (MkDocs may load this hook anew for every
    build of `mkdocs serve`, and tests build many sites in one process)."""
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if type(f).__name__ == _Rewrite.__name__]:
            logger.removeFilter(old)  # one left by an earlier load of this hook in the same process
        logger.addFilter(_filter)


def on_shutdown() -> None:
    for name in _LOGGERS:
        logging.getLogger(name).removeFilter(_filter)


@event_priority(70)  # after hooks/cross_references.py (80) has checked every link
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    problems = state.current().shared("crossrefs", lambda: crossrefs.check(state.current().site, state.current().project))
    state.current().reported_links = mkdocs_messages.reported_links(problems)
    _attach()
    return files
