"""Citation rules (hooks/core/citations.py): one small page per rule, exact messages."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from core.bibliography import Bibliography, load
from core.citations import (
    AT_PLACEHOLDER, CITE, REFERENCES_PLACE, SEPARATOR, check_site, cite_mark, drop_citation_marks, find_citations, hide_citations,
    is_prose, mask_code, number_citations, place_references, render, restore_at, suggestions,
)
from core.pages import build_site

TODAY = dt.date(2026, 11, 21)

ENTRY = """@article{{{key},
  author = {{{author}, Anna}}, title = {{Calcinosis}}, journal = {{J Test}}, year = {{2020}},
  volume = {{1}}, pages = {{1--2}}, doi = {{10.1000/{key}}},
}}
"""
KEYS = {"traineau2020treatment": "Traineau", "smith2020calcinosis": "Smith", "jones2020calcinosis": "Jones"}


@pytest.fixture(scope="module")
def bib(tmp_path_factory: pytest.TempPathFactory) -> Bibliography:
    root = tmp_path_factory.mktemp("project")
    (root / "bibliography").mkdir()
    text = "\n".join(ENTRY.format(key=k, author=a) for k, a in KEYS.items())
    (root / "bibliography" / "refs.bib").write_text(text, encoding="utf-8")
    b = load(str(root / "bibliography"), str(root), TODAY)
    assert b.problems == []
    return b


def page(kind: str, body: str, extra: str = "") -> str:
    return f"---\ntitle: T\ndescription: D.\nkind: {kind}\nreviewed: 2026-01-01\n{extra}---\n\n{body}"


# The front matter above is 6 lines, then a blank line: the body starts on line 8.
ALL = "\n\nAll three [@traineau2020treatment; @smith2020calcinosis; @jones2020calcinosis].\n"


def problems(bib: Bibliography, body: str, kind: str = "about", extra: str = "", cite_all: bool = True) -> list[str]:
    """Messages for one page `docs/x.md` (which also cites every entry, unless told not to)."""
    site, _ = build_site([("x.md", page(kind, body + (ALL if cite_all else ""), extra).encode())])
    found, _keys = check_site(site, bib)
    return [str(p) for p in sorted(found)]


# ── Every citation resolves ─────────────────────────────────────────────────────────

def test_unknown_key_names_file_line_and_the_closest_keys(bib: Bibliography) -> None:
    assert problems(bib, "# T\n\nA claim [@trainau2020treatment].\n") == [
        "docs/x.md:10: unknown citation key 'trainau2020treatment' (did you mean 'traineau2020treatment'?). "
        "Fix: correct the key, or add the reference to a bibliography/*.bib file (see CONTRIBUTING.md) [citation.unknown-key]"
    ]


def test_unknown_key_without_a_close_match(bib: Bibliography) -> None:
    found = problems(bib, "# T\n\nOne [@zzz1999q].\n")
    assert [f.split(". Fix:")[0] for f in found] == ["docs/x.md:10: unknown citation key 'zzz1999q'"]


def test_suggestions_list_up_to_three_closest_keys() -> None:
    known = ["smith2020calcinosis", "smith2020calcinosisa", "smith2021calcinosis", "jones2020calcinosis"]
    assert suggestions("smith2020calcinosiss", known) == (
        " (did you mean 'smith2020calcinosis', 'smith2020calcinosisa' or 'smith2021calcinosis'?)")
    assert suggestions("smith2020calcinosiss", known[:2]) == (
        " (did you mean 'smith2020calcinosis' or 'smith2020calcinosisa'?)")


def test_several_keys_each_checked(bib: Bibliography) -> None:
    found = problems(bib, "# T\n\nBoth [@smith2020calcinosis;\n@nobody2020x].\n")
    assert [f.split(". Fix:")[0] for f in found] == ["docs/x.md:10: unknown citation key 'nobody2020x'"]


# ── Malformed citations are errors ──────────────────────────────────────────────────

@pytest.mark.parametrize("cite,message", [
    ("[@ smith2020calcinosis]",
     "malformed citation '[@ smith2020calcinosis]': a space after '@'. "
     "Fix: write the key right after the '@': '[@smith2020calcinosis]' [citation.malformed]"),
    ("[@smith2020calcinosis, p. 5]",
     "citation '[@smith2020calcinosis, p. 5]' has a locator (', p. 5'), which the numeric AMA style cannot "
     "show: it would be lost. Fix: write '[@smith2020calcinosis]' and, if the page or figure matters, say so "
     "in the sentence [citation.locator]"),
    ("[see @smith2020calcinosis]",
     "citation '[see @smith2020calcinosis]' has text before the key ('see'), which the numeric style cannot "
     "show: it would be lost. Fix: move the text out of the brackets: 'see [@smith2020calcinosis]' [citation.prefix]"),
    ("[@Smith.2020:calcinosis]",
     "citation key 'Smith.2020:calcinosis' has characters the key convention forbids (firstauthorYEARword: "
     "lowercase letters and digits only). Fix: cite the key exactly as written in bibliography/*.bib, "
     "e.g. '[@smith2020calcinosis]' [citation.key-characters]"),
    ("[@smith2020calcinosis;]",
     "malformed citation '[@smith2020calcinosis;]': an empty item between ';'. "
     "Fix: separate keys with '; ' and remove the extra ';' [citation.malformed]"),
    ("[@smith2020calcinosis; and others]",
     "malformed citation '[@smith2020calcinosis; and others]': 'and others' is not a key. "
     "Fix: cite keys only, each with '@': '[@key1; @key2]' [citation.malformed]"),
])
def test_malformed_citations(bib: Bibliography, cite: str, message: str) -> None:
    assert problems(bib, f"# T\n\nA claim {cite}.\n") == [f"docs/x.md:10: {message}"]


def test_a_known_key_without_brackets(bib: Bibliography) -> None:
    assert problems(bib, "# T\n\nAs @smith2020calcinosis found. Mail a@smith2020calcinosis.org.\n") == [
        "docs/x.md:10: '@smith2020calcinosis' without brackets is not a citation. "
        "Fix: write '[@smith2020calcinosis]' [citation.bare-key]"
    ]


def test_code_comments_emails_and_links_are_not_citations() -> None:
    text = (
        "Code `[@a]` and\n\n```md\n[@b]\n```\n\n<!-- [@c] -->\n"
        "Mail [me@example.org](mailto:me@example.org), see [x]: and ![@d](e.png).\n"
        "[label]: https://example.org\n"
    )
    assert find_citations(text) == []


def test_citation_lines_and_keys() -> None:
    text = "A [@a1; @b2].\nB ends a sentence [@c3]:\n\n~~~\n[@z]\n~~~\n"
    found = find_citations(text, first_line=20)
    assert [(c.line, c.keys, c.valid) for c in found] == [(20, ["a1", "b2"], True), (21, ["c3"], True)]


def test_mask_code_keeps_lines() -> None:
    text = "a\n```\nb [@x]\n```\nc `d` e\n"
    masked = mask_code(text)
    assert masked.count("\n") == text.count("\n") and "[@x]" not in masked and "`d`" not in masked


# ── Coverage ────────────────────────────────────────────────────────────────────────

def test_clinical_section_with_prose_needs_a_citation(bib: Bibliography) -> None:
    body = "# T\n\n## Clinical features { #clinical-features }\n\nFirm white papules.\n\n## Cause { #cause }\n"
    assert problems(bib, body, kind="type") == [
        "docs/x.md:10: section 'Clinical features' has no citation. Fix: cite the source of its statements with "
        "[@key]; only 'Key points' and sections without prose (headings, links, diagrams, generated content) "
        "may go without (see CONTRIBUTING.md) [citation.uncited-section]"
    ]


@pytest.mark.parametrize("kind", ["overview", "type", "condition", "diagnosis", "differential", "treatment"])
def test_coverage_applies_to_every_clinical_kind(bib: Bibliography, kind: str) -> None:
    extra = ("therapies:\n  - name: X\n    studies:\n      - key: smith2020calcinosis\n"
             if kind == "treatment" else "")
    body = "# T\n\n## Features { #features }\n\nText.\n\n## Sources { #sources }\n"
    found = problems(bib, body, kind=kind, extra=extra)
    assert [f.split(". Fix:")[0] for f in found] == [
        f"docs/x.md:{10 + extra.count(chr(10))}: section 'Features' has no citation"]


@pytest.mark.parametrize("section", [
    "## Key points { #key-points }\n\n- Calcinosis is common.\n",
    "## Related conditions { #related }\n\n- [Systemic sclerosis](../conditions/systemic-sclerosis.md)\n"
    "- [Dermatomyositis](dermatomyositis.md#calcinosis)\n",
    "## Evidence { #evidence }\n\n<!-- generate: evidence-table -->\n",
    "## Pathway { #pathway }\n\n```mermaid\nflowchart TD\n  A[Lesion] --> B[Tests]\n```\n",
    "## Cited { #cited }\n\nText [@smith2020calcinosis].\n\n### Detail\n\nMore text.\n",
    "## Cited in a table { #table }\n\n| A | B |\n|---|---|\n| x | y [@smith2020calcinosis] |\n",
])
def test_sections_that_need_no_citation(bib: Bibliography, section: str) -> None:
    assert problems(bib, f"# T\n\n{section}", kind="condition") == []


def test_about_and_patient_pages_are_not_held_to_coverage(bib: Bibliography) -> None:
    body = "# T\n\n## How to read this site { #how }\n\nPlain words.\n"
    assert problems(bib, body, kind="about") == []
    assert problems(bib, body, kind="patient") == []


def test_a_hand_written_references_heading(bib: Bibliography) -> None:
    assert problems(bib, "# T\n\nA claim [@smith2020calcinosis].\n\n## References\n\n1. Smith.\n") == [
        "docs/x.md:12: a 'References' heading is generated on every page that cites. "
        "Fix: delete this heading and its list: cite with [@key] in the text instead [citation.references-heading]"
    ]


@pytest.mark.parametrize("line,prose", [
    ("Calcinosis is common.", True),
    ("- [Imaging](imaging.md)", False),
    ("See [imaging](imaging.md).", True),
    ('!!! note "In short"', False),
    ("|---|:---:|", False),
    ("{ #anchor }", False),
    ("<div markdown>", False),
    ("", False),
])
def test_is_prose(line: str, prose: bool) -> None:
    assert is_prose(line) is prose


# ── Front matter studies ────────────────────────────────────────────────────────────

def test_therapy_studies_must_resolve_at_their_line(bib: Bibliography) -> None:
    extra = ("therapies:\n  - name: Diltiazem\n    studies:\n      - key: smith2020calcinosis\n"
             "      - key: smiht2020calcinosis\n")
    assert problems(bib, "# T\n", kind="about", extra=extra) == [
        "docs/x.md:10: unknown citation key 'smiht2020calcinosis' (did you mean 'smith2020calcinosis'?). "
        "Fix: correct the key, or add the reference to a bibliography/*.bib file (see CONTRIBUTING.md) [citation.unknown-key]"
    ]


def test_therapy_studies_count_as_cited(bib: Bibliography) -> None:
    extra = "therapies:\n  - name: Diltiazem\n    studies:\n      - key: smith2020calcinosis\n"
    body = "# T\n\nOthers [@traineau2020treatment; @jones2020calcinosis].\n"
    assert problems(bib, body, extra=extra, cite_all=False) == []


# ── Unused entries ──────────────────────────────────────────────────────────────────

def test_an_entry_cited_nowhere_is_an_error(bib: Bibliography) -> None:
    body = "# T\n\nOne [@traineau2020treatment]. Code `[@jones2020calcinosis]` does not count.\n"
    assert problems(bib, body, cite_all=False) == [
        "bibliography/refs.bib:6: reference 'smith2020calcinosis' is not cited on any page. "
        "Fix: cite it with [@smith2020calcinosis] where it supports a statement, or delete the entry [citation.unused-reference]",
        "bibliography/refs.bib:11: reference 'jones2020calcinosis' is not cited on any page. "
        "Fix: cite it with [@jones2020calcinosis] where it supports a statement, or delete the entry [citation.unused-reference]",
    ]


# ── Rendering ───────────────────────────────────────────────────────────────────────

def test_render_marks_citations_and_adds_the_references_section() -> None:
    refs = {"a1": "Ref A.", "b2": "Ref B."}
    out = render("# T\n\nOne [@a1; @b2]. Two [@b2].\n\n```\n[@a1]\n```\n", refs)
    assert out.keys == ["a1", "b2"]
    assert out.markdown == (
        f"# T\n\nOne {CITE}a1,b2{CITE}. Two {CITE}b2{CITE}.\n\n```\n[{AT_PLACEHOLDER}a1]\n```\n\n"
        '## References { #references data-search-exclude="true" }\n\n'
        "<!-- references: placed by hooks/citations.py -->\n"
    )


def test_citations_become_footnotes_numbered_in_reading_order() -> None:
    """The exact HTML of Python-Markdown's footnotes extension, which Material's tooltips,
    the print styles and the PDFs read."""
    html = hide_citations(f"<p>A {CITE}b2{CITE}. B {CITE}a1,b2{CITE}.</p>\n<h2>References</h2>\n{REFERENCES_PLACE}")
    assert html == "<p>A<!--cite: b2-->. B<!--cite: a1,b2-->.</p>\n<h2>References</h2>\n" + REFERENCES_PLACE
    notes = number_citations(html, {"a1": "Ref <em>A</em>.", "b2": "Ref B."})
    assert notes.html == (
        '<p>A <sup id="fnref:b2"><a class="footnote-ref" href="#fn:b2">1</a></sup>. '
        f'B <sup id="fnref2:b2"><a class="footnote-ref" href="#fn:b2">1</a></sup>{SEPARATOR}'
        '<sup id="fnref:a1"><a class="footnote-ref" href="#fn:a1">2</a></sup>.</p>\n<h2>References</h2>\n'
        + REFERENCES_PLACE)
    assert notes.notes == (
        '<div class="footnote">\n<hr />\n<ol>\n'
        '<li id="fn:b2">\n<p>Ref B.&#160;'
        '<a class="footnote-backref" href="#fnref:b2" title="Jump back to footnote 1 in the text">&#8617;</a>'
        '<a class="footnote-backref" href="#fnref2:b2" title="Jump back to footnote 1 in the text">&#8617;</a>'
        '</p>\n</li>\n'
        '<li id="fn:a1">\n<p>Ref <em>A</em>.&#160;'
        '<a class="footnote-backref" href="#fnref:a1" title="Jump back to footnote 2 in the text">&#8617;</a>'
        '</p>\n</li>\n</ol>\n</div>')
    assert notes.anchors == {"fn:a1", "fn:b2", "fnref:a1", "fnref:b2", "fnref2:b2"}
    assert notes.order == ["b2", "a1"]
    placed = place_references(notes.html, notes.notes)
    assert placed.endswith("<h2>References</h2>\n" + notes.notes) and REFERENCES_PLACE not in placed
    assert place_references(f"<p>{REFERENCES_PLACE}</p>", "<div>x</div>") == "<div>x</div>"


def test_the_numbers_of_one_citation_group_ascend() -> None:
    """A group names its sources in any order; the reader sees "1,3,4", not "4,1,3". New
    sources take their numbers in the order the group names them."""
    html = hide_citations(f"<p>A {CITE}a,c{CITE}. B {CITE}d,a,b,c{CITE}. C {CITE}e,b{CITE}.</p>")
    notes = number_citations(html, {k: f"Ref {k}." for k in "abcde"})
    shown = re.findall(r'href="#fn:(\w)">(\d)</a>', notes.html)
    assert shown == [("a", "1"), ("c", "2"), ("a", "1"), ("c", "2"), ("d", "3"), ("b", "4"), ("b", "4"), ("e", "5")]
    assert notes.order == ["a", "c", "d", "b", "e"]
    assert 'id="fnref2:a"' in notes.html and notes.html.index('id="fnref2:a"') < notes.html.index('id="fnref:d"')


def test_the_markdown_of_a_page_matches_python_markdown_footnotes() -> None:
    import markdown

    expected = markdown.markdown("A[^a] b[^b] c[^a].\n\n[^a]: Ref A\n\n[^b]: Ref B\n", extensions=["footnotes"])
    ours = number_citations(hide_citations(f"<p>A{CITE}a{CITE} b{CITE}b{CITE} c{CITE}a{CITE}.</p>"),
                            {"a": "Ref A", "b": "Ref B"})
    assert ours.html + "\n" + ours.notes == expected


def test_generated_html_cites_through_the_same_marks() -> None:
    """A generator's citations (the evidence table's studies) count as cited on the page,
    and one naming an unknown key is shown as written, not as a footnote."""
    out = render("# T\n\nText.\n", {"a1": "Ref A."}, generated=["a1", "zz9"])
    assert out.keys == ["a1"] and out.unknown == ["zz9"]
    assert out.markdown.endswith(f"{REFERENCES_PLACE}\n")
    html = hide_citations(f"<td>{cite_mark(['a1'])}</td><td>{cite_mark(['a1', 'zz9'])}</td>")
    notes = number_citations(html, {"a1": "Ref A."})
    assert notes.html == ('<td><sup id="fnref:a1"><a class="footnote-ref" href="#fn:a1">1</a></sup></td>'
                          "<td>&#91;@a1; @zz9&#93;</td>")
    assert notes.order == ["a1"]


def test_a_page_without_citations_has_no_footnotes() -> None:
    assert number_citations("<p>x</p>", {}).notes == ""
    assert hide_citations("<p>x</p>") == "<p>x</p>"
    assert drop_citation_marks(f"Heading {CITE}a1{CITE}") == "Heading"


def test_at_signs_in_code_are_hidden_from_later_plugins_and_restored() -> None:
    out = render("Mail `me@example.org` or `[@a1]`.\n", {"a1": "Ref A."})
    assert "@" not in out.markdown and out.keys == []
    assert restore_at(out.markdown) == "Mail `me@example.org` or `[@a1]`.\n"


def test_render_leaves_a_page_without_citations_alone() -> None:
    assert render("# T\n\nNo sources here.\n", {}).markdown == "# T\n\nNo sources here.\n"


def test_render_never_drops_a_bad_citation() -> None:
    out = render("A [@a1, p. 5]. B [@zz9999z]. C [@a1].\n", {"a1": "Ref A."})
    assert out.unknown == ["zz9999z"]
    assert out.markdown.startswith(f"A &#91;@a1, p. 5&#93;. B &#91;@zz9999z&#93;. C {CITE}a1{CITE}.\n")
