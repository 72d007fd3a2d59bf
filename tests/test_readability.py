"""Reading grade of patient pages (hooks/core/readability.py) and the text it scores
(hooks/core/plaintext.py): offline scoring, what counts as prose, exact messages, and a
fixture site that fails on a hard patient page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import nltk
import pytest

from core import readability
from core.pages import build_site
from core.plaintext import TextLine, text_lines
from core.project import Project
from core.readability import Sentence, sentences
from bibfixtures import TRAINEAU
from pagefixtures import sections
from sitebuild import build, make_site

FRONT = "---\ntitle: T\ndescription: A test page.\nkind: {kind}\nreviewed: 2026-01-01\n{extra}---\n\n"
# Body line 1 is file line 8 when `extra` is empty.

BODY = """# Title { #title }

!!! abstract "In short"
    Calcium can build up under the skin [@key]. See the [glossary](../about/glossary.md#calcinosis).

- Keep warm
- Do not smoke

| Test | What it shows |
|---|---|
| Blood test | Calcium level |

<!-- generate: abbreviations -->
```text
Code is not prose.
```
Text `code here` and more [@a;
@b]
text on a third line.
"""

HARD = ("# Calcinosis\n\n"
        "Calcinosis cutis is characterised by the deposition of insoluble calcium salts within the dermis "
        "and subcutaneous tissue, frequently accompanying autoimmune connective tissue diseases.\n\n"
        "Therapeutic interventions demonstrate inconsistent effectiveness, necessitating individualised "
        "multidisciplinary management.\n\nIt can hurt.\n\n"
        "Investigations encompass biochemistry, radiography and occasionally histopathology.\n")

EASY = ("# Calcinosis\n\nCalcinosis means hard lumps of calcium in the skin. They can hurt. "
        "Your doctor can help you find the cause.\n\n- Keep your hands warm.\n- Do not smoke.\n")


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to download NLTK data fails the test: builds run without a network."""
    def refuse(*_args: object, **_kwargs: object) -> bool:
        raise AssertionError("NLTK tried to download data")
    monkeypatch.setattr(nltk, "download", refuse)


def run(pages: dict[str, str]) -> list[str]:
    site, problems = build_site([(uri, text.encode()) for uri, text in pages.items()])
    project = Project(root="/p", docs_dir="/p/docs", bib_dir="/p/b", includes_dir="/p/i",
                      today=dt.date(2026, 11, 21))
    return [str(p) for p in sorted(problems + readability.check(site, project))]


def test_grade_is_textstat_flesch_kincaid_offline() -> None:
    # 6 words, 6 syllables, 1 sentence: 0.39 * 6 + 11.8 * 1 - 15.59
    assert readability.grade("The cat sat on the mat.") == pytest.approx(-1.45)


def test_syllables_come_from_the_cmu_dictionary_then_pyphen() -> None:
    # Pyphen's hyphenation alone would give "area" one syllable; the CMU dictionary gives 3.
    assert readability.syllables("area") == 3
    # Not in the dictionary: Pyphen's hyphenation points plus one (cal-ci-nosis, as textstat counts it).
    assert readability.syllables("calcinosis") == 3
    # A contraction keeps its apostrophe, as textstat's counter keeps it: "body's" is a CMU word.
    assert readability.syllables("The body's") == 3


def test_text_lines_keep_what_a_reader_sees_with_file_lines() -> None:
    # A citation over two lines (26-27) is left out without ending the paragraph.
    assert text_lines(BODY, 10) == [
        TextLine(10, "Title", "heading"),
        TextLine(12, "In short", "title"),
        TextLine(13, "Calcium can build up under the skin. See the glossary.", "paragraph"),
        TextLine(15, "Keep warm", "item"),
        TextLine(16, "Do not smoke", "item"),
        TextLine(18, "Test", "cell"),
        TextLine(18, "What it shows", "cell"),
        TextLine(20, "Blood test", "cell"),
        TextLine(20, "Calcium level", "cell"),
        TextLine(26, "Text and more", "paragraph"),
        TextLine(28, "text on a third line.", "paragraph", starts_block=False),
    ]


def test_sentences_leave_out_headings_and_end_every_item_and_cell() -> None:
    assert sentences(text_lines(BODY, 10)) == [
        Sentence(13, "Calcium can build up under the skin."),
        Sentence(13, "See the glossary."),
        Sentence(15, "Keep warm."),
        Sentence(16, "Do not smoke."),
        Sentence(18, "Test."),
        Sentence(18, "What it shows."),
        Sentence(20, "Blood test."),
        Sentence(20, "Calcium level."),
        Sentence(26, "Text and more text on a third line."),
    ]


def test_a_too_hard_patient_page_is_reported_with_its_hardest_sentences() -> None:
    assert run({"patients/hard.md": FRONT.format(kind="patient", extra="topics: [x]\n") + HARD}) == [
        "docs/patients/hard.md:1: reading grade 22.8 is above 8 for a patient page. Fix: use shorter "
        "sentences and everyday words, starting with the hardest sentences (on lines 11, 13 and 17); "
        "explain a medical term in the glossary and link to it (see 'Plain language' in CONTRIBUTING.md) [readability.grade]"
    ]


def test_a_plain_patient_page_passes() -> None:
    assert readability.page_grade(EASY)[0] < 8
    assert run({"patients/easy.md": FRONT.format(kind="patient", extra="topics: [x]\n") + EASY}) == []


def test_only_patient_pages_are_graded() -> None:
    assert run({"types/hard.md": FRONT.format(kind="type", extra="") + HARD}) == []


def test_a_page_without_prose_has_grade_zero() -> None:
    assert readability.page_grade("# Only a heading\n") == (0.0, [])


def test_fixture_site_fails_on_a_too_hard_patient_page(tmp_path: Path) -> None:
    front = "---\ntitle: {t}\ndescription: A test page.\nkind: {k}\nreviewed: 2026-01-01\n{x}---\n\n"
    docs = {
        "index.md": front.format(t="Home", k="about", x="") + "# Home\n\nRead the [guide](patients/hard.md).\n",
        "types/dystrophic-calcinosis.md": front.format(t="Dystrophic calcinosis", k="type", x="")
        + "# Dystrophic calcinosis\n" + sections("type"),
        "patients/hard.md": front.format(t="Hard", k="patient", x="topics: [dystrophic-calcinosis]\n") + HARD,
    }
    nav = "  - index.md\n  - types/dystrophic-calcinosis.md\n  - patients/hard.md\n"
    result = build(make_site(tmp_path, docs, bib={"refs.bib": TRAINEAU}, nav=nav), tmp_path / "site")
    assert not result.ok
    assert result.warnings() == [
        "docs/patients/hard.md:1: reading grade 22.8 is above 8 for a patient page. Fix: use shorter "
        "sentences and everyday words, starting with the hardest sentences (on lines 11, 13 and 17); "
        "explain a medical term in the glossary and link to it (see 'Plain language' in CONTRIBUTING.md) [readability.grade]"
    ]
