"""Check every citation before the build renders anything, then render them as footnotes.

Why: stock mkdocs-bibtex drops an unknown or malformed citation with a log line, so the
reader silently loses a source. Here `on_files` runs the citation checks of
`core/citations.py` over every page (the same function `make check` runs), and
`on_page_markdown` (priority 10: after the generators at 50, which may insert citations,
and before mkdocs-bibtex at 0, which then finds nothing left) turns each valid `[@key]`
into a footnote whose text is the AMA reference, under a "References" heading at the end
of the page (the footnote carries a slot through Markdown; `on_page_content` puts the
formatted reference there). References are formatted in one batched pandoc run per bibliography
(`core/reference_format.py`), not once per page.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from core import abbreviations, citations, state
from core.problems import Problem, report
from core.reference_format import Formatted, references_for

log = logging.getLogger("mkdocs.hooks.citations")

_reported: set[str] = set()  # keys the sources name: the checks have reported their faults
_formatted: Formatted | None = None
_slot_map: dict[str, str] | None = None
_shown: _Shown | None = None  # the references as pages show them


@event_priority(80)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    global _formatted, _slot_map, _shown
    _formatted, _slot_map, _shown = None, None, None
    problems, named = citations.check_site(state.site(), state.bibliography())
    _reported.clear()
    _reported.update(named)  # any fault with these keys is reported at its source line
    report(problems, log)
    return files


def _references() -> Formatted:
    """The formatted references of this build: formatted (or read from cache) once."""
    global _formatted
    if _formatted is None:
        _formatted = references_for(state.project(), state.bibliography())
        if _formatted.pandoc_seconds is not None:
            log.info("citations: formatted %d reference(s) with one pandoc batch in %.2f s",
                     len(_formatted.references), _formatted.pandoc_seconds)
        report(_formatted.problems, log)
    return _formatted


def _slots() -> dict[str, str]:
    """Key -> the reference's slot: footnotes carry it through Markdown, `on_page_content`
    fills in the formatted reference (core.citations.reference_slot says why)."""
    global _slot_map
    if _slot_map is None:
        _slot_map = {key: citations.reference_slot(key) for key in _references().references}
    return _slot_map


@event_priority(10)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "@" not in markdown:
        return markdown
    rendered = citations.render(markdown, _slots())
    state.cited()[page.file.src_uri] = rendered.keys
    path = f"{state.project().docs_prefix}/{page.file.src_uri}"
    late = [k for k in rendered.unknown if k not in _reported]
    report([Problem(path, 1, f"generated content cites unknown key '{k}'",
                    "correct the key in the front matter the content is generated from") for k in late], log)
    _reported.update(late)
    return rendered.markdown


class _Shown(dict):
    """Key -> the reference as the page shows it: abbreviations marked up as Markdown marks
    up page text (from includes/abbreviations.md, appended to every page, and the page's own
    definitions). Each reference is marked up once per build, on first use."""

    def __init__(self, meanings: dict[str, str]) -> None:
        super().__init__()
        self.meanings = meanings

    def __missing__(self, key: str) -> str:
        text = _references().references.get(key)
        if text is None:
            raise KeyError(key)
        self[key] = shown = abbreviations.wrap(text, self.meanings)
        return shown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    global _shown
    if citations.REFERENCE_SLOT in html:
        if _shown is None:
            _shown = _Shown(abbreviations.load(state.project()).meanings)
        own = abbreviations.page_definitions(page.markdown or "")
        shown = _Shown({**own, **_shown.meanings}) if own else _shown
        html = citations.fill_references(html, shown)
    return citations.restore_at(html)
