"""The figures drawn from front matter (hooks/core/figures.py, svg.py, body_sites.py): the
SVG writer, the evidence map and the body map against small metadata (exact shapes and
data attributes), and the `sites` schema with exact messages."""

from __future__ import annotations

import re

import pytest

from core import body_sites, figures, html_policy, svg
from core.body_sites import REGIONS, BodySite
from core.graph import Study, Therapy
from core.metadata import DIRECTIONS, check_page
from core.pages import build_site
from core.project import Project

WARFARIN = Therapy("warfarin", "Low-dose warfarin", ("dystrophic-calcinosis",), "1b", "against",
                   (Study("traineau2020treatment", "systematic-review", 288, "Not to be used"),), None)
DILTIAZEM = Therapy("ccb", "Diltiazem", ("dystrophic-calcinosis",), "4", "for",
                    (Study("a1", "systematic-review", 288, "Some improved"), Study("b2", "case-series", 17, "x")), None)
COLCHICINE = Therapy("colchicine", "Colchicine", ("dystrophic-calcinosis",), "5", "uncertain",
                     (Study("c3", "narrative-review", None, "Used"),), None)


def test_numbers_and_text_are_written_one_way() -> None:
    assert [svg.num(v) for v in (12, 12.0, 12.5, 0.126, -0.001, 3.14159)] == ["12", "12", "12.5", "0.13", "0", "3.14"]
    assert svg.element("text", {"x": 1.50, "fill": None, "data-a": 'say "<b>"'}, text="a & <b>") == \
        '<text x="1.5" data-a="say &quot;&lt;b&gt;&quot;">a &amp; &lt;b&gt;</text>'
    assert svg.element("circle", {"r": 2}) == '<circle r="2"/>'
    assert svg.path_data(("M", (0, 1.25)), ("L", (2, 3)), ("Z", ())) == "M0 1.25L2 3Z"


def _rows(drawing: str) -> list[dict[str, str]]:
    return [dict(re.findall(r'(data-[a-z]+)="([^"]*)"', row)) for row in re.findall(r'<g class="ev-row"[^>]*>', drawing)]


def test_evidence_map_has_one_row_per_therapy_strongest_first() -> None:
    drawing = figures.evidence_svg([COLCHICINE, DILTIAZEM, WARFARIN])
    assert _rows(drawing) == [
        {"data-therapy": "Low-dose warfarin", "data-evidence": "1b", "data-direction": "against", "data-patients": "288"},
        {"data-therapy": "Diltiazem", "data-evidence": "4", "data-direction": "for", "data-patients": "288"},
        {"data-therapy": "Colchicine", "data-evidence": "5", "data-direction": "uncertain", "data-patients": ""},
    ]
    # The marks: against is a diamond in the 1b column (x = 362 + 24), for a filled circle at 4 (362 + 6 * 24),
    # uncertain a ring at 5; the rows are 22 high below a 64-high head.
    assert '<path class="ev-mark ev-against" d="M386 68.5L392.5 75L386 81.5L379.5 75Z" fill="#c62828"/>' in drawing
    assert '<circle class="ev-mark ev-for" cx="506" cy="97" r="5.5" fill="#2e7d32"/>' in drawing
    assert ('<circle class="ev-mark ev-uncertain" cx="530" cy="119" r="4.5" fill="none" stroke="#6d4c00" '
            'stroke-width="2"/>') in drawing
    # 288 patients: log10(288) decades of 34 units; a narrative review has no bar.
    assert '<rect class="ev-bar" x="566" y="71" width="83.62" height="8" fill="#5c6bc0"/>' in drawing
    assert drawing.count('class="ev-bar"') == 2
    assert ">none counted: narrative review</text>" in drawing
    assert drawing.startswith('<svg class="evidence-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 740 138" '
                              'width="740" height="138" role="img" aria-labelledby="evidence-map-title '
                              'evidence-map-desc"><title id="evidence-map-title">')
    assert html_policy.findings(drawing) == []
    assert drawing == figures.evidence_svg([WARFARIN, DILTIAZEM, COLCHICINE])  # the same data, the same bytes


def test_a_long_name_wraps_onto_a_second_line() -> None:
    long = Therapy("x", "Cinacalcet to prevent calciphylaxis in people on haemodialysis", (), "2b", "uncertain",
                   (Study("k", "randomised-trial", 3861, "x"),), None)
    drawing = figures.evidence_svg([long])
    assert re.findall(r'class="ev-name"[^>]*>([^<]*)<', drawing) == ["Cinacalcet to prevent calciphylaxis in people on",
                                                                   "haemodialysis"]
    assert 'viewBox="0 0 740 107"' in drawing  # 64 + 22 + 13 + 8


