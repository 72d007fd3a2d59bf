"""Give the theme's Jinja environment our bytecode cache (hooks/core/template_cache.py), so
that its templates are compiled once, not in every build."""

from __future__ import annotations

import os

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from core import memo, template_cache
from core.project import project_root


def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    if memo.enabled():  # every cache off (core/memo.py): templates compiled afresh
        env.bytecode_cache = template_cache.for_folder(os.path.join(project_root(config), ".cache", "jinja"))
    return env
