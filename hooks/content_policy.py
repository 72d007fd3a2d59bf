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

from core import content_policy, memo, state
from core.problems import Problem, report

log = logging.getLogger("mkdocs.hooks.content_policy")


@event_priority(80)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    problems = content_policy.check(state.current().site, state.current().project)
    for problem in problems:  # already reported with its line: the page is withheld
        state.current().withhold(problem.path)
    report(problems, log)
    return files


# Path, body HTML and the texts its problems are traced to (the page's own, the bibliography's
# and the snippets', whose lines the messages give) -> problems: a body unchanged since the last
# serve rebuild is not parsed again.
_checked_bodies: memo.Memo[tuple[str, str, str, str], list[Problem]] = memo.declare(
    "content_policy: checked page bodies", bound=512)


@event_priority(-90)  # after every hook that changes the body; before search indexes it (0)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    path = _path(page)
    html = content_policy.add_noopener(html)
    build = state.current()
    build.policy_findings[path] = _checked(html, path)
    if build.policy_findings[path] or path in build.withheld:
        return content_policy.NOT_PUBLISHED  # a failed build still writes site/ and its index
    return html


@event_priority(-60)  # after hooks/places.py (-45), citations.py and reference_list.py (-50)
# have placed their blocks, which search does not index
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if page.content is None:
        return context
    # The page body only: the theme's own links are not contributors' (and scanning every
    # page's navigation made this pass grow with the square of the number of pages).
    page.content = content_policy.add_noopener(page.content)
    path = _path(page)
    problems = [*state.current().policy_findings.pop(path, []), *_checked(page.content, path)]
    if path not in state.current().withheld:  # a page whose source broke the policy is reported once, by line
        report(problems, log)
    if problems or path in state.current().withheld:
        page.content = content_policy.NOT_PUBLISHED
    return context


def _path(page: Page) -> str:
    return f"{state.current().project.docs_prefix}/{page.file.src_uri}"


def _checked(html: str, path: str) -> list[Problem]:
    build = state.current()
    page = build.site.by_uri(path.removeprefix(build.project.docs_prefix + "/"))
    own = [(path, 1, page.text)] if page is not None else []
    shared = build.shared("content_policy.sources", lambda: content_policy.shared_sources(
        build.project, build.bibliography))
    key = (path, html, page.text if page is not None else "",
           build.shared("content_policy.sources, digest", lambda: memo.digest(shared)))
    return _checked_bodies.get_or_make(key, content_policy.built_problems, html, path, own + shared)
