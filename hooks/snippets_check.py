"""Check every `--8<--` snippet a page includes before pymdownx.snippets reads it.

Why: a missing snippet file ends the build with a traceback from the extension, and a
symbolic link among the snippets would bring any file of the build machine into the
page. core/snippets.py finds the references as the extension does; each bad one is
reported with the page's file and line and its line is emptied, so the extension never
meets it and nothing it names reaches the site.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from core import snippets, state
from core.problems import report

log = logging.getLogger("mkdocs.hooks.snippets_check")


@event_priority(95)  # after hooks/source_files.py (100) has started the build's state
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    problems, safe = snippets.appended_problems(state.current().project)
    report(problems, log)
    if problems:  # append only what is safe: the pages are converted after this
        config.mdx_configs.setdefault("pymdownx.snippets", {})["auto_append"] = safe
    return files


@event_priority(100)  # before any hook adds to the Markdown, so lines are the page's own
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    project = state.current().project
    path = f"{project.docs_prefix}/{page.file.src_uri}"
    source = state.current().site.by_uri(page.file.src_uri)
    # MkDocs hands over the body without the blank lines that follow the front matter.
    first_line = 1 if source is None else \
        source.front.body_line + len(source.front.body) - len(source.front.body.lstrip("\n"))
    found = snippets.scan(markdown, path, first_line, project.snippet_dirs, project.root)
    report(found.problems, log)
    return snippets.without_bad_snippets(markdown, found.bad_lines)
