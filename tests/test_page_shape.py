"""The page against its template (hooks/core/page_shape.py): required sections, and nothing of
the template left in a page. Exact messages."""

from __future__ import annotations

import datetime as dt

import pytest

from core import page_shape
from core.pages import build_site
from core.project import Project
from sitebuild import ROOT

PROJECT = Project(root="/p", docs_dir="/p/docs", bib_dir="/p/b", includes_dir="/p/i", today=dt.date(2026, 11, 21))
ALL = frozenset(page_shape.SHAPED_KINDS)
TEMPLATE = """---
title: T
description: A template.
kind: treatment
reviewed: 2026-01-01
---

# T

!!! abstract "In short"
    <!-- Two plain sentences. -->

## How it works { #mechanism }

<!-- The mechanism. -->

## Evidence { #evidence }

<!-- Study by study. -->

## Key points { #key-points }

<!-- Take-aways. -->
"""
TEMPLATES = {"treatment": page_shape.read_template("treatment", TEMPLATE, "templates/treatment.md")}
# Lines of `page()`: 1-5 front matter (6 with extra), then '---', a blank line, '# W' on line 8.
FRONT = "---\ntitle: W\ndescription: {description}\nkind: {kind}\nreviewed: 2026-01-01\n{extra}---\n\n# W\n\n"
P = "docs/treatment/w.md"


def page(body: str, kind: str = "treatment", extra: str = "", description: str = "A page.") -> str:
    return FRONT.format(kind=kind, extra=extra, description=description) + body


def check(text: str, enforced: frozenset[str] = ALL, uri: str = "treatment/w.md") -> list[str]:
    site, problems = build_site([(uri, text.encode())])
    assert problems == []
    return [str(p) for p in sorted(page_shape.check(site, PROJECT, enforced, TEMPLATES))]


MECHANISM = "## How it works { #mechanism }\n\nIt binds calcium.\n\n"
EVIDENCE = "## Evidence { #evidence }\n\nOne series.\n\n"
KEY_POINTS = "## Key points { #key-points }\n\n- Weak evidence.\n"


def test_template_sections_are_read_in_order() -> None:
    assert [(s.id, s.title) for s in TEMPLATES["treatment"].sections] == [
        ("mechanism", "How it works"), ("evidence", "Evidence"), ("key-points", "Key points")]
    assert TEMPLATES["treatment"].placeholders == {"Two plain sentences.", "The mechanism.", "Study by study.",
                                                   "Take-aways."}


def test_a_page_with_every_section_passes() -> None:
    assert check(page(MECHANISM + EVIDENCE + "### Trial { #trial }\n\nMore.\n\n" + KEY_POINTS)) == []


def test_missing_section_before_the_next_one() -> None:
    assert check(page(MECHANISM + KEY_POINTS)) == [
        f"{P}:14: missing section 'Evidence' {{ #evidence }} (every treatment page has it). Fix: add "
        "'## Evidence { #evidence }' before '## Key points', in the order of templates/treatment.md; "
        "if no source covers it, say so in one cited sentence [shape.missing-section]"
    ]


def test_missing_sections_at_the_end_and_without_any() -> None:
    assert check(page(MECHANISM)) == [
        f"{P}:10: missing section 'Evidence' {{ #evidence }} (every treatment page has it). Fix: add "
        "'## Evidence { #evidence }' after the section '## How it works', in the order of "
        "templates/treatment.md; if no source covers it, say so in one cited sentence [shape.missing-section]",
        f"{P}:10: missing section 'Key points' {{ #key-points }} (every treatment page has it). Fix: add "
        "'## Key points { #key-points }' after the section '## How it works', in the order of "
        "templates/treatment.md; if no source covers it, say so in one cited sentence [shape.missing-section]",
    ]
    found = check(page("Only text.\n"))
    assert len(found) == 3 and all(line.startswith(f"{P}:8: missing section ") for line in found)
    assert any("'## How it works { #mechanism }' after the page title" in line for line in found)


def test_a_page_is_checked_again_when_its_template_or_the_enforced_kinds_change() -> None:
    """page_shape.check keeps each page's problems by its text (a `mkdocs serve` rebuild checks
    only the pages that changed), and by the templates and kinds it was checked against."""
    text = page(MECHANISM + EVIDENCE + KEY_POINTS)
    site, _ = build_site([("treatment/w.md", text.encode())])
    assert page_shape.check(site, PROJECT, ALL, TEMPLATES) == []
    longer = {"treatment": page_shape.read_template(
        "treatment", TEMPLATE + "\n## Costs { #costs }\n\n<!-- Prices. -->\n", "templates/treatment.md")}
    assert [p.code for p in page_shape.check(site, PROJECT, ALL, longer)] == ["shape.missing-section"]
    assert page_shape.check(site, PROJECT, frozenset(), longer) == []


def test_a_section_is_found_by_its_id_whatever_its_title() -> None:
    assert check(page(MECHANISM.replace("How it works", "Mechanism") + EVIDENCE + KEY_POINTS)) == []


