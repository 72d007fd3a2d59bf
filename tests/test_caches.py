"""Caches are never trusted: every file under .cache/, corrupted in each way, is read,
refused and made again, and the site is the same as a clean build's; so is a build whose
.cache/ cannot be written (a read-only checkout).

Each build runs `mkdocs build` in its own process, as a contributor's next build would:
the hooks' in-memory copies of the caches are gone, and only the files are left.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bad_inputs import good_site
from sitebuild import make_site


def _build(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PDF_HANDOUTS": "0", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                          cwd=config.parent, env=env, capture_output=True, text=True, timeout=300)


def _pages(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def _reseal(value: object) -> str:
    """A cache file with a correct checksum around `value`: a crafted file, not a damaged one."""
    payload = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return json.dumps({"sha256": hashlib.sha256(payload.encode()).hexdigest(), "value": value})


def _poison(path: Path) -> bytes:
    """Content that is whole and well formed, but wrong or unsafe."""
    if path.suffix == ".json":
        value = json.loads(path.read_text(encoding="utf-8"))["value"]
        if path.parent.name == "references":
            return _reseal({key: '<img src="x" onerror="alert(1)">' for key in value}).encode()
        if path.parent.name == "bibliography":
            return _reseal({**value, "entries": []}).encode()
        return _reseal({"x": [["docs/x.md", 1, "a", "b"]]}).encode()
    if path.suffix == ".csl":
        return path.read_bytes().replace(b"<name/>", b"")  # the unrepaired style
    if path.suffix == ".bib":
        return b"@article{evil2020x,\n  title = {<script>},\n}\n"
    return b"\x00" * 64


CORRUPTIONS: dict[str, Callable[[Path], bytes]] = {
    "empty list": lambda p: b"[]",
    "empty mapping": lambda p: b"{}",
    "truncated": lambda p: p.read_bytes()[: len(p.read_bytes()) // 2],
    "checksum no longer matches": lambda p: p.read_bytes().replace(b"a", b"b", 1),
    "wrong but well formed": _poison,
}


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    tmp = tmp_path_factory.mktemp("caches")
    docs, bib, nav = good_site()
    config = make_site(tmp / "src", docs, bib=bib, nav=nav)
    result = _build(config, tmp / "site-clean")
    assert result.returncode == 0, result.stderr
    return config, _pages(tmp / "site-clean")


def test_the_first_build_leaves_every_kind_of_cache(clean: tuple[Path, dict[str, bytes]]) -> None:
    config, _ = clean
    kinds = {p.relative_to(config.parent / ".cache").parts[0] for p in (config.parent / ".cache").rglob("*")
             if p.is_file()}
    assert {"references", "bibliography", "jinja", "csl"} <= kinds


@pytest.mark.parametrize("how", list(CORRUPTIONS))
def test_every_cache_file_corrupted_gives_the_clean_site(clean: tuple[Path, dict[str, bytes]], how: str,
                                                        tmp_path: Path) -> None:
    config, expected = clean
    work = tmp_path / "src"
    shutil.copytree(config.parent, work, symlinks=True)
    files = [p for p in (work / ".cache").rglob("*") if p.is_file()]
    for path in files:
        path.write_bytes(CORRUPTIONS[how](path))
    result = _build(work / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert _pages(tmp_path / "site") == expected
    assert not any(b"onerror" in page for page in _pages(tmp_path / "site").values())


def test_a_checkout_whose_cache_cannot_be_written_gives_the_clean_site(clean: tuple[Path, dict[str, bytes]],
                                                                     tmp_path: Path) -> None:
    config, expected = clean
    work = tmp_path / "src"
    shutil.copytree(config.parent, work, symlinks=True)
    shutil.rmtree(work / ".cache")
    (work / ".cache").write_text("a file where the cache folder would be", encoding="utf-8")
    result = _build(work / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert _pages(tmp_path / "site") == expected


class _Touch:
    """Unpickling this opens (so creates) a file: what a crafted bytecode file could do."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple:
        return (open, (self.path, "w"))


def test_a_crafted_template_file_with_a_correct_checksum_is_never_loaded(clean: tuple[Path, dict[str, bytes]],
                                                                        tmp_path: Path) -> None:
    """Jinja unpickles a bytecode file's header when it loads it; our seal is an HMAC with a
    key kept outside the checkout, so a file anyone could write, checksum and all, is not
    read at all."""
    import pickle

    from jinja2.bccache import bc_magic

    config, expected = clean
    work = tmp_path / "src"
    shutil.copytree(config.parent, work, symlinks=True)
    marker = tmp_path / "unpickled"
    payload = bc_magic + pickle.dumps(_Touch(str(marker)), 2)
    for path in (work / ".cache" / "jinja").glob("*.jinja"):
        path.write_bytes(hashlib.sha256(payload).digest() + payload)
    result = _build(work / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    assert _pages(tmp_path / "site") == expected


def test_one_switch_turns_every_cache_off(clean: tuple[Path, dict[str, bytes]], tmp_path: Path) -> None:
    """`extra: calcinosis: cache: false` (core/memo.py): no cache file is read or written, and
    the site is the clean build's. Every file is poisoned first, so one read would show."""
    config, expected = clean
    work = tmp_path / "src"
    shutil.copytree(config.parent, work, symlinks=True)
    for path in [p for p in (work / ".cache").rglob("*") if p.is_file() and p.parent.name != "csl"]:
        path.write_bytes(_poison(path))
    before = {p: p.read_bytes() for p in (work / ".cache").rglob("*") if p.is_file()}
    yml = work / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("    cache: true", "    cache: false"), encoding="utf-8")
    result = _build(yml, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert _pages(tmp_path / "site") == expected
    after = {p: p.read_bytes() for p in (work / ".cache").rglob("*") if p.is_file()}
    assert after == before  # nothing written (the citation style's repaired copy is a file pandoc reads, not a cache)
