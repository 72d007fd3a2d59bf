"""File-level faults and front-matter parsing: exact messages with file and line."""

from __future__ import annotations

import datetime as dt

import pytest

from core.frontmatter import parse_front_matter
from core.pages import build_site, page_id
from core.problems import Problem


def test_front_matter_keeps_the_line_of_every_key() -> None:
    text = "---\ntitle: A\nkind: type\ntherapies:\n  - name: X\n    evidence: '4'\n---\n# A\n"
    front, problems = parse_front_matter(text, "docs/a.md")
    assert problems == []
    assert front.meta["kind"] == "type"
    assert front.line("kind") == 3
    assert front.line("therapies", 0, "evidence") == 6
    assert front.line("therapies", 0, "missing") == 5
    assert front.body_line == 8 and front.body == "# A\n"


def test_front_matter_dates_are_dates() -> None:
    front, _ = parse_front_matter("---\nreviewed: 2026-11-21\n---\nx\n", "docs/a.md")
    assert front.meta["reviewed"] == dt.date(2026, 11, 21)


def test_yaml_error_names_the_file_line() -> None:
    text = "---\ntitle: A\nkind: [type\nreviewed: 2026-01-01\n---\nbody\n"
    _, problems = parse_front_matter(text, "docs/a.md")
    # Line 3, where the '[' is left open, not line 4, where the parser gave up.
    assert [str(p) for p in problems] == [
        "docs/a.md:3: front matter is not valid YAML: did not find expected ',' or ']'. Fix: check the "
        "indentation and quote values that contain ':' or '#' [frontmatter.invalid-yaml]"]


@pytest.mark.parametrize("yaml_text, expected", [
    ("a: &a [x, x]\nb: [*a, *a]\n", "docs/a.md:2: front matter uses a YAML anchor or alias ('a')"),
    ("loop: &a [*a]\n", "docs/a.md:2: front matter uses a YAML anchor or alias ('a')"),
    ("? [a, b]\n: c\n", "docs/a.md:2: front matter has a key that is not plain text"),
    ("title: T\nx: " + "[" * 300 + "]" * 300 + "\n", "docs/a.md:3: front matter is nested more than 8 levels deep"),
])
def test_front_matter_of_a_shape_no_page_needs_is_refused_unread(yaml_text: str, expected: str) -> None:
    front, problems = parse_front_matter(f"---\n{yaml_text}---\n# Body\n", "docs/a.md")
    assert [p.what for p in problems] == [expected.split(": ", 1)[1]]
    assert str(problems[0]).startswith(expected + ". Fix: ")
    assert front.refused and front.meta == {} and front.body == "# Body\n"


def test_duplicate_front_matter_key_is_an_error() -> None:
    _, problems = parse_front_matter("---\ntitle: A\ntitle: B\n---\nx\n", "docs/a.md")
    assert [str(p) for p in problems] == [
        "docs/a.md:3: front matter is not valid YAML: duplicate key 'title'. "
        "Fix: check the indentation and quote values that contain ':' or '#' [frontmatter.invalid-yaml]"
    ]


def test_non_utf8_file_is_reported_with_its_line() -> None:
    _, problems = build_site([("types/a.md", b"---\ntitle: A\n---\n\ncaf\xe9\n")])
    assert problems == [Problem(
        "docs/types/a.md", 5, "file is not valid UTF-8 (byte 0xe9 at offset 21)",
        "save the file as UTF-8 in your editor (File > Save with encoding > UTF-8)", code="page.not-utf8")]


def test_empty_page_is_reported() -> None:
    _, problems = build_site([("a.md", b"---\ntitle: A\n---\n\n  \n")])
    assert [str(p) for p in problems] == [
        "docs/a.md:4: page has no content. Fix: write the page body below the front matter, or delete the file [page.empty]"
    ]


def test_duplicate_page_id_is_reported() -> None:
    site, problems = build_site([("types/gout.md", b"# A\n"), ("conditions/gout.md", b"# B\n")])
    assert [str(p) for p in problems] == [
        "docs/types/gout.md:1: duplicate page id 'gout': docs/conditions/gout.md has the same file name. "
        "Fix: page ids are file names and must be unique across docs/: rename one file [page.duplicate-id]"
    ]
    assert list(site.pages) == ["gout"]


