"""Serve a pinned copy of Mermaid from the site itself.

Why: Material's bundle downloads Mermaid from unpkg.com when a page holds a diagram,
which would make readers' browsers contact a third-party host. The bootstrap installs
the `mermaid` npm package pinned in package-lock.json; this hook publishes its
`mermaid.min.js` under `assets/javascripts/`, and `overrides/main.html` loads it (only on
pages with a diagram) before Material's bundle, which then finds `mermaid` defined and
fetches nothing.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from core.diagrams import MERMAID_DEST as DEST
from core.diagrams import mermaid_source
from core.project import project_root


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    root = project_root(config)
    src = mermaid_source(root)
    if not os.path.isfile(src):
        raise PluginError(
            f"{os.path.relpath(src, root)} is missing: the pinned Mermaid copy is installed by the "
            "bootstrap. Run 'make site' (or 'npm ci') once, then build again."
        )
    files.append(File.generated(config, DEST, abs_src_path=src))
    return files
