"""Every bad input in the corpus (tests/bad_inputs.py) fails the build with one clear line.

For each case: the strict build fails; its output holds the exact line
`path:line: what is wrong. Fix: how [code]`, with a "Fix:" hint and the case's code, and no
Python traceback; and `make check` (tools/check.py) reports the very same line without building.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bad_inputs import CASES, OUTSIDE, SECRET, Case, good_site
from core.codes import CODES
from sitebuild import ROOT, BuildResult, build, make_site, with_config

sys.path.insert(0, str(ROOT / "tools"))
import check as make_check  # noqa: E402


def fixture_site(tmp: Path, case: Case | None) -> Path:
    docs, bib, nav = good_site()
    if case is not None:
        docs.update(case.docs)
        bib = {"refs.bib": case.bib} if case.bib is not None else bib
        nav = case.nav
    config = make_site(tmp / "site-src", docs, bib=bib, nav=nav)
    if case is None:
        return config
    outside = tmp / "outside"  # beside the fixture, never inside it
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    (outside / "secret.md").write_text(f"---\ntitle: Secret\n---\n\n# Secret\n\n{SECRET}\n", encoding="utf-8")
    for rel, content in case.files.items():
        (config.parent / rel).parent.mkdir(parents=True, exist_ok=True)
        (config.parent / rel).write_text(content, encoding="utf-8")
    for rel, target in case.links.items():
        (config.parent / rel).parent.mkdir(parents=True, exist_ok=True)
        (config.parent / rel).symlink_to(target.replace(OUTSIDE, str(outside)))
    if case.config:
        config.write_text(with_config(config.read_text(encoding="utf-8"), case.config), encoding="utf-8")
    return config


def _line_with(result: BuildResult, expected: str) -> str | None:
    return next((w for w in result.warnings() if w.startswith(expected)), None)


@pytest.fixture(autouse=True)
def html_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The corpus is about messages and what reaches site/: no case is about PDFs, so none
    renders them (tests/test_pdf_*.py do)."""
    monkeypatch.setenv("PDF_HANDOUTS", "0")


def test_the_good_site_builds(tmp_path: Path) -> None:
    config = fixture_site(tmp_path, None)
    result = build(config, tmp_path / "site")
    assert result.ok and result.warnings() == [], result.output
    assert make_check.run(config) == []


def test_the_corpus_covers_every_kind_of_bad_input() -> None:
    assert len(CASES) >= 80
    assert len({case.id for case in CASES}) == len(CASES)
    assert {case.group for case in CASES} == {"bibliography", "citations", "metadata", "links", "content policy",
                                              "readability", "files", "published files", "site config", "snippets"}
    assert all(case.expected for case in CASES)
    assert all(case.code in CODES for case in CASES), [case.id for case in CASES if case.code not in CODES]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_fails_with_file_line_and_fix(case: Case, tmp_path: Path) -> None:
    config = fixture_site(tmp_path, case)
    site = tmp_path / "site"
    result = build(config, site)
    assert not result.ok, f"the build passed:\n{result.output}"
    assert "Traceback" not in result.output, result.output
    line = _line_with(result, case.expected)
    assert line is not None, f"expected a line starting {case.expected!r}; the build said:\n{result.output}"
    assert ". Fix: " in line and not line.endswith(f"Fix:  [{case.code}]"), line
    assert line.endswith(f" [{case.code}]"), f"expected the code [{case.code}] at the end: {line}"
    for text in case.unexpected:  # one mistake, one message: no follow-on lines
        assert not any(text in w for w in result.warnings()), result.output
    for text in case.absent:  # a failed build still writes site/: nothing unsafe may be in it
        holders = [p for p in site.rglob("*") if p.is_file() and text.encode() in p.read_bytes()]
        assert holders == [], f"{text!r} reached {holders}"
    assert not any(p.is_symlink() for p in site.rglob("*")), "a symbolic link reached site/"

    if case.check_skip:
        return
    checked = [str(problem) for problem in make_check.run(config)]
    assert line in checked, f"make check does not print {line!r}; it printed:\n" + "\n".join(checked)
