"""Every bad input in the corpus (tests/bad_inputs.py) fails the build with one clear line.

For each case: the strict build fails; its output holds the exact line
`path:line: what is wrong. Fix: how`, with a "Fix:" hint, and no Python traceback; and
`make check` (tools/check.py) reports the very same line without building.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bad_inputs import CASES, Case, good_site
from sitebuild import ROOT, BuildResult, build, make_site

sys.path.insert(0, str(ROOT / "tools"))
import check as make_check  # noqa: E402


def fixture_site(tmp: Path, case: Case | None) -> Path:
    docs, bib, nav = good_site()
    if case is not None:
        docs.update(case.docs)
        bib = {"refs.bib": case.bib} if case.bib is not None else bib
        nav = case.nav
    return make_site(tmp, docs, bib=bib, nav=nav)


def _line_with(result: BuildResult, expected: str) -> str | None:
    return next((w for w in result.warnings() if w.startswith(expected)), None)


def test_the_good_site_builds(tmp_path: Path) -> None:
    config = fixture_site(tmp_path, None)
    result = build(config, tmp_path / "site")
    assert result.ok and result.warnings() == [], result.output
    assert make_check.run(config) == []


def test_the_corpus_covers_every_kind_of_bad_input() -> None:
    assert len(CASES) >= 30
    assert len({case.id for case in CASES}) == len(CASES)
    assert {case.group for case in CASES} == {"bibliography", "citations", "metadata", "links",
                                              "content policy", "readability", "files"}
    assert all(case.expected for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_fails_with_file_line_and_fix(case: Case, tmp_path: Path) -> None:
    config = fixture_site(tmp_path, case)
    result = build(config, tmp_path / "site")
    assert not result.ok, f"the build passed:\n{result.output}"
    assert "Traceback" not in result.output, result.output
    line = _line_with(result, case.expected)
    assert line is not None, f"expected a line starting {case.expected!r}; the build said:\n{result.output}"
    assert ". Fix: " in line and not line.endswith("Fix: "), line

    checked = [str(problem) for problem in make_check.run(config)]
    assert line in checked, f"make check does not print {line!r}; it printed:\n" + "\n".join(checked)
