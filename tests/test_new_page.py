"""`make new-page`: a page started from each template lands in its nav section, fails `make check`
and the strict build with one line per placeholder until it has been written, then passes both;
and every refusal is the documented one-line message."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from core.metadata import KINDS
from core.page_shape import PLACEHOLDER_DESCRIPTION
from pagefixtures import required
from sitebuild import ROOT, build

sys.path.insert(0, str(ROOT / "tools"))

import check  # noqa: E402
import new_page  # noqa: E402
from new_page import Refused  # noqa: E402

TODAY = dt.date(2026, 11, 21)
# The page each kind gets in the integration test: (id, SECTION).
NEW = {kind: (f"new-{kind}-page", "treatment" if kind == "overview" else "") for kind in KINDS}
TITLE = "Calcinosis in Raynaud's phenomenon: a \"test\" page"
NAV = """\
nav:
  - Home: index.md
  # >>> types
  - Types:
      - types/a.md   # a comment that must survive
      - Named: types/b.md
  # <<< types
  # >>> patients
  # <<< patients
  - About:
      - about/editorial-policy.md
      # >>> about
      - about/conventions.md
      # <<< about
"""


def copy_project(tmp: Path) -> Path:
    """A copy of the project's inputs (docs, bibliography, templates, theme overrides,
    snippets, diagrams, mkdocs.yml) that shares the real hooks and node_modules."""
    for name in ("docs", "bibliography", "templates", "overrides", "includes", "diagrams"):
        shutil.copytree(ROOT / name, tmp / name)  # inputs: the build refuses symbolic links in them
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    for name in ("hooks", "node_modules"):
        (tmp / name).symlink_to(ROOT / name)
    return tmp


def message(call, *args, **kwargs) -> str:  # noqa: ANN001
    with pytest.raises(Refused) as refused:
        call(*args, **kwargs)
    return str(refused.value)


# ── Sections and ids ────────────────────────────────────────────────────────────────

def test_every_kind_has_a_template_and_a_section() -> None:
    assert set(new_page.KIND_SECTIONS) == set(KINDS)
    for kind in KINDS:
        assert (ROOT / "templates" / f"{kind}.md").is_file()
    assert new_page.section_for("differential") == "diagnosis"
    assert new_page.section_for("patient") == "patients"
    assert new_page.section_for("overview", "treatment") == "treatment"


def test_unknown_kind_is_refused_with_the_valid_kinds() -> None:
    assert message(new_page.section_for, "conditon") == (
        "make new-page: unknown page kind 'conditon'. Fix: use one of about, overview, type, condition, "
        "diagnosis, differential, treatment, patient (see 'Page kinds' in CONTRIBUTING.md). [new-page.unknown-kind]")


def test_overview_needs_a_section() -> None:
    assert message(new_page.section_for, "overview") == (
        "make new-page: an overview page needs SECTION= to say which section it sums up. Fix: add SECTION= "
        "with one of types, conditions, diagnosis, treatment, e.g. make new-page KIND=overview "
        'SECTION=treatment ID=some-id TITLE="Some title".' " [new-page.overview-section]")
    assert message(new_page.section_for, "type", "treatment") == (
        "make new-page: a type page belongs in the 'types' section (got SECTION=treatment). "
        "Fix: leave SECTION= out; it only chooses the section of an overview page. [new-page.section]")


def test_duplicate_id_is_refused_wherever_the_page_is(tmp_path: Path) -> None:
    (tmp_path / "docs" / "types").mkdir(parents=True)
    (tmp_path / "docs" / "types" / "x.md").write_text("# X\n", encoding="utf-8")
    assert message(new_page.check_id, "x", tmp_path / "docs", tmp_path) == (
        "make new-page: page id 'x' already exists: docs/types/x.md. Fix: choose another ID or edit that page. [new-page.id-exists]")


@pytest.mark.parametrize("bad", ["Calcinosis", "calcinosis_cutis", "-x", "x--y", "x.md", "index", "a b"])
def test_malformed_id_is_refused(tmp_path: Path, bad: str) -> None:
    assert message(new_page.check_id, bad, tmp_path, tmp_path) == (
        f"make new-page: page id '{bad}' is not lowercase letters, digits and single hyphens. Fix: use the "
        "page's name in lowercase with hyphens between words, e.g. 'calcinosis-in-children'. [new-page.bad-id]")


def test_missing_id_and_title_are_refused(tmp_path: Path) -> None:
    assert message(new_page.check_id, "", tmp_path, tmp_path) == (
        "make new-page: ID is missing. Fix: give the page id, the file name without '.md': "
        'make new-page KIND=condition ID=some-id TITLE="Some title".' " [new-page.missing-argument]")
    assert message(new_page.check_title, "  ") == (
        'make new-page: TITLE is missing. Fix: give the page title in quotes: make new-page KIND=condition '
        'ID=some-id TITLE="Some title".' " [new-page.missing-argument]")


# ── Page text ───────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("title", ["Calciphylaxis", TITLE, "Yes", "#1: calcinosis", "[draft] page", "A: b # c"])
def test_title_reads_back_unchanged(title: str) -> None:
    assert yaml.safe_load(f"title: {new_page.yaml_text(title)}") == {"title": title}


def test_page_text_sets_title_heading_date_and_description() -> None:
    template = (ROOT / "templates" / "condition.md").read_text(encoding="utf-8")
    text = new_page.page_text(template, TITLE, TODAY)
    front, body = text[4:].split("\n---\n", 1)
    meta = yaml.safe_load(front)
    assert meta["title"] == TITLE
    assert meta["reviewed"] == TODAY
    assert meta["description"] == PLACEHOLDER_DESCRIPTION
    assert meta["kind"] == "condition"
    assert body.lstrip().startswith(f"# {TITLE}\n")
    assert body.count("\n# ") == 1
    given = new_page.page_text(template, "X", TODAY, "Calcinosis in X.")
    assert "description: Calcinosis in X.\n" in given


# ── Nav ─────────────────────────────────────────────────────────────────────────────

def test_nav_entry_goes_at_the_end_of_its_section_with_its_indentation() -> None:
    out = new_page.add_to_nav(NAV, "types", "types/c.md")
    assert out == NAV.replace("      - Named: types/b.md\n", "      - Named: types/b.md\n      - types/c.md\n")
    nested = new_page.add_to_nav(NAV, "about", "about/how-to.md")
    assert "      - about/conventions.md\n      - about/how-to.md\n      # <<< about\n" in nested


def test_an_empty_section_gets_its_heading() -> None:
    out = new_page.add_to_nav(NAV, "patients", "patients/what-is-calcinosis.md")
    assert "  # >>> patients\n  - For patients:\n      - patients/what-is-calcinosis.md\n  # <<< patients\n" in out
    assert yaml.safe_load(out)["nav"][2] == {"For patients": ["patients/what-is-calcinosis.md"]}


def test_nav_refusals() -> None:
    assert message(new_page.add_to_nav, NAV, "types", "types/b.md") == (
        "make new-page: types/b.md is already in the nav. Fix: delete that nav entry, or choose another ID. [new-page.in-nav]")
    assert message(new_page.add_to_nav, NAV, "conditions", "conditions/x.md") == (
        "make new-page: mkdocs.yml has no nav markers '# >>> conditions' and '# <<< conditions'. "
        "Fix: restore the two marker comments around the section in the nav of mkdocs.yml. [new-page.nav-markers]")


# ── The command ─────────────────────────────────────────────────────────────────────

def test_a_refusal_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_project(tmp_path / "p")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    before = sorted(p for p in (root / "docs").rglob("*"))
    code = new_page.main(["--root", str(root), "--kind", "type", "--id", "calciphylaxis", "--title", "X"])
    assert code == 1
    assert capsys.readouterr().err == (
        "make new-page: page id 'calciphylaxis' already exists: docs/types/calciphylaxis.md. "
        "Fix: choose another ID or edit that page. [new-page.id-exists]\n")
    assert new_page.main(["--root", str(root), "--id", "x", "--title", "X"]) == 1
    assert capsys.readouterr().err.startswith("make new-page: KIND is missing. Fix: ")
    assert (root / "mkdocs.yml").read_text(encoding="utf-8") == config
    assert sorted(p for p in (root / "docs").rglob("*")) == before


@pytest.mark.parametrize(("args", "expected"), [
    (["KIND=conditon", "ID=some-id", "TITLE=Some title"],
     "make new-page: unknown page kind 'conditon'. Fix: use one of about, overview, type, condition, diagnosis, "
     "differential, treatment, patient (see 'Page kinds' in CONTRIBUTING.md). [new-page.unknown-kind]"),
    (["KIND=type", "ID=calciphylaxis", "TITLE=Raynaud's \"x\""],
     "make new-page: page id 'calciphylaxis' already exists: docs/types/calciphylaxis.md. "
     "Fix: choose another ID or edit that page. [new-page.id-exists]"),
])
def test_make_target_refuses_with_the_documented_message(args: list[str], expected: str) -> None:
    # Refusals write nothing, so this runs against the real project; `-o bootstrap` skips the install.
    result = subprocess.run(["make", "-s", "-o", "bootstrap", "new-page", *args], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert result.stderr.splitlines()[0] == expected
    assert expected in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").replace("\n", " ")


# ── A new page of every kind fails the checks until it is written ─────────────────

@pytest.fixture(scope="module")
def new_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("new-pages"))
    for kind, (pid, section) in NEW.items():
        args = ["--root", str(root), "--kind", kind, "--id", pid, "--title", f"{TITLE} ({kind})"]
        assert new_page.main([*args, *(["--section", section] if section else [])]) == 0
    return root


def test_new_pages_are_written_where_their_kind_lives(new_pages: Path) -> None:
    nav = (new_pages / "mkdocs.yml").read_text(encoding="utf-8")
    for kind, (pid, section) in NEW.items():
        src_uri = f"{new_page.SECTIONS[section or new_page.KIND_SECTIONS[kind]]}/{pid}.md"
        text = (new_pages / "docs" / src_uri).read_text(encoding="utf-8")
        assert f"\nkind: {kind}\n" in text
        assert f"\nreviewed: {dt.date.today().isoformat()}\n" in text
        assert f"- {src_uri}\n" in nav
    # Everything else in mkdocs.yml, comments included, is as it was.
    added = {f"- {new_page.SECTIONS[s or new_page.KIND_SECTIONS[k]]}/{p}.md" for k, (p, s) in NEW.items()}
    original = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    if not any(ln.strip() == "- For patients:" for ln in original):
        added.add("- For patients:")  # the heading make new-page gives an empty section
    assert [ln for ln in nav.splitlines() if ln.strip() not in added] == original


def new_paths() -> list[str]:
    return [f"docs/{new_page.SECTIONS[s or new_page.KIND_SECTIONS[k]]}/{p}.md" for k, (p, s) in NEW.items()]


@pytest.fixture(scope="module")
def project_problems() -> list[str]:
    """`make check` on the project itself: a written page must add nothing to this (empty when
    the project is clean; other contributors' work in progress may show here)."""
    return [str(p) for p in check.run(ROOT / "mkdocs.yml")]


def placeholders(text: str, path: str) -> list[str]:
    """The problem lines a page fresh from a template must have: its placeholder description,
    each line marked '# example' and each guidance comment, in line order; on a page of a
    shaped kind, each required section instead of the comment in it: it has no text."""
    lines = text.split("\n")
    ids = {sid for _, sid in required(re.search(r"^kind: (\w+)$", text, re.M).group(1))}
    found = [f"{path}:3: 'description' is still the placeholder of make new-page"]
    found += [f"{path}:{n}: " for n, line in enumerate(lines, 1) if "   # example" in line]
    section = None
    for n, line in enumerate(lines, 1):
        head = re.match(r"##? (.*?)(?: \{ #([\w-]+) \})?$", line)
        if head:
            section = head.group(2) if head.group(2) in ids else None
            if section:
                found.append(f"{path}:{n}: section '{head.group(1)}' {{ #{section} }} has no text")
        elif "<!--" in line and section is None:
            found.append(f"{path}:{n}: placeholder comment from the template left in the page ('")
    return found


def about_new(lines: list[str]) -> list[str]:
    return sorted((ln for ln in lines if any(ln.startswith(path + ":") for path in new_paths())),
                  key=lambda ln: int(ln.split(":")[1]))


def test_new_pages_fail_make_check_with_each_placeholder(new_pages: Path, project_problems: list[str]) -> None:
    found = [str(p) for p in check.run(new_pages / "mkdocs.yml")]
    assert [ln for ln in found if ln not in project_problems and not any(p in ln for p in new_paths())] == []
    for path in new_paths():
        text = (new_pages / path).read_text(encoding="utf-8")
        mine = about_new([ln for ln in found if ln.startswith(path + ":")])
        expected = placeholders(text, path)
        assert len(mine) == len(expected), "\n".join(mine)
        for line, start in zip(mine, expected, strict=True):
            assert line.startswith(start) and ". Fix: " in line, line
    treatment = next(ln for ln in found if "new-treatment-page.md:8:" in ln)
    assert treatment == (
        "docs/treatment/new-treatment-page.md:8: therapy 'Low-dose warfarin' is still the example from "
        "templates/treatment.md. Fix: write this page's own therapy: its name, indications, evidence, direction "
        "and studies, then delete the '# example' comment [shape.template-example]")


def test_new_pages_fail_the_strict_build_with_the_same_lines(new_pages: Path) -> None:
    result = build(new_pages / "mkdocs.yml", new_pages / "site")
    assert not result.ok
    assert about_new(result.warnings()) == about_new([str(p) for p in check.run(new_pages / "mkdocs.yml")])


def write(text: str, kind: str) -> str:
    """What a contributor does: a description, the examples confirmed, each comment replaced by a
    cited sentence."""
    text = text.replace(PLACEHOLDER_DESCRIPTION, f"A {kind} page written for the test.")
    text = re.sub(r"[ \t]+# example.*$", "", text, flags=re.M)
    return re.sub(r"<!--.*?-->", "Calcium can form lumps in the skin [@traineau2020treatment].", text, flags=re.S)


@pytest.fixture(scope="module")
def written(new_pages: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("written-pages"))
    shutil.copy(new_pages / "mkdocs.yml", root / "mkdocs.yml")
    for kind, path in zip(NEW, new_paths(), strict=True):
        (root / path).write_text(write((new_pages / path).read_text(encoding="utf-8"), kind), encoding="utf-8")
    return root


def test_written_pages_pass_make_check(written: Path, project_problems: list[str]) -> None:
    assert [str(p) for p in check.run(written / "mkdocs.yml")] == project_problems


def test_written_pages_pass_the_strict_build(written: Path, project_problems: list[str]) -> None:
    result = build(written / "mkdocs.yml", written / "site")
    assert about_new(result.warnings()) == []
    assert result.ok or project_problems, result.output
    for kind, (pid, section) in NEW.items():
        folder = new_page.SECTIONS[section or new_page.KIND_SECTIONS[kind]]
        html = (result.site_dir / folder / pid / "index.html").read_text(encoding="utf-8")
        assert "Calcinosis in Raynaud&#39;s phenomenon" in html or "Calcinosis in Raynaud's phenomenon" in html
