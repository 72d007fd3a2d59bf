"""Cache files are written whole, and a one-version cache keeps only its newest file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from core.cachefiles import read_json, write_atomically, write_json


def test_write_atomically_creates_the_folder_and_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.txt"
    assert write_atomically(str(target), "one")
    assert write_atomically(str(target), b"two")
    assert target.read_bytes() == b"two"
    assert sorted(os.listdir(target.parent)) == ["b.txt"]  # no temporary file left behind


def test_a_one_version_cache_removes_older_json_files(tmp_path: Path) -> None:
    (tmp_path / "old.json").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("kept", encoding="utf-8")
    assert write_json(str(tmp_path / "new.json"), {"k": "é"}, only_file=True)
    assert sorted(os.listdir(tmp_path)) == ["new.json", "notes.txt"]
    assert read_json(str(tmp_path / "new.json")) == {"k": "é"}


@pytest.mark.parametrize("content", ["[]", "{}", '{"k": "é"}', '{"sha256": "0", "value": {"k": "é"}}', "{\"sha256\": ",
                                     "\u00e9 not JSON"])
def test_a_cache_file_that_is_not_whole_and_unchanged_is_not_read(tmp_path: Path, content: str) -> None:
    assert write_json(str(tmp_path / "c.json"), {"k": "é"})
    whole = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert set(whole) == {"sha256", "value"}
    (tmp_path / "c.json").write_text(content, encoding="utf-8")
    assert read_json(str(tmp_path / "c.json")) is None
    edited = dict(whole, value={"k": "changed"})  # the value changed, the checksum not
    (tmp_path / "c.json").write_text(json.dumps(edited), encoding="utf-8")
    assert read_json(str(tmp_path / "c.json")) is None


def test_a_read_only_folder_reports_failure_instead_of_raising(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert write_atomically(str(blocker / "x.json"), "{}") is False


def test_code_version_follows_every_core_module_a_cache_depends_on(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from core import cachefiles

    core = tmp_path / "hooks" / "core"
    core.mkdir(parents=True)
    (core / "grades.py").write_text("from core.text import lines\nfrom core import (\n    shared,\n)\n")
    (core / "text.py").write_text("import core.deep\n")
    (core / "deep.py").write_text("X = 1\n")
    (core / "shared.py").write_text("Y = 1\n")
    (core / "other.py").write_text("Z = 1\n")
    (tmp_path / "requirements.txt").write_text("textstat==0.7.13\n")
    monkeypatch.setattr(cachefiles, "_CORE", str(core))
    monkeypatch.setattr(cachefiles, "_REQUIREMENTS", str(tmp_path / "requirements.txt"))

    def version() -> str:
        cachefiles.code_version.cache_clear()
        return cachefiles.code_version("core.grades", "pandoc 3.9")

    first = version()
    assert cachefiles._core_imports("grades") == {"text", "shared"}
    (core / "other.py").write_text("Z = 2\n")  # not imported: no change
    assert version() == first
    for changed, text in [("deep.py", "X = 2\n"), ("shared.py", "Y = 2\n")]:
        (core / changed).write_text(text)  # imported, directly or not
        assert version() != first
        first = version()
    (tmp_path / "requirements.txt").write_text("textstat==0.7.14\n")  # a pin
    assert version() != first
    assert cachefiles.code_version("core.grades", "pandoc 3.9") != cachefiles.code_version("core.grades", "pandoc 4")
    cachefiles.code_version.cache_clear()
