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
