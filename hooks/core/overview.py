"""The generated overview tables: conditions x types, treatments by indication, evidence.

Why: the tables summarise the relations written in front matter; typing them by hand
would say everything twice and drift. A line `<!-- generate: NAME -->` in a page is
replaced by the table NAME at build time. An unknown NAME is reported with file and
line, since a misspelt marker would otherwise vanish silently (an HTML comment).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from core.graph import Graph, Therapy
from core.mdtext import outside_code, prose_lines
from core.metadata import EVIDENCE_LEVELS
from core.pages import Site, SourcePage
from core.problems import Problem
from core.project import Project

MATRIX = "condition-type-matrix"
BY_INDICATION = "treatments-by-indication"
EVIDENCE = "evidence-table"
GENERATED_HERE = (MATRIX, BY_INDICATION, EVIDENCE)
# Markers other hooks replace; listed so that they are not reported as unknown.
GENERATED_ELSEWHERE = {"reference-list": "hooks/reference_list (the site-wide reference list)",
                       "abbreviations": "hooks/abbreviations (the glossary's abbreviation table)",
                       "evidence-map": "hooks/figures (the evidence map of the treatments)",
                       "where-it-appears": "hooks/figures (the body map of every page's typical sites)"}
KNOWN = (*GENERATED_HERE, *GENERATED_ELSEWHERE)

MARKER = re.compile(r"^[ \t]*<!--\s*generate:\s*(.*?)\s*-->[ \t]*$")
DIRECTION_LABELS = {"for": "For", "uncertain": "Uncertain", "against": "<strong>Against</strong>"}
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
                    f"use one of: {', '.join(f'<!-- generate: {n} -->' for n in KNOWN)}",
                    code="generate.unknown-marker"))
    return problems


@dataclass
class Links:
    """How a generated table links and marks up, for the page it is placed on: `href`
    gives the link to a page by src_uri, `mark_up` adds abbreviations to HTML text, and
    `cite` turns the keys of one citation into its mark (core.citations.cite_mark)."""

    href: Callable[[str], str]
    mark_up: Callable[[str], str] = lambda text: text
    cite: Callable[[Sequence[str]], str] = lambda keys: html.escape("[" + "; ".join(f"@{k}" for k in keys) + "]")


def _text(links: Links, text: str) -> str:
    return links.mark_up(html.escape(" ".join(text.split()), quote=False))


def _page_link(graph: Graph, links: Links, page_id: str, text: str | None = None) -> str:
    return (f'<a href="{html.escape(links.href(graph.pages[page_id].src_uri))}">'
            f"{_text(links, text or graph.title(page_id))}</a>")


def _level_header(graph: Graph, links: Links) -> str:
    if POLICY_ID in graph.pages:
        return f'<a href="{html.escape(links.href(graph.pages[POLICY_ID].src_uri))}#{EVIDENCE_ANCHOR}">Evidence level</a>'
    return "Evidence level"


def _table(name: str, head: Sequence[tuple[str, bool]], rows: Iterable[Sequence[str | None]]) -> str:
    """A table as Python-Markdown writes one (`True`: a centred column), in a `<div>` whose
    class lets site.css style each table. A cell `None` continues the cell above it (which
    then spans the rows)."""
    centred = [' style="text-align: center;"' if centre else "" for _, centre in head]
    lines = [f'<div class="generated-table {name}">', "<table>", "<thead>", "<tr>"]
    lines += [f"<th{style}>{cell}</th>" for (cell, _), style in zip(head, centred, strict=True)]
    lines += ["</tr>", "</thead>", "<tbody>"]
    grid = [list(row) for row in rows]
    for r, row in enumerate(grid):
        lines.append("<tr>")
        for c, (cell, style) in enumerate(zip(row, centred, strict=True)):
            if cell is None:
                continue
            span = 1
            while r + span < len(grid) and grid[r + span][c] is None:
                span += 1
            rowspan = f' rowspan="{span}"' if span > 1 else ""
            lines.append(f"<td{rowspan}{style}>{cell}</td>")
        lines.append("</tr>")
    return "\n".join([*lines, "</tbody>", "</table>", "</div>"])


def _nothing_yet(name: str, what: str) -> str:
    return f'<div class="generated-table {name}">\n<p><em>No {what} pages yet.</em></p>\n</div>'


def _short_type(title: str) -> str:
    """A column heading: "Dystrophic calcinosis" -> "Dystrophic", so that five types fit."""
    short = re.sub(r"\s+calcinosis$", "", title.strip(), flags=re.IGNORECASE)
    return short[:1].upper() + short[1:] if short else title


def condition_type_matrix(graph: Graph, links: Links) -> str:
    """Conditions (rows) x calcinosis types (columns): "Yes" where the condition causes the
    type, "Look-alike" where it only mimics it."""
    conditions, types = graph.of_kind("condition"), graph.of_kind("type")
    if not conditions or not types:
        return _nothing_yet(MATRIX, "condition or type")
    head = [("Condition", False), *((_page_link(graph, links, t, _short_type(graph.title(t))), True) for t in types)]
    rows = []
    for condition in conditions:
        causes, mimics = set(graph.targets(condition, "causes")), set(graph.targets(condition, "mimics"))
        cells = ["Yes" if t in causes else "Look-alike" if t in mimics else "" for t in types]
        rows.append([_page_link(graph, links, condition), *cells])
    return _table(MATRIX, head, rows)


def _rank(therapy: Therapy) -> tuple[int, str]:
    return EVIDENCE_LEVELS.index(therapy.evidence), therapy.name.lower()


def treatments_by_indication(graph: Graph, links: Links) -> str:
    """One row per indication and therapy: types first, then conditions, strongest evidence first."""
    by_indication: dict[str, list[Therapy]] = {}
    for therapy in graph.therapies:
        for target in therapy.indications:
            by_indication.setdefault(target, []).append(therapy)
    if not by_indication:
        return _nothing_yet(BY_INDICATION, "treatment")
    head = [("Indication", False), ("Treatment", False), (_level_header(graph, links), True), ("Direction", False)]
    rows = []
    for indication in [*graph.of_kind("type"), *graph.of_kind("condition")]:
        for therapy in sorted(by_indication.get(indication, []), key=_rank):
            rows.append([_page_link(graph, links, indication), _page_link(graph, links, therapy.page, therapy.name),
                         html.escape(therapy.evidence), DIRECTION_LABELS[therapy.direction]])
    return _table(BY_INDICATION, head, rows)


DESIGN_LABELS = {
    "systematic-review": "Systematic review",
    "randomised-trial": "Randomised trial",
    "cohort": "Cohort",
    "case-control": "Case-control",
    "case-series": "Case series",
    "case-report": "Case report",
    "narrative-review": "Narrative review",
}


def evidence_table(graph: Graph, links: Links) -> str:
    """One row per study, grouped by therapy in the order of the treatment pages: each
    study's design, patients and response from front matter, with its citation."""
    if not graph.therapies:
        return _nothing_yet(EVIDENCE, "treatment")
    head = [("Treatment", False), ("Indications", False), (_level_header(graph, links), True), ("Direction", False),
            ("Design", False), ("Patients", True), ("Response", False), ("Caution", False)]
    rows: list[list[str | None]] = []
    for therapy in sorted(graph.therapies, key=lambda t: graph.sort_key[t.page]):
        shared: list[str | None] = [
            _page_link(graph, links, therapy.page, therapy.name),
            ", ".join(_page_link(graph, links, i) for i in therapy.indications),
            html.escape(therapy.evidence), DIRECTION_LABELS[therapy.direction],
        ]
        caution = _text(links, therapy.caution or "")
        if not therapy.studies:
            rows.append([*shared, "", "", "", caution])
        for n, study in enumerate(therapy.studies):
            rows.append([*(shared if n == 0 else [None] * len(shared)), DESIGN_LABELS[study.design],
                         "" if study.patients is None else str(study.patients), f"{_text(links, study.response)} {links.cite([study.key])}",
                         caution if n == 0 else None])
    return _table(EVIDENCE, head, rows)


