"""Where on the body each type and condition appears: the `sites` front-matter key.

Why: the "Where it appears" figure (core/figures.py) highlights the typical sites of a
type or condition on a drawing of the body, on its page and in the patient guide. The
sites are clinical statements like any other, so each names the citation key of the
source that gives it, and that source must be cited in the page's own text (where the
page says so in words). Regions come from the fixed list below, the only ones the
drawing has: a misspelt region fails the build with its file and line and the closest
region, instead of silently drawing nothing.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from core.pages import KINDS, Site, SourcePage
from core.problems import Problem

KEY = "sites"
OWNERS = ("type", "condition")
SITE_KEYS = ("region", "key", "note")
SITE_REQUIRED = ("region", "key")
NOTE_MAX = 60  # characters
CONVENTIONS = "docs/about/conventions.md#where-it-appears"


@dataclass(frozen=True)
class Region:
    """A region of the drawing: its label, and the parts of the body drawing it covers."""

    label: str
    parts: tuple[str, ...]  # names of core.figures.PARTS


# The regions a page may name, in the order of the body from head to foot. Each part is
# drawn in the front view ("-front") or the back view ("-back").
REGIONS: dict[str, Region] = {
    "head": Region("Head", ("head-front", "head-back", "ears-front", "ears-back")),
    "face": Region("Face", ("head-front",)),
    "ears": Region("Ears", ("ears-front", "ears-back")),
    "neck": Region("Neck", ("neck-front", "neck-back")),
    "shoulders": Region("Shoulders", ("shoulders-front", "shoulders-back")),
    "armpits": Region("Armpits", ("armpits-front",)),
    "chest": Region("Chest", ("chest-front",)),
    "abdomen": Region("Abdomen", ("abdomen-front",)),
    "back": Region("Back", ("upper-back-back", "lower-back-back")),
    "trunk": Region("Trunk", ("chest-front", "abdomen-front", "upper-back-back", "lower-back-back")),
    "buttocks": Region("Buttocks", ("buttocks-back",)),
    "groin": Region("Groin", ("groin-front",)),
    "genitals": Region("Genitals", ("groin-front",)),
    "arms": Region("Arms", ("upper-arms-front", "elbows-front", "forearms-front", "hands-front",
                            "upper-arms-back", "elbows-back", "forearms-back", "hands-back")),
    "upper-arms": Region("Upper arms", ("upper-arms-front", "upper-arms-back")),
    "elbows": Region("Elbows", ("elbows-back", "elbows-front")),
    "forearms": Region("Forearms", ("forearms-front", "forearms-back")),
    "hands": Region("Hands and fingers", ("hands-front", "hands-back")),
    "legs": Region("Legs", ("thighs-front", "knees-front", "lower-legs-front", "feet-front",
                            "thighs-back", "knees-back", "lower-legs-back", "heels-back")),
    "thighs": Region("Thighs", ("thighs-front", "thighs-back")),
    "knees": Region("Knees", ("knees-front", "knees-back")),
    "lower-legs": Region("Lower legs", ("lower-legs-front", "lower-legs-back")),
    "feet": Region("Feet", ("feet-front", "heels-back")),
    "heels": Region("Heels", ("heels-back",)),
    "achilles-tendons": Region("Achilles tendons", ("achilles-back",)),
    "skin-folds": Region("Skin folds (armpits, elbow and knee creases, groin)",
                         ("armpits-front", "elbows-front", "groin-front", "knees-back")),
    "around-joints": Region("Around the joints", ("shoulders-front", "elbows-back", "hips-front", "knees-front",
                                                  "shoulders-back", "knees-back")),
}


@dataclass(frozen=True)
class BodySite:
    """One typical site of a page's subject, with the source that gives it."""

    region: str  # a key of REGIONS
    key: str  # citation key
    note: str | None = None  # who or what the source's site is about ("in adults"), shown in the list


def _cited(page: SourcePage, key: str) -> bool:
    """Whether the page's text cites `key` (in a `[@...]` citation)."""
    return re.search(rf"\[[^\]]*@{re.escape(key)}(?![\w:-])[^\]]*\]", page.front.body) is not None


