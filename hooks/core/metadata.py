"""The front-matter schema of every page kind, and the check that every page follows it.

Why: the site's pages form a graph (a condition causes types, a treatment has
indications, a differential page tells types from their mimics). The graph, the
"Related pages" blocks and the overview tables are all generated from front matter, so
a misspelt key or page id must fail the build with the file and line of the key,
instead of silently dropping a row. The schema is documented for contributors in
CONTRIBUTING.md and docs/about/conventions.md; this module is its executable form.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any

from core.frontmatter import FrontMatter, is_date
from core.pages import CLINICAL, KINDS, Site, SourcePage
from core.problems import Problem
from core.project import Project
from core import body_sites, memo, search_terms

EVIDENCE_LEVELS = ("1a", "1b", "2a", "2b", "3a", "3b", "4", "5")
DIRECTIONS = ("for", "uncertain", "against")
HIDE_VALUES = ("navigation", "toc", "footer", "path")
DESCRIPTION_MAX = 160
CONVENTIONS = "docs/about/conventions.md"
EVIDENCE_SCALE = "docs/about/editorial-policy.md#evidence-levels"


@dataclass(frozen=True)
class Relation:
    """A relation between pages, written only on its owning side."""

    key: str
    owners: tuple[str, ...]  # kinds of page that write it
    targets: tuple[str, ...]  # kinds of page it may name
    required: bool
    meaning: str  # for the conventions page and messages


RELATIONS: dict[str, Relation] = {
    "causes": Relation("causes", ("condition",), ("type",), True,
                       "the calcinosis types this condition leads to"),
    "mimics": Relation("mimics", ("condition",), ("type",), False,
                       "the calcinosis types this condition looks like without causing them"),
    "distinguishes": Relation("distinguishes", ("differential",), ("type",), True,
                              "the calcinosis types whose mimics the page covers"),
    "applies_to": Relation("applies_to", ("diagnosis",), ("type", "condition"), False,
                           "the types and conditions the diagnostic page is about"),
    "topics": Relation("topics", ("patient",), CLINICAL, True,
                       "the clinical pages the patient guide explains"),
    "see_also": Relation("see_also", KINDS, KINDS, False,
                         "other pages worth reading; shown on both pages"),
}
# The indications of a therapy: nested in `therapies`, owned by treatment pages.
INDICATIONS = Relation("indications", ("treatment",), ("type", "condition"), True,
                       "the types and conditions a therapy is used for")

COMMON_KEYS = ("title", "description", "kind", "aliases", "reviewed", "see_also", "hide")
KIND_KEYS: dict[str, tuple[str, ...]] = {
    "about": (),
    "overview": (),
    "type": ("sites",),
    "condition": ("causes", "mimics", "sites"),
    "diagnosis": ("applies_to",),
    "differential": ("distinguishes",),
    "treatment": ("therapies",),
    "patient": ("topics",),
}
# Every front-matter key the schema knows, whatever the kind: the only ones the theme sees.
SCHEMA_KEYS = frozenset({*COMMON_KEYS, *(key for keys in KIND_KEYS.values() for key in keys)})
REQUIRED_COMMON = ("title", "description", "kind", "reviewed")
_MIMICS_HINT = ", or 'mimics:' for a condition that only looks like calcinosis"
THERAPY_KEYS = ("name", "indications", "evidence", "direction", "studies", "caution")
THERAPY_REQUIRED = ("name", "indications", "evidence", "direction", "studies")
# A study behind a therapy, as its source reports it: the evidence table is generated from
# these, so that no page retypes a design or a number.
STUDY_KEYS = ("key", "design", "patients", "response")
STUDY_DESIGNS = ("systematic-review", "randomised-trial", "cohort", "case-control", "case-series", "case-report",
                 "narrative-review")
# A narrative review studies no patients of its own, so it may leave out `patients`.
NO_PATIENTS = ("narrative-review",)
RESPONSE_MAX = 80

_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z0-9]")
_ABBREVIATED = re.compile(r"\b(?:e\.g|i\.e|vs|cf|approx|Dr|St)\.", re.IGNORECASE)  # not sentence ends
_FRONT_BLOCK = re.compile(r"\A-{3}[ \t]*\n(.*?)(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.DOTALL)


def evidence_value(value: Any) -> str | None:
    """An evidence level as written, quoted or not (`evidence: 4` means "4")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    return value if isinstance(value, str) else None


