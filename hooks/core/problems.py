"""One shape for every content problem: file, line, what is wrong, how to fix it, its code.

Every check returns a list of `Problem`s instead of raising, so a build can report all
of them together and then fail, and `make check` can print the very same lines. Each
problem carries the stable code of its kind (declared in core/codes.py), shown at the end
of its line: `path:line: what. Fix: how [family.name]`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from core.codes import CODES, tag


@dataclass(frozen=True, order=True)
class Problem:
    """A contributor mistake, located in a source file (path relative to the project root)."""

    path: str
    line: int
    what: str
    fix: str
    code: str = field(kw_only=True)  # a key of core.codes.CODES, e.g. "citation.unknown-key"

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"undeclared problem code {self.code!r}: declare it in hooks/core/codes.py")

    def __str__(self) -> str:
        return tag(f"{self.path}:{self.line}: {self.what.rstrip('.')}. Fix: {self.fix}", self.code)


def report(problems: Iterable[Problem], log: logging.Logger) -> int:
    """Log each distinct problem once, in file and line order, as a warning.

    Under `strict: true` MkDocs counts the warnings and aborts at the end of the build,
    after every hook has had its say. Returns how many were logged.
    """
    unique = sorted(set(problems))
    for problem in unique:
        log.warning(str(problem))
    return len(unique)