def check_page(page: SourcePage) -> tuple[list[BodySite], list[Problem]]:
    """The valid sites of a page, and one problem (file, line, fix) for each fault."""
    meta = page.meta
    if KEY not in meta:
        return [], []
    front, value = page.front, meta[KEY]
    problems: list[Problem] = []

    def add(path: tuple[Any, ...], what: str, fix: str, *, code: str) -> None:
        problems.append(Problem(page.path, front.line(*path), what, fix, code=code))

    if page.kind not in OWNERS:
        if page.kind in KINDS:  # an unknown kind is reported once, by core.metadata
            add((KEY,), f"'{KEY}' is not a key of {_a(page.kind)} {page.kind} page (only type and condition pages "
                        "have it)",
                "remove it: the body figure shows the sites of a type or a condition, on its own page",
                code="frontmatter.wrong-kind-key")
        return [], problems
    if not isinstance(value, list) or not value:
        add((KEY,), f"'{KEY}' must be a list of body regions, each with the key of its source (got {value!r})",
            f"write '{KEY}:' with items like '- {{region: hands, key: citationkey}}', or remove the key "
            f"(see {CONVENTIONS})", code="sites.not-a-list")
        return [], problems
    sites: list[BodySite] = []
    for i, item in enumerate(value):
        where = (KEY, i)
        if not isinstance(item, dict):
            example = item if isinstance(item, str) and item in REGIONS else "hands"
            add(where, f"site {i + 1} must be a mapping of region and key (got {item!r})",
                f"write '- {{region: {example}, key: citationkey}}' with the key of the source that names the site",
                code="sites.not-a-mapping")
            continue
        region, key = item.get("region"), item.get("key")
        name = f"site '{region}'" if isinstance(region, str) and region else f"site {i + 1}"
        for field in SITE_REQUIRED:
            if field not in item:
                add(where, f"{name} is missing '{field}'", _FIX[field], code="sites.missing-key")
        for field in item:
            if field not in SITE_KEYS:
                close = difflib.get_close_matches(str(field), SITE_KEYS, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                add((*where, field), f"unknown key '{field}' in {name}",
                    f"{hint}a site has region, key and (if needed) note",
                    code="sites.unknown-key")
        valid = True
        if "region" in item:
            if not isinstance(region, str) or region not in REGIONS:
                valid = False
                close = difflib.get_close_matches(str(region), REGIONS, n=1, cutoff=0.5)
                hint = f"did you mean '{close[0]}'? " if close else ""
                add((*where, "region"), f"unknown region {region!r} in '{KEY}'",
                    f"{hint}the regions are {', '.join(REGIONS)} ({CONVENTIONS})", code="sites.unknown-region")
        if "key" in item:
            if not isinstance(key, str) or not key.strip():
                valid = False
                add((*where, "key"), f"'key' of {name} must be a citation key (got {key!r})", _FIX["key"],
                    code="sites.key")
            elif not _cited(page, key):
                valid = False
                add((*where, "key"), f"{name} names the source '{key}', which the page's text does not cite",
                    f"cite [@{key}] where the page says that the site is typical (its Clinical features "
                    "section), or name the source the page cites for it", code="sites.uncited-source")
        note = item.get("note")
        if "note" in item:
            if not isinstance(note, str) or not note.strip():
                valid = False
                add((*where, "note"), f"'note' of {name} must be text (got {note!r})",
                    "write who or what the source's site is about in a few words, e.g. 'note: in adults', "
                    "or remove it", code="sites.note")
            elif len(" ".join(note.split())) > NOTE_MAX:
                valid = False
                add((*where, "note"), f"'note' of {name} is {len(' '.join(note.split()))} characters long "
                                      f"(at most {NOTE_MAX})",
                    "keep a few words; the page's text says the rest", code="sites.note")
        if not valid or "region" not in item or "key" not in item:
            continue
        site = BodySite(str(region), str(key), " ".join(note.split()) if isinstance(note, str) else None)
        if any((s.region, s.key) == (region, key) for s in sites):
            add(where, f"'{KEY}' lists the region '{region}' with the source '{key}' twice", "remove the second one",
                code="sites.duplicate")
            continue
        sites.append(site)
    return sites, problems


_FIX = {
    "region": f"add 'region:' with one of the regions of {CONVENTIONS}, e.g. 'region: hands'",
    "key": "add 'key:' with the citation key of the source that gives this site, as the page's text cites it",
}


def _a(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def check(site: Site) -> list[Problem]:
    """Every page's `sites`."""
    return [problem for page in site.pages.values() for problem in check_page(page)[1]]


def page_sites(page: SourcePage) -> list[BodySite]:
    """The valid sites of a page (its faults are reported by `check`)."""
    return check_page(page)[0]
