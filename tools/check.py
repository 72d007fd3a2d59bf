"""`make check`: every content check of the build, without building, in about a second.

Reads mkdocs.yml the way `mkdocs build` does (without running a build), reads the pages
once with the same code as hooks/source_files.py, then runs the same check functions the
hooks run, so the messages are the same lines the build prints. Exit status 1 when
anything is wrong.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from typing import Any
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from core.pages import Site, scan_docs  # noqa: E402
from core.problems import Problem  # noqa: E402
from core.project import Project, project_from_config  # noqa: E402

Check = Callable[[Site, Project], list[Problem]]


def checks() -> list[Check]:
    """The site-wide checks, in the order the build runs them. Each concern adds its own."""
    from core import (
        abbreviations, bibliography, citations, content_policy, crossrefs, diagrams, metadata, overview, page_shape,
        published_files, readability, snippets,
    )

    return [published_files.check, snippets.check, metadata.check, page_shape.check, overview.check, crossrefs.check, content_policy.check, bibliography.check, citations.check,
            abbreviations.check, readability.check, diagrams.check]


def load_project(config_file: Path) -> tuple[Project, Any]:
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR)  # loading the config says nothing a contributor needs
    try:
        # hooks=[]: the checks need no hook module, and importing them all (WeasyPrint for
        # the PDFs among them) would take longer than the checks themselves.
        config = load_config(config_file=str(config_file), hooks=[])
        return project_from_config(config), config
    finally:
        logger.setLevel(level)  # so that a later in-process build (tests) still logs and counts warnings


def run(config_file: Path) -> list[Problem]:
    from core import content_policy, site_config

    refused = site_config.raw_config_problems(str(config_file))
    if refused:  # MkDocs must not read this mkdocs.yml: its YAML could run code
        return sorted(set(refused))
    project, config = load_project(config_file)
    site, problems = scan_docs(project.docs_dir, project.docs_prefix)
    problems.extend(site_config.check_config(config, str(config_file)))
    for check in checks():
        problems.extend(check(site, project))
    problems.extend(content_policy.check_converted(site, project, markdown_converter(config, project)))
    return sorted(set(problems))


def markdown_converter(config: Any, project: Project) -> Callable[[str], str]:
    """Python-Markdown with the site's extensions and their settings, as MkDocs sets it up
    (snippet folders taken from the project root, as the build runs from there)."""
    import markdown

    settings = {name: dict(value) for name, value in config["mdx_configs"].items()}
    if "pymdownx.snippets" in settings:
        from core import snippets

        settings["pymdownx.snippets"]["base_path"] = project.snippet_dirs
        settings["pymdownx.snippets"]["auto_append"] = snippets.appended_problems(project)[1]  # as the build does
    md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=settings)

    def convert(text: str) -> str:
        md.reset()
        return md.convert(text)

    return convert


def main() -> int:
    args = sys.argv[1:]
    config_only = "--config-only" in args  # before any MkDocs command: `make site`, `make test`, `make serve`
    args = [a for a in args if a != "--config-only"]
    config_file = Path(args[0]) if args else ROOT / "mkdocs.yml"
    if config_only:
        from core import site_config

        problems = sorted(set(site_config.raw_config_problems(str(config_file))))
        for problem in problems:
            print(f"ERROR   -  {problem}")
        return 1 if problems else 0
    problems = run(config_file)
    for problem in problems:
        print(f"WARNING -  {problem}")
    print(f"make check: {len(problems)} problem(s)" if problems else "make check: no problems found")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