def test_every_direction_has_a_mark_and_the_map_has_its_text_alternative() -> None:
    assert set(figures.MARK_COLOURS) == set(DIRECTIONS)

    class Graph:
        therapies = [WARFARIN, COLCHICINE]
        pages = {}

    block = figures.evidence_map(Graph(), figures.Links(href=lambda uri: uri))  # type: ignore[arg-type]
    assert re.findall(r"<li>(.*?)</li>", block) == [
        "Low-dose warfarin: level 1b, against; largest study 288 patients (systematic review)",
        "Colchicine: level 5, uncertain; no patients counted (a narrative review)"]
    assert '<div class="figure-scroll" tabindex="0" role="region" aria-label="Evidence map (scrolls sideways)">' in block
    assert html_policy.findings(block) == []


def test_body_map_highlights_and_labels_exactly_the_regions() -> None:
    sites = [BodySite("hands", "k1", "the thumbs most often"), BodySite("neck", "k2"), BodySite("heels", "k1")]
    block = figures.page_body_map("Systemic sclerosis", "condition", sites, lambda keys: f"[{','.join(keys)}]")
    assert re.findall(r'<g class="body-label" data-region="([a-z-]+)">', block) == ["neck", "hands", "heels"]
    # Hands: one ellipse on each side of each view; the neck once per view; both heels on the back.
    assert block.count('class="body-site"') == 4 + 2 + 2
    assert '<ellipse class="body-site" fill="#d84315" stroke="#9e9e9e" stroke-width="0.75" cx="110" cy="193" rx="7" ' \
           'ry="13"/>' in block
    assert re.findall(r"<li>(.*?)</li>", block) == [
        "<strong>Neck</strong> [k2]", "<strong>Hands and fingers</strong>: the thumbs most often [k1]",
        "<strong>Heels</strong> [k1]"]
    assert '<title id="body-map-title">Systemic sclerosis: typical sites</title>' in block
    assert "highlighted: neck, hands and fingers, heels." in block
    assert html_policy.findings(block) == []


def test_labels_are_spread_apart_and_stay_inside_the_drawing() -> None:
    every = list(REGIONS)
    drawing = figures.body_svg(every, "All", "All regions.", "all")
    for side in ("end", "start"):
        ys = [float(y) for y in re.findall(rf'class="body-label-text" x="[0-9.]+" y="([0-9.]+)" font-size="13" '
                                           rf'text-anchor="{side}"', drawing)]
        gap = min(figures.LABEL_GAP, (figures.BODY_H - 26 - 18) / (len(ys) - 1))
        assert ys and all(b - a >= gap - 0.01 for a, b in zip(ys, ys[1:], strict=False))
        assert min(ys) >= 18 and max(ys) <= figures.BODY_H - 26


def test_every_region_draws_parts_of_the_drawing() -> None:
    assert all(part in figures.PARTS for region in REGIONS.values() for part in region.parts)


def test_the_body_map_goes_at_the_end_of_clinical_features() -> None:
    markdown = ("# T\n\n## Clinical features { #clinical-features }\n\nText.\n\n```\n## not a heading\n```\n\n"
                "## Investigations { #investigations }\n")
    assert figures.place_in_section(markdown) == (
        "# T\n\n## Clinical features { #clinical-features }\n\nText.\n\n```\n## not a heading\n```\n\n\n"
        f"{figures.place('body-map')}\n\n## Investigations {{ #investigations }}\n")
    assert figures.place_in_section("# T\n\nText.") == f"# T\n\nText.\n\n{figures.place('body-map')}\n"


# ── the `sites` schema ─────────────────────────────────────────────────────────────
# Lines: 1 '---', 2 title, 3 description, 4 kind, 5 reviewed, 6 'sites:', 7... its items.
PAGE = ("---\ntitle: Systemic sclerosis\ndescription: A page.\nkind: {kind}\nreviewed: 2026-01-01\n{sites}---\n\n"
        "# Systemic sclerosis\n\nThe hands are the commonest site [@valenzuela2020calcinosis].\n")
PROJECT = Project(root="/p", docs_dir="/p/docs", bib_dir="/p/bibliography", includes_dir="/p/includes")


def sites_problems(sites: str, kind: str = "type") -> list[str]:
    site, _ = build_site([("types/a.md", PAGE.format(kind=kind, sites=sites).encode())])
    return [str(p) for p in body_sites.check(site)]


