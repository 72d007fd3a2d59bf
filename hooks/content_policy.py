"""Enforce the content policy: contributed pages cannot inject anything unsafe.

Why: pages arrive as pull requests and are read by patients, while Python-Markdown
passes raw HTML through, attr_list sets any attribute and the theme prints front-matter
titles unescaped. hooks/core/content_policy.py checks every page's Markdown and front
matter (raw-HTML allowlist, no scripts, frames, forms, event handlers, `javascript:` or
`data:` URLs, https-only links, local images with alt text) and names file and line.
After rendering, this hook checks each page body's final HTML once more (generated
blocks included; a body unchanged since the previous `mkdocs serve` rebuild is not
scanned again; the formatted references are checked once, when pandoc formats them),
and gives every link of a page body that opens a new tab `rel="noopener noreferrer"`.
`make check` runs the same source check.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from core import content_policy, state
from core.problems import report

log = logging.getLogger("mkdocs.hooks.content_policy")
_flagged: set[str] = set()  # pages whose source broke the policy: already reported with lines


@event_priority(80)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    problems = content_policy.check(state.site(), state.project())
    _flagged.clear()
    _flagged.update(problem.path for problem in problems)
    report(problems, log)
    return files


_last_body: dict[str, tuple[str, list]] = {}  # path -> (body HTML, problems): kept across serve rebuilds


@event_priority(-90)  # after every hook that adds to the page body
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    path = f"{state.project().docs_prefix}/{page.file.src_uri}"
    if path not in _flagged:
        previous = _last_body.get(path)
        if previous is not None and previous[0] == html:  # unchanged since the last build
            problems = previous[1]
        else:
            problems = content_policy.rendered_problems(html, path)
            _last_body[path] = (html, problems)
        report(problems, log)
    return html


@event_priority(-60)  # after hooks/citations.py has placed the page's reference list (-50)
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    # The page body only: the theme's own links are not contributors' (and scanning every
    # page's navigation made this pass grow with the square of the number of pages).
    if page.content is not None:
        page.content = content_policy.add_noopener(page.content)
    return context
