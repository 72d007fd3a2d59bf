"""The current build's shared site model, handed from the `source_files` hook to the others.

MkDocs gives hooks no place to share data; this module is imported once (it lives in
`sys.modules`), so every hook sees the same object. `source_files.on_files` resets it at
the start of every build, including each `mkdocs serve` rebuild.
"""

from __future__ import annotations

from core.pages import Site

_site: Site | None = None


def set_site(site: Site) -> None:
    global _site
    _site = site


def site() -> Site:
    """The model of the build in progress (an empty one before `on_files` has run)."""
    return _site if _site is not None else Site()
