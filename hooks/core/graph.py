"""The relation graph of the site's pages, built once per build from front matter.

Why: every relation is written once, on its owning side (a condition lists the types it
causes; a treatment lists the indications of each therapy). The other side's list, the
"Related pages" blocks, the overview tables and the orphan check all read this one
graph, where each relation is also available in reverse. Only valid edges enter it
(existing target of an allowed kind); invalid ones are reported by core.metadata.
Building it is linear in pages plus relations; `graph_for` builds it once per site.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field

from core import memo
from core.metadata import (
    DIRECTIONS, EVIDENCE_LEVELS, INDICATIONS, KINDS, NO_PATIENTS, RELATIONS, RESPONSE_MAX, STUDY_DESIGNS, Relation,
    evidence_value, id_list,
)
from core.pages import Site, SourcePage
from core.project import Project

# Headings of the groups of a "Related pages" block, by the kind of the related page.
GROUP_LABELS: dict[str, str] = {
    "type": "Types",
    "condition": "Conditions",
    "diagnosis": "Diagnosis",
    "differential": "Differential diagnosis",
    "treatment": "Treatments",
    "patient": "Patient guides",
    "overview": "Overviews",
    "about": "About this site",
}
SEE_ALSO = "See also"
LOOK_ALIKES = "Look-alikes"
# Relations shown under their own heading instead of the related page's kind.
RELATION_LABELS: dict[str, str] = {"see_also": SEE_ALSO, "mimics": LOOK_ALIKES}
GROUP_ORDER = (*GROUP_LABELS.values(), LOOK_ALIKES, SEE_ALSO)


@dataclass(frozen=True)
class Study:
    """One study behind a therapy, as its source reports it."""

    key: str  # citation key
    design: str  # one of metadata.STUDY_DESIGNS
    patients: int | None  # None only for a design that studies no patients (a narrative review)
    response: str


@dataclass(frozen=True)
class Therapy:
    """One therapy of a treatment page, as the tables show it."""

    page: str  # id of the treatment page
    name: str
    indications: tuple[str, ...]  # valid type and condition ids
    evidence: str
    direction: str
    studies: tuple[Study, ...]  # the valid ones (core.metadata reports the others)
    caution: str | None

    @property
    def keys(self) -> tuple[str, ...]:
        """The citation keys of its studies, in order."""
        return tuple(study.key for study in self.studies)


@dataclass
class Graph:
    """Pages and their valid relations, in both directions."""

    pages: dict[str, SourcePage]
    sort_key: dict[str, tuple[int, str, str]]
    out: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # id -> key -> target ids
    into: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # id -> key -> source ids
    therapies: list[Therapy] = field(default_factory=list)
    _neighbours: dict[str, dict[str, str | None]] = field(default_factory=dict)  # id -> other -> label

    def title(self, page_id: str) -> str:
        title = self.pages[page_id].meta.get("title")
        return title if isinstance(title, str) and title.strip() else page_id

    def kind(self, page_id: str) -> str | None:
        return self.pages[page_id].kind

    def of_kind(self, kind: str) -> list[str]:
        """Ids of the pages of one kind, in nav order."""
        return self.ordered(pid for pid, page in self.pages.items() if page.kind == kind)

    def ordered(self, ids: Iterable[str]) -> list[str]:
        """Ids in nav order (pages outside the nav last, by title)."""
        return sorted(ids, key=self.sort_key.__getitem__)

    def targets(self, page_id: str, key: str) -> list[str]:
        """A relation as written on its owning side."""
        return self.out.get(page_id, {}).get(key, [])

    def sources(self, page_id: str, key: str) -> list[str]:
        """A relation read backwards: the pages whose `key` names this page."""
        return self.into.get(page_id, {}).get(key, [])

    def neighbours(self, page_id: str) -> dict[str, str | None]:
        """Every page related to this one, either way, with the group label of a relation
        that has its own (see_also, mimics), or None when grouped by the page's kind."""
        return self._neighbours.get(page_id, {})

    def related(self, page_id: str) -> list[tuple[str, list[str]]]:
        """The "Related pages" groups of a page: (label, ids in nav order), non-empty only."""
        groups: dict[str, list[str]] = {}
        for other, own_label in self.neighbours(page_id).items():
            label = own_label or GROUP_LABELS.get(self.kind(other) or "", SEE_ALSO)
            groups.setdefault(label, []).append(other)
        return [(label, self.ordered(groups[label])) for label in GROUP_ORDER if label in groups]

    def link(self, from_uri: str, page_id: str, anchor: str = "") -> str:
        """A relative Markdown link target from one page's source to another page."""
        target = self.pages[page_id].src_uri
        rel = posixpath.relpath(target, posixpath.dirname(from_uri) or ".")
        return rel + (f"#{anchor}" if anchor else "")

    # ── building ────────────────────────────────────────────────────────────────────
    def _edge(self, source: str, key: str, target: str) -> None:
        self.out.setdefault(source, {}).setdefault(key, []).append(target)
        self.into.setdefault(target, {}).setdefault(key, []).append(source)
        label = RELATION_LABELS.get(key)
        for a, b in ((source, target), (target, source)):
            known = self._neighbours.setdefault(a, {})
            # A structural relation (grouped by kind) wins over a labelled one.
            known[b] = None if b in known and known[b] is None else label

    def _valid_targets(self, source: str, value: object, relation: Relation) -> list[str]:
        ids = id_list(value) or []
        found: list[str] = []
        for target in ids:
            page = self.pages.get(target)
            if page is not None and target != source and page.kind in relation.targets and target not in found:
                found.append(target)
        return found


