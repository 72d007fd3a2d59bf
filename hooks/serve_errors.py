"""`mkdocs serve`: after a failed rebuild the browser shows the problems, never a hung request.

Why: MkDocs 1.6's server marks a rebuild as started, and answers a request for a page only
once the site is fully built again; a rebuild that fails (a strict build with a warning, a
hook's error) never finishes, so the browser waits until the next good save. The server
handed to `on_serve` calls its public `builder` attribute for every rebuild: this hook wraps
it so that a failed rebuild collects its warnings and error, logs them, puts them on the
pages (core/serve_errors.py) and returns; the server then reloads the browser, which shows
the list until a rebuild succeeds. The first build is not wrapped: when it fails,
`mkdocs serve` stops with the messages, as `mkdocs build` does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from core import serve_errors, site_config

log = logging.getLogger("mkdocs.hooks.serve_errors")


class _Collect(logging.Handler):
    """The warnings and errors MkDocs and the hooks log during one rebuild."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _shown_build(build: Callable[[], None], site_dir: str, config_file: str) -> Callable[[], None]:
    def build_or_show_problems() -> None:
        # Every rebuild reads mkdocs.yml again with MkDocs' loader, which runs a YAML tag
        # such as !!python/object/apply: `make serve` checked the file only at its start.
        refused = site_config.raw_config_problems(config_file)
        if refused:
            for problem in refused:
                log.error(str(problem))
            reason = "mkdocs.yml was not read: it holds what the checks refuse."
            serve_errors.show(site_dir, [str(p) for p in refused], reason)
            return
        collect = _Collect()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collect)
        try:
            build()
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - MkDocs' Abort is a SystemExit
            reason = str(exc) if isinstance(exc, SystemExit) else f"{type(exc).__name__}: {exc}"
            log.debug("the rebuild failed", exc_info=True)
            log.error(f"{reason} The browser shows the problems until a rebuild succeeds.")
            serve_errors.show(site_dir, list(dict.fromkeys(collect.messages)), reason)
        finally:
            logger.removeHandler(collect)

    return build_or_show_problems


def on_serve(server: Any, *, config: MkDocsConfig, builder: Callable[[], None]) -> Any:
    server.builder = _shown_build(server.builder, config.site_dir, config.config_file_path or "mkdocs.yml")
    return server
