"""Fixture sites: the graph generates Related pages, the overview tables and review notices in
the built HTML; a site with content errors reports all of them together, then fails."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pagefixtures import complete
from sitebuild import BuildResult, ROOT, build, make_site

FRONT = "---\ntitle: {title}\ndescription: {title} in one sentence.\nkind: {kind}\nreviewed: {reviewed}\n{extra}---\n\n"


def page(title: str, kind: str, body: str = "Text.\n", extra: str = "", reviewed: str = "2026-01-01") -> str:
    """A page; one of a shaped kind (type, condition, treatment) gets its required sections."""
    return FRONT.format(title=title, kind=kind, extra=extra, reviewed=reviewed) + f"# {title}\n\n{complete(kind, body)}"


def bib() -> dict[str, str]:
    text = (ROOT / "bibliography" / "general.bib").read_text(encoding="utf-8")
    entry = re.search(r"@article\{traineau2020treatment,.*?\n\}\n", text, re.DOTALL)
    assert entry
    return {"refs.bib": entry.group(0)}


GOOD = {
    "index.md": page("Home", "about", "See [at a glance](overview.md) and the [policy](about/editorial-policy.md).\n"),
    "overview.md": page("At a glance", "overview",
                        "More in the [treatment overview](treatment/treatment-overview.md).\n\n"
                        "## Matrix { #matrix }\n\n<!-- generate: condition-type-matrix -->\n\n"
                        "## By indication { #by-indication }\n\n<!-- generate: treatments-by-indication -->\n"),
    "about/editorial-policy.md": page("Editorial policy", "about",
                                      "## Levels { #evidence-levels }\n\nScale.\n\n## Review { #review-dates }\n\nDates.\n"),
    "types/dystrophic-calcinosis.md": page("Dystrophic calcinosis", "type", reviewed="2022-06-30"),
    "types/metastatic-calcinosis.md": page("Metastatic calcinosis", "type"),
    "conditions/systemic-sclerosis.md": page("Systemic sclerosis", "condition", extra="causes: [dystrophic-calcinosis]\n"),
    "conditions/chronic-kidney-disease.md": page(
        "Chronic kidney disease", "condition", extra="causes: [metastatic-calcinosis]\nsee_also: [systemic-sclerosis]\n"),
    "diagnosis/differential-diagnosis.md": page(
        "Differential diagnosis", "differential", extra="distinguishes: [dystrophic-calcinosis]\n"),
    "treatment/treatment-overview.md": page("Treatment overview", "overview", "<!-- generate: evidence-table -->\n"),
    # Its Evidence section cites the study its front matter lists, as a real treatment page does.
    "treatment/warfarin.md": page("Warfarin", "treatment", "## Evidence { #evidence }\n\nNo benefit [@traineau2020treatment].\n", extra=(
        "therapies:\n  - name: Low-dose warfarin\n    indications: [dystrophic-calcinosis, systemic-sclerosis]\n"
        "    evidence: 1b\n    direction: against\n    studies:\n      - key: traineau2020treatment\n"
        "        design: systematic-review\n        patients: 288\n        response: Not to be used\n"
        "    caution: Not recommended.\n")),
}


def content(site_dir: Path, path: str) -> str:
    html = (site_dir / path / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.DOTALL)
    assert match
    return match.group(1)


def rows(html: str) -> list[str]:
    """Table rows as text: cells joined by ' | ', tags removed."""
    found = []
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.DOTALL)
        found.append(" | ".join(re.sub(r"<[^>]+>", "", c).strip() for c in cells))
    return found


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    tmp = tmp_path_factory.mktemp("graph-site")
    result = build(make_site(tmp, GOOD, bib=bib()), tmp / "site")
    assert result.ok, result.output
    return result


def test_related_pages_block_on_a_type_page(good_site: BuildResult) -> None:
    html = content(good_site.site_dir, "types/dystrophic-calcinosis")
    block = html.split('<h2 id="related-pages">', 1)[1]
    assert re.findall(r"<li><strong>(.*?):</strong>", block) == ["Conditions", "Differential diagnosis", "Treatments"]
    assert '<a href="../../conditions/systemic-sclerosis/">Systemic sclerosis</a>' in block
    assert '<a href="../../diagnosis/differential-diagnosis/">Differential diagnosis</a>' in block
    assert '<a href="../../treatment/warfarin/">Warfarin</a>' in block


def test_related_pages_block_shows_see_also_on_both_sides(good_site: BuildResult) -> None:
    html = content(good_site.site_dir, "conditions/systemic-sclerosis")
    assert ('<li><strong>See also:</strong> <a href="../chronic-kidney-disease/">Chronic kidney disease</a></li>'
            in html)
    assert '<li><strong>Types:</strong> <a href="../../types/dystrophic-calcinosis/">Dystrophic calcinosis</a></li>' in html


def test_overview_tables(good_site: BuildResult) -> None:
    html = content(good_site.site_dir, "overview")
    assert rows(html) == [
        "Condition | Dystrophic | Metastatic",
        "Chronic kidney disease |  | Yes",  # no nav in this fixture: rows sort by title
        "Systemic sclerosis | Yes | ",
        "Indication | Treatment | Evidence level | Direction",
        "Dystrophic calcinosis | Low-dose warfarin | 1b | Against",
        "Systemic sclerosis | Low-dose warfarin | 1b | Against",
    ]
    assert '<td><a href="../treatment/warfarin/">Low-dose warfarin</a></td>' in html
    assert '<div class="generated-table condition-type-matrix">' in html


def test_evidence_table_rows_carry_rendered_citations(good_site: BuildResult) -> None:
    html = content(good_site.site_dir, "treatment/treatment-overview")
    assert rows(html)[:2] == [
        "Treatment | Indications | Evidence level | Direction | Design | Patients | Response | Caution",
        "Low-dose warfarin | Dystrophic calcinosis, Systemic sclerosis | 1b | Against | Systematic review | 288 "
        "| Not to be used 1 | Not recommended.",
    ]
    assert "<td><strong>Against</strong></td>" in html
    assert "[@" not in html
    assert 'href="https://doi.org/10.1016/j.jaad.2019.07.006"' in html


def test_last_reviewed_on_every_page_and_review_due_when_old(good_site: BuildResult) -> None:
    for path in ("overview", "types/dystrophic-calcinosis", "about/editorial-policy"):
        assert '<p class="page-reviewed">' in content(good_site.site_dir, path), path
    old = content(good_site.site_dir, "types/dystrophic-calcinosis")
    assert '<time datetime="2022-06-30">30 June 2022</time>' in old
    assert '<p class="admonition-title">Review due</p>' in old
    assert "Review due" not in content(good_site.site_dir, "types/metastatic-calcinosis")


BROKEN = {
    **GOOD,
    # unknown id (line 6), wrong kind of target (line 7), bad date (line 5)
    "conditions/systemic-sclerosis.md": page(
        "Systemic sclerosis", "condition", reviewed="2026-13-01",
        extra="causes:\n  - dystrophic-calcinosis\n  - scleroderma\n  - chronic-kidney-disease\n"),
    # missing required key
    "types/metastatic-calcinosis.md": "---\ntitle: Metastatic calcinosis\ndescription: A page.\nkind: type\n---\n\n"
                                      + complete("type", "# M\n"),
    # YAML error: reported on line 5, where the unclosed list meets the end of the block
    "diagnosis/differential-diagnosis.md": "---\ntitle: D\ndescription: A page.\nkind: [differential\n---\n\n# D\n",
    # orphan, and a duplicate id of types/dystrophic-calcinosis.md
    "about/lonely.md": page("Lonely", "about"),
    "wip/dystrophic-calcinosis.md": page("Copy", "about"),
    # a broken link on line 12 and an unknown marker on line 14
    "about/editorial-policy.md": page("Editorial policy", "about",
                                      "## Levels { #evidence-levels }\n\nSee [x](missing.md).\n\n"
                                      "<!-- generate: evidence-tabel -->\n\n## Review { #review-dates }\n"),
}


def test_all_content_errors_are_reported_together_then_the_build_fails(tmp_path: Path) -> None:
    result = build(make_site(tmp_path, BROKEN, bib=bib()), tmp_path / "site")
    assert not result.ok
    assert "Aborted with" in result.error and "Traceback" not in result.output
    ours = [w for w in result.warnings() if w.startswith("docs/")]
    assert sorted(ours) == sorted([
        "docs/wip/dystrophic-calcinosis.md:1: duplicate page id 'dystrophic-calcinosis': "
        "docs/types/dystrophic-calcinosis.md has the same file name. "
        "Fix: page ids are file names and must be unique across docs/: rename one file [page.duplicate-id]",
        "docs/diagnosis/differential-diagnosis.md:4: front matter is not valid YAML: "
        "did not find expected ',' or ']'. "
        "Fix: check the indentation and quote values that contain ':' or '#' [frontmatter.invalid-yaml]",
        "docs/conditions/systemic-sclerosis.md:5: 'reviewed' must be a real date written YYYY-MM-DD "
        "(got '2026-13-01'). Fix: write the date of the last clinical review, e.g. 'reviewed: 2026-11-21' [frontmatter.bad-date]",
        "docs/conditions/systemic-sclerosis.md:8: unknown page id 'scleroderma' in 'causes'. "
        "Fix: a page id is a file name under docs/ without '.md' [relations.unknown-id]",
        "docs/conditions/systemic-sclerosis.md:9: 'causes' names 'chronic-kidney-disease', a condition page, "
        "but it takes type pages. Fix: name only type pages here (the calcinosis types this condition leads to) [relations.wrong-kind]",
        "docs/types/metastatic-calcinosis.md:1: missing required front-matter key 'reviewed'. "
        "Fix: add 'reviewed:' to the front matter (copy the keys from templates/type.md) [frontmatter.missing-key]",
        "docs/about/lonely.md:1: page is linked from no other page (an orphan). Fix: link to it from the text of a "
        "related page, or relate it in front matter (e.g. see_also) so that it appears in another page's Related "
        "pages block [links.orphan]",
        "docs/about/editorial-policy.md:12: link to 'missing.md' points to no page "
        "(docs/about/missing.md does not exist). Fix: links are relative to this file's folder; check the path "
        "and the file name [links.missing-page]",
        "docs/about/editorial-policy.md:14: unknown generated-content marker 'evidence-tabel'. Fix: use one of: "
        "<!-- generate: condition-type-matrix -->, <!-- generate: treatments-by-indication -->, "
        "<!-- generate: evidence-table -->, <!-- generate: reference-list -->, <!-- generate: abbreviations -->, "
        "<!-- generate: evidence-map -->, <!-- generate: where-it-appears --> [generate.unknown-marker]",
    ])
