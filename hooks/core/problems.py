"""One shape for every content problem: file, line, what is wrong, how to fix it.

Every check returns a list of `Problem`s instead of raising, so a build can report all
of them together and then fail, and `make check` can print the very same lines.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """A contributor mistake, located in a source file (path relative to the project root)."""

    path: str
    line: int
    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what.rstrip('.')}. Fix: {self.fix}"


def report(problems: Iterable[Problem], log: logging.Logger) -> int:
    """Log each distinct problem once, in file and line order, as a warning.

    Under `strict: true` MkDocs counts the warnings and aborts at the end of the build,
    after every hook has had its say. Returns how many were logged.
    """
    unique = sorted(set(problems))
    for problem in unique:
        log.warning(str(problem))
    return len(unique)
