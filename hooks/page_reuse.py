"""`mkdocs serve`: render and index again only the pages whose output would change.

Why: after a save, serve builds the whole site again, and most of a rebuild is Material
rendering and indexing pages that did not change (hooks/render_cache.py already keeps
their conversions). Every hook still runs on every page; then, for a page whose key
(core/page_reuse.py says what it holds) is that of the last rebuild:

- search: just before Material's search plugin reads the page (page_context 5), the page
  is marked `search: exclude` for the plugin's turn only (restored at -1, before anything
  else reads the front matter), and hooks/search_index.py (post_build -10) puts the page's
  entries of the last rebuild back at its turn when it adds the aliases;
- rendering: last of all (page_context -1000) the context is given the page's last
  rendering, and `overrides/main.html` then extends `reuse.html`, which prints it, instead
  of Material's `base.html`; the output reaches every post_page hook as a rendering would.

The events at several priorities are declared with MkDocs' `CombinedEvent`. `mkdocs build`
reuses nothing. A test compares serve rebuilds with builds from scratch.
"""

from __future__ import annotations

import logging

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from core import page_reuse, state
from core.page_reuse import SearchTurn

log = logging.getLogger("mkdocs.hooks.page_reuse")
_ABSENT = object()  # the page's front matter had no `search` key


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    build = state.current()
    if build.serving:
        build.reuse.nav = nav
    return nav


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    reuse = state.current().reuse
    if reuse.nav is None:
        return env
    try:  # every page is read and converted: the navigation has its titles
        reuse.site_key = page_reuse.site_key(config, reuse.nav, [(f.src_uri, f.url) for f in files.documentation_pages()])
        search = config.plugins.get("material/search")
        reuse.search_settings = None if search is None else page_reuse.settings_key(search.config)
    except page_reuse.Unkeyable as error:
        log.debug("page_reuse: nothing reused in this rebuild: the configuration holds a %s", error)
        reuse.site_key = reuse.search_settings = None
    return env


@event_priority(5)  # after reference_list (10) filled the searched list, before search (0) reads the page
def _before_search(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    reuse = state.current().reuse
    if reuse.search_settings is None:
        return context
    try:
        key: str | None = page_reuse.search_key(reuse.search_settings, page)
    except page_reuse.Unkeyable:
        key = None  # read by search, its entries keep their turn but are not kept
    kept = page_reuse.entries(key) if key is not None else None
    reuse.search_turns.append(SearchTurn(page.url, key, kept))
    if kept is not None:
        reuse.front_matter_search[page.file.src_uri] = page.meta.get("search", _ABSENT)
        page.meta["search"] = {"exclude": True}
    return context


@event_priority(-1)  # right after search (0): the front matter as it was, for every later reader
def _after_search(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    was = state.current().reuse.front_matter_search.pop(page.file.src_uri, None)
    if was is _ABSENT:
        del page.meta["search"]
    elif was is not None:
        page.meta["search"] = was
    return context


@event_priority(-1000)  # last: the context as every hook left it is what the template renders
def _before_rendering(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    reuse = state.current().reuse
    if reuse.site_key is None:
        return context
    try:
        key = page_reuse.page_key(reuse.site_key, page.meta.get("template", "main.html"), page, context)
    except page_reuse.Unkeyable:
        return context
    kept = page_reuse.rendered(key)
    reuse.rendering[page.file.src_uri] = (key, kept is not None)
    if kept is not None:
        context[page_reuse.CONTEXT_VARIABLE] = kept
    return context


on_page_context = CombinedEvent(_before_search, _after_search, _before_rendering)


@event_priority(1000)  # first: the template's output, before any hook changes it
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    key, reused = state.current().reuse.rendering.get(page.file.src_uri, (None, True))
    if key is not None and not reused:
        page_reuse.keep_rendered(key, output)
    return output


@event_priority(-20)  # after search_index.py (-10) put the reused entries back into the index
def on_post_build(*, config: MkDocsConfig) -> None:
    reuse = state.current().reuse
    page_reuse.end_build({key for key, _ in reuse.rendering.values()},
                         {turn.key for turn in reuse.search_turns if turn.key is not None})
