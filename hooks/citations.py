"""Check every citation before the build renders anything, then render them as footnotes.

Why: stock mkdocs-bibtex drops an unknown or malformed citation with a log line, so the
reader silently loses a source. Here `on_files` runs the citation checks of
`core/citations.py` over every page (the same function `make check` runs), and
`on_page_markdown` (priority 10: after the generators at 50, which may insert citations,
and before mkdocs-bibtex at 0, which then finds nothing left) marks each valid `[@key]`
and gives the page a "References" heading. Once the page is HTML, `on_page_content`
hides the marks from the search plugin, and after it has indexed the page,
`on_page_context` numbers the citations as footnotes in reading order and puts the
reference list under the heading (each reference is searchable once: on the References
page, not on every page citing it). References are formatted in one batched pandoc run
per bibliography (`core/reference_format.py`), not once per page.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from core import abbreviations, citations, memo, reference_format, state
from core.problems import Problem, report
from core.reference_format import Formatted

log = logging.getLogger("mkdocs.hooks.citations")

@event_priority(80)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    build = state.current()
    problems, named = citations.check_site(build.site, build.bibliography)
    for problem in problems:
        if problem.code == "citation.misplaced":
            build.withhold(problem.path)  # its HTML would break: no follow-on messages
    build.reported_keys.update(named)  # any fault with these keys is reported at its source line
    report(problems, log)
    return files


def _references() -> Formatted:
    """The formatted references of this build: formatted (or read from cache) once."""
    return state.current().shared("formatted references", _format)


def _format() -> Formatted:
    formatted = reference_format.references_for(state.current().project, state.current().bibliography)
    if formatted.pandoc_seconds is not None:
        log.info("citations: formatted %d reference(s) with one pandoc batch in %.2f s",
                 len(formatted.references), formatted.pandoc_seconds)
    report(formatted.problems, log)
    return formatted


@event_priority(10)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = state.current().generated_citations.get(page.file.src_uri, ())
    if "@" not in markdown and not generated:
        return markdown
    rendered = _render(markdown, tuple(generated))
    state.current().cited[page.file.src_uri] = rendered.keys
    path = f"{state.current().project.docs_prefix}/{page.file.src_uri}"
    reported = state.current().reported_keys
    late = [k for k in rendered.unknown if k not in reported]
    report([Problem(path, 1, f"generated content cites unknown key '{k}'",
                    "correct the key in the front matter the content is generated from",
                    code="citation.unknown-generated-key") for k in late], log)
    reported.update(late)
    return rendered.markdown


# Under `mkdocs serve`: (Markdown, the keys that can be shown, the generated keys) -> the page's
# citation marks, made once while a page's Markdown is unchanged.
_renders: memo.Memo[tuple[str, frozenset[str], tuple[str, ...]], citations.Rendered] = memo.declare(
    "citations: pages rendered", bound=4096, last_build_only=True)


def _render(markdown: str, generated: tuple[str, ...]) -> citations.Rendered:
    build = state.current()
    references = _references().references
    if not build.serving:
        return citations.render(markdown, references, generated)
    shown = build.shared("keys of the references shown", lambda: frozenset(references))  # one set per build
    key = (markdown, shown, generated)
    done = _renders.get_or_make(key, citations.render, markdown, references, generated)
    return citations.Rendered(done.markdown, list(done.keys), list(done.unknown))


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    html = citations.restore_at(html)
    if citations.CITE not in html:
        return html
    for item in _toc_items(page.toc):  # a citation in a heading: the contents list shows the words only
        item.title = citations.drop_citation_marks(item.title)
    return citations.hide_citations(html)


def _toc_items(items: Iterable[AnchorLink]) -> Iterator[AnchorLink]:
    for item in items:
        yield item
        yield from _toc_items(item.children)


@event_priority(-50)  # after the search plugin (0) has indexed the page
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if page.content is None or "<!--cite:" not in page.content:
        return context
    own = abbreviations.page_definitions(page.markdown or "")
    page.content, anchors = _numbered(page.content, own)
    if page.present_anchor_ids is not None:  # checked after every page is built, like any anchor
        page.present_anchor_ids.update(anchors)
    return context


# Under `mkdocs serve`: (the page's HTML, the references shown and the abbreviations marked up
# in them, the page's own definitions) -> its HTML with the reference list, and the list's ids.
_numbers: memo.Memo[tuple[str, str, tuple[tuple[str, str], ...]], tuple[str, list[str]]] = memo.declare(
    "citations: pages numbered", bound=4096, last_build_only=True)


def _numbered(html: str, own: dict[str, str]) -> tuple[str, list[str]]:
    build = state.current()
    shown = build.shared("shown references", lambda: reference_format.shown_for(build.project, build.bibliography))
    key = None
    if build.serving:
        key = (html, build.shared("shown references, digest", lambda: memo.digest(
            [sorted(shown.formatted.items()), sorted(shown.meanings.items())])), tuple(sorted(own.items())))
        done = _numbers.get(key)
        if done is not None:
            return done[0], list(done[1])
    footnotes = citations.number_citations(html, shown.with_definitions(own))
    made = (citations.place_references(footnotes.html, footnotes.notes), list(footnotes.anchors))
    return _numbers.put(key, made) if key is not None else made
