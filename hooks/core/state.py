"""The build object: everything one build knows, in one place, with its lifecycle.

MkDocs gives hooks no object to share data on (Material's plugins keep theirs on the
plugin instance; sphinxcontrib-bibtex on its domain). Here that object is `Build`, and
this module is the only place a hook's data lives from one event to the next. Its life:

1. startup (once per process; `hooks/build_state.py`): `start_session(command)` records
   whether this is `mkdocs serve`. The session outlives builds; it holds nothing else.
2. config (priority 200, before every other hook; `hooks/build_state.py`): `begin(settings)`
   makes a new, empty `Build`. The previous build's object is dropped whole, so nothing
   of it reaches this one: a `mkdocs serve` rebuild starts as clean as `mkdocs build`.
3. files (priority 100; `hooks/source_files.py`): `read_pages(site, project, urls)` gives it
   every page as read from disk, and from then on `site` and `project` are there.
4. per page (page_markdown, page_content, page_context, post_page): hooks write what a page
   gives (its citations, its generated tables, blocks to place after indexing) under the
   page's src_uri, and read it back in a later event of the same page.
5. post_build (priority -1000; `hooks/build_state.py`), or build_error: `end()`; using the
   object after that is a programming error.

`current()` raises before `begin()`, and `site`/`project` raise before step 3: no hook can
silently read an empty or a previous build. What outlives a build is declared as a cache
(core/memo.py), never kept here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from core.bibliography import Bibliography, load_for
from core.page_reuse import Reuse
from core.pages import Site, relative_url
from core.problems import Problem
from core.project import Project
from core.settings import Settings

if TYPE_CHECKING:
    from core.handouts import Stats
    from core.print_html import PrintPage
    from core.render_cache import Pending

T = TypeVar("T")


class BuildStateError(RuntimeError):
    """A hook used the build object outside its lifecycle (a bug in a hook, not a page)."""


@dataclass
class Session:
    """The process: `mkdocs build`, `gh-deploy` or `serve` (whose rebuilds share it)."""

    command: str = "build"

    @property
    def serving(self) -> bool:
        return self.command == "serve"


@dataclass
class Build:
    """One build. Each field says which hook writes it and which read it."""

    settings: Settings
    serving: bool
    # The pages and inputs (hooks/source_files.py, files 100), read by every check.
    _site: Site | None = None
    _project: Project | None = None
    urls: dict[str, str] = field(default_factory=dict)  # src_uri -> URL in the built site
    # The citation style's file, resolved by hooks/csl_style.py (config 100).
    csl_file: str | None = None
    # Citation keys each page renders (hooks/citations.py, page_markdown 10), read for the
    # References page's "Cited on" links (hooks/reference_list.py, page_context).
    cited: dict[str, list[str]] = field(default_factory=dict)
    # Keys cited by generated HTML (hooks/overview_tables.py and hooks/figures.py,
    # page_markdown 50), read by hooks/citations.py (page_markdown 10) for the same page.
    generated_citations: dict[str, list[str]] = field(default_factory=dict)
    # Keys whose faults the checks reported at their source line (hooks/citations.py).
    reported_keys: set[str] = field(default_factory=set)
    # Links the cross-reference check reported, as (page, target): MkDocs' own warnings about
    # them are dropped (hooks/mkdocs_messages.py writes it at files 70; its log filter reads it).
    reported_links: set[tuple[str, str]] = field(default_factory=set)
    # Pages whose source broke a rule that their HTML would show (hooks/content_policy.py
    # and hooks/citations.py, files 80): their body is replaced, no follow-on messages.
    withheld: set[str] = field(default_factory=set)
    # Problems of a page body as search indexed it (hooks/content_policy.py, page_content
    # -90), reported with those of the final body (page_context -60).
    policy_findings: dict[str, list[Problem]] = field(default_factory=dict)
    # Blocks placed once search has indexed the page (place_after_indexing, page_markdown;
    # filled by hooks/places.py, page_context -45).
    places: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # The generated tables each page holds (hooks/overview_tables.py, markdown 50 -> content 20).
    tables: dict[str, list[str]] = field(default_factory=dict)
    # Under `mkdocs serve` (hooks/render_cache.py): the key of what every conversion reads, the
    # kept conversions this rebuild used, and the pages being converted (markdown -100 -> content 100).
    render_key: str = ""
    render_used: set[str] = field(default_factory=set)
    conversions: dict[str, Pending] = field(default_factory=dict)
    # Under `mkdocs serve` (hooks/page_reuse.py): the renderings and search entries reused.
    reuse: Reuse = field(default_factory=Reuse)
    # The nav section of each page and each page as printed (hooks/pdf_handouts.py, nav and
    # post_page), rendered in post_build.
    nav_sections: dict[str, str] = field(default_factory=dict)
    print_pages: dict[str, PrintPage] = field(default_factory=dict)
    pdf_stats: Stats | None = None  # how long the PDFs took (read by tools/bench.py and bench_pdf.py)
    # Values computed once per build and shared by the hooks that ask for them by name.
    _shared: dict[str, Any] = field(default_factory=dict)
    _bibliography: Bibliography | None = None
    ended: bool = False

    # ── Pages and inputs ──────────────────────────────────────────────────────────

    def read_pages(self, site: Site, project: Project, urls: dict[str, str]) -> None:
        self._site, self._project, self.urls = site, project, dict(urls)

    @property
    def site(self) -> Site:
        if self._site is None:
            raise BuildStateError("the pages are read in on_files (hooks/source_files.py, priority 100): "
                                  "a hook asked for them earlier")
        return self._site

    @property
    def project(self) -> Project:
        if self._project is None:
            raise BuildStateError("the project is known from on_files (hooks/source_files.py, priority 100): "
                                  "a hook asked for it earlier")
        return self._project

    @property
    def bibliography(self) -> Bibliography:
        """Read once per build (the first call parses, or takes core/bibliography.py's cache)."""
        if self._bibliography is None:
            self._bibliography = load_for(self.project)
        return self._bibliography

    def shared(self, name: str, make: Callable[[], T]) -> T:
        """`make()`, called once per build and shared by every hook that asks for `name`."""
        if name not in self._shared:
            self._shared[name] = make()
        return self._shared[name]  # type: ignore[no-any-return]

    # ── Per page ──────────────────────────────────────────────────────────────────

    def withhold(self, path: str) -> None:
        """Mark a page (by message path) whose source has a problem already reported that the
        page's HTML would show broken or unsafe: hooks/content_policy.py replaces its body and
        reports no follow-on problems of the page as built."""
        self.withheld.add(path)

    def place_after_indexing(self, src_uri: str, place: str, html: str) -> None:
        """Put `html` at `place` (an HTML comment the page's Markdown holds) once the search
        plugin has indexed the page: hooks/places.py fills every place of a page in one event.
        For blocks a reader does not search for (navigation, the review line, the figures)."""
        self.places.setdefault(src_uri, []).append((place, html))

    def take_places(self, src_uri: str) -> list[tuple[str, str]]:
        """The blocks `place_after_indexing` holds for a page, given once."""
        return self.places.pop(src_uri, [])

    def url(self, src_uri: str) -> str:
        """A page's URL in the built site, relative to its root ("types/calciphylaxis/")."""
        return self.urls.get(src_uri, src_uri)

    def href(self, from_uri: str, to_uri: str) -> str:
        """The link from one page of the build to another (both by src_uri), for generated HTML."""
        return relative_url(self.urls.get(to_uri, to_uri), self.urls.get(from_uri, from_uri))


class _Lifecycle:
    """The session and the build in progress: the only module-level state of the hooks."""

    session = Session()
    build: Build | None = None


_now = _Lifecycle()


def start_session(command: str) -> None:
    _now.session = Session(command)


def session() -> Session:
    return _now.session


def begin(settings: Settings) -> Build:
    """Start a build: a new object; the previous one is dropped."""
    _now.build = Build(settings=settings, serving=_now.session.serving)
    return _now.build


def current() -> Build:
    """The build in progress."""
    build = _now.build
    if build is None or build.ended:
        raise BuildStateError("no build in progress: hooks/build_state.py begins one in on_config "
                              "(is it listed under hooks: in mkdocs.yml?)")
    return build


def running() -> Build | None:
    """The build in progress, or None once it has ended (a build that fails in strict mode
    ends in post_build, and MkDocs then calls build_error)."""
    build = _now.build
    return build if build is not None and not build.ended else None


def last_build() -> Build | None:
    """The latest build, ended or not: for a tool that reads what a build measured."""
    return _now.build


def end() -> None:
    """End the build in progress (post_build, or a failed build)."""
    if _now.build is not None:
        _now.build.ended = True
