"""Abbreviations (hooks/core/abbreviations.py): the rule, undefined ones with file and line,
the snippet's own faults, and the generated glossary table (unit and fixture site)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from core import abbreviations
from core.abbreviations import is_abbreviation
from core.pages import build_site
from core.project import Project
from sitebuild import ROOT, build, make_site

FRONT = "---\ntitle: T\ndescription: A test page.\nkind: about\nreviewed: 2026-01-01\n---\n\n"
# Body line 1 is file line 8.
SNIPPET = "*[PTH]: Parathyroid hormone\n*[CKD-MBD]: Chronic kidney disease-mineral and bone disorder\n" \
          "*[H&E]: Haematoxylin and eosin\n*[RCT]: Randomised controlled trial\n*[SSc]: Systemic sclerosis\n"
FIX = ("Fix: add `*[{a}]: meaning` to includes/abbreviations.md (a Roman numeral or other word that is not an "
       "abbreviation goes in includes/abbreviation-exemptions.txt; a word in capitals for emphasis is written "
       "in lower case with *emphasis*)")


def project(tmp: Path, snippet: str = SNIPPET, exemptions: str = "# numerals\nII\n") -> Project:
    (tmp / "includes").mkdir(exist_ok=True)
    (tmp / "includes" / "abbreviations.md").write_text(snippet, encoding="utf-8")
    (tmp / "includes" / "abbreviation-exemptions.txt").write_text(exemptions, encoding="utf-8")
    return Project(root=str(tmp), docs_dir=str(tmp / "docs"), bib_dir=str(tmp / "b"),
                   includes_dir=str(tmp / "includes"), today=dt.date(2026, 11, 21))


def run(tmp: Path, body: str, **kwargs: str) -> list[str]:
    site, problems = build_site([("a.md", (FRONT + body).encode())])
    return [str(p) for p in sorted(problems + abbreviations.check(site, project(tmp, **kwargs)))]


@pytest.mark.parametrize("word, expected", [
    ("PTH", True), ("FGF23", True), ("SSc", True), ("mRNA", True), ("CT", True),
    ("McCune", False), ("BibTeX", False), ("Calcium", False), ("D3", False), ("B", False), ("2026", False),
])
def test_what_counts_as_an_abbreviation(word: str, expected: bool) -> None:
    assert is_abbreviation(word) is expected


def test_undefined_abbreviation_is_reported_once_per_page_at_its_first_line(tmp_path: Path) -> None:
    body = "# Tests\n\nThe PTH level and a DEXA scan.\n\nA second DEXA scan.\n"
    assert run(tmp_path, body) == [f"docs/a.md:10: abbreviation 'DEXA' is not defined. {FIX.format(a='DEXA')} [abbreviations.undefined]"]


def test_defined_compounds_plurals_parts_and_exemptions_pass(tmp_path: Path) -> None:
    body = ("CKD-MBD and H&E stains; two RCTs in SSc; PTH-independent; type II.\n\n"
            "| Test | Note |\n|---|---|\n| PTH | Blood |\n")
    assert run(tmp_path, body) == []


def test_a_joined_word_checks_its_parts(tmp_path: Path) -> None:
    assert run(tmp_path, "An ANCA-associated vasculitis.\n") == [
        f"docs/a.md:8: abbreviation 'ANCA' is not defined. {FIX.format(a='ANCA')} [abbreviations.undefined]"]


def test_code_urls_citations_ids_comments_and_front_matter_are_not_text(tmp_path: Path) -> None:
    body = ("## Section { #ABC-section }\n\n`XYZ code` and [a link](https://example.org/QQQ) "
            "cite [@ABCkey]. <!-- TODO ZZZ -->\n\n```text\nCODE BLOCK\n```\n\n*[LOCAL]: Defined here only\n")
    assert run(tmp_path, body) == []


def test_headings_tables_and_admonition_titles_are_text(tmp_path: Path) -> None:
    body = "## The DEXA scan { #dexa }\n\n!!! note \"About ESWL\"\n    Text.\n\n| ECG |\n|---|\n"
    assert run(tmp_path, body) == [
        f"docs/a.md:8: abbreviation 'DEXA' is not defined. {FIX.format(a='DEXA')} [abbreviations.undefined]",
        f"docs/a.md:10: abbreviation 'ESWL' is not defined. {FIX.format(a='ESWL')} [abbreviations.undefined]",
        f"docs/a.md:13: abbreviation 'ECG' is not defined. {FIX.format(a='ECG')} [abbreviations.undefined]",
    ]


def test_faults_in_the_snippet_itself(tmp_path: Path) -> None:
    snippet = "*[PTH]: Parathyroid hormone\nStray text\n*[CT]:\n*[PTH]: Again\n"
    assert run(tmp_path, "PTH.\n", snippet=snippet) == [
        "includes/abbreviations.md:2: 'Stray text' is not an abbreviation definition (the snippet is appended to "
        "every page, so any other text would show on all of them). Fix: write it as '*[ABBR]: Meaning', or "
        "remove the line [abbreviations.not-a-definition]",
        "includes/abbreviations.md:3: 'CT' has no meaning. Fix: write its meaning after the colon: "
        "'*[CT]: Meaning' [abbreviations.no-meaning]",
        "includes/abbreviations.md:4: 'PTH' is defined twice (first on line 1). Fix: keep one definition [abbreviations.defined-twice]",
    ]


def test_generated_table_is_sorted_and_escaped(tmp_path: Path) -> None:
    known = abbreviations.load(project(tmp_path, snippet="*[PTH]: Parathyroid hormone\n*[a|b]: Pipe | test\n"
                                                         "*[CKD]: Chronic kidney disease\n"))
    assert abbreviations.table(known) == (
        "| Abbreviation | Meaning |\n|---|---|\n| a\\|b | Pipe \\| test |\n| CKD | Chronic kidney disease |\n"
        "| PTH | Parathyroid hormone |\n")


def test_marker_in_code_is_left_alone(tmp_path: Path) -> None:
    markdown = "```text\n<!-- generate: abbreviations -->\n```\n"
    assert abbreviations.expand(markdown, project(tmp_path)) == markdown


def test_real_snippet_is_well_formed() -> None:
    real = Project(root=str(ROOT), docs_dir=str(ROOT / "docs"), bib_dir=str(ROOT / "bibliography"),
                   includes_dir=str(ROOT / "includes"))
    assert abbreviations.load(real).problems == []


SITE_FRONT = "---\ntitle: {t}\ndescription: A test page.\nkind: about\nreviewed: 2026-01-01\n---\n\n"
DOCS = {
    "index.md": SITE_FRONT.format(t="Home") + "# Home\n\nThe [glossary](glossary.md) explains PTH.\n",
    "glossary.md": SITE_FRONT.format(t="Glossary") + "# Glossary\n\nBack [home](index.md).\n\n"
                                                      "## Abbreviations { #abbreviations }\n\n"
                                                      "<!-- generate: abbreviations -->\n",
}
NAV = "  - index.md\n  - glossary.md\n"


def test_fixture_site_shows_the_generated_table_from_the_real_snippet(tmp_path: Path) -> None:
    result = build(make_site(tmp_path, DOCS, bib={}, nav=NAV), tmp_path / "site")
    assert result.ok, result.output
    html = (tmp_path / "site" / "glossary" / "index.html").read_text(encoding="utf-8")
    real = abbreviations.load(Project(root=str(ROOT), docs_dir="", bib_dir="", includes_dir=str(ROOT / "includes")))
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL)
    assert len(rows) == len(real.meanings) + 1
    assert ('<td><abbr title="Parathyroid hormone">PTH</abbr></td>\n<td>Parathyroid hormone</td>' in html)
    assert "generate:" not in html


def test_fixture_site_fails_on_an_undefined_abbreviation(tmp_path: Path) -> None:
    docs = {**DOCS, "index.md": DOCS["index.md"] + "\nA QWZX scan.\n"}
    result = build(make_site(tmp_path, docs, bib={}, nav=NAV), tmp_path / "site")
    assert not result.ok
    assert result.warnings() == [f"docs/index.md:12: abbreviation 'QWZX' is not defined. {FIX.format(a='QWZX')} [abbreviations.undefined]"]
