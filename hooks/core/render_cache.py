"""The HTML of each page's last conversion, for `mkdocs serve` rebuilds (hooks/render_cache.py).

Why: converting Markdown is about half of a rebuild, and a save changes one page. A
conversion's result is reused only when its key is the same, and the key holds all that
Python-Markdown and MkDocs read while converting a page:

- the page's final Markdown (after every hook) and its src_uri;
- every file of the build with its URL (links are resolved and checked against them);
- the Markdown extensions and their settings, and MkDocs' validation settings;
- every file the snippets extension can include (path, size, times and inode).

What a conversion logs (a link MkDocs cannot resolve, say) is kept with it and logged
again when the result is reused, so a strict rebuild fails exactly when a full one would.
Only the results of the latest build are kept.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from core import memo



@dataclass
class Rendered:
    """What converting one page gave: the HTML, the table of contents, its ids, its links
    to anchors of other pages (by src_uri), its log."""

    content: str
    toc: Any
    anchors: set[str]
    links: dict[str, dict[str, str]] | None
    records: list[logging.LogRecord] = field(default_factory=list)

    def fresh_toc(self) -> Any:
        """A copy of the table of contents: hooks may change the page's own (titles)."""
        return copy_toc(self.toc)


def copy_toc(toc: Any) -> Any:
    """A table of contents that later changes to the page's own do not reach: MkDocs'
    TableOfContents of AnchorLinks (title, id, level, children), copied link by link."""
    return type(toc)([_copy_link(link) for link in toc])


def _copy_link(link: Any) -> Any:
    copied = type(link)(link.title, link.id, link.level)
    copied.children = [_copy_link(child) for child in link.children]
    return copied


def snippet_folders(mdx_configs: Mapping[str, Any], config_file: str | None) -> list[str]:
    """The folders pymdownx.snippets reads (its `base_path`, relative to the project)."""
    options = mdx_configs.get("pymdownx.snippets") or {}
    paths = options.get("base_path", ["."])
    paths = [paths] if isinstance(paths, str) else list(paths)
    root = os.path.dirname(os.path.abspath(config_file or "mkdocs.yml"))
    return [p if os.path.isabs(p) else os.path.join(root, p) for p in paths]


@dataclass
class Pending:
    """A page between its last Markdown hook and its first HTML hook (on the build object)."""

    key: str
    markdown: str
    kept: Rendered | None  # an earlier conversion to put back, or None: keep this one
    records: LogRecords | None = None


# Conversions by key: the pages of the latest serve rebuild (`end_build` drops the rest).
_kept: memo.Memo[str, Rendered] = memo.declare("render_cache: converted pages", bound=4096)


def build_key(files: Iterable[tuple[str, str]], settings: Iterable[str], snippet_dirs: Iterable[str]) -> str:
    """The key of everything a conversion reads but the page's own Markdown."""
    return memo.digest([*sorted(f"{uri}\0{url}" for uri, url in files), *settings, *memo.files_state(snippet_dirs)])


def page_key(build: str, src_uri: str, markdown: str) -> str:
    return memo.digest([build, src_uri, markdown])


def lookup(key: str) -> Rendered | None:
    return _kept.get(key)


def keep(key: str, rendered: Rendered) -> None:
    _kept.put(key, rendered)


def end_build(used: set[str]) -> None:
    """Forget the results this build did not use (pages edited since, or gone)."""
    _kept.keep_only(used)


class LogRecords(logging.Handler):
    """Keeps what MkDocs and its extensions log while a page converts (between `start()`
    and `stop()`, or `with LogRecords()`), in this thread only: `mkdocs serve` answers the
    browser from another thread, which logs too."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.kept: list[logging.LogRecord] = []
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.kept.append(record)

    def start(self) -> None:
        logging.getLogger("mkdocs").addHandler(self)

    def stop(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self)

    def __enter__(self) -> LogRecords:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def forget() -> None:
    """Drop every kept result (tests; a new serve session starts with none)."""
    _kept.clear()
