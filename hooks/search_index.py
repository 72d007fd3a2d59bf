"""Put each page's aliases and spelling variants into the search index Material writes.

Why: readers search with their own words, and the page about what they typed should come
first (hooks/core/search_terms.py says how). Material's search plugin writes
`search/search_index.json` when the build ends; this hook adds the aliases of every page
(from its front matter) to that file, after it is written, so that the browser's search
finds a page by any of its names and shows the name that matched. Under `mkdocs serve` it
first puts back the entries of the pages hooks/page_reuse.py hid from the search plugin
(core/page_reuse.py merges them): the file is read and written once.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from core import page_reuse, search_terms, state
from core.codes import tag
from core.pages import SEARCH_INDEX

log = logging.getLogger("mkdocs.hooks.search_index")
INDEX = Path(SEARCH_INDEX)


@event_priority(-10)  # after the search plugin (0) has written the index
def on_post_build(*, config: MkDocsConfig) -> None:
    index = Path(config.site_dir) / INDEX
    if not index.is_file():  # the search plugin is not enabled
        return
    site = state.current().site
    aliases = search_terms.aliases_by_page(site)
    pages = {}
    for page in site.pages.values():
        title = page.meta.get("title")
        if isinstance(title, str):
            pages[state.current().url(page.src_uri)] = (title, aliases.get(page.src_uri, []))
    turns = state.current().reuse.search_turns  # under `mkdocs serve`: pages hidden from search (page_reuse.py)
    try:
        text = index.read_text(encoding="utf-8")
        text = page_reuse.merge_index(text, turns) if turns else text
        index.write_text(search_terms.add_to_index(text, pages), encoding="utf-8")
    except ValueError as error:
        log.warning(tag(f"{INDEX.as_posix()} in the built site: {error}. Fix: rebuild with the search plugin of "
                        f"Material for MkDocs as pinned in requirements.txt", "build.search-index"))
