"""`mkdocs serve` rebuilds (hooks/render_cache.py): only changed pages are converted again,
and a rebuild's site is the site a build from scratch makes."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from core import render_cache
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


def _site_files(site_dir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site_dir)): p.read_bytes() for p in sorted(site_dir.rglob("*"))
            if p.is_file() and p.suffix in (".html", ".json", ".xml")}


def test_a_rebuild_converts_the_edited_page_only_and_makes_the_same_site(
        tmp_path: Path, conversions: list[int]) -> None:
    config, _floor, edit = bench.real_site_copy(tmp_path)
    pages = len(list((tmp_path / "real" / "docs").rglob("*.md")))
    session = Session(config)
    assert session.build(tmp_path / "serve") == []
    assert conversions[0] == pages
    page = tmp_path / "real" / "docs" / edit
    page.write_text(page.read_text(encoding="utf-8").rstrip("\n")
                    + "\n\nAn added sentence, cited again [@traineau2020treatment].\n", encoding="utf-8")
    conversions[0] = 0
    assert session.build(tmp_path / "serve") == []
    assert conversions[0] == 1
    render_cache.forget()
    conversions[0] = 0
    assert Session(config).build(tmp_path / "fresh") == []
    assert conversions[0] == pages
    rebuilt, fresh = _site_files(tmp_path / "serve"), _site_files(tmp_path / "fresh")
    assert rebuilt.keys() == fresh.keys()
    assert [name for name in rebuilt if rebuilt[name] != fresh[name]] == []
    assert "An added sentence, cited again" in rebuilt[f"{edit.removesuffix('.md')}/index.html"].decode()


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


def test_a_build_never_reuses_a_conversion(tmp_path: Path, conversions: list[int]) -> None:
    from sitebuild import build

    docs = {"index.md": FRONT.format(t="Home") + "# Home\n\nText.\n"}
    config = make_site(tmp_path / "site", docs, bib={}, nav="  - index.md\n")
    for _ in range(2):
        assert build(config, tmp_path / "out").ok
    assert conversions[0] == 2
