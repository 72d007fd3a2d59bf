"""Problem codes: one registry (hooks/core/codes.py), every code used, documented and shown.

A contributor looks a message up by its code in CONTRIBUTING.md ("What each message
means"), so every declared code must have its one row there, no row may name a code that
does not exist, and no code may be declared that no check can print.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from core.codes import CODES, tag
from core.problems import Problem
from sitebuild import ROOT

CODE = re.compile(r"[a-z]+(?:-[a-z]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*")
SECTION = "## What each message means\n"
UNKEYED = "### pre-commit and test messages"  # other tools' messages (ruff, codespell, pytest...): no codes


def sources() -> list[Path]:
    return sorted(p for folder in ("hooks", "tools") for p in (ROOT / folder).rglob("*.py")
                  if p != ROOT / "hooks" / "core" / "codes.py")


def message_tables() -> list[tuple[str, list[str]]]:
    """(heading, rows) of each table of CONTRIBUTING's "What each message means"."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text[text.index(SECTION) + len(SECTION):]
    section = section[:re.search(r"^## ", section, re.MULTILINE).start()]
    tables: list[tuple[str, list[str]]] = []
    heading = ""
    for line in section.splitlines():
        if line.startswith("### "):
            heading = line
        elif line.startswith("|"):
            if not tables or tables[-1][0] != heading:
                tables.append((heading, []))
            tables[-1][1].append(line)
    return tables


def documented_codes() -> list[str]:
    """The code of each row of the keyed tables, in order (a row per code)."""
    found: list[str] = []
    for heading, rows in message_tables():
        if heading == UNKEYED:
            continue
        assert rows[0].startswith("| Code | Message | Meaning |"), f"{heading}: the first column is the code"
        for row in rows[2:]:
            match = re.match(r"\| `([^`]+)` \|", row)
            assert match, f"{heading}: a row without a code: {row}"
            found.append(match.group(1))
    return found


def test_a_problem_shows_its_code_at_the_end() -> None:
    problem = Problem("docs/a.md", 3, "unknown citation key 'x'.", "correct the key", code="citation.unknown-key")
    assert str(problem) == "docs/a.md:3: unknown citation key 'x'. Fix: correct the key [citation.unknown-key]"


def test_a_problem_refuses_an_undeclared_code() -> None:
    with pytest.raises(ValueError, match=r"undeclared problem code 'citation.unkown-key'"):
        Problem("docs/a.md", 3, "unknown citation key 'x'", "correct the key", code="citation.unkown-key")
    with pytest.raises(TypeError):
        Problem("docs/a.md", 3, "unknown citation key 'x'", "correct the key")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="undeclared problem code"):
        tag("make new-page: x. Fix: y.", "new-page.nothing")


def test_codes_are_lower_case_family_and_kebab_name_with_a_one_line_meaning() -> None:
    assert len(CODES) >= 100
    for code, meaning in CODES.items():
        assert CODE.fullmatch(code), code
        assert meaning.strip() and "\n" not in meaning and meaning.endswith("."), code


def test_every_code_has_one_row_in_contributing_and_every_row_a_declared_code() -> None:
    documented = documented_codes()
    assert sorted(set(c for c in documented if documented.count(c) > 1)) == [], "one row per code"
    assert sorted(set(CODES) - set(documented)) == [], "codes without a row in CONTRIBUTING.md"
    assert sorted(set(documented) - set(CODES)) == [], "rows naming a code hooks/core/codes.py does not declare"


def test_the_example_message_of_contributing_shows_its_code() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text[text.index(SECTION):]
    example = section.split("```text\n", 1)[1].split("\n", 1)[0]
    assert re.fullmatch(r"\S+:\d+: .+\. Fix: .+ \[([a-z.-]+)\]", example)
    assert example.rsplit("[", 1)[1].rstrip("]") in CODES


def test_every_code_is_used_and_every_code_used_is_declared() -> None:
    """Scanned in the source (not run): a check no test reaches still has a declared code."""
    literals: set[str] = set()
    given: dict[str, str] = {}  # code -> where, for every code= keyword and tag() argument
    for path in sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            if isinstance(node, ast.Call):
                values = [k.value for k in node.keywords if k.arg == "code"]
                if getattr(node.func, "id", None) == "tag" and len(node.args) == 2:
                    values.append(node.args[1])
                for value in values:
                    if isinstance(value, ast.Constant):
                        given[value.value] = f"{path.relative_to(ROOT)}:{node.lineno}"
    assert sorted(set(CODES) - literals) == [], "declared codes that no source in hooks/ or tools/ uses"
    assert {code: where for code, where in given.items() if code not in CODES} == {}


def test_every_problem_site_gives_a_code() -> None:
    missing = []
    for path in sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Problem" \
                    and not any(k.arg == "code" for k in node.keywords):
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert missing == []