def build_graph(site: Site, project: Project) -> Graph:
    """The graph of one site; pages outside the nav sort after it, by title."""
    nav_index = {uri: i for i, uri in enumerate(project.nav)}
    end = len(nav_index)
    sort_key: dict[str, tuple[int, str, str]] = {}
    for pid, page in site.pages.items():
        title = page.meta.get("title")
        sort_key[pid] = (nav_index.get(page.src_uri, end), str(title or pid).lower(), pid)
    graph = Graph(pages=site.pages, sort_key=sort_key)
    for pid, page in site.pages.items():
        kind = page.kind
        if kind not in KINDS:
            continue
        for key, relation in RELATIONS.items():
            if kind in relation.owners and key in page.meta:
                for target in graph._valid_targets(pid, page.meta[key], relation):
                    graph._edge(pid, key, target)
        if kind == "treatment":
            _add_therapies(graph, pid, page)
    return graph


def _add_therapies(graph: Graph, pid: str, page: SourcePage) -> None:
    therapies = page.meta.get("therapies")
    if not isinstance(therapies, list):
        return
    linked: set[str] = set()
    for item in therapies:
        if not isinstance(item, dict):
            continue
        indications = graph._valid_targets(pid, item.get("indications"), INDICATIONS)
        for target in indications:
            if target not in linked:
                linked.add(target)
                graph._edge(pid, "indications", target)
        name, level, direction = item.get("name"), evidence_value(item.get("evidence")), item.get("direction")
        if not (isinstance(name, str) and name.strip() and level in EVIDENCE_LEVELS and direction in DIRECTIONS):
            continue  # reported by core.metadata; a half-valid row would mislead
        caution = item.get("caution")
        graph.therapies.append(Therapy(
            page=pid,
            name=name.strip(),
            indications=tuple(indications),
            evidence=level,
            direction=direction,
            studies=_studies(item.get("studies")),
            caution=caution.strip() if isinstance(caution, str) and caution.strip() else None,
        ))


def _studies(value: object) -> tuple[Study, ...]:
    """The studies of a therapy that are complete and valid, each key once."""
    found: list[Study] = []
    for item in value if isinstance(value, list) else []:
        if not isinstance(item, dict):
            continue
        key, design, patients, response = (item.get(k) for k in ("key", "design", "patients", "response"))
        counted = isinstance(patients, int) and not isinstance(patients, bool) and patients > 0
        if (isinstance(key, str) and key.strip() and design in STUDY_DESIGNS
                and (counted or (patients is None and design in NO_PATIENTS))
                and isinstance(response, str) and response.strip()
                and len(" ".join(response.split())) <= RESPONSE_MAX
                and all(s.key != key for s in found)):
            found.append(Study(key, design, patients if counted else None, " ".join(response.split())))
    return tuple(found)


# The graph of the latest build, with the Site and Project it was built from.
_graphs: memo.Memo[str, tuple[Site, Project, Graph]] = memo.declare("graph: the relation graph", bound=1)


def graph_for(site: Site, project: Project) -> Graph:
    """The graph of this build, built on first use and reused by every hook and check.

    Keyed by the identity of the Site object that hooks/source_files.py creates afresh
    for every build (including each `mkdocs serve` rebuild); holding a reference to it
    means a new build can never be mistaken for the cached one.
    """
    known = _graphs.get("latest")
    if known is None or known[0] is not site or known[1] is not project:
        known = _graphs.put("latest", (site, project, build_graph(site, project)))
    return known[2]
