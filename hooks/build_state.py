"""Begin and end the build object (core/state.py) that every other hook shares.

Why: one build, one object, created in one place. At startup the process records whether
it serves; at the start of each build (`mkdocs build`, or every `mkdocs serve` rebuild)
the settings of `extra: calcinosis:` are read and checked (core/settings.py) and a new,
empty build begins, before any other hook's on_config; at its end, or when it fails, the
build is closed, so nothing can use it by mistake in the next, and the caches declared
`last_build_only` (core/memo.py) drop what it did not use.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from core import memo, settings, state
from core.project import project_root

def on_startup(*, command: str, dirty: bool) -> None:
    state.start_session(command)


@event_priority(200)  # first of all: every other hook's on_config may use the build
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:  # what is wrong in mkdocs.yml is reported with its line by hooks/site_config.py
        chosen, _ = settings.read(config.get("extra"), os.environ, root=project_root(config))
    except settings.SettingsError as error:
        raise PluginError(str(error)) from None
    memo.switch(chosen.cache)
    state.begin(chosen)
    return config


@event_priority(-1000)  # last: every hook's post_build has used the build
def on_post_build(*, config: MkDocsConfig) -> None:
    state.end()
    memo.end_build()


@event_priority(-1000)  # last: every hook's build_error may still use the build
def on_build_error(*, error: Exception) -> None:
    state.end()
    memo.end_build()