def study_keys(value: Any) -> list[tuple[int, str]]:
    """(index, citation key) of each study in a therapy's `studies` whose `key` is text,
    for the checks that resolve citation keys (their line: `("therapies", i, "studies", j, "key")`)."""
    if not isinstance(value, list):
        return []
    return [(j, study["key"]) for j, study in enumerate(value)
            if isinstance(study, dict) and isinstance(study.get("key"), str)]


def owner_kinds(key: str) -> tuple[str, ...]:
    """The kinds of page on which a kind-specific key is written."""
    return tuple(kind for kind, keys in KIND_KEYS.items() if key in keys)


def id_list(value: Any) -> list[str] | None:
    """A relation's ids, or None when the value is not a list of strings."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return value


def _or_list(words: tuple[str, ...] | list[str]) -> str:
    return ", ".join(words)


def _a(word: str) -> str:
    """The indefinite article for `word`."""
    return "an" if word[:1] in "aeiou" else "a"


def _kinds_text(kinds: tuple[str, ...]) -> str:
    if len(kinds) == len(KINDS):
        return "any"
    return " or ".join(kinds)


class _PageCheck:
    """Collects the problems of one page; every message names the key's line."""

    def __init__(self, page: SourcePage, site: Site, today: dt.date, ids: list[str]) -> None:
        self.page = page
        self.front: FrontMatter = page.front
        self.site = site
        self.today = today
        self.ids = ids
        self.problems: list[Problem] = []

    def add(self, path: tuple[Any, ...], what: str, fix: str, *, code: str) -> None:
        self.problems.append(Problem(self.page.path, self.front.line(*path), what, fix, code=code))

    def unknown_keys(self, mapping: dict, allowed: tuple[str, ...], base: tuple[Any, ...], label: str,
                     noun: str, code: str) -> None:
        """One problem for each key of `mapping` not in `allowed`, with the closest allowed key."""
        for key in mapping:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                self.add((*base, key), f"unknown key '{key}' in {label}", f"{hint}{noun} has {_or_list(allowed)}",
                         code=code)

    # ── common keys ─────────────────────────────────────────────────────────────────
    def run(self) -> list[Problem]:
        meta = self.front.meta
        kind = meta.get("kind")
        known_kind = kind if isinstance(kind, str) and kind in KINDS else None
        example = f"templates/{known_kind or 'about'}.md"
        for key in REQUIRED_COMMON:
            if key not in meta:
                self.add((), f"missing required front-matter key '{key}'",
                         f"add '{key}:' to the front matter (copy the keys from {example})",
                         code="frontmatter.missing-key")
        if known_kind:
            for key in KIND_KEYS[known_kind]:
                if self.required(key) and key not in meta:
                    self.add((), f"missing required front-matter key '{key}' (a {known_kind} page must have it)",
                             f"add '{key}:' to the front matter (copy the keys from {example})"
                             + (_MIMICS_HINT if key == "causes" else ""), code="frontmatter.missing-key")
        for key in meta:
            self.known_key(key, known_kind)
        if "title" in meta:
            self.text("title")
        if "description" in meta:
            self.description()
        if "kind" in meta and known_kind is None:
            self.add(("kind",), f"'kind' must be one of {_or_list(KINDS)} (got {kind!r})",
                     "use one of these kinds; see docs/about/conventions.md for what each is for",
                     code="frontmatter.unknown-kind")
        if "reviewed" in meta:
            self.reviewed()
        if "hide" in meta:
            self.hide()
        for key, relation in RELATIONS.items():
            if key in meta and (known_kind is None or key in COMMON_KEYS or key in KIND_KEYS[known_kind]):
                self.relation((key,), f"'{key}'", meta[key], relation)
        if known_kind == "treatment" and "therapies" in meta:
            self.therapies(meta["therapies"])
        return self.problems

    def required(self, key: str) -> bool:
        """A required relation; `causes` may give way to `mimics` (a look-alike condition)."""
        if key == "therapies":
            return True
        if key == body_sites.KEY:
            return False
        if key == "causes" and "mimics" in self.front.meta:
            return False
        return RELATIONS[key].required

    def known_key(self, key: Any, kind: str | None) -> None:
        if key in COMMON_KEYS or (kind and key in KIND_KEYS[kind]):
            return
        owners = owner_kinds(key) if isinstance(key, str) else ()
        if key == body_sites.KEY:
            return  # on a page of another kind: reported by core.body_sites, with its own fix
        if owners and kind:
            owner = owners[0]
            self.add((key,), f"'{key}' is not a key of a {kind} page (only {owner} pages have it)",
                     f"write this relation on the {owner} pages instead: the {kind} page's list is generated from them",
                     code="frontmatter.wrong-kind-key")
            return
        if owners:
            return  # the kind itself is wrong or missing; that is reported once
        allowed = [*COMMON_KEYS, *(KIND_KEYS[kind] if kind else ())]
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        self.add((key,), f"unknown front-matter key '{key}'",
                 f"{hint}the keys of {_a(kind or 'about')} {kind or 'about'} page are "
                 f"{_or_list(allowed)}; see {CONVENTIONS}", code="frontmatter.unknown-key")

    def text(self, key: str, path: tuple[Any, ...] | None = None, value: Any = None) -> str | None:
        path = path or (key,)
        value = self.front.meta.get(key) if value is None else value
        if not isinstance(value, str) or not value.strip():
            self.add(path, f"'{key}' must be text (got {value!r})", f"write '{key}: ' followed by a short text",
                     code="frontmatter.not-text")
            return None
        return value

    def description(self) -> None:
        value = self.text("description")
        if value is None:
            return
        value = " ".join(value.split())
        if len(value) > DESCRIPTION_MAX:
            self.add(("description",), f"'description' is {len(value)} characters long (at most {DESCRIPTION_MAX})",
                     "shorten it: it is the page's one-sentence summary in search results",
                     code="frontmatter.description")
        if _SENTENCE_BREAK.search(_ABBREVIATED.sub("", value)):
            self.add(("description",), "'description' must be one sentence",
                     "keep one sentence that sums up the page; move the rest into the page itself",
                     code="frontmatter.description")
        elif not value.endswith((".", "?", "!")):
            self.add(("description",), "'description' must be a sentence ending with a full stop",
                     "end the description with '.'", code="frontmatter.description")

    def reviewed(self) -> None:
        value = self.front.meta["reviewed"]
        if not is_date(value):
            shown = value.isoformat() if isinstance(value, dt.datetime) else value
            self.add(("reviewed",), f"'reviewed' must be a real date written YYYY-MM-DD (got {str(shown)!r})",
                     "write the date of the last clinical review, e.g. 'reviewed: 2026-11-21'",
                     code="frontmatter.bad-date")
        elif value > self.today:
            self.add(("reviewed",), f"'reviewed' is {value.isoformat()}, a date in the future",
                     f"write the date of the last clinical review, {self.today.isoformat()} at the latest",
                     code="frontmatter.future-date")

    def hide(self) -> None:
        value = self.front.meta["hide"]
        if not isinstance(value, list) or any(v not in HIDE_VALUES for v in value):
            self.add(("hide",), f"'hide' must be a list of {_or_list(HIDE_VALUES)} (got {value!r})",
                     "write e.g. 'hide: [navigation]', or remove the key", code="frontmatter.hide")

    # ── relations ───────────────────────────────────────────────────────────────────
    def relation(self, path: tuple[Any, ...], label: str, value: Any, relation: Relation) -> None:
        ids = id_list(value)
        if ids is None:
            self.add(path, f"{label} must be a list of page ids (got {value!r})",
                     f"write '{relation.key}: [page-id, other-page-id]' with the file names of "
                     f"{_kinds_text(relation.targets)} pages, without '.md'", code="relations.not-a-list")
            return
        required = self.required(relation.key) if relation.key in RELATIONS else relation.required
        if required and not ids:
            self.add(path, f"{label} names no page",
                     f"name at least one {_kinds_text(relation.targets)} page: {relation.meaning}",
                     code="relations.empty")
        seen: set[str] = set()
        for i, target in enumerate(ids):
            where = (*path, i)
            if target in seen:
                self.add(where, f"{label} names '{target}' twice", "remove the second one", code="relations.duplicate")
                continue
            seen.add(target)
            if target == self.page.id:
                self.add(where, f"{label} names the page itself ('{target}')", "remove it", code="relations.self")
                continue
            page = self.site.pages.get(target)
            if page is None:
                close = difflib.get_close_matches(target, self.ids, n=1, cutoff=0.8)
                hint = f"did you mean '{close[0]}'? " if close else ""
                self.add(where, f"unknown page id '{target}' in {label}",
                         f"{hint}a page id is a file name under docs/ without '.md'", code="relations.unknown-id")
            elif page.kind in KINDS and page.kind not in relation.targets:
                self.add(where, f"{label} names '{target}', {_a(page.kind)} {page.kind} page, "
                                f"but it takes {_kinds_text(relation.targets)} pages",
                         f"name only {_kinds_text(relation.targets)} pages here ({relation.meaning})",
                         code="relations.wrong-kind")

    def therapies(self, value: Any) -> None:
        if not isinstance(value, list) or not value:
            self.add(("therapies",), f"'therapies' must be a list of one or more therapies (got {value!r})",
                     "write each therapy as '- name: ...' with indications, evidence, direction and studies "
                     "(see templates/treatment.md)", code="therapies.not-a-list")
            return
        for i, therapy in enumerate(value):
            base = ("therapies", i)
            if not isinstance(therapy, dict):
                self.add(base, f"therapy {i + 1} must be a mapping of keys (got {therapy!r})",
                         "start each therapy with '- name: ...' and indent its other keys under it",
                         code="therapies.not-a-mapping")
                continue
            name = therapy.get("name")
            label = f"therapy '{name}'" if isinstance(name, str) and name.strip() else f"therapy {i + 1}"
            for key in THERAPY_REQUIRED:
                if key not in therapy:
                    self.add(base, f"{label} is missing '{key}'",
                             f"add '{key}:' to the therapy (see templates/treatment.md)", code="therapies.missing-key")
            self.unknown_keys(therapy, THERAPY_KEYS, base, label, "a therapy", "therapies.unknown-key")
            if "name" in therapy:
                self.text("name", (*base, "name"), therapy["name"] if therapy["name"] is not None else "")
            if "caution" in therapy:
                self.text("caution", (*base, "caution"), therapy["caution"] if therapy["caution"] is not None else "")
            if "indications" in therapy:
                self.relation((*base, "indications"), f"'indications' of {label}", therapy["indications"], INDICATIONS)
            if "evidence" in therapy:
                level = evidence_value(therapy["evidence"])
                if level not in EVIDENCE_LEVELS:
                    self.add((*base, "evidence"),
                             f"'evidence' of {label} must be one of {_or_list(EVIDENCE_LEVELS)} (got {therapy['evidence']!r})",
                             f"use the level of the best study, on the scale in {EVIDENCE_SCALE}",
                             code="therapies.evidence")
            if "direction" in therapy and therapy["direction"] not in DIRECTIONS:
                self.add((*base, "direction"),
                         f"'direction' of {label} must be one of {_or_list(DIRECTIONS)} (got {therapy['direction']!r})",
                         f"say whether the evidence is for, against or uncertain about the therapy ({EVIDENCE_SCALE})",
                         code="therapies.direction")
            if "studies" in therapy:
                self.studies((*base, "studies"), label, therapy["studies"])

    def studies(self, path: tuple[Any, ...], label: str, value: Any) -> None:
        if not isinstance(value, list) or not value:
            self.add(path, f"'studies' of {label} must list one or more studies (got {value!r})",
                     "write each study as '- key: ...' with its design, patients and response under it "
                     "(see templates/treatment.md)", code="therapies.studies-not-a-list")
            return
        seen: set[str] = set()
        for j, study in enumerate(value):
            where = (*path, j)
            if not isinstance(study, dict):
                example = study if isinstance(study, str) else "citationkey"
                self.add(where, f"study {j + 1} of {label} must be a mapping of key, design, patients and response "
                                f"(got {study!r})",
                         f"write '- key: {example}' and indent 'design:', 'patients:' and 'response:' under it "
                         "(see templates/treatment.md)", code="therapies.study-not-a-mapping")
                continue
            key = study.get("key")
            name = f"study '{key}' of {label}" if isinstance(key, str) and key else f"study {j + 1} of {label}"
            for field_name in STUDY_KEYS:
                if field_name == "patients" and study.get("design") in NO_PATIENTS:
                    continue
                if field_name not in study:
                    self.add(where, f"{name} is missing '{field_name}'", _STUDY_FIX[field_name],
                             code="therapies.study-missing-key")
            self.unknown_keys(study, STUDY_KEYS, where, name, "a study", "therapies.study-unknown-key")
            if "key" in study:
                if not isinstance(key, str) or not key.strip():
                    self.add((*where, "key"), f"'key' of study {j + 1} of {label} must be a citation key (got {key!r})",
                             _STUDY_FIX["key"], code="therapies.study-key")
                elif key in seen:
                    self.add((*where, "key"), f"{label} lists the study '{key}' twice", "remove the second one",
                             code="therapies.study-twice")
                else:
                    seen.add(key)
            if "design" in study and study["design"] not in STUDY_DESIGNS:
                close = difflib.get_close_matches(str(study["design"]), STUDY_DESIGNS, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                self.add((*where, "design"),
                         f"'design' of {name} must be one of {_or_list(STUDY_DESIGNS)} (got {study['design']!r})",
                         f"{hint}use the design the source reports", code="therapies.study-design")
            if "patients" in study:
                patients = study["patients"]
                if isinstance(patients, bool) or not isinstance(patients, int) or patients < 1:
                    self.add((*where, "patients"),
                             f"'patients' of {name} must be a whole number above 0 (got {patients!r})",
                             _STUDY_FIX["patients"], code="therapies.study-patients")
            if "response" in study:
                response = study["response"]
                if not isinstance(response, str) or not response.strip():
                    self.add((*where, "response"), f"'response' of {name} must be text (got {response!r})",
                             _STUDY_FIX["response"], code="therapies.study-response")
                elif len(" ".join(response.split())) > RESPONSE_MAX:
                    self.add((*where, "response"),
                             f"'response' of {name} is {len(' '.join(response.split()))} characters long "
                             f"(at most {RESPONSE_MAX})",
                             "shorten it to the main result; the details belong in the page's Evidence section",
                             code="therapies.study-response-too-long")


_STUDY_FIX = {
    "key": "write the BibTeX key of the study as in bibliography/*.bib, e.g. 'key: traineau2020treatment'",
    "design": f"add 'design:' with the design the source reports: one of {_or_list(STUDY_DESIGNS)}",
    "patients": "write the number of patients the source studied, as a number, e.g. 'patients: 9'",
    "response": "write the main result as the source gives it, in a few words, e.g. 'response: 8 of 9 improved'",
}


def front_matter_failed(page: SourcePage) -> bool:
    """True when the front matter has content but could not be read (already reported)."""
    if page.front.meta or page.front.lines:
        return False
    match = _FRONT_BLOCK.match(page.text)
    if not match:
        return False
    return any(line.strip() and not line.lstrip().startswith("#") for line in match.group(1).splitlines())


def check_page(page: SourcePage, site: Site, today: dt.date, ids: list[str] | None = None) -> list[Problem]:
    """The schema problems of one page."""
    if not page.front.present:
        return [Problem(page.path, 1, "page has no front matter",
                        "start the file with a '---' block holding title, description, kind and reviewed "
                        "(copy one of the templates in templates/)", code="frontmatter.missing")]
    if front_matter_failed(page):
        return []
    return _PageCheck(page, site, today, ids if ids is not None else sorted(site.pages)).run()


def check(site: Site, project: Project) -> list[Problem]:
    """Every page's front matter against the schema of its kind."""
    ids = sorted(site.pages)
    kinds = memo.digest([[(pid, site.pages[pid].kind) for pid in ids], project.today.isoformat()])
    problems: list[Problem] = []
    for page in site.pages.values():
        problems.extend(_checked.get_or_make((page.path, page.text, kinds), check_page, page, site, project.today, ids))
    return problems + search_terms.check(site) + body_sites.check(site)


# A page's schema problems by its path and text, every page's id and kind (relations name
# them) and the day (review dates): a `mkdocs serve` rebuild checks only the pages that changed.
_checked: memo.Memo[tuple[str, str, str], list[Problem]] = memo.declare("metadata: pages checked", bound=4096, last_build_only=True)

