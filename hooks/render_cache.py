"""`mkdocs serve`: convert to HTML only the pages whose Markdown changed since the last build.

Why: serve rebuilds the whole site after every save, and Python-Markdown takes about half
of that time, almost all of it converting pages that did not change. After every other
hook has made a page's final Markdown (priority -100: last), this hook looks it up: when
the Markdown and everything else the conversion reads are those of an earlier rebuild,
it hands MkDocs an empty page to convert, and puts back what the earlier conversion gave
(the HTML, the table of contents, the ids and links MkDocs checks anchors with, what it
logged) first thing in `on_page_content` (`core/render_cache.py` keeps the results and
says what the key holds). Only public events and attributes of MkDocs' Page are used; a
page's title comes from its front matter, so a page without one is always converted.
Everything else is done anew on every rebuild: every check, every generated block, the
theme templates, the search index, so a rebuild's output is the same as a full build's (a
test builds both ways and compares). `mkdocs build` never uses it: each build converts
every page.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from core import render_cache, state
from core.render_cache import Pending


@event_priority(-100)  # after every hook that adds to the Markdown of the whole site
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    build = state.current()
    if build.serving:
        build.render_key = render_cache.build_key(
            [(f.src_uri, f.url) for f in files],
            [repr(config.markdown_extensions), repr(config.mdx_configs), repr(config.validation)],
            render_cache.snippet_folders(config.mdx_configs, config.config_file_path),
        )
    return files


@event_priority(-100)  # last: the Markdown MkDocs converts
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = state.current()
    if not build.serving or not isinstance(page.meta.get("title"), str):
        return markdown
    uri = page.file.src_uri
    key = render_cache.page_key(build.render_key, uri, markdown)
    build.render_used.add(key)
    kept = render_cache.lookup(key)
    if kept is not None:
        build.conversions[uri] = Pending(key, markdown, kept)
        return ""  # nothing to convert: on_page_content puts the earlier result back
    records = render_cache.LogRecords()
    records.start()
    build.conversions[uri] = Pending(key, markdown, None, records)
    return markdown


@event_priority(100)  # first: the HTML exactly as Python-Markdown made it
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    pending = state.current().conversions.pop(page.file.src_uri, None)
    if pending is None:
        return html
    if pending.kept is None:
        if pending.records is not None:
            pending.records.stop()
        render_cache.keep(pending.key, render_cache.Rendered(
            content=html, toc=render_cache.copy_toc(page.toc), anchors=set(page.present_anchor_ids or ()),
            links=None if page.links_to_anchors is None
            else {f.src_uri: dict(links) for f, links in page.links_to_anchors.items()},
            records=pending.records.kept if pending.records is not None else []))
        return html
    kept = pending.kept
    page.markdown = pending.markdown  # what the page's later hooks read
    page.toc = kept.fresh_toc()
    page.present_anchor_ids = set(kept.anchors)
    if kept.links is not None:
        page.links_to_anchors = {}
        for uri, links in kept.links.items():
            target = files.get_file_from_path(uri)
            if target is not None:
                page.links_to_anchors[target] = dict(links)
    for record in kept.records:  # the warnings converting it gave, given again
        logging.getLogger(record.name).handle(record)
    return kept.content


def _stop_all() -> None:
    """Stop the log capture of a conversion that never reached on_page_content (it failed)."""
    build = state.running()
    for pending in build.conversions.values() if build is not None else ():
        if pending.records is not None:
            pending.records.stop()


def on_post_build(*, config: MkDocsConfig) -> None:
    _stop_all()
    build = state.current()
    if build.serving:
        render_cache.end_build(build.render_used)


def on_build_error(*, error: Exception) -> None:
    _stop_all()
