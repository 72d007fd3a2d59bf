"""`mkdocs serve` rebuilds (hooks/render_cache.py, hooks/page_reuse.py): only changed pages are
converted, rendered and indexed again, and a rebuild's site is the site a build from scratch makes."""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import markdown
import pytest
from material.plugins.search.plugin import SearchIndex
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from core import memo, page_reuse, render_cache
from core.pages import read_page
from sitebuild import ROOT, make_site

sys.path.insert(0, str(ROOT / "tools"))

import bench  # noqa: E402


class Session:
    """A `mkdocs serve` session: startup once, then the config reloaded for every build."""

    def __init__(self, config_file: Path) -> None:
        self.config_file = config_file
        self.started = False
        self.conversions = 0

    def build(self, site_dir: Path) -> list[str]:
        """Build into `site_dir`; the messages of WARNING and up (an Abort is one more)."""
        messages: list[str] = []
        handler = logging.Handler(logging.WARNING)
        handler.emit = lambda record: messages.append(f"{record.levelname}: {record.getMessage()}")  # type: ignore[method-assign]
        logger = logging.getLogger("mkdocs")
        logger.addHandler(handler)
        cwd = os.getcwd()
        os.chdir(self.config_file.parent)
        try:
            config = load_config(config_file=str(self.config_file), site_dir=str(site_dir), strict=True)
            if not self.started:
                config.plugins.on_startup(command="serve", dirty=False)
                self.started = True
            try:
                mkdocs_build.build(config)
            except Abort as exc:
                messages.append(f"ABORT: {exc}")
        finally:
            os.chdir(cwd)
            logger.removeHandler(handler)
        return messages


