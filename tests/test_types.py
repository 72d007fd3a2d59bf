"""The annotations of hooks/ and tools/ are checked by mypy (settings in pyproject.toml), so a
wrong type fails a test instead of waiting in the code for the input that trips it."""

from __future__ import annotations

import subprocess
import sys

from sitebuild import ROOT


def test_mypy_finds_no_error_in_the_hooks_and_tools() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found"), result.stdout
