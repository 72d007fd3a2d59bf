"""What `mkdocs serve` reuses of a page that did not change: the theme's rendering of it and its
search entries (hooks/page_reuse.py).

Why: after a save, serve builds the whole site again. With the conversions kept
(core/render_cache.py), the largest parts of a rebuild left are Material's templates
rendering every page (each with the whole navigation) and Material's search plugin reading
every page's HTML, for pages whose output is the same as last time. Both are reused only
when their key is the same, and each key holds everything its work reads:

- the site: every setting of the configuration and of every plugin, written out as plain
  values; the navigation (each section, page and link with its title, URL and front
  matter); every page of the build with its URL; the theme (its folders, every file in
  them by name, size, times and inode, the installed versions of MkDocs, Material and
  Jinja; the 14,000 icons by that version only);
- a page's rendering: the site's key, the template, and everything of the page and of the
  template's context that Material's templates and `overrides/` read: its HTML as the
  template receives it, its table of contents, front matter, title, URLs and place in the
  site (its neighbours and sections come from the navigation);
- a page's search entries: the search plugin's settings, and the page's URL, title, front
  matter, table of contents and HTML as the plugin reads them.

A value of a type the key does not know (anything but plain data, dates, plugins, modules,
functions and the locale) raises `Unkeyable`, and what reads it is rendered or indexed
again: what the key cannot write out is never reused. `mkdocs build` reuses nothing: the
published site is always rendered whole. A test edits pages in the ways a contributor
does and compares the rebuilt site with one built from scratch, byte for byte.
"""

from __future__ import annotations

import datetime
import json
import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from core import memo
from core.memo import digest, files_state

CONTEXT_VARIABLE = "reused_page"  # overrides/main.html: when the context has it, the page is this HTML
# The context MkDocs gives a page's template, apart from the page, the navigation and the
# configuration (in the keys): `build_date_utc` is the time of the build, which no
# template here reads (tests/test_page_reuse.py checks the theme and overrides/).
_NOT_KEYED = frozenset({"page", "nav", "config", "pages", "build_date_utc", CONTEXT_VARIABLE})
_PACKAGES = ("mkdocs", "mkdocs-material", "jinja2")
_LOCALES = frozenset({("babel.core", "Locale"), ("mkdocs.utils.babel_stub", "Locale")})  # the theme's language
_ICONS = ".icons"  # the theme's 14,000 icons: keyed by the theme's version, not listed every rebuild


class Unkeyable(ValueError):
    """A value of a type the key does not know how to write out: what reads it is not reused."""


def plain(value: Any) -> Any:
    """`value` as JSON data: mappings (the configuration, the theme), sequences, scalars and dates
    as they are, a plugin as its settings, a module or function by its name, a locale by its
    code; any other object raises Unkeyable (its repr may not show what a template reads of it)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in sorted(value.items(), key=lambda item: str(item[0]))}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((plain(v) for v in value), key=repr)
    if isinstance(value, (datetime.date, datetime.time)):
        return f"{type(value).__name__} {value.isoformat()}"
    if isinstance(getattr(value, "config", None), Mapping) and callable(getattr(value, "load_config", None)):
        return {"plugin": f"{type(value).__module__}.{type(value).__qualname__}", "settings": plain(value.config)}
    if isinstance(value, types.ModuleType):
        return f"module {value.__name__} {getattr(value, '__file__', None)}"
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType)):
        return f"function {value.__module__}.{value.__qualname__}"
    if (type(value).__module__, type(value).__qualname__) in _LOCALES:
        return f"locale {value}"
    raise Unkeyable(f"{type(value).__module__}.{type(value).__qualname__}")


def _versions() -> list[str]:
    found = []
    for name in _PACKAGES:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} missing")
    return found


def _nav_item(item: Any) -> Any:
    """A section, page or link of MkDocs' navigation, with what the theme shows of it."""
    if getattr(item, "file", None) is not None:
        return ["page", item.title, item.url, item.file.src_uri, item.is_index, plain(item.meta)]
    if item.children is not None:
        return ["section", item.title, [_nav_item(child) for child in item.children]]
    return ["link", item.title, item.url]


def _toc(items: Iterable[Any]) -> list[Any]:
    return [[item.title, item.id, item.level, item.url, _toc(item.children)] for item in items]


