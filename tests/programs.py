"""The programs of .ci/debian-packages.txt that tests run: found, or a failure that names the
install command (never a `FileNotFoundError` traceback, never a silent skip).

`make test` installs them first (as root) or stops with the same command (tools/preflight.py);
this covers a test run straight with pytest on a machine that lacks one.
"""

from __future__ import annotations

import os
import sys

import pytest

from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "tools"))

import preflight  # noqa: E402


def require(program: str) -> str:
    """The path of `program` ("pdfinfo"; "chromium" is looked for where the browser tests
    look, CHROMIUM_PATH or /usr/bin/chromium), else the test fails with the install command."""
    for package in preflight.read_list():
        for entry in package.programs:
            path = preflight.program_path(entry, os.environ)
            if entry == program or os.path.basename(path) == program or package.name == program:
                if preflight.found(entry, os.environ):
                    return path if "/" in path else preflight.which(path, os.environ) or path
                state = preflight.Status(package, None, (entry,))
                pytest.fail(f"{preflight.describe(state, os.environ)[len(package.name) + 2:-1]}: it comes with the "
                            f"Debian package {package.name}. Fix: run `{preflight.install_command([state], os.geteuid() == 0)}` "
                            f"(make test installs it when run as root; see {preflight.LIST_NAME})", pytrace=False)
    raise LookupError(f"{program} is not a program of {preflight.LIST_NAME}")
