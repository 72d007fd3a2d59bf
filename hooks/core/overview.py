"""The generated overview tables: conditions x types, treatments by indication, evidence.

Why: the tables summarise the relations written in front matter; typing them by hand
would say everything twice and drift. A line `<!-- generate: NAME -->` in a page is
replaced by the table NAME at build time. An unknown NAME is reported with file and
line, since a misspelt marker would otherwise vanish silently (an HTML comment).
"""

from __future__ import annotations

import re

from core.graph import Graph, Therapy
from core.mdtext import outside_code, prose_lines
from core.metadata import EVIDENCE_LEVELS
from core.pages import Site, SourcePage
from core.problems import Problem
from core.project import Project
from core.related import escape_text

MATRIX = "condition-type-matrix"
BY_INDICATION = "treatments-by-indication"
EVIDENCE = "evidence-table"
GENERATED_HERE = (MATRIX, BY_INDICATION, EVIDENCE)
# Markers other hooks replace; listed so that they are not reported as unknown.
GENERATED_ELSEWHERE = {"reference-list": "hooks/citations (the site-wide reference list)",
                       "abbreviations": "hooks/abbreviations (the glossary's abbreviation table)"}
KNOWN = (*GENERATED_HERE, *GENERATED_ELSEWHERE)

MARKER = re.compile(r"^[ \t]*<!--\s*generate:\s*(.*?)\s*-->[ \t]*$")
DIRECTION_LABELS = {"for": "For", "uncertain": "Uncertain", "against": "**Against**"}
POLICY_ID = "editorial-policy"
EVIDENCE_ANCHOR = "evidence-levels"


def markers(page: SourcePage) -> list[tuple[int, str]]:
    """(file line, name) of every generate marker in a page's prose."""
    found: list[tuple[int, str]] = []
    if "generate:" not in page.front.body:
        return found
    for number, line in prose_lines(page.front.body, page.front.body_line):
        match = MARKER.match(line)
        if match:
            found.append((number, match.group(1)))
    return found


def check(site: Site, project: Project) -> list[Problem]:
    """Every generate marker names a known generator."""
    problems: list[Problem] = []
    for page in site.pages.values():
        for line, name in markers(page):
            if name not in KNOWN:
                problems.append(Problem(
                    page.path, line, f"unknown generated-content marker '{name}'",
                    f"use one of: {', '.join(f'<!-- generate: {n} -->' for n in KNOWN)}"))
    return problems


def _cell(text: str) -> str:
    return " ".join(escape_text(text).split())


def _page_link(graph: Graph, from_uri: str, page_id: str, text: str | None = None) -> str:
    return f"[{_cell(text or graph.title(page_id))}]({graph.link(from_uri, page_id)})"


def _level_header(graph: Graph, from_uri: str) -> str:
    if POLICY_ID in graph.pages:
        return f"[Evidence level]({graph.link(from_uri, POLICY_ID, EVIDENCE_ANCHOR)})"
    return "Evidence level"


def _short_type(title: str) -> str:
    """A column heading: "Dystrophic calcinosis" -> "Dystrophic", so that five types fit."""
    short = re.sub(r"\s+calcinosis$", "", title.strip(), flags=re.IGNORECASE)
    return short[:1].upper() + short[1:] if short else title


