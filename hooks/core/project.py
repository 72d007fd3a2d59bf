"""Where the project's inputs live, as plain data for the checks.

Built from the MkDocs config by the hooks during a build, and by `tools/check.py`
(`make check`) from the same mkdocs.yml without building, so both run the same checks
over the same inputs and print the same messages.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import Any

from core.settings import read as read_settings


@dataclass
class Project:
    root: str  # folder of mkdocs.yml; message paths are relative to it
    docs_dir: str
    bib_dir: str
    includes_dir: str
    nav: list[str] = field(default_factory=list)  # src_uris in nav order
    today: dt.date = field(default_factory=dt.date.today)
    csl_file: str | None = None
    snippet_dirs: list[str] = field(default_factory=list)  # pymdownx.snippets' base_path folders
    snippet_appends: list[str] = field(default_factory=list)  # its auto_append files, as written

    def rel(self, path: str) -> str:
        """A path as shown in messages: relative to the project root, forward slashes."""
        return os.path.relpath(path, self.root).replace(os.sep, "/")

    @property
    def docs_prefix(self) -> str:
        return self.rel(self.docs_dir)


def flatten_nav(nav: Any) -> list[str]:
    """Every Markdown file named in a MkDocs `nav` value, in order."""
    found: list[str] = []
    items = nav if isinstance(nav, list) else [nav]
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found.extend(flatten_nav(value))
        elif isinstance(value, str) and value.endswith(".md"):
            found.append(value)
    return found


def project_root(config: Any) -> str:
    """The project's folder: the one mkdocs.yml is in (the only place this is worked out)."""
    return os.path.dirname(os.path.abspath(config["config_file_path"] or "mkdocs.yml"))


def project_from_config(config: Any, csl_file: str | None = None) -> Project:
    """Derive the Project from a loaded MkDocs config (any mapping with its keys): the
    bibliography folder from the project's settings (`extra: calcinosis:`,
    core/settings.py), and `csl_file`, the style's file as hooks/csl_style.py resolved it."""
    root = project_root(config)
    chosen, _ = read_settings(config.get("extra"), {}, root=root)
    snippets = (config.get("mdx_configs") or {}).get("pymdownx.snippets") or {}
    base = snippets.get("base_path") or ["."]
    base = [base] if isinstance(base, str) else list(base)
    appends = snippets.get("auto_append") or []
    return Project(
        snippet_appends=[appends] if isinstance(appends, str) else [str(a) for a in appends],
        snippet_dirs=[os.path.normpath(os.path.join(root, folder)) for folder in base],
        root=root,
        docs_dir=os.path.abspath(config["docs_dir"]),
        bib_dir=os.path.abspath(os.path.join(root, chosen.bibliography)),
        includes_dir=os.path.join(root, "includes"),
        nav=flatten_nav(config["nav"] or []),
        csl_file=csl_file,
    )