def test_valid_sites_pass() -> None:
    text = "sites:\n  - region: hands\n    key: valenzuela2020calcinosis\n    note: the thumbs most often\n"
    assert sites_problems(text) == []
    site, _ = build_site([("types/a.md", PAGE.format(kind="condition", sites=text).encode())])
    assert body_sites.page_sites(site.pages["a"]) == [BodySite("hands", "valenzuela2020calcinosis",
                                                               "the thumbs most often")]


@pytest.mark.parametrize(("sites", "message"), [
    ("sites:\n  - region: hand\n    key: valenzuela2020calcinosis\n",
     "docs/types/a.md:7: unknown region 'hand' in 'sites'. Fix: did you mean 'hands'? the regions are "
     f"{', '.join(REGIONS)} (docs/about/conventions.md#where-it-appears) [sites.unknown-region]"),
    ("sites:\n  - region: 3\n    key: valenzuela2020calcinosis\n",
     "docs/types/a.md:7: unknown region 3 in 'sites'. Fix: the regions are "
     f"{', '.join(REGIONS)} (docs/about/conventions.md#where-it-appears) [sites.unknown-region]"),
    ("sites: hands\n",
     "docs/types/a.md:6: 'sites' must be a list of body regions, each with the key of its source (got 'hands'). "
     "Fix: write 'sites:' with items like '- {region: hands, key: citationkey}', or remove the key "
     "(see docs/about/conventions.md#where-it-appears) [sites.not-a-list]"),
    ("sites: [hands]\n",
     "docs/types/a.md:6: site 1 must be a mapping of region and key (got 'hands'). Fix: write "
     "'- {region: hands, key: citationkey}' with the key of the source that names the site [sites.not-a-mapping]"),
    ("sites:\n  - region: hands\n",
     "docs/types/a.md:7: site 'hands' is missing 'key'. Fix: add 'key:' with the citation key of the source that "
     "gives this site, as the page's text cites it [sites.missing-key]"),
    ("sites:\n  - key: valenzuela2020calcinosis\n",
     "docs/types/a.md:7: site 1 is missing 'region'. Fix: add 'region:' with one of the regions of "
     "docs/about/conventions.md#where-it-appears, e.g. 'region: hands' [sites.missing-key]"),
    ("sites:\n  - region: hands\n    key: [valenzuela2020calcinosis]\n",
     "docs/types/a.md:8: 'key' of site 'hands' must be a citation key (got ['valenzuela2020calcinosis']). Fix: add "
     "'key:' with the citation key of the source that gives this site, as the page's text cites it [sites.key]"),
    ("sites:\n  - region: neck\n    key: marconi2015pseudoxanthoma\n",
     "docs/types/a.md:8: site 'neck' names the source 'marconi2015pseudoxanthoma', which the page's text does not "
     "cite. Fix: cite [@marconi2015pseudoxanthoma] where the page says that the site is typical (its Clinical "
     "features section), or name the source the page cites for it [sites.uncited-source]"),
    ("sites:\n  - region: hands\n    key: valenzuela2020calcinosis\n    notes: x\n",
     "docs/types/a.md:9: unknown key 'notes' in site 'hands'. Fix: did you mean 'note'? a site has region, key and "
     "(if needed) note [sites.unknown-key]"),
    ("sites:\n  - region: hands\n    key: valenzuela2020calcinosis\n    note: " + "x" * 61 + "\n",
     "docs/types/a.md:9: 'note' of site 'hands' is 61 characters long (at most 60). Fix: keep a few words; the "
     "page's text says the rest [sites.note]"),
    ("sites:\n  - {region: hands, key: valenzuela2020calcinosis}\n  - {region: hands, key: valenzuela2020calcinosis}\n",
     "docs/types/a.md:8: 'sites' lists the region 'hands' with the source 'valenzuela2020calcinosis' twice. Fix: "
     "remove the second one [sites.duplicate]"),
])
def test_each_fault_of_sites_is_one_message_with_its_line(sites: str, message: str) -> None:
    assert sites_problems(sites) == [message]


def test_sites_on_another_kind_of_page_is_refused_once() -> None:
    text = "sites:\n  - region: hands\n    key: valenzuela2020calcinosis\n"
    assert sites_problems(text, "treatment") == [
        "docs/types/a.md:6: 'sites' is not a key of a treatment page (only type and condition pages have it). "
        "Fix: remove it: the body figure shows the sites of a type or a condition, on its own page [frontmatter.wrong-kind-key]"]
    site, _ = build_site([("types/a.md", PAGE.format(kind="treatment", sites=text).encode())])
    schema = [str(p) for p in check_page(site.pages["a"], site, PROJECT.today)]
    assert not any("'sites'" in message for message in schema)  # core.metadata leaves it to core.body_sites
