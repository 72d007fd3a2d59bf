"""requirements.in (the direct dependencies) and requirements.txt (the lock make installs) agree.

`make lock` compiles the one into the other with pip-tools; these tests catch a lock edited
by hand, a direct dependency added to one file only, or a pin that is not exact.
"""

from __future__ import annotations

import re

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from sitebuild import ROOT

LOCK = (ROOT / "requirements.txt").read_text(encoding="utf-8")
SOURCE = (ROOT / "requirements.in").read_text(encoding="utf-8")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)$")


def direct() -> dict[str, Requirement]:
    """The requirements of requirements.in, by canonical name."""
    found = {}
    for line in SOURCE.splitlines():
        text = line.split("#", 1)[0].strip()
        if text:
            requirement = Requirement(text)
            found[canonicalize_name(requirement.name)] = requirement
    return found


def pins() -> dict[str, str]:
    """Canonical name -> exact version, for every pin of requirements.txt."""
    return {canonicalize_name(m.group(1)): m.group(2) for m in map(PIN.match, LOCK.splitlines()) if m}


def test_every_line_of_the_lock_is_an_exact_pin_or_a_comment() -> None:
    others = [line for line in LOCK.splitlines()
              if line.strip() and not line.lstrip().startswith("#") and not PIN.match(line)]
    assert others == [], "requirements.txt holds only name==version lines (no ranges, no index or find-links URLs)"


def test_every_direct_dependency_is_pinned_within_its_bounds() -> None:
    locked = pins()
    assert [name for name in direct() if name not in locked] == [], "run `make lock`"
    for name, requirement in direct().items():
        assert requirement.specifier.contains(locked[name], prereleases=True), (name, locked[name])


def test_the_lock_was_compiled_from_requirements_in() -> None:
    # pip-compile marks each direct dependency "via -r requirements.in"; a package added to
    # the lock by hand, or to requirements.in without `make lock`, breaks the equality.
    marked = set()
    current = None
    for line in LOCK.splitlines():
        match = PIN.match(line)
        if match:
            current = canonicalize_name(match.group(1))
        elif current and re.match(r"^\s+#\s+(via\s+)?-r requirements\.in$", line):
            marked.add(current)
    assert marked == set(direct())
    assert "#    make lock" in LOCK
