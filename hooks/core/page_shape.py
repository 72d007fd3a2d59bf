"""A page against the template of its kind: the sections it must have, and nothing of the
template left in it.

Why: a reader should find the same sections, under the same ids, on every page of a kind
(definition to prognosis on a type or condition page; mechanism, evidence, doses, safety
and who it is for on a treatment page), and a section that cannot be written for lack of
sources must say so in a cited sentence rather than vanish. The template of each kind
(templates/<kind>.md, shown on docs/about/conventions.md) is the one place that lists
those sections: every `##` heading of the template of a shaped kind is required, with its
id, in its order. This module reads them from there, so there is no second list to keep
in step.

It also makes a page fresh from `make new-page` fail until it has been written: the
template's `<!-- ... -->` guidance comments, its example relations (front-matter lines
marked `# example`) and the placeholder description of `make new-page` are each reported
with their line, on pages of every kind.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from core import memo
from core.mdtext import heading_text, outside_code
from core.metadata import RELATIONS, front_matter_failed
from core.pages import Site, SourcePage
from core.problems import Problem
from core.project import Project

# The kinds with a standard shape: every `##` section of their template is required.
SHAPED_KINDS = ("type", "condition", "treatment")
# The shaped kinds whose pages the build holds to their shape: all of them, since every
# page of each kind has every section of its template. A kind would be left out only while
# its pages are being brought to a changed template (a section added or renamed there):
# `check(..., enforced=frozenset(SHAPED_KINDS))` lists what is still missing. Tests pass
# their own set.
ENFORCED_KINDS: frozenset[str] = frozenset(SHAPED_KINDS)
# The templates belong to the tooling, like the hooks: a fixture site whose hooks are the
# project's uses the project's templates.
TEMPLATES_DIR = Path(__file__).resolve().parent.parent.parent / "templates"
PLACEHOLDER_DESCRIPTION = "Replace this with one sentence that sums up the page, at most 160 characters."
EXAMPLE_MARK = "# example"

_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_GENERATE = re.compile(r"^\s*generate:")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
_EXAMPLE = re.compile(r"\s#\s*example\b")
_QUOTED = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'[^']*'")
_SHOWN = 40  # characters of a placeholder comment quoted in a message


@dataclass(frozen=True)
class Section:
    id: str
    title: str


@dataclass(frozen=True)
class Template:
    """What a page takes from the template of its kind."""

    kind: str
    path: str  # as shown in messages, e.g. "templates/type.md"
    sections: tuple[Section, ...]  # its `##` sections, in order
    placeholders: frozenset[str]  # its guidance comments, whitespace normalised


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    title: str
    id: str | None


def _normal(text: str) -> str:
    return " ".join(text.split())


def headings(text: str, first_line: int = 1) -> list[Heading]:
    """The ATX headings of a Markdown text outside fenced code, with file lines."""
    found: list[Heading] = []
    for index, line, prose in outside_code(text):
        match = _HEADING.match(line) if prose and line.startswith("#") else None
        if match:
            title, explicit = heading_text(match.group(2))
            found.append(Heading(first_line + index, len(match.group(1)), title, explicit))
    return found


def _comments(text: str) -> list[tuple[int, str]]:
    """(0-based line, normalised text) of every HTML comment that is not a generate marker."""
    return [(text.count("\n", 0, m.start()), _normal(m.group(1))) for m in _COMMENT.finditer(text)
            if not _GENERATE.match(m.group(1))]


def read_template(kind: str, text: str, path: str) -> Template:
    end = text.find("\n---", 3)
    body = text[end + 4:] if text.startswith("---") and end > 0 else text
    sections = tuple(Section(h.id, h.title) for h in headings(body) if h.level == 2 and h.id)
    return Template(kind, path, sections, frozenset(c for _, c in _comments(body) if c))


def load_templates(folder: Path = TEMPLATES_DIR) -> dict[str, Template]:
    """Every templates/<kind>.md by kind (none when the folder is missing)."""
    found: dict[str, Template] = {}
    if folder.is_dir():
        for name in sorted(os.listdir(folder)):
            if name.endswith(".md"):
                kind = name[:-3]
                text = (folder / name).read_text(encoding="utf-8")
                found[kind] = read_template(kind, text, f"templates/{name}")
    return found


# ── Left from the template ──────────────────────────────────────────────────────────

def _example_label(page: SourcePage, line: int) -> tuple[str, str]:
    """What the example on a front-matter line is, and how to replace it."""
    paths = [p for p, n in page.front.lines.items() if n == line]
    path = max(paths, key=len) if paths else ()
    if path[:1] == ("therapies",) and len(path) >= 2:
        therapy = page.meta.get("therapies")
        item = therapy[path[1]] if isinstance(therapy, list) and isinstance(path[1], int) \
            and path[1] < len(therapy) else None
        name = item.get("name") if isinstance(item, dict) else None
        label = f"therapy '{name}'" if isinstance(name, str) else f"therapy {path[1] + 1}"
        return label, "write this page's own therapy: its name, indications, evidence, direction and studies"
    key = str(path[0]) if path else "this line"
    relation = RELATIONS.get(key)
    what = f"the ids of {relation.meaning.split(';')[0]}" if relation else "this page's own value"
    return f"'{key}'", f"replace it with {what}"


def leftovers(page: SourcePage, templates: dict[str, Template]) -> list[Problem]:
    """The template's placeholder description, example relations and guidance comments
    still in a page."""
    problems: list[Problem] = []
    kind = page.kind or ""
    source = templates[kind].path if kind in templates else "templates/"
    description = page.meta.get("description")
    if isinstance(description, str) and _normal(description) == PLACEHOLDER_DESCRIPTION:
        problems.append(Problem(page.path, page.front.line("description"),
                                "'description' is still the placeholder of make new-page",
                                "write one sentence of at most 160 characters that sums up the page",
                                code="shape.placeholder-description"))
    if EXAMPLE_MARK in page.text:
        lines = page.text.split("\n")
        for index in range(1, max(page.front.body_line - 2, 1)):
            if _EXAMPLE.search(_QUOTED.sub('""', lines[index])):
                label, fix = _example_label(page, index + 1)
                problems.append(Problem(page.path, index + 1, f"{label} is still the example from {source}",
                                        f"{fix}, then delete the '{EXAMPLE_MARK}' comment",
                                        code="shape.template-example"))
    known = frozenset().union(*(t.placeholders for t in templates.values())) if templates else frozenset()
    if "<!--" in page.front.body and known:
        for index, text in _comments(page.front.body):
            if text in known:
                shown = text if len(text) <= _SHOWN else text[:_SHOWN].rstrip() + "..."
                problems.append(Problem(page.path, page.front.body_line + index,
                                        f"placeholder comment from the template left in the page ('{shown}')",
                                        "write the text it asks for in its place, cited, then delete the comment",
                                        code="shape.template-comment"))
    return problems


# ── Required sections ───────────────────────────────────────────────────────────────

def _has_text(lines: list[str]) -> bool:
    """Whether a section's lines hold anything but blank lines, headings and comments
    (a generate marker counts: it becomes a table)."""
    text = _COMMENT.sub(lambda m: "x" if _GENERATE.match(m.group(1)) else "", "\n".join(lines))
    return any(line.strip() and not line.startswith("#") for line in text.split("\n"))


def shape(page: SourcePage, template: Template) -> tuple[list[Problem], list[range]]:
    """Every required section missing from a page, empty, or not a `##` heading; and the
    file lines of the empty ones (their placeholder comments need no message of their own)."""
    problems: list[Problem] = []
    empty: list[range] = []
    body_lines = page.front.body.split("\n")
    heads = headings(page.front.body, page.front.body_line)
    h2 = [h for h in heads if h.level <= 2]
    by_id = {h.id: h for h in heads if h.id}
    title = next((h for h in heads if h.level == 1), None)
    first = title.line if title else page.front.body_line
    required = [s.id for s in template.sections]
    for n, section in enumerate(template.sections):
        heading = f"## {section.title} {{ #{section.id} }}"
        found = by_id.get(section.id)
        if found is None:
            later = next((by_id[i] for i in required[n + 1:] if i in by_id and by_id[i].level == 2), None)
            earlier = next((by_id[i] for i in reversed(required[:n]) if i in by_id and by_id[i].level == 2), None)
            if later:
                where, line = f"before '## {later.title}'", later.line
            elif earlier:
                where, line = f"after the section '## {earlier.title}'", earlier.line
            else:
                where, line = "after the page title", first
            problems.append(Problem(page.path, line,
                                    f"missing section '{section.title}' {{ #{section.id} }} "
                                    f"(every {template.kind} page has it)",
                                    f"add '{heading}' {where}, in the order of {template.path}; if no source "
                                    "covers it, say so in one cited sentence", code="shape.missing-section"))
            continue
        if found.level != 2:
            problems.append(Problem(page.path, found.line,
                                    f"section {{ #{section.id} }} is a level-{found.level} heading",
                                    f"make it '{heading}': the sections of {template.path} are '##' headings",
                                    code="shape.heading-level"))
            continue
        end = next((h.line for h in h2 if h.line > found.line), page.front.body_line + len(body_lines))
        start = found.line - page.front.body_line + 1
        if not _has_text(body_lines[start:end - page.front.body_line]):
            empty.append(range(found.line, end))
            problems.append(Problem(page.path, found.line, f"section '{found.title}' {{ #{section.id} }} has no text",
                                    "write it, cited; if no source covers it, say so in one cited sentence",
                                    code="shape.empty-section"))
    return problems, empty


def check_page(page: SourcePage, templates: dict[str, Template],
               enforced: frozenset[str] = ENFORCED_KINDS) -> list[Problem]:
    """One page's problems: leftovers of its template, and its shape when its kind is enforced."""
    if not page.front.present or front_matter_failed(page):
        return []
    problems = leftovers(page, templates)
    kind = page.kind
    if kind in enforced and kind in SHAPED_KINDS and kind in templates:
        found, empty = shape(page, templates[kind])
        problems = [p for p in problems if not any(p.line in lines for lines in empty)] + found
    return problems


def check(site: Site, project: Project, enforced: frozenset[str] = ENFORCED_KINDS,
          templates: dict[str, Template] | None = None) -> list[Problem]:
    """Every page against the template of its kind."""
    templates = load_templates() if templates is None else templates
    version = memo.digest([repr(sorted(templates.items())), sorted(enforced)])
    problems: list[Problem] = []
    for page in site.pages.values():
        problems.extend(_checked.get_or_make((page.path, page.text, version), check_page, page, templates, enforced))
    return problems


# A page's problems by its path, text, and the templates and kinds it is checked against: a
# `mkdocs serve` rebuild checks only the pages that changed.
_checked: memo.Memo[tuple[str, str, str], list[Problem]] = memo.declare("page_shape: pages checked", bound=4096, last_build_only=True)