def site_key(config: Mapping[str, Any], nav: Any, pages: Iterable[tuple[str, str]]) -> str:
    """The key of what every page's rendering reads besides the page itself."""
    dirs = list(getattr(config["theme"], "dirs", []))
    return digest([plain(config), dirs, [_nav_item(item) for item in nav.items],
                    nav.homepage.url if nav.homepage is not None else None,
                    sorted(pages), _versions(), files_state(dirs, skip=_ICONS)])


def page_key(site: str, template: str, page: Any, context: Mapping[str, Any]) -> str:
    """The key of a page's rendering by `template`, once every hook has changed its context."""
    extra = {name: plain(value) for name, value in context.items() if name not in _NOT_KEYED}
    return digest([site, template, page.file.src_uri, page.url, page.canonical_url, page.abs_url, page.edit_url,
                    page.title, page.is_homepage, plain(page.meta), _toc(page.toc), extra, page.content or ""])


def settings_key(settings: Any) -> str:
    """The key of the search plugin's settings, once per build."""
    return digest([plain(settings)])


def search_key(settings: str, page: Any) -> str:
    """The key of a page's search entries, as the search plugin is about to read the page."""
    return digest([settings, page.file.src_uri, page.url, page.title, plain(page.meta), _toc(page.toc),
                    page.content or ""])


@dataclass
class SearchTurn:
    """One page's turn in the search index, in the order search indexed the pages: its
    entries from an earlier build (reused), or None (search read the page this time)."""

    url: str
    key: str | None  # None: a page whose entries are not kept (its key could not be made)
    entries: list[dict] | None


@dataclass
class Reuse:
    """What one serve rebuild reuses (on the build object, core/state.py; hooks/page_reuse.py)."""

    nav: Any = None  # the build's navigation, under `mkdocs serve` only (nav)
    site_key: str | None = None  # once every page is converted (env); None: nothing is reused
    search_settings: str | None = None  # the search plugin's settings (env); None: no search plugin
    search_turns: list[SearchTurn] = field(default_factory=list)
    front_matter_search: dict[str, Any] = field(default_factory=dict)  # src_uri -> `search` as it was
    rendering: dict[str, tuple[str, bool]] = field(default_factory=dict)  # src_uri -> (key, reused)


# Renderings and search entries by key: those of the latest serve rebuild (`end_build`).
# At most 100 million characters of pages (a 1,000-page site's pages, each with the whole
# navigation, are more): the pages beyond it are rendered again on every rebuild.
_rendered: memo.Memo[str, str] = memo.declare("page_reuse: rendered pages", bound=4096, weigh=len,
                                              max_weight=100_000_000)
_entries: memo.Memo[str, list[dict]] = memo.declare("page_reuse: search entries", bound=4096)


def rendered(key: str) -> str | None:
    return _rendered.get(key)


def keep_rendered(key: str, output: str) -> None:
    _rendered.put(key, output)


def entries(key: str) -> list[dict] | None:
    return _entries.get(key)


class SearchIndexError(ValueError):
    """The search index the plugin wrote is not the one this module knows how to merge."""


def merge_index(index_json: str, turns: list[SearchTurn]) -> str:
    """The search index with every reused page's entries put back at its turn; the entries the
    plugin wrote for the other pages are kept for the next rebuild. An entry belongs to the
    page whose URL its location starts with (`url` or `url#section`)."""
    try:
        index = json.loads(index_json)
        docs = index["docs"]
        written: dict[str, list[dict]] = {}
        for entry in docs:
            written.setdefault(str(entry["location"]).split("#", 1)[0], []).append(entry)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise SearchIndexError(f"not an index of the search plugin ({error})") from None
    merged: list[dict] = []
    for turn in turns:
        if turn.entries is not None:
            merged.extend(turn.entries)
        else:
            mine = written.pop(turn.url, [])
            if turn.key is not None:
                _entries.put(turn.key, mine)
            merged.extend(mine)
    for rest in written.values():  # entries of no page in turn (none, as the plugin writes them)
        merged.extend(rest)
    index["docs"] = merged
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def end_build(rendered_used: set[str], search_used: set[str]) -> None:
    """Forget what this build did not use (pages edited since, or gone)."""
    _rendered.keep_only(rendered_used)
    _entries.keep_only(search_used)


def forget() -> None:
    """Drop everything kept (tests; a new serve session starts with nothing)."""
    _rendered.clear()
    _entries.clear()