def test_page_ids() -> None:
    assert page_id("index.md") == "home"
    assert page_id("types/index.md") == "types"
    assert page_id("types/dystrophic-calcinosis.md") == "dystrophic-calcinosis"


def test_lists_of_mappings_are_not_mistaken_for_complex_keys() -> None:
    text = ("---\ntherapies:\n  - name: A\n    studies:\n      - key: a\n        patients: 1\n      - key: b\n"
            "  - name: B\n    indications: [x, y, z]\n---\n# A\n")
    front, problems = parse_front_matter(text, "docs/a.md")
    assert problems == [] and not front.refused
    assert front.meta["therapies"][0]["studies"][1] == {"key": "b"}


@pytest.mark.parametrize("text, code", [
    ("a\n```\ncode [@k]\n```\nb\n", {1, 2, 3}),
    ("a\n```\nnever closed [@k]\n<script>x</script>\n", set()),  # superfences: text, not code
    ("````\ncode\n```\nstill code\n````\nb\n", {0, 1, 2, 3, 4}),
    ("``` a`b\nnot a fence\n```\n", set()),  # a backtick in the info: inline code, no block
    ("> ```\n> quoted [@k]\n> ```\n", {0, 1, 2}),
    ("~~~\n```\n~~~\n", {0, 1, 2}),
])
def test_one_scanner_reads_fences_as_superfences_does(text: str, code: set[int]) -> None:
    from core.mdtext import code_lines, fences, prose_lines

    assert code_lines(text) == code
    assert [n for n, _ in prose_lines(text, 0)] == [i for i in range(text.count("\n") + 1) if i not in code]
    assert all(f.last > f.first for f in fences(text))


@pytest.mark.parametrize("text, visible", [
    ("a <!-- hidden [@k] --> b", "a " + " " * len("<!-- hidden [@k] -->") + " b"),
    ("a <!-- ends here --!> [@k]", "a                     [@k]"),  # '--!>' ends a comment, as in a browser
    ("<!--> [@k]", "      [@k]"),  # an abrupt empty comment
    ("a `code [@k]\nstill` b", "a " + " " * len("`code [@k]") + "\n" + " " * len("still`") + " b"),  # over a line
    ("a `not\n\ncode` [@k]", "a `not\n\ncode` [@k]"),  # but not over a blank line
])
def test_one_scanner_masks_comments_and_code_spans(text: str, visible: str) -> None:
    from core.mdtext import mask_code

    assert mask_code(text) == visible


@pytest.mark.parametrize("line, expected", [
    ("[" * 16 + "x" + "]" * 16, None),
    ("[" * 17, (0, "square brackets")),
    ("\\[" * 40, None),  # escaped: text, not brackets
    ("\\\\[" * 17, (0, "square brackets")),  # an escaped backslash, then a real bracket
    ("[@a] " * 40, None),
    ("```\n" + "[" * 40 + "\n```", None),  # code
    ("[" * 10 + "\n" + "[" * 10, (1, "square brackets")),  # one paragraph over two lines
    ("[" * 10 + "\n\n" + "[" * 10, None),  # a blank line closes the paragraph
])
def test_bracket_nesting_is_counted_as_markdown_reads_it(line: str, expected: tuple[int, str] | None) -> None:
    from core.mdtext import nesting_line

    assert nesting_line(line) == expected


@pytest.mark.parametrize("text", [
    "\\`<b>x</b>` text", "\\\\`code` and \\\\\\`not`", "a ``` b `` c", "`` a` ", "x``` a`` b```",
    "`a` `` b `` ```c```", "\\b c``\\\\`x`y \\\\```x`y ", "``ax`y```````", "`\\\\``<b>``\\ ",
    "one `span`\n\nanother `` span``", "`unclosed\n\n`` `", "``\\`` `",
])
def test_code_spans_are_read_as_python_markdown_reads_them(text: str) -> None:
    """What the content checks take for code (and so do not check as HTML) is what
    Python-Markdown renders as code: the escaped backtick, the longest-run fallback and
    where it resumes after a run without a partner."""
    import html
    import re

    import markdown

    from core.mdtext import code_spans

    ours = [text[s:e] for s, e in code_spans(text)]
    theirs = [html.unescape(c) for c in re.findall(r"<code>(.*?)</code>", markdown.markdown(text), re.S)]
    assert len(ours) == len(theirs) and all(t in o for o, t in zip(ours, theirs, strict=True)), (ours, theirs)