@pytest.fixture
def conversions(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many pages Python-Markdown converted (one list item per build step, appended by the
    test); a reused page is handed to it empty, which costs nothing and is not counted."""
    count = [0]
    original = markdown.Markdown.convert

    def counting(self: markdown.Markdown, source: str) -> str:
        count[0] += bool(source)
        return original(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", counting)
    render_cache.forget()
    yield count
    render_cache.forget()


@dataclass
class Work:
    """What a build did to pages: rendered by the theme (not given again), read by search."""

    rendered: list[str] = field(default_factory=list)
    searched: list[str] = field(default_factory=list)

    def clear(self) -> None:
        self.rendered.clear()
        self.searched.clear()


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> Iterator[Work]:
    done = Work()
    render, index = jinja2.Template.render, SearchIndex.add_entry_from_context

    def rendering(self: jinja2.Template, *args: object, **kwargs: object) -> str:
        context = args[0] if args else kwargs
        if self.name == "main.html" and isinstance(context, dict) and page_reuse.CONTEXT_VARIABLE not in context:
            done.rendered.append(context["page"].file.src_uri)
        return render(self, *args, **kwargs)

    def indexing(self: SearchIndex, page: object) -> None:
        if not (getattr(page, "meta", {}).get("search") or {}).get("exclude"):
            done.searched.append(page.file.src_uri)  # type: ignore[attr-defined]
        index(self, page)

    monkeypatch.setattr(jinja2.Template, "render", rendering)
    monkeypatch.setattr(SearchIndex, "add_entry_from_context", indexing)
    page_reuse.forget()
    yield done
    page_reuse.forget()


def _site_files(site_dir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site_dir)): p.read_bytes() for p in sorted(site_dir.rglob("*"))
            if p.is_file() and p.suffix in (".html", ".json", ".xml")}


def _same_site(rebuilt: dict[str, bytes], config: Path, fresh_dir: Path) -> None:
    """`rebuilt` is, byte for byte, what a build with nothing kept makes of the same pages."""
    render_cache.forget()
    page_reuse.forget()
    assert Session(config).build(fresh_dir) == []
    fresh = _site_files(fresh_dir)
    assert rebuilt.keys() == fresh.keys()
    assert [name for name in rebuilt if rebuilt[name] != fresh[name]] == []


def test_a_rebuild_converts_renders_and_indexes_only_what_changed_and_makes_the_same_site(
        tmp_path: Path, conversions: list[int], work: Work) -> None:
    config, _floor, edit = bench.real_site_copy(tmp_path)
    docs = tmp_path / "real" / "docs"
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    session = Session(config)
    assert session.build(tmp_path / "serve") == []
    assert (conversions[0], sorted(work.rendered), sorted(work.searched)) == (len(pages), pages, pages)

    conversions[0] = 0
    work.clear()
    assert session.build(tmp_path / "serve") == []  # saved, nothing changed
    assert (conversions[0], work.rendered, work.searched) == (0, [], [])

    page = docs / edit
    original = page.read_text(encoding="utf-8")
    page.write_text(original.rstrip("\n") + "\n\nAn added sentence, cited again [@traineau2020treatment].\n",
                    encoding="utf-8")
    work.clear()
    assert session.build(tmp_path / "serve") == []
    assert (conversions[0], work.rendered, work.searched) == (1, [edit], [edit])
    per_page = {name: len(memo.CACHES[name]) for name in (
        "pages: pages read", "content_policy: pages checked", "crossrefs: pages scanned", "metadata: pages checked",
        "page_shape: pages checked")}
    assert per_page == dict.fromkeys(per_page, len(pages))  # the edited page's earlier results are gone
    kept_pages = memo.CACHES["pages: pages read"]
    for key in kept_pages.keys():  # three builds later, no hook has changed a page it was handed
        assert kept_pages.get(key) == read_page(*key), key[0]
    edited = _site_files(tmp_path / "serve")
    assert "An added sentence, cited again" in edited[f"{edit.removesuffix('.md')}/index.html"].decode()

    page.write_text(page.read_text(encoding="utf-8").replace("\ntitle: Systemic sclerosis\n",
                                                             "\ntitle: Systemic sclerosis (scleroderma)\n"),
                    encoding="utf-8")
    conversions[0] = 0
    work.clear()
    assert session.build(tmp_path / "serve") == []  # every page's navigation shows the new title
    assert sorted(work.rendered) == pages
    assert edit in work.searched and len(work.searched) < len(pages) / 2
    retitled = _site_files(tmp_path / "serve")
    assert "Systemic sclerosis (scleroderma)" in retitled["index.html"].decode()

    _same_site(retitled, config, tmp_path / "fresh")
    page.write_text(original.rstrip("\n") + "\n\nAn added sentence, cited again [@traineau2020treatment].\n",
                    encoding="utf-8")
    _same_site(edited, config, tmp_path / "fresh-2")


FRONT = "---\ntitle: {t}\ndescription: A test page.\nkind: about\nreviewed: 2026-01-01\n---\n\n"


def test_a_reused_page_warns_again_so_a_strict_rebuild_still_fails(tmp_path: Path, conversions: list[int]) -> None:
    docs = {"index.md": FRONT.format(t="Home") + "# Home\n\nSee the [other page](other.md).\n",
            "other.md": FRONT.format(t="Other") + "# Other\n\nA link MkDocs cannot follow: [here](/absolute/path).\n"}
    config = make_site(tmp_path / "site", docs, bib={}, nav="  - index.md\n  - other.md\n")
    session = Session(config)
    first = session.build(tmp_path / "out")
    assert conversions[0] == 2
    warning = ("WARNING: Doc file 'other.md' contains an absolute link '/absolute/path', it was left as is.")
    assert warning in first and any(m.startswith("ABORT: ") for m in first)
    conversions[0] = 0
    assert session.build(tmp_path / "out") == first
    assert conversions[0] == 0


def test_an_edited_snippet_converts_every_page_again(tmp_path: Path, conversions: list[int]) -> None:
    docs = {"index.md": FRONT.format(t="Home") + "# Home\n\nText.\n"}
    config = make_site(tmp_path / "site", docs, bib={}, nav="  - index.md\n")  # includes/ is a copy
    session = Session(config)
    assert session.build(tmp_path / "out") == []
    conversions[0] = 0
    assert session.build(tmp_path / "out") == []
    assert conversions[0] == 0
    snippet = tmp_path / "site" / "includes" / "abbreviations.md"
    snippet.write_text(snippet.read_text(encoding="utf-8") + "*[ZZQ]: A test abbreviation\n", encoding="utf-8")
    assert session.build(tmp_path / "out") == []
    assert conversions[0] == 1


def test_a_build_never_reuses_a_conversion_a_rendering_or_search_entries(
        tmp_path: Path, conversions: list[int], work: Work) -> None:
    from sitebuild import build

    docs = {"index.md": FRONT.format(t="Home") + "# Home\n\nText.\n"}
    config = make_site(tmp_path / "site", docs, bib={}, nav="  - index.md\n")
    for _ in range(2):
        assert build(config, tmp_path / "out").ok
    assert (conversions[0], work.rendered, work.searched) == (2, ["index.md"] * 2, ["index.md"] * 2)


def _fresh_beside(config: Path, fresh_dir: Path) -> dict[str, bytes]:
    """The site a build with nothing kept makes of the same sources, built without touching
    what the serve session keeps for its next rebuild."""
    kept = {name: [(key, cache.get(key)) for key in cache.keys()] for name, cache in memo.CACHES.items()}
    for cache in memo.CACHES.values():
        cache.clear()
    shutil.rmtree(fresh_dir, ignore_errors=True)
    try:
        assert Session(config).build(fresh_dir) == []
    finally:
        for name, cache in memo.CACHES.items():
            cache.clear()
            for key, value in kept.get(name, []):
                cache.put(key, value)
    return _site_files(fresh_dir)


def test_every_kind_of_edit_rebuilds_the_site_a_build_from_scratch_makes(tmp_path: Path, work: Work) -> None:
    """Templates, navigation, settings, pages added and removed, a failed rebuild: after each, the
    serve rebuild is byte for byte a build with nothing kept (tests/test_page_reuse.py has the keys)."""
    docs = {"index.md": FRONT.format(t="Home") + "# Home\n\nSee [A](a.md) and [B](b.md).\n",
            "a.md": FRONT.format(t="Page A") + "# Page A\n\nText of A.\n",
            "b.md": FRONT.format(t="Page B") + "# Page B\n\nText of B.\n"}
    config = make_site(tmp_path / "site", docs, bib={}, nav="  - index.md\n  - a.md\n  - b.md\n")
    session = Session(config)
    out, fresh = tmp_path / "out", tmp_path / "fresh"

    def rebuilt() -> dict[str, bytes]:
        work.clear()
        assert session.build(out) == []
        return _site_files(out)

    rebuilt()
    page_a = tmp_path / "site" / "docs" / "a.md"
    page_a.write_text(page_a.read_text(encoding="utf-8") + "\nMore text of A.\n", encoding="utf-8")
    site = rebuilt()
    assert work.rendered == ["a.md"]
    assert site == _fresh_beside(config, fresh)

    template = tmp_path / "site" / "overrides" / "main.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "{% block content %}", "{% block content %}<p>An edited template.</p>"), encoding="utf-8")
    assert b"An edited template." in (site := rebuilt())["a/index.html"]
    assert sorted(work.rendered) == ["a.md", "b.md", "index.md"]
    assert site == _fresh_beside(config, fresh)

    yml = config.read_text(encoding="utf-8")
    config.write_text(yml.replace("  - a.md\n  - b.md\n", "  - b.md\n  - a.md\n")
                      .replace("copyright: Content under", "copyright: Text under"), encoding="utf-8")
    assert b"Text under" in (site := rebuilt())["b/index.html"]
    assert site == _fresh_beside(config, fresh)

    (tmp_path / "site" / "docs" / "c.md").write_text(FRONT.format(t="Page C") + "# Page C\n\nSee [A](a.md).\n",
                                                     encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8") + "  - c.md\n", encoding="utf-8")
    page_b = tmp_path / "site" / "docs" / "b.md"
    page_b.write_text(page_b.read_text(encoding="utf-8") + "\nSee [C](c.md).\n", encoding="utf-8")
    assert "c/index.html" in (site := rebuilt())
    assert site == _fresh_beside(config, fresh)
    (tmp_path / "site" / "docs" / "c.md").unlink()
    config.write_text(config.read_text(encoding="utf-8").replace("  - c.md\n", ""), encoding="utf-8")
    page_b.write_text(page_b.read_text(encoding="utf-8").replace("\nSee [C](c.md).\n", ""), encoding="utf-8")
    assert "c/index.html" not in (site := rebuilt())
    assert site == _fresh_beside(config, fresh)

    text = page_a.read_text(encoding="utf-8")
    page_a.write_text(text + "\nA claim [@nosuchkey2020].\n", encoding="utf-8")
    failed = session.build(out)
    assert any("nosuchkey2020" in m for m in failed) and failed[-1].startswith("ABORT: ")
    page_a.write_text(text, encoding="utf-8")
    assert rebuilt() == _fresh_beside(config, fresh)
