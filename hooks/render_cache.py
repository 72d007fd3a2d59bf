"""`mkdocs serve`: convert to HTML only the pages whose Markdown changed since the last build.

Why: serve rebuilds the whole site after every save, and Python-Markdown takes about half
of that time, almost all of it converting pages that did not change. After every other
hook has made a page's final Markdown (priority -100: last), this hook looks it up: when
the Markdown and everything else the conversion reads are those of an earlier rebuild,
MkDocs' `Page.render` is given that rebuild's result instead of converting again
(`core/render_cache.py` keeps the results and says what the key holds). Everything else
is done anew on every rebuild: every check, every generated block, the theme templates,
the search index, so a rebuild's output is the same as a full build's (a test builds
both ways and compares). `mkdocs build` never uses it: each build converts every page.
"""

from __future__ import annotations

import functools
import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from core import render_cache

_serving = False


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


@event_priority(-100)  # after every hook that adds to the Markdown of the whole site
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if _serving:
        render_cache.start_build(
            [(f.src_uri, f.url) for f in files],
            [repr(config.markdown_extensions), repr(config.mdx_configs), repr(config.validation)],
            render_cache.snippet_folders(config.mdx_configs, config.config_file_path),
        )
    return files


@event_priority(-100)  # last: the Markdown MkDocs converts
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _serving:
        key = render_cache.page_key(page.file.src_uri, markdown)
        kept = render_cache.lookup(key)
        original = page.render
        page.render = (functools.partial(_reuse, page, kept) if kept is not None  # type: ignore[method-assign]
                       else functools.partial(_convert_and_keep, page, key, original))
    return markdown


def _convert_and_keep(page: Page, key: str, convert, config: MkDocsConfig, files: Files) -> None:  # noqa: ANN001
    with render_cache.LogRecords() as records:
        convert(config, files)
    render_cache.keep(key, render_cache.Rendered(
        content=page.content or "", toc=page.toc, title=page._title_from_render,
        anchors=set(page.present_anchor_ids or ()),
        links=None if page.links_to_anchors is None
        else {f.src_uri: dict(links) for f, links in page.links_to_anchors.items()},
        records=records.kept))


def _reuse(page: Page, kept: render_cache.Rendered, config: MkDocsConfig, files: Files) -> None:
    page.content = kept.content
    page.toc = kept.fresh_toc()
    page._title_from_render = kept.title
    page.present_anchor_ids = set(kept.anchors)
    if kept.links is not None:
        page.links_to_anchors = {}
        for uri, links in kept.links.items():
            target = files.get_file_from_path(uri)
            if target is not None:
                page.links_to_anchors[target] = dict(links)
    for record in kept.records:  # the warnings converting it gave, given again
        logging.getLogger(record.name).handle(record)


def on_post_build(*, config: MkDocsConfig) -> None:
    if _serving:
        render_cache.end_build()