def condition_type_matrix(graph: Graph, from_uri: str) -> str:
    """Conditions (rows) x calcinosis types (columns): "Yes" where the condition causes the
    type, "Look-alike" where it only mimics it."""
    conditions, types = graph.of_kind("condition"), graph.of_kind("type")
    if not conditions or not types:
        return "*No condition or type pages yet.*\n"
    rows = [
        "| Condition | " + " | ".join(_page_link(graph, from_uri, t, _short_type(graph.title(t))) for t in types) + " |",
        "|---|" + ":-:|" * len(types),
    ]
    for condition in conditions:
        causes, mimics = set(graph.targets(condition, "causes")), set(graph.targets(condition, "mimics"))
        cells = ["Yes" if t in causes else "Look-alike" if t in mimics else "" for t in types]
        rows.append(f"| {_page_link(graph, from_uri, condition)} | " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def _rank(therapy: Therapy) -> tuple[int, str]:
    return EVIDENCE_LEVELS.index(therapy.evidence), therapy.name.lower()


def treatments_by_indication(graph: Graph, from_uri: str) -> str:
    """One row per indication and therapy: types first, then conditions, strongest evidence first."""
    by_indication: dict[str, list[Therapy]] = {}
    for therapy in graph.therapies:
        for target in therapy.indications:
            by_indication.setdefault(target, []).append(therapy)
    if not by_indication:
        return "*No treatment pages yet.*\n"
    rows = [
        f"| Indication | Treatment | {_level_header(graph, from_uri)} | Direction |",
        "|---|---|:-:|---|",
    ]
    for indication in [*graph.of_kind("type"), *graph.of_kind("condition")]:
        for therapy in sorted(by_indication.get(indication, []), key=_rank):
            rows.append(
                f"| {_page_link(graph, from_uri, indication)} "
                f"| {_page_link(graph, from_uri, therapy.page, therapy.name)} "
                f"| {therapy.evidence} | {DIRECTION_LABELS[therapy.direction]} |"
            )
    return "\n".join(rows) + "\n"


def evidence_table(graph: Graph, from_uri: str) -> str:
    """One row per therapy, in the order of the treatment pages, with its key studies cited."""
    if not graph.therapies:
        return "*No treatment pages yet.*\n"
    rows = [
        f"| Treatment | Indications | {_level_header(graph, from_uri)} | Direction | Key studies | Caution |",
        "|---|---|:-:|---|---|---|",
    ]
    for therapy in sorted(graph.therapies, key=lambda t: graph.sort_key[t.page]):
        indications = ", ".join(_page_link(graph, from_uri, i) for i in therapy.indications)
        studies = "[" + "; ".join(f"@{key}" for key in therapy.studies) + "]" if therapy.studies else ""
        rows.append(
            f"| {_page_link(graph, from_uri, therapy.page, therapy.name)} | {indications} "
            f"| {therapy.evidence} | {DIRECTION_LABELS[therapy.direction]} | {studies} "
            f"| {_cell(therapy.caution or '')} |"
        )
    return "\n".join(rows) + "\n"


GENERATORS = {
    MATRIX: condition_type_matrix,
    BY_INDICATION: treatments_by_indication,
    EVIDENCE: evidence_table,
}


def expand(markdown: str, graph: Graph, from_uri: str) -> str:
    """`markdown` with each of our markers (outside code) replaced by its table."""
    if "generate:" not in markdown:
        return markdown
    out: list[str] = []
    for _index, line, prose in outside_code(markdown):
        match = MARKER.match(line) if prose else None
        if match and match.group(1) in GENERATORS:
            name = match.group(1)  # the wrapper's class lets site.css style each table
            out.extend(["", f'<div class="generated-table {name}" markdown>', "",
                        GENERATORS[name](graph, from_uri), "</div>", ""])
        else:
            out.append(line)
    return "\n".join(out)


def linked_by_tables(graph: Graph, site: Site) -> dict[str, str]:
    """Pages that a generated table links to, with the id of a page holding that table."""
    linked: dict[str, str] = {}
    for page in site.pages.values():
        names = {name for _, name in markers(page)}
        if MATRIX in names:
            for target in [*graph.of_kind("condition"), *graph.of_kind("type")]:
                if target != page.id:
                    linked.setdefault(target, page.id)
        if BY_INDICATION in names or EVIDENCE in names:
            for therapy in graph.therapies:
                for target in (therapy.page, *therapy.indications):
                    if target != page.id:
                        linked.setdefault(target, page.id)
    return linked
