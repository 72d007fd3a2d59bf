"""The current build's shared data, handed from the `source_files` hook to the others.

MkDocs gives hooks no place to share data; this module is imported once (it lives in
`sys.modules`), so every hook sees the same objects. `source_files.on_files` resets them
at the start of every build, including each `mkdocs serve` rebuild.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from core.bibliography import Bibliography, load_for
from core.pages import Site, relative_url
from core.project import Project

_site: Site | None = None
_project: Project | None = None
_cited: dict[str, list[str]] = {}
_generated_citations: dict[str, list[str]] = {}
_bibliography: Bibliography | None = None
_memo: dict[str, object] = {}
_urls: dict[str, str] = {}
_withheld: set[str] = set()
_places: dict[str, list[tuple[str, str]]] = {}
T = TypeVar("T")


def start(site: Site, project: Project, urls: dict[str, str] | None = None) -> None:
    """Begin a build: the freshly read pages, where the inputs live, and each page's URL
    in the built site by src_uri."""
    global _site, _project, _cited, _bibliography, _urls
    _site, _project, _cited, _bibliography, _urls = site, project, {}, None, dict(urls or {})
    _generated_citations.clear()
    _memo.clear()
    _withheld.clear()
    _places.clear()


def site() -> Site:
    """The pages of the build in progress (empty before `on_files` has run)."""
    return _site if _site is not None else Site()


def project() -> Project:
    """The inputs of the build in progress."""
    if _project is None:
        raise RuntimeError("core.state.project() used before hooks/source_files.py ran on_files")
    return _project


def cited() -> dict[str, list[str]]:
    """Citation keys each page rendered, by src_uri (written by hooks/citations.py as pages
    render, read by hooks/reference_list.py for the "Cited on" links)."""
    return _cited


def generated_citations() -> dict[str, list[str]]:
    """Keys cited by HTML that generators make for a page, by src_uri (written by
    hooks/overview_tables.py before hooks/citations.py reads them for the same page)."""
    return _generated_citations


def bibliography() -> Bibliography:
    """The bibliography of the build in progress, read once per build (the first call parses)."""
    global _bibliography
    if _bibliography is None:
        _bibliography = load_for(project())
    return _bibliography


def withhold(path: str) -> None:
    """Mark a page (by message path) whose source has a problem already reported that the
    page's HTML would show broken or unsafe: hooks/content_policy.py replaces its body and
    reports no follow-on problems of the page as built."""
    _withheld.add(path)


def withheld() -> set[str]:
    """The pages marked by `withhold` in this build."""
    return _withheld


def place_after_indexing(src_uri: str, place: str, html: str) -> None:
    """Put `html` at `place` (an HTML comment the page's Markdown holds) once the search
    plugin has indexed the page: hooks/places.py fills every place of a page in one event.
    For blocks a reader does not search for (navigation, the review line, the figures)."""
    _places.setdefault(src_uri, []).append((place, html))


def take_places(src_uri: str) -> list[tuple[str, str]]:
    """The blocks `place_after_indexing` holds for a page, given once."""
    return _places.pop(src_uri, [])


def per_build(name: str, make: Callable[[], T]) -> T:
    """`make()`, called once per build and shared by every hook that asks for `name`."""
    if name not in _memo:
        _memo[name] = make()
    return _memo[name]  # type: ignore[return-value]


def url(src_uri: str) -> str:
    """A page's URL in the built site, relative to its root ("types/calciphylaxis/")."""
    return _urls.get(src_uri, src_uri)


def href(from_uri: str, to_uri: str) -> str:
    """The link from one page of the build to another (both by src_uri), for generated HTML."""
    return relative_url(_urls.get(to_uri, to_uri), _urls.get(from_uri, from_uri))
