"""Shared fixtures: the project's hooks on the import path, HTML-only builds unless a test
asks for PDFs, and one build of the real site for the whole run.

`make test` runs the suite in one process per core (pytest-xdist, `-n auto --dist loadfile`:
each test file in one process, so a module's fixtures and the browser's sweep are made
once; CONTRIBUTING, "Tests"). The real site is still built once: the first process that
needs it builds it under a file lock into the folder every process of the run shares, and
the others read that build.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tests"))

from sitebuild import BuildResult, build  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def html_only_builds() -> Iterator[None]:
    """Every build of the run, in this process or a child, is HTML only (`PDF_HANDOUTS=0`):
    PDFs are most of a fixture build's time and only the tests about PDFs read them; those
    ask for them with `build(..., pdfs=True)`, and so does the real site's build below."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PDF_HANDOUTS", "0")
        yield


def _shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run's temporary folder: shared by the xdist processes (each has its own below it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The whole site with its PDFs, built strictly once per test run into a temporary folder."""
    shared = _shared_folder(tmp_path_factory)
    site_dir, record = shared / "real-site", shared / "real-site.json"
    with FileLock(str(shared / "real-site.lock")):
        if record.is_file():
            saved = json.loads(record.read_text(encoding="utf-8"))
            result = BuildResult(saved["ok"], site_dir, saved["messages"], saved["error"])
        else:
            result = build(ROOT / "mkdocs.yml", site_dir, pdfs=True)
            record.write_text(json.dumps({"ok": result.ok, "messages": result.messages, "error": result.error}),
                              encoding="utf-8")
    assert result.ok, result.output
    return result

