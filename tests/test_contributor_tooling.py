"""The contributor's path around the content: CI workflows, pre-commit hooks, lint and
spelling, GitHub issue forms and pull-request template, and the citation metadata.

Workflows, issue forms and CITATION.cff are validated against the JSON schemas that
check-jsonschema ships (no download). The workflows must run the commands the README
names, with every action pinned to a commit.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitebuild import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ISSUE_FORMS = [ROOT / ".github" / "ISSUE_TEMPLATE" / name for name in ("content-error.yml", "suggest-page.yml")]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PINNED_ACTION = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
MAKE_CALL = re.compile(r"\bmake\s+(?:-\S+\s+)*([a-z][a-z-]*)")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def schema_check(schema: str, *files: Path) -> None:
    result = run("check_jsonschema", "--builtin-schema", f"vendor.{schema}", *map(str, files))
    assert result.returncode == 0, result.stdout + result.stderr


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    """The `on:` block (PyYAML reads the bare key `on` as True)."""
    value = workflow.get("on", workflow.get(True))
    return {value: None} if isinstance(value, str) else value


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def commands(workflow: dict) -> str:
    return "\n".join(step["run"] for step in steps(workflow) if "run" in step)


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, re.MULTILINE))


# ── GitHub Actions ──────────────────────────────────────────────────────────────────

def test_workflows_are_valid() -> None:
    assert WORKFLOWS, "no workflow in .github/workflows"
    for path in WORKFLOWS:
        assert isinstance(load(path), dict), path
    schema_check("github-workflows", *WORKFLOWS)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit(path: Path) -> None:
    workflow = load(path)
    uses = [step["uses"] for step in steps(workflow) if "uses" in step]
    uses += [job["uses"] for job in workflow["jobs"].values() if "uses" in job]
    assert [u for u in uses if not PINNED_ACTION.match(u)] == []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "uses:" in line:
            assert re.search(r"@[0-9a-f]{40} # v\d", line), f"{path.name}: say the version after the SHA: {line}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_run_the_make_targets_the_readme_names(path: Path) -> None:
    targets = MAKE_CALL.findall(commands(load(path)))
    for target in targets:
        assert target in makefile_targets(), f"{path.name} runs 'make {target}', which the Makefile lacks"
        assert f"make {target}" in README, f"{path.name} runs 'make {target}', which README.md does not name"


def test_pull_requests_run_make_test_through_ci_run() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "test.yml")
    assert "pull_request" in triggers(workflow)
    assert re.search(r"(^|\s)bash \.ci/run\b", commands(workflow))
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci_run, re.MULTILINE)
    assert "bash .ci/run" in README and "make test" in README


def test_main_builds_with_make_site_and_deploys_to_pages_once_its_tests_pass() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "deploy.yml")
    run = triggers(workflow)["workflow_run"]
    assert run == {"workflows": [load(ROOT / ".github" / "workflows" / "test.yml")["name"]],
                   "types": ["completed"], "branches": ["main"]}
    assert "github.event.workflow_run.conclusion == 'success'" in workflow["jobs"]["build"]["if"]
    checkout = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["ref"].startswith("${{ github.event.workflow_run.head_sha")
    assert re.search(r"^make site$", commands(workflow), re.MULTILINE)
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"
    uses = [step.get("uses", "") for step in steps(workflow)]
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert "make site" in README


# ── Issue forms, pull-request template, citation metadata ───────────────────────────

def test_issue_forms_are_valid() -> None:
    schema_check("github-issue-forms", *ISSUE_FORMS)
    schema_check("github-issue-config", ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml")


def test_content_error_form_asks_for_page_problem_and_source() -> None:
    form = load(ISSUE_FORMS[0])
    assert form["name"] == "Report a content error"  # the name the editorial policy tells readers to use
    policy = (ROOT / "docs" / "about" / "editorial-policy.md").read_text(encoding="utf-8")
    assert '"Report a content error"' in policy
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert {"page", "problem", "source"} <= set(fields)
    assert fields["page"]["validations"]["required"] and fields["problem"]["validations"]["required"]


def test_suggest_page_form_offers_every_page_kind() -> None:
    from core.metadata import KINDS

    form = load(ISSUE_FORMS[1])
    kind = next(item for item in form["body"] if item.get("id") == "kind")
    offered = {option.split()[0] for option in kind["attributes"]["options"]}
    assert set(KINDS) <= offered


def test_pull_request_template_has_the_checklist() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    for needed in ("Sources verified", "DOI or PMID", "Reviewed date updated", "`make test` passes"):
        assert any(needed in box for box in boxes), needed


def test_citation_file_is_valid_and_matches_the_site() -> None:
    schema_check("citation-file-format", ROOT / "CITATION.cff")
    cff = load(ROOT / "CITATION.cff")
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert cff["url"] == config["site_url"]
    assert cff["repository-code"] == config["repo_url"]
    assert cff["license"] == "CC-BY-4.0" and "CC BY 4.0" in config["copyright"]
    assert cff["authors"] == [{"name": "Calcinosis Reference contributors"}]
    assert "CITATION.cff" in README and "docs/about/how-to-cite.md" in README


def test_changelog_has_dated_entries() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.findall(r"^## \d{4}-\d{2}-\d{2}\b", text, re.MULTILINE)


# ── pre-commit, ruff, codespell ─────────────────────────────────────────────────────

def pre_commit_hooks() -> dict[str, dict]:
    config = load(ROOT / ".pre-commit-config.yaml")
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_pre_commit_config_is_valid_and_has_the_hooks() -> None:
    result = run("pre_commit", "validate-config", ".pre-commit-config.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = pre_commit_hooks()
    assert set(hooks) == {"ruff", "codespell", "check-yaml", "make-check"}
    assert hooks["make-check"]["entry"].startswith("make ") and hooks["make-check"]["entry"].endswith(" check")
    assert "--unsafe" in hooks["check-yaml"]["entry"]  # mkdocs.yml has a !!python/name tag


def test_pre_commit_tools_are_pinned_and_installed() -> None:
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    pins = {re.sub(r"[-_.]+", "-", line.split("==")[0].lower()) for line in lines if re.match(r"^[\w.-]+==\S+$", line)}
    for package in ("pre-commit", "pre-commit-hooks", "ruff", "codespell"):  # as pip-compile writes names (PEP 503)
        assert package in pins, package
    for hook in pre_commit_hooks().values():
        program = hook["entry"].split()[0]
        if program.startswith(".venv/"):
            assert (ROOT / program).is_file(), program


def test_ruff_passes() -> None:
    result = run("ruff", "check", "--no-cache", "hooks", "tools", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_codespell_passes() -> None:
    # The files the pre-commit hook checks; settings (medical word list, skips) in .codespellrc.
    pattern = re.compile(pre_commit_hooks()["codespell"]["files"])
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False).stdout
    files = [f for f in tracked.split() if pattern.search(f) and not f.endswith(".svg")]
    files += [str(p.relative_to(ROOT)) for p in (ROOT / "docs").rglob("*.md")]  # new pages not yet committed
    result = run("codespell_lib", *sorted(set(files)))
    assert result.returncode == 0, result.stdout + result.stderr


def test_medical_word_list_holds_only_words_codespell_would_flag() -> None:
    import codespell_lib

    words = (ROOT / ".codespell-medical.txt").read_text(encoding="utf-8").split("\n")
    assert words[-1] == "" and words[:-1] == sorted(set(words[:-1])), "one lowercase word a line, sorted"
    data = Path(codespell_lib.__file__).parent / "data" / "dictionary.txt"
    flagged = {line.split("->")[0] for line in data.read_text(encoding="utf-8").splitlines()}
    assert [w for w in words[:-1] if w not in flagged] == []


def test_yaml_files_parse() -> None:
    tracked = subprocess.run(["git", "ls-files", "*.yml", "*.yaml", "*.cff"], cwd=ROOT, capture_output=True,
                             text=True, check=False).stdout.split()
    result = run("pre_commit_hooks.check_yaml", "--unsafe", *tracked)
    assert result.returncode == 0, result.stdout + result.stderr