def test_a_section_with_only_the_placeholder_has_no_text() -> None:
    body = MECHANISM + "## Evidence { #evidence }\n\n<!-- Study by study. -->\n\n" + KEY_POINTS
    assert check(page(body)) == [
        f"{P}:14: section 'Evidence' {{ #evidence }} has no text. "
        "Fix: write it, cited; if no source covers it, say so in one cited sentence [shape.empty-section]"
    ]
    assert check(page(MECHANISM + "## Evidence { #evidence }\n\n### Trials\n\n" + KEY_POINTS)) == [
        f"{P}:14: section 'Evidence' {{ #evidence }} has no text. "
        "Fix: write it, cited; if no source covers it, say so in one cited sentence [shape.empty-section]"
    ]


def test_a_generated_table_is_text() -> None:
    body = MECHANISM + "## Evidence { #evidence }\n\n<!-- generate: evidence-table -->\n\n" + KEY_POINTS
    assert check(page(body)) == []


def test_a_required_section_must_be_a_level_two_heading() -> None:
    body = MECHANISM + "### Evidence { #evidence }\n\nOne series.\n\n" + KEY_POINTS
    assert check(page(body)) == [
        f"{P}:14: section {{ #evidence }} is a level-3 heading. "
        "Fix: make it '## Evidence { #evidence }': the sections of templates/treatment.md are '##' headings [shape.heading-level]"
    ]


def test_headings_in_code_do_not_count() -> None:
    body = MECHANISM + "```markdown\n## Evidence { #evidence }\n```\n\n" + KEY_POINTS
    assert [line.split(". Fix:")[0] for line in check(page(body))] == [
        f"{P}:18: missing section 'Evidence' {{ #evidence }} (every treatment page has it)"]


def test_only_enforced_kinds_are_held_to_their_shape() -> None:
    assert check(page(MECHANISM), enforced=frozenset()) == []
    assert check(page(MECHANISM, kind="about"), uri="about/w.md") == []


def test_the_build_enforces_only_shaped_kinds() -> None:
    assert page_shape.ENFORCED_KINDS <= set(page_shape.SHAPED_KINDS)


# ── Left from the template (every kind) ─────────────────────────────────────────────

def test_placeholder_comments_are_reported_on_every_kind() -> None:
    body = '!!! abstract "In short"\n    <!-- Two plain\n         sentences. -->\n\nText.\n\n<!-- A note of my own. -->\n'
    expected = ["docs/about/w.md:11: placeholder comment from the template left in the page ('Two plain "
                "sentences.'). Fix: write the text it asks for in its place, cited, then delete the comment [shape.template-comment]"]
    assert check(page(body, kind="about"), uri="about/w.md") == expected
    assert check(page(body, kind="about"), enforced=frozenset(), uri="about/w.md") == expected


def test_placeholder_description() -> None:
    text = page(MECHANISM + EVIDENCE + KEY_POINTS, description=page_shape.PLACEHOLDER_DESCRIPTION)
    assert check(text) == [
        f"{P}:3: 'description' is still the placeholder of make new-page. "
        "Fix: write one sentence of at most 160 characters that sums up the page [shape.placeholder-description]"
    ]


def test_example_relation_and_therapy() -> None:
    extra = ("see_also: [x]   # example: name pages worth reading\n"
             "therapies:\n  - name: Low-dose warfarin   # example: write this page's own therapies\n"
             "    evidence: 1b\n")
    assert check(page(MECHANISM + EVIDENCE + KEY_POINTS, extra=extra)) == [
        f"{P}:6: 'see_also' is still the example from templates/treatment.md. "
        "Fix: replace it with the ids of other pages worth reading, then delete the '# example' comment [shape.template-example]",
        f"{P}:8: therapy 'Low-dose warfarin' is still the example from templates/treatment.md. "
        "Fix: write this page's own therapy: its name, indications, evidence, direction and studies, "
        "then delete the '# example' comment [shape.template-example]",
    ]
    quoted = page(MECHANISM + EVIDENCE + KEY_POINTS, extra='see_also: [x]\ncaution: "Not # example"\n')
    assert check(quoted) == []


# ── The real templates ──────────────────────────────────────────────────────────────

SHAPES = {
    "type": ("definition", "history", "epidemiology", "pathophysiology", "clinical-features", "investigations",
             "differential", "management", "prognosis", "key-points"),
    "treatment": ("mechanism", "evidence", "doses", "safety", "who-for", "key-points"),
}
SHAPES["condition"] = SHAPES["type"]


@pytest.mark.parametrize("kind", page_shape.SHAPED_KINDS)
def test_the_templates_declare_the_agreed_shape(kind: str) -> None:
    templates = page_shape.load_templates()
    assert page_shape.TEMPLATES_DIR == ROOT / "templates"
    assert tuple(s.id for s in templates[kind].sections) == SHAPES[kind]
