"""PDF handouts of every page, and the whole site as one PDF, rendered during `mkdocs build`.

Why: clinics print handouts for patients and clinicians read offline. After the HTML is
written, every page's rendered body goes through the print templates in `overrides/print/`
and WeasyPrint, into `site/pdf/<page-id>.pdf` and `site/pdf/calcinosis-reference.pdf`.
Paper size comes from `PDF_PAPER` (set by `make site PAPER=letter`; A4 by default).
`mkdocs serve` renders no PDFs, so the live preview stays fast, and neither does a build
with `PDF_HANDOUTS=0` (HTML only); their pages show no "Download PDF" button, and they do
not even load the PDF code (about 30 ms of imports). The logic lives in
`core.handouts`, `core.print_html` and `core.diagrams`.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from core import diagrams, state
from core.codes import tag
from core.pages import page_id
from core.problems import report

if TYPE_CHECKING:
    from core.print_html import PrintPage

log = logging.getLogger("mkdocs.hooks.pdf_handouts")

_command: str | None = None
_paper = "A4"
_pages: dict[str, PrintPage] = {}
_sections: dict[str, str] = {}


def _rendering() -> bool:
    """PDFs are rendered by `mkdocs build`, not by `mkdocs serve` nor with PDF_HANDOUTS=0
    (an HTML-only build: `make bench` times the HTML that way)."""
    return _command != "serve" and os.environ.get("PDF_HANDOUTS", "").strip() != "0"


def on_startup(*, command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _paper
    if not _rendering():
        return config
    from core import handouts

    value = os.environ.get("PDF_PAPER", "")
    paper = handouts.paper_size(value)
    if paper is None:
        raise PluginError(tag(f"PDF_PAPER='{value}' is not a paper size the PDFs support. "
                              f"Fix: use one of {', '.join(handouts.PAPERS)} (e.g. 'make site PAPER=letter').",
                              "pdf.paper"))
    _paper = paper
    return config


@event_priority(90)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    _pages.clear()
    if _rendering():
        report(diagrams.check(state.site(), state.project()), log)
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    _sections.clear()

    def walk(items: list, section: str) -> None:
        for item in items:
            if isinstance(item, Section):
                walk(item.children, section or item.title)
            elif isinstance(item, Page):
                _sections[item.file.src_uri] = section

    walk(nav.items, "")
    return nav


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    # overrides/main.html shows the "Download PDF" button where this is set: only when the
    # build renders the PDFs, so that no button leads nowhere.
    if _rendering():
        from core import handouts

        page.meta["pdf_handout"] = f"{handouts.PDF_DIR}/{page_id(page.file.src_uri)}.pdf"
    return context


@event_priority(-100)  # after every hook that changes page.content
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if _rendering() and page.content is not None:
        from core.print_html import PrintPage, diagram_sources

        pid = page_id(page.file.src_uri)
        reviewed = page.meta.get("reviewed")
        root = state.project().root
        images = {n: diagrams.print_image(root, pid, n, src)
                  for n, src in enumerate(diagram_sources(page.content), start=1)}
        _pages[page.file.src_uri] = PrintPage(
            id=pid,
            src_uri=page.file.src_uri,
            path=f"{state.project().docs_prefix}/{page.file.src_uri}",
            title=str(page.meta.get("title") or page.title or pid),
            url=page.canonical_url or page.abs_url or page.url,
            reviewed=reviewed.isoformat() if isinstance(reviewed, dt.date) else str(reviewed or ""),
            description=str(page.meta.get("description") or ""),
            content=page.content,
            file_url=Path(page.file.abs_dest_path).resolve().as_uri(),
            section=_sections.get(page.file.src_uri, ""),
            kind=str(page.meta.get("kind") or ""),
            diagrams=images,
        )
    return output


def on_post_build(*, config: MkDocsConfig) -> None:
    if not _rendering() or not _pages:
        return
    from core import handouts

    project = state.project()
    nav = [uri for uri in project.nav if uri in _pages]
    ordered = [_pages[uri] for uri in nav] + [_pages[uri] for uri in sorted(set(_pages) - set(nav))]
    folder = os.path.join(config.theme.custom_dir or os.path.join(project.root, "overrides"), "print")
    templates = handouts.Templates(folder, config.site_name, config.site_url or "", _paper, config.copyright or "")
    roots = (os.path.abspath(config.site_dir), project.docs_dir, os.path.join(project.root, diagrams.DIAGRAMS_DIR))
    texts = {page.id: page.text for page in state.site().pages.values()}
    day = handouts.book_date(ordered, os.environ.get("SOURCE_DATE_EPOCH"))
    outcome = handouts.build_pdfs(ordered, templates, config.site_dir, roots, texts, day)
    report(outcome.problems, log)
    if outcome.errors:
        raise PluginError("PDF rendering failed:\n" + "\n".join(outcome.errors))
    handouts.last_stats = outcome.stats
    log.info("pdf_handouts: %s", outcome.stats.summary())
