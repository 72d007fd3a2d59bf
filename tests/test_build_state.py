"""The build object (hooks/core/state.py) is the only place a build's data lives: no hook or
core module keeps a container at module level unless it is a constant or a declared cache
(hooks/core/memo.py), and the object refuses to be used outside its lifecycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from core import memo, state
from core.pages import Site
from core.project import Project
from core.settings import Settings
from sitebuild import ROOT

_CONTAINERS = (ast.Dict, ast.Set, ast.List, ast.DictComp, ast.SetComp, ast.ListComp)
_CONTAINER_CALLS = {"dict", "set", "list", "OrderedDict", "defaultdict", "deque", "Counter"}


def _module_level_containers(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in tree.body:
        targets: list[ast.expr] = []
        value = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        called = value.func.id if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) else None
        if isinstance(value, _CONTAINERS) or called in _CONTAINER_CALLS:
            for target in targets:
                if isinstance(target, ast.Name) and not target.id.isupper():
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {target.id}")
    return found


def _global_statements(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{path.relative_to(ROOT)}:{node.lineno}: global {', '.join(node.names)}"
            for node in ast.walk(tree) if isinstance(node, ast.Global)]


SOURCES = sorted([*(ROOT / "hooks").glob("*.py"), *(ROOT / "hooks" / "core").glob("*.py")])


def test_no_module_keeps_a_build_s_data_outside_the_build_object() -> None:
    found = [line for path in SOURCES for line in _module_level_containers(path)]
    assert found == [], ("module-level containers outside the build object: keep per-build data on "
                         "core.state.Build, or declare a cache with core.memo.declare:\n" + "\n".join(found))


def test_no_module_rebinds_a_global() -> None:
    found = [line for path in SOURCES for line in _global_statements(path)]
    assert found == [], "\n".join(found)


def test_the_build_object_is_used_only_inside_its_lifecycle() -> None:
    state.begin(Settings())
    build = state.current()
    with pytest.raises(state.BuildStateError, match="read in on_files"):
        build.site  # noqa: B018 - the property raises before the pages are read
    project = Project(root="/p", docs_dir="/p/docs", bib_dir="/p/b", includes_dir="/p/i")
    build.read_pages(Site(), project, {"a.md": "a/"})
    assert build.project is project and build.url("a.md") == "a/"
    build.place_after_indexing("a.md", "<!--place-->", "<p>x</p>")
    assert build.take_places("a.md") == [("<!--place-->", "<p>x</p>")] and build.take_places("a.md") == []
    assert build.shared("n", lambda: [1]) is build.shared("n", lambda: [2])
    state.end()
    assert state.running() is None and state.last_build() is build
    with pytest.raises(state.BuildStateError, match="no build in progress"):
        state.current()
    fresh = state.begin(Settings())  # a rebuild starts from nothing of the last build
    assert fresh is not build and fresh.places == {} and fresh.cited == {}


def test_a_declared_cache_is_bounded_and_switched_off_with_every_other() -> None:
    cache: memo.Memo[str, int] = memo.declare("test: bounded", bound=2)
    for n, key in enumerate("abc"):
        cache.put(key, n)
    assert list(cache.keys()) == ["b", "c"] and cache.get("a") is None
    cache.keep_only({"c"})
    assert list(cache.keys()) == ["c"]
    try:
        memo.switch(False)
        assert cache.get("c") is None and len(cache) == 0 and not memo.enabled()
        cache.put("d", 4)
        assert len(cache) == 0
    finally:
        memo.switch(True)
        del memo.CACHES["test: bounded"]
    assert memo.enabled()
