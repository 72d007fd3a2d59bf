"""core/page_reuse.py: what `mkdocs serve` keys a page's rendering and search entries by, and how
the entries of reused pages go back into the search index. (tests/test_render_cache.py edits
the real site and compares serve rebuilds with builds from scratch.)"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from jinja2 import TemplateNotFound, nodes
from mkdocs.config import load_config

from core import memo, page_reuse
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


def test_a_page_without_a_key_keeps_its_turn_in_the_index_and_nothing_of_it_is_kept() -> None:
    merged = page_reuse.merge_index(_index("a/", "b/"), [SearchTurn("", "k-home", [{"location": "", "title": "",
                                                                                   "text": ""}]),
                                                         SearchTurn("a/", None, None), SearchTurn("b/", "k-b", None)])
    assert [d["location"] for d in json.loads(merged)["docs"]] == ["", "a/", "b/"]
    assert list(memo.CACHES["page_reuse: search entries"].keys()) == ["k-b"]


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
    """A value of a type the key does not know."""

    def __repr__(self) -> str:
        return "Opaque()"  # the same for any two: a repr is no key


def test_a_value_the_key_cannot_write_out_is_refused_so_nothing_that_reads_it_is_reused() -> None:
    assert page_reuse.plain({"b": [1, (2, None)], "a": {"x"}, "d": datetime.date(2026, 12, 1)}) == {
        "a": ["x"], "b": [1, [2, None]], "d": "date 2026-12-01"}
    assert page_reuse.plain(json.dumps) == "function json.dumps"
    with pytest.raises(page_reuse.Unkeyable, match="test_page_reuse._Opaque"):
        page_reuse.plain({"meta": [_Opaque()]})


def test_parts_of_a_key_cannot_run_into_each_other() -> None:
    assert page_reuse.search_key("s", _page("a", "b\x01c")) != page_reuse.search_key("s", _page("a\x01b", "c"))


def _page(title: str, content: str) -> Any:
    return SimpleNamespace(file=SimpleNamespace(src_uri="x.md"), url="x/", title=title, meta={}, toc=[],
                           content=content)


def test_the_configuration_is_written_out_the_same_when_it_is_loaded_again() -> None:
    """serve loads mkdocs.yml again for every rebuild: a key that changed with each load would
    reuse nothing; one that missed a setting could reuse a stale page."""
    first, again = (page_reuse.plain(load_config(str(ROOT / "mkdocs.yml"))) for _ in range(2))
    assert first == again
    assert first["theme"]["name"] == "material" and first["theme"]["features"]
    assert first["plugins"]["material/search"]["settings"]["separator"]


LEFT_OUT = {"pages", "build_date_utc"}  # context values not in a page's key
PAGE_LEFT_OUT = {"markdown", "file"}  # what of the page is not in its key (its src_uri is)


def test_no_template_a_page_renders_with_reads_what_the_key_leaves_out() -> None:
    """Every template main.html reaches (extends, include, import), from overrides/ or the theme."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    env = config.theme.get_env()
    todo, seen, reads = ["main.html"], set(), []
    while todo:
        name = todo.pop()
        if name in seen or name.startswith(".icons/"):
            continue
        try:
            source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
        except TemplateNotFound:  # a piece of a name the template puts together
            continue
        seen.add(name)
        tree = env.parse(source)
        for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
            names = [node.template, *node.template.find_all(nodes.Const)]
            todo.extend(n.value for n in names if isinstance(n, nodes.Const) and isinstance(n.value, str))
        reads += [f"{name}: {node.name}" for node in tree.find_all(nodes.Name) if node.name in LEFT_OUT]
        reads += [f"{name}: page.{node.attr}" for node in tree.find_all(nodes.Getattr)
                  if isinstance(node.node, nodes.Name) and node.node.name == "page" and node.attr in PAGE_LEFT_OUT]
    assert {"main.html", "base.html", "partials/nav-item.html", "reuse.html"} <= seen
    assert reads == []


def test_the_rendered_pages_kept_stay_under_their_weight_what_would_pass_it_is_not_kept() -> None:
    cache: memo.Memo[str, str] = memo.Memo("test: weighed", bound=10, weigh=len, max_weight=10)
    cache.put("a", "xxxx")
    cache.put("b", "yyyy")
    cache.put("c", "zzzz")  # a serve rebuild asks for a, b, c in this order every time: a and b stay
    assert (list(cache.keys()), cache.weight) == (["a", "b"], 8)
    cache.put("b", "y")
    assert (list(cache.keys()), cache.weight) == (["a", "b"], 5)
    cache.put("c", "zzzz")
    cache.keep_only({"c"})
    assert (list(cache.keys()), cache.weight) == (["c"], 4)


def test_a_cache_of_the_last_build_keeps_only_what_that_build_used() -> None:
    cache: memo.Memo[str, str] = memo.Memo("test: last build", bound=10, last_build_only=True)
    cache.put("page v1", "a")
    cache.put("other", "b")
    cache.end_build()
    assert list(cache.keys()) == ["page v1", "other"]
    assert cache.get("other") == "b"  # the next build: the page was edited, the other page reused
    cache.put("page v2", "c")
    cache.end_build()
    assert list(cache.keys()) == ["other", "page v2"]
    cache.end_build()  # a build that used nothing of it
    assert list(cache.keys()) == []


def test_get_or_make_makes_an_entry_once_and_keeps_it() -> None:
    cache: memo.Memo[str, list[str]] = memo.Memo("test: get or make", bound=10)
    made: list[str] = []

    def make(word: str) -> list[str]:
        made.append(word)
        return [word.upper()]

    assert cache.get_or_make("a", make, "a") == ["A"]
    assert cache.get_or_make("a", make, "a") == ["A"]
    assert cache.get_or_make("b", make, "b") == ["B"]
    assert made == ["a", "b"]
