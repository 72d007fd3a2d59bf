"""Find every `--8<--` snippet a page includes, as pymdownx.snippets finds them, and refuse
the ones that would fail or leak.

Why: pymdownx.snippets ends the build with a traceback when a snippet file is missing
(a misspelt file name is the likeliest mistake), and it follows symbolic links, so a
link in includes/ would put any file of the build machine into a page and its PDF.
This module reads the lines with the extension's own patterns (`RE_ALL_SNIPPETS`,
`RE_SNIPPET`) and the same rules (escapes with `;`, block markers, base folders, the
`:section` and line-range suffixes) and reports each bad reference with the page's file
and line; `without_bad_snippets` takes those lines out, so the extension never meets them.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field, replace

from pymdownx.snippets import SnippetPreprocessor

from core.pages import Site
from core.problems import Problem
from core.project import Project

_ALL = SnippetPreprocessor.RE_ALL_SNIPPETS
_BLOCK_LINE = SnippetPreprocessor.RE_SNIPPET
_TARGET = SnippetPreprocessor.RE_SNIPPET_FILE


@dataclass
class Scan:
    """The snippets of one text: the files included, the problems, and the 0-based lines
    of the text that lead to a problem (directly or through a nested snippet)."""

    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    bad_lines: set[int] = field(default_factory=set)


def snippet_references(lines: list[str]) -> list[tuple[int, str]]:
    """(0-based line, path as written) of every snippet the extension would include."""
    found: list[tuple[int, str]] = []
    block = False
    for index, line in enumerate(lines):
        match = _ALL.match(line)
        if match:
            if match.group("escape"):
                continue
            if match.group("inline_marker"):
                if not block:
                    found.append((index, match.group("snippet")[1:-1].strip()))
                continue
            block = not block
            continue
        if block:
            block_line = _BLOCK_LINE.match(line)
            path = block_line.group("snippet").strip() if block_line else ""
            if path and not path.startswith(";"):
                found.append((index, path))
    return found


def file_part(path: str) -> str:
    """The file of a snippet reference, without its `:section` or line-range suffix."""
    match = _TARGET.match(path)
    return match.group(1) if match else path


def resolve(path: str, bases: list[str]) -> str | None:
    """The file a reference names, searched in the base folders in order, as the
    extension does with `restrict_base_path` (a path may not leave its base)."""
    for base in bases:
        full = os.path.abspath(os.path.join(base, path))
        if full.startswith(os.path.abspath(base) + os.sep) and os.path.exists(full):
            return full
    return None


def scan(text: str, path: str, first_line: int, bases: list[str], root: str) -> Scan:
    """The snippets `text` (a page's Markdown, file line `first_line` first) includes,
    nested snippets included, with a problem for each that is missing, a folder, a
    symbolic link or outside the snippet folders."""
    result = Scan()
    for index, written in snippet_references(text.split("\n")):
        if _check(written, path, first_line + index, bases, root, result, seen=set()):
            result.bad_lines.add(index)
    return result


def _check(written: str, path: str, line: int, bases: list[str], root: str, result: Scan,
           seen: set[str]) -> bool:
    """Check one reference and, recursively, the snippets its file includes; True when
    anything on the way is refused."""
    name = file_part(written)
    if name.lower().startswith(("https://", "http://")):
        result.problems.append(Problem(path, line, f"snippet '{written}' is a web address",
                                       "copy the text into a file under includes/ and include that file",
                                       code="snippets.web-address"))
        return True
    full = resolve(name, bases)
    problem = _problem(full, name, written, path, line, bases, root)
    if problem is not None:
        result.problems.append(problem)
        return True
    assert full is not None
    if full in seen:
        return False  # the extension skips a snippet that includes itself
    result.files.append(full)
    rel = os.path.relpath(full, root).replace(os.sep, "/")
    try:
        with open(full, encoding="utf-8") as fh:
            inner = fh.read()
    except (OSError, UnicodeDecodeError):
        result.problems.append(Problem(rel, 1, "snippet file is not UTF-8 text", "save it as UTF-8 text",
                                       code="snippets.not-utf8"))
        return True
    bad = False
    for index, inner_written in snippet_references(inner.split("\n")):
        bad |= _check(inner_written, rel, 1 + index, bases, root, result, seen | {full})
    return bad


def _problem(full: str | None, name: str, written: str, path: str, line: int, bases: list[str],
             root: str) -> Problem | None:
    folders = ", ".join(os.path.relpath(b, root).replace(os.sep, "/") + "/" for b in bases)
    if full is None:
        names = sorted({n for b in bases if os.path.isdir(b) for n in os.listdir(b)})
        close = difflib.get_close_matches(name, names, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return Problem(path, line, f"snippet '{written}' does not exist in {folders}{hint}",
                       "correct the file name; snippets are looked up in " + folders, code="snippets.missing")
    if os.path.isdir(full):
        return Problem(path, line, f"snippet '{written}' is a folder", "name a file in it", code="snippets.folder")
    for base in bases:
        base = os.path.abspath(base)
        if full.startswith(base + os.sep):
            current = full
            while current != base:
                if os.path.islink(current):
                    return Problem(path, line, f"snippet '{written}' is a symbolic link",
                                   "include a real file: a link can bring any file of the build machine "
                                   "into the page", code="snippets.symlink")
                current = os.path.dirname(current)
    return None


def without_bad_snippets(markdown: str, bad_lines: set[int]) -> str:
    """`markdown` with each refused snippet line emptied (its line numbers kept)."""
    if not bad_lines:
        return markdown
    lines = markdown.split("\n")
    for index in bad_lines:
        if 0 <= index < len(lines):
            lines[index] = ""
    return "\n".join(lines)


def appended_problems(project: Project) -> tuple[list[Problem], list[str]]:
    """The problems of the files pymdownx.snippets appends to every page (`auto_append`),
    and those of them that are safe to append: a missing one would end the build with the
    extension's traceback, and one that includes a bad snippet would bring it into every
    page."""
    problems: list[Problem] = []
    safe: list[str] = []
    config = "mkdocs.yml"
    for name in project.snippet_appends:
        found = Scan()
        bad = _check(name, config, 1, project.snippet_dirs, project.root, found, seen=set())
        problems += [replace(p, what=p.what.replace("snippet '", "appended snippet '", 1)) if p.path == config else p
                     for p in found.problems]
        if not bad:
            safe.append(name)
    return problems, safe


def check(site: Site, project: Project) -> list[Problem]:
    """`make check`: the snippets of every page, as hooks/snippets_check.py checks them."""
    problems: list[Problem] = appended_problems(project)[0]
    for page in site.pages.values():
        problems += scan(page.front.body, page.path, page.front.body_line, project.snippet_dirs, project.root).problems
    return problems