def studies(graph: Graph, names: Iterable[str]) -> list[str]:
    """The keys the tables `names` cite, in order (each once)."""
    keys: list[str] = []
    if EVIDENCE in names:
        for therapy in sorted(graph.therapies, key=lambda t: graph.sort_key[t.page]):
            keys += [k for k in therapy.keys if k not in keys]
    return keys


GENERATORS = {
    MATRIX: condition_type_matrix,
    BY_INDICATION: treatments_by_indication,
    EVIDENCE: evidence_table,
}


def place(name: str) -> str:
    """Where table `name` goes in a page's HTML (see `expand`)."""
    return f"<!-- generated table {name}: placed by hooks/overview_tables.py -->"


def expand(markdown: str) -> tuple[str, list[str]]:
    """`markdown` with each of our markers (outside code) replaced by the place of its
    table, and the names of those tables. The tables are HTML, made by `GENERATORS` and
    put in their places once the page is HTML: parsing a generated table as Markdown
    cost about 0.2 ms a row."""
    return expand_markers(markdown, GENERATORS, place)


def expand_markers(markdown: str, known: Collection[str], place_of: Callable[[str], str]) -> tuple[str, list[str]]:
    """`markdown` with each `<!-- generate: name -->` marker (outside code) whose name is in
    `known` replaced by `place_of(name)` between blank lines, and the names replaced."""
    if "generate:" not in markdown:
        return markdown, []
    out: list[str] = []
    names: list[str] = []
    for _index, line, prose in outside_code(markdown):
        match = MARKER.match(line) if prose else None
        if match and match.group(1) in known:
            names.append(match.group(1))
            out.extend(["", place_of(match.group(1)), ""])
        else:
            out.append(line)
    return "\n".join(out), names


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
