"""core/page_reuse.py: what `mkdocs serve` keys a page's rendering and search entries by, and how
the entries of reused pages go back into the search index. (tests/test_render_cache.py edits
the real site and compares serve rebuilds with builds from scratch.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.config import load_config

from core import page_reuse
from core.page_reuse import SearchTurn
from sitebuild import ROOT


@pytest.fixture(autouse=True)
def nothing_kept() -> Iterator[None]:
    page_reuse.forget()
    yield
    page_reuse.forget()


def _index(*locations: str) -> str:
    return json.dumps({"config": {"lang": ["en"]}, "docs": [{"location": loc, "title": loc, "text": ""}
                                                            for loc in locations]})


def test_reused_entries_go_back_at_their_page_s_turn_and_fresh_ones_are_kept() -> None:
    first = page_reuse.merge_index(_index("", "#intro", "a/", "b/", "b/#x"),
                                   [SearchTurn("", "k-home", None), SearchTurn("a/", "k-a", None),
                                    SearchTurn("b/", "k-b", None)])
    assert [d["location"] for d in json.loads(first)["docs"]] == ["", "#intro", "a/", "b/", "b/#x"]
    assert [d["location"] for d in page_reuse.entries("k-b") or []] == ["b/", "b/#x"]
    # The next rebuild: "a/" changed and was read again; the home page and "b/" were hidden from search.
    merged = page_reuse.merge_index(_index("a/", "a/#new"),
                                    [SearchTurn("", "k-home", page_reuse.entries("k-home")),
                                     SearchTurn("a/", "k-a2", None), SearchTurn("b/", "k-b", page_reuse.entries("k-b"))])
    data = json.loads(merged)
    assert [d["location"] for d in data["docs"]] == ["", "#intro", "a/", "a/#new", "b/", "b/#x"]
    assert data["config"] == {"lang": ["en"]}


def test_a_file_that_is_not_a_search_index_is_refused_not_merged() -> None:
    with pytest.raises(page_reuse.SearchIndexError, match="not an index of the search plugin"):
        page_reuse.merge_index('{"docs": [{"title": "no location"}]}', [])
    with pytest.raises(page_reuse.SearchIndexError):
        page_reuse.merge_index("[]", [])


def test_end_build_forgets_what_the_build_did_not_use() -> None:
    page_reuse.keep_rendered("old", "<html>old</html>")
    page_reuse.keep_rendered("new", "<html>new</html>")
    page_reuse.end_build({"new"}, set())
    assert (page_reuse.rendered("old"), page_reuse.rendered("new")) == (None, "<html>new</html>")


class _Opaque:
    """A value with no repr of its own: written as its address."""


def test_a_value_the_key_cannot_write_out_never_gives_the_same_key_twice() -> None:
    assert page_reuse.plain({"b": [1, (2, None)], "a": {"x"}}) == {"a": ["x"], "b": [1, [2, None]]}
    assert page_reuse.plain(_Opaque()) != page_reuse.plain(_Opaque())


def test_the_configuration_is_written_out_the_same_when_it_is_loaded_again() -> None:
    """serve loads mkdocs.yml again for every rebuild: a key that changed with each load would
    reuse nothing; one that missed a setting could reuse a stale page."""
    first, again = (page_reuse.plain(load_config(str(ROOT / "mkdocs.yml"))) for _ in range(2))
    assert first == again
    assert first["theme"]["name"] == "material" and first["theme"]["features"]
    assert first["plugins"]["material/search"]["settings"]["separator"]


def test_no_template_reads_what_the_key_leaves_out() -> None:
    theme = load_config(str(ROOT / "mkdocs.yml")).theme
    readers = [str(path) for folder in theme.dirs for path in Path(folder).rglob("*.html")
               if "build_date_utc" in path.read_text(encoding="utf-8", errors="replace")]
    assert readers == []
