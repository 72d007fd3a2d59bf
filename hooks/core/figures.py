"""The figures drawn from front matter: the evidence map and the "Where it appears" body map.

Why: readers would rather look than read for two questions: how strong is the evidence
for each treatment, and where on the body does each type or condition form deposits.
Both answers are already in front matter (the therapies of the treatment pages, the
`sites` of the type and condition pages, core/body_sites.py), so the figures are drawn
from it at build time, never typed: a changed study or site changes the figure.

Each figure is a `<figure>` holding an inline SVG (core/svg.py; no script, readable
without JavaScript), with a `<title>` and `<desc>`, a visible caption and a text
alternative: a list with the same facts (visually hidden for the evidence map, whose
table follows it on the page; shown beside the body map). Colours are presentation
attributes that print well; site.css gives the screen colours of the light and dark
schemes by class. Only the elements and attributes listed in core/html_policy.py's
`SVG_ELEMENTS` are written, and every number and text comes from front matter.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core import memo, svg
from core.body_sites import REGIONS, BodySite
from core.graph import Graph, Therapy
from core.mdtext import code_lines
from core.metadata import EVIDENCE_LEVELS
from core.overview import DESIGN_LABELS, Links, expand_markers

EVIDENCE_MAP = "evidence-map"
WHERE = "where-it-appears"  # the patient guide's figure: every page's sites together
BODY_MAP = "body-map"  # on a type or condition page with `sites`, placed by hooks/figures.py

# ── evidence map ───────────────────────────────────────────────────────────────────
WIDTH = 740
NAME_X = 0
LEVEL_X0, LEVEL_STEP = 362, 24  # centre of the first level's column, and the step to the next
BAR_X0, DECADE = 566, 34  # patients: a log scale from 1 to 10,000
DECADES = 4
HEAD_H, ROW_H, LINE_H = 64, 22, 13
NAME_CHARS = 54  # longer names wrap onto a second line
DIRECTION_TEXT = {"for": "for", "uncertain": "uncertain", "against": "against"}
MARK_COLOURS = {"for": "#2e7d32", "uncertain": "#6d4c00", "against": "#c62828"}
GRID, BAR, TEXT = "#9e9e9e", "#5c6bc0", "currentColor"


def largest_study(therapy: Therapy) -> tuple[int | None, str | None]:
    """The number of patients in the largest study listed for a therapy, and its design
    (None, None when every study listed is a narrative review)."""
    counted = [(s.patients, s.design) for s in therapy.studies if s.patients is not None]
    if not counted:
        return None, None
    patients, design = max(counted, key=lambda pair: pair[0])
    return patients, design


def _mark(direction: str, x: float, y: float) -> str:
    """For: a filled circle; uncertain: a ring; against: a diamond (shape, not colour only)."""
    colour = MARK_COLOURS[direction]
    cls = f"ev-mark ev-{direction}"
    if direction == "for":
        return svg.element("circle", {"class": cls, "cx": x, "cy": y, "r": 5.5, "fill": colour})
    if direction == "uncertain":
        return svg.element("circle", {"class": cls, "cx": x, "cy": y, "r": 4.5, "fill": "none", "stroke": colour,
                                      "stroke-width": 2})
    return svg.element("path", {"class": cls, "d": svg.path_data(("M", (x, y - 6.5)), ("L", (x + 6.5, y)),
                                                                ("L", (x, y + 6.5)), ("L", (x - 6.5, y)), ("Z", ())),
                                "fill": colour})


def _text(x: float, y: float, text: str, cls: str, anchor: str | None = None, size: float = 12) -> str:
    return svg.element("text", {"class": cls, "x": x, "y": y, "font-size": size, "text-anchor": anchor,
                                "fill": TEXT}, text=text)


def _name_lines(name: str) -> list[str]:
    if len(name) <= NAME_CHARS:
        return [name]
    cut = name.rfind(" ", 0, NAME_CHARS)
    cut = cut if cut > 0 else NAME_CHARS
    return [name[:cut], name[cut:].strip()]


def _level_x(level: str) -> float:
    return LEVEL_X0 + EVIDENCE_LEVELS.index(level) * LEVEL_STEP


def ranked(therapies: Sequence[Therapy]) -> list[Therapy]:
    """Strongest level first, then by name."""
    return sorted(therapies, key=lambda t: (EVIDENCE_LEVELS.index(t.evidence), t.name.lower(), t.page))


def evidence_svg(therapies: Sequence[Therapy]) -> str:
    """The evidence map of `therapies`: one row each, its mark in the column of its level."""
    rows = ranked(therapies)
    heights = [ROW_H + LINE_H * (len(_name_lines(t.name)) - 1) for t in rows]
    height = HEAD_H + sum(heights) + 8
    bottom = height - 4
    parts: list[str] = [
        svg.element("title", {"id": "evidence-map-title"}, text="Evidence map of the treatments on this site"),
        svg.element("desc", {"id": "evidence-map-desc"}, text=(
            f"{len(rows)} treatments, one a row, strongest evidence first. Each mark stands in the column of the "
            "treatment's evidence level, from 1a (strongest) to 5 (expert opinion): a filled circle where the "
            "evidence is for the treatment, a ring where it is uncertain, a diamond where it is against it. The "
            "bar gives the number of patients in the largest study listed for it, on a scale from 1 to 10,000.")),
    ]
    # Legend and column heads.
    legend_x = 0.0
    for direction, label in (("for", "For"), ("uncertain", "Uncertain"), ("against", "Against")):
        parts.append(_mark(direction, legend_x + 6, 12))
        parts.append(_text(legend_x + 16, 16, label, "ev-legend"))
        legend_x += 30 + 8 * len(label)
    parts.append(_text(NAME_X, HEAD_H - 10, "Treatment", "ev-head"))
    parts.append(_text(LEVEL_X0 + LEVEL_STEP * (len(EVIDENCE_LEVELS) - 1) / 2, HEAD_H - 28, "Evidence level",
                       "ev-head", "middle"))
    parts.append(_text(BAR_X0 + DECADE * DECADES / 2, HEAD_H - 28, "Patients, largest study", "ev-head", "middle"))
    for level in EVIDENCE_LEVELS:
        x = _level_x(level)
        parts.append(_text(x, HEAD_H - 10, level, "ev-tick", "middle", 11))
        parts.append(svg.element("line", {"class": "ev-grid", "x1": x, "y1": HEAD_H - 4, "x2": x, "y2": bottom,
                                          "stroke": GRID, "stroke-width": 0.5}))
    for decade in range(DECADES + 1):
        x = BAR_X0 + decade * DECADE
        parts.append(_text(x, HEAD_H - 10, f"{10 ** decade:,}", "ev-tick", "middle", 10))
        parts.append(svg.element("line", {"class": "ev-grid", "x1": x, "y1": HEAD_H - 4, "x2": x, "y2": bottom,
                                          "stroke": GRID, "stroke-width": 0.5}))
    y = float(HEAD_H)
    for therapy, row_h in zip(rows, heights, strict=True):
        patients, _design = largest_study(therapy)
        middle = y + ROW_H / 2
        cells = [svg.element("line", {"class": "ev-rule", "x1": 0, "y1": y, "x2": WIDTH, "y2": y, "stroke": GRID,
                                      "stroke-width": 0.25})]
        for n, line in enumerate(_name_lines(therapy.name)):
            cells.append(_text(NAME_X, middle + 4 + n * LINE_H, line, "ev-name"))
        cells.append(_mark(therapy.direction, _level_x(therapy.evidence), middle))
        if patients is None:
            cells.append(_text(BAR_X0, middle + 4, "none counted: narrative review", "ev-count", size=10))
        else:
            length = max(2.0, DECADE * math.log10(patients))
            cells.append(svg.element("rect", {"class": "ev-bar", "x": BAR_X0, "y": middle - 4, "width": length,
                                              "height": 8, "fill": BAR}))
            cells.append(_text(BAR_X0 + length + 4, middle + 4, f"{patients:,}", "ev-count", size=11))
        parts.append(svg.element("g", {"class": "ev-row", "data-therapy": therapy.name, "data-evidence": therapy.evidence,
                                       "data-direction": therapy.direction,
                                       "data-patients": "" if patients is None else str(patients)}, cells))
        y += row_h
    return svg.element("svg", {"class": "evidence-map", "xmlns": "http://www.w3.org/2000/svg",
                               "viewBox": f"0 0 {WIDTH} {svg.num(height)}", "width": WIDTH, "height": height,
                               "role": "img", "aria-labelledby": "evidence-map-title evidence-map-desc"}, parts)


def evidence_map(graph: Graph, links: Links) -> str:
    """The evidence map with its caption and its text alternative (a list of the same rows)."""
    if not graph.therapies:
        return '<div class="generated-figure evidence-map">\n<p><em>No treatment pages yet.</em></p>\n</div>'
    rows = ranked(graph.therapies)
    items = []
    for therapy in rows:
        patients, design = largest_study(therapy)
        size = ("no patients counted (a narrative review)" if patients is None
                else f"largest study {patients:,} patient{'s' if patients != 1 else ''} "
                     f"({DESIGN_LABELS[design or ''].lower()})")
        name = links.mark_up(html.escape(therapy.name, quote=False))  # no link: a hidden link would take focus
        items.append(f"<li>{name}: level {therapy.evidence}, {DIRECTION_TEXT[therapy.direction]}; {size}</li>")
    caption = ("Each treatment described on this site at its level of evidence (1a strongest, 5 weakest), with the "
               "direction of that evidence and the number of patients in the largest study listed for it. A "
               "systematic review counts every patient it pooled, including patients given other treatments. "
               "Drawn from the same data as the evidence table, which gives each study and its source.")
    return "\n".join([
        '<figure class="generated-figure evidence-map">',
        '<div class="figure-scroll" tabindex="0" role="region" aria-label="Evidence map (scrolls sideways)">',
        evidence_svg(graph.therapies),
        "</div>",
        f"<figcaption>{caption}</figcaption>",
        '<ul class="visually-hidden figure-text">',
        *items,
        "</ul>",
        "</figure>",
    ])


# ── body map ───────────────────────────────────────────────────────────────────────
BODY_W, BODY_H = 440, 330
VIEWS = {"front": 162.0, "back": 278.0}  # centre line of each figure
LABEL_GAP = 15
LABEL_SIZE = 13
BODY_FILL, BODY_LINE, SITE_FILL, LEADER = "#e0e0e0", "#9e9e9e", "#d84315", "#616161"

Shape = tuple[str, tuple[float, ...]]  # ("ellipse", (x, y, rx, ry)) or ("poly", (x1, y1, x2, y2, ...))


@dataclass(frozen=True)
class Part:
    """A piece of the drawing: its shapes, x relative to the figure's centre line; a paired
    part (an arm, an ear) is drawn once on each side, mirrored."""

    shapes: tuple[Shape, ...]
    paired: bool
    base: bool  # drawn grey on every figure; the others only when highlighted


def _ellipse(x: float, y: float, rx: float, ry: float | None = None) -> Shape:
    return ("ellipse", (x, y, rx, ry if ry is not None else rx))


def _poly(*points: float) -> Shape:
    return ("poly", points)


_SHARED: dict[str, Part] = {
    "head": Part((_ellipse(0, 34, 16, 20),), False, True),
    "ears": Part((_ellipse(-17, 36, 3.5, 6),), True, True),
    "neck": Part((_poly(-7, 52, 7, 52, 8, 67, -8, 67),), False, True),
    "upper-arms": Part((_poly(-42, 68, -30, 74, -38, 128, -52, 126),), True, True),
    "forearms": Part((_poly(-52, 126, -38, 128, -46, 180, -57, 178),), True, True),
    "hands": Part((_ellipse(-52, 193, 7, 13),), True, True),
    "thighs": Part((_poly(-30, 178, -2, 182, -8, 238, -27, 238),), True, True),
    "lower-legs": Part((_poly(-27, 237, -8, 237, -12, 292, -22, 292),), True, True),
    "shoulders": Part((_ellipse(-35, 73, 7),), True, False),
    "elbows": Part((_ellipse(-45, 127, 7),), True, False),
    "knees": Part((_ellipse(-17, 241, 9),), True, False),
}
# Each view: its own parts, then the shared ones, in drawing order (later on top).
_OWN: dict[str, dict[str, Part]] = {
    "front": {
        "chest": Part((_poly(-34, 66, 34, 66, 30, 116, -30, 116),), False, True),
        "abdomen": Part((_poly(-30, 116, 30, 116, 28, 160, -28, 160),), False, True),
        "pelvis": Part((_poly(-28, 160, 28, 160, 31, 184, -31, 184),), False, True),
        "feet": Part((_ellipse(-19, 299, 9, 5),), True, True),
        "armpits": Part((_ellipse(-28, 84, 4, 8),), True, False),
        "groin": Part((_poly(-11, 168, 11, 168, 0, 190),), False, False),
        "hips": Part((_ellipse(-26, 176, 6),), True, False),
    },
    "back": {
        "upper-back": Part((_poly(-34, 66, 34, 66, 30, 116, -30, 116),), False, True),
        "lower-back": Part((_poly(-30, 116, 30, 116, 28, 160, -28, 160),), False, True),
        "buttocks": Part((_poly(-28, 160, 28, 160, 31, 188, 0, 192, -31, 188),), False, True),
        "heels": Part((_ellipse(-17, 299, 6, 5.5),), True, True),
        "achilles": Part((_poly(-20, 278, -14, 278, -14, 293, -20, 293),), True, False),
    },
}
_ORDER = ("head", "ears", "neck", "chest", "upper-back", "abdomen", "lower-back", "pelvis", "buttocks", "groin",
          "upper-arms", "forearms", "hands", "thighs", "lower-legs", "feet", "heels", "achilles", "shoulders",
          "armpits", "elbows", "hips", "knees")
# Every part name a region may use: "<part>-<view>", in drawing order.
PARTS: dict[str, tuple[str, Part]] = {}
for _view in VIEWS:
    for _name in _ORDER:
        _part = _OWN[_view].get(_name) or _SHARED.get(_name)
        if _part is not None:
            PARTS[f"{_name}-{_view}"] = (_view, _part)


def _shape(shape: Shape, centre: float, mirror: bool, attrs: dict[str, svg.Value]) -> str:
    kind, values = shape
    sign = -1 if mirror else 1
    if kind == "ellipse":
        x, y, rx, ry = values
        return svg.element("ellipse", {**attrs, "cx": centre + sign * x, "cy": y, "rx": rx, "ry": ry})
    points = [(centre + sign * values[i], values[i + 1]) for i in range(0, len(values), 2)]
    commands = [("M", points[0]), *(("L", p) for p in points[1:]), ("Z", ())]
    return svg.element("path", {**attrs, "d": svg.path_data(*commands)})


def _part_shapes(name: str, attrs: dict[str, svg.Value]) -> list[str]:
    view, part = PARTS[name]
    centre = VIEWS[view]
    return [_shape(shape, centre, mirror, attrs) for shape in part.shapes
            for mirror in ((False, True) if part.paired else (False,))]


def _anchor(name: str) -> tuple[float, float]:
    """Where a region's leader line ends: the part's first shape, on the side of its view's
    labels (the left of the front figure, the right of the back figure)."""
    view, part = PARTS[name]
    kind, values = part.shapes[0]
    if kind == "ellipse":
        x, y = values[0], values[1]
    else:
        xs, ys = values[0::2], values[1::2]
        x, y = sum(xs) / len(xs), sum(ys) / len(ys)
    if part.paired:
        x = -abs(x) if view == "front" else abs(x)
    return VIEWS[view] + x, y


def _spread(wanted: list[float], top: float = 18, bottom: float = BODY_H - 26) -> list[float]:
    """Label heights near `wanted` (sorted), inside the drawing and LABEL_GAP apart (closer
    only when that many labels could not fit otherwise)."""
    if not wanted:
        return []
    gap = min(LABEL_GAP, (bottom - top) / max(1, len(wanted) - 1))
    placed: list[float] = []
    for y in wanted:
        placed.append(max(y, top, placed[-1] + gap if placed else top))
    overflow = placed[-1] - bottom
    if overflow > 0:  # pushed below the feet: move the lowest labels up, each as little as needed
        placed[-1] = bottom
        for i in range(len(placed) - 2, -1, -1):
            placed[i] = min(placed[i], placed[i + 1] - gap)
    return placed


# A drawing of the body, by all that draws it: each figure is drawn once while its regions
# and texts stay the same (every page of a `mkdocs serve` session draws its figures anew).
_drawings: memo.Memo[tuple[tuple[str, ...], str, str, str], str] = memo.declare("figures: body drawings", bound=1024, last_build_only=True)


def body_svg(regions: Sequence[str], title: str, desc: str, ident: str) -> str:
    """The body from the front and the back, with the parts of `regions` highlighted and each
    region labelled (front-view regions on the left, back-view ones on the right)."""
    return _drawings.get_or_make((tuple(regions), title, desc, ident), _draw_body, regions, title, desc, ident)


def _draw_body(regions: Sequence[str], title: str, desc: str, ident: str) -> str:
    lit = {part for region in regions for part in REGIONS[region].parts}
    parts = [svg.element("title", {"id": f"{ident}-title"}, text=title),
             svg.element("desc", {"id": f"{ident}-desc"}, text=desc)]
    for view in VIEWS:
        shapes: list[str] = []
        for name, (part_view, part) in PARTS.items():
            if part_view != view or not (part.base or name in lit):
                continue
            if name in lit:
                shapes += _part_shapes(name, {"class": "body-site", "fill": SITE_FILL, "stroke": BODY_LINE,
                                              "stroke-width": 0.75})
            else:
                shapes += _part_shapes(name, {"class": "body-part", "fill": BODY_FILL, "stroke": BODY_LINE,
                                              "stroke-width": 0.75})
        parts.append(svg.element("g", {"class": f"body-view body-{view}"}, shapes))
        parts.append(_text(VIEWS[view], BODY_H - 6, view.capitalize(), "body-caption", "middle"))
    for view, edge in (("front", VIEWS["front"] - 62), ("back", VIEWS["back"] + 62)):
        here = [(r, _anchor(REGIONS[r].parts[0])) for r in regions if PARTS[REGIONS[r].parts[0]][0] == view]
        here.sort(key=lambda item: (item[1][1], list(REGIONS).index(item[0])))
        heights = _spread([anchor[1] for _, anchor in here])
        for (region, (ax, ay)), ly in zip(here, heights, strict=True):
            anchor = "end" if view == "front" else "start"
            lx = edge - 4 if view == "front" else edge + 4
            parts.append(svg.element("g", {"class": "body-label", "data-region": region}, [
                svg.element("path", {"class": "body-leader", "d": svg.path_data(("M", (edge, ly - 4)), ("L", (ax, ay))),
                                     "fill": "none", "stroke": LEADER, "stroke-width": 0.75}),
                svg.element("circle", {"class": "body-dot", "cx": ax, "cy": ay, "r": 1.75, "fill": LEADER}),
                _text(lx, ly, short_label(region), "body-label-text", anchor, LABEL_SIZE),
            ]))
    return svg.element("svg", {"class": "body-map", "xmlns": "http://www.w3.org/2000/svg",
                               "viewBox": f"0 0 {BODY_W} {BODY_H}", "width": BODY_W, "height": BODY_H, "role": "img",
                               "aria-labelledby": f"{ident}-title {ident}-desc"}, parts)


def short_label(region: str) -> str:
    """The label in the drawing: the list beside it has the full one."""
    label = REGIONS[region].label
    return label.split(" (")[0] if " (" in label else label.replace(" and fingers", "")


def ordered_regions(sites: Sequence[BodySite]) -> list[str]:
    """The regions of `sites`, each once, from head to foot."""
    names = {site.region for site in sites}
    return [region for region in REGIONS if region in names]


def _keys(sites: Sequence[BodySite], region: str) -> list[str]:
    return list(dict.fromkeys(site.key for site in sites if site.region == region))


KIND_WORDS = {"type": "type of calcinosis", "condition": "condition"}


def _figure(ident: str, cls: str, title: str, sites: Sequence[BodySite], cite: Callable[[Sequence[str]], str],
            caption: str) -> str:
    regions = ordered_regions(sites)
    names = ", ".join(REGIONS[r].label.lower() for r in regions)
    drawing = body_svg(regions, f"{title}: typical sites",
                       f"A drawing of the body from the front and from the back; highlighted: {names}.", ident)
    items = []
    for region in regions:
        notes = [s.note for s in sites if s.region == region and s.note]
        said = f": {html.escape('; '.join(dict.fromkeys(notes)), quote=False)}" if notes else ""
        items.append(f"<li><strong>{html.escape(REGIONS[region].label, quote=False)}</strong>{said} "
                     f"{cite(_keys(sites, region))}</li>")
    return "\n".join([
        f'<figure class="generated-figure {cls}" id="{ident}">',
        '<div class="body-map-layout">',
        drawing,
        '<ul class="body-map-list">',
        *items,
        "</ul>",
        "</div>",
        f"<figcaption>{caption}</figcaption>",
        "</figure>",
    ])


def page_body_map(title: str, kind: str, sites: Sequence[BodySite], cite: Callable[[Sequence[str]], str]) -> str:
    """The figure of one type or condition page: its sites, each with its sources."""
    caption = (f"Where it appears: the typical sites of this {KIND_WORDS.get(kind, 'condition')} that the sources "
               "cited on this page name. Deposits can form elsewhere too.")
    return _figure(BODY_MAP, BODY_MAP, title, sites, cite, caption)


def where_it_appears(graph: Graph, links: Links, topics: Sequence[str],
                     sites_of: Callable[[str], Sequence[BodySite]]) -> str:
    """The patient guide's figures: one body map for each page the guide is about (its
    `topics`) that lists typical sites, captioned with a link to that page."""
    pages = [pid for pid in topics if pid in graph.pages and sites_of(pid)]
    if not pages:
        return f'<div class="generated-figure {WHERE}">\n<p><em>No page lists typical sites yet.</em></p>\n</div>'
    blocks = []
    for pid in pages:
        link = (f'<a href="{html.escape(links.href(graph.pages[pid].src_uri))}">'
                f"{links.mark_up(html.escape(graph.title(pid), quote=False))}</a>")
        blocks.append(_figure(f"where-{pid}", "where-body-map", graph.title(pid), sites_of(pid), links.cite,
                              f"{link}: where the sources name typical places. Lumps can form in other places too."))
    return "\n".join([f'<div class="generated-figure {WHERE}">', *blocks, "</div>"])


# ── placing the figures ────────────────────────────────────────────────────────────
FIGURE_MARKERS = (EVIDENCE_MAP, WHERE)
SECTION_ID = "clinical-features"  # a page's body map ends this section
_SECTION = re.compile(rf"^##[ \t].*\{{[ \t]*#{SECTION_ID}[ \t]*\}}[ \t]*$")
_NEXT_SECTION = re.compile(r"^#{1,2}[ \t]")


def place(name: str) -> str:
    """Where figure `name` goes in a page's HTML."""
    return f"<!-- generated figure {name}: placed by hooks/figures.py -->"


def expand(markdown: str) -> tuple[str, list[str]]:
    """`markdown` with each figure marker (outside code) replaced by the figure's place, and
    the names of the figures placed."""
    return expand_markers(markdown, FIGURE_MARKERS, place)


def place_in_section(markdown: str) -> str:
    """`markdown` with the body map's place at the end of its Clinical features section (at
    the end of the page when it has none)."""
    lines = markdown.split("\n")
    code = code_lines(markdown)
    start = next((i for i, line in enumerate(lines) if i not in code and _SECTION.match(line)), None)
    end = len(lines) if start is None else next(
        (i for i in range(start + 1, len(lines)) if i not in code and _NEXT_SECTION.match(lines[i])), len(lines))
    return "\n".join([*lines[:end], "", place(BODY_MAP), "", *lines[end:]])
