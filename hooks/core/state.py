"""The current build's shared data, handed from the `source_files` hook to the others.

MkDocs gives hooks no place to share data; this module is imported once (it lives in
`sys.modules`), so every hook sees the same objects. `source_files.on_files` resets them
at the start of every build, including each `mkdocs serve` rebuild.
"""

from __future__ import annotations

from core.pages import Site
from core.project import Project

_site: Site | None = None
_project: Project | None = None


def start(site: Site, project: Project) -> None:
    """Begin a build: the freshly read pages and where the inputs live."""
    global _site, _project
    _site, _project = site, project


def site() -> Site:
    """The pages of the build in progress (empty before `on_files` has run)."""
    return _site if _site is not None else Site()


def project() -> Project:
    """The inputs of the build in progress."""
    if _project is None:
        raise RuntimeError("core.state.project() used before hooks/source_files.py ran on_files")
    return _project
