"""PDF handouts of every page, and the whole site as one PDF, rendered during `mkdocs build`.

Why: clinics print handouts for patients and clinicians read offline. After the HTML is
written, every page's rendered body goes through the print templates in `overrides/print/`
and WeasyPrint, into `site/pdf/<page-id>.pdf` and `site/pdf/calcinosis-reference.pdf`.
Paper size and whether to render them are the settings `paper` and `pdf` under `extra:
calcinosis:` (core/settings.py; `make site PAPER=letter` and PDF_HANDOUTS=0 override them
for one build). `mkdocs serve` renders no PDFs, so the live preview stays fast; its pages show no "Download PDF" button, and they do
not even load the PDF code (about 30 ms of imports). The logic lives in
`core.handouts`, `core.print_html` and `core.diagrams`.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from core import diagrams, state
from core.pages import page_id
from core.problems import report

log = logging.getLogger("mkdocs.hooks.pdf_handouts")

def _rendering() -> bool:
    """PDFs are rendered by `mkdocs build`, not by `mkdocs serve` nor with the setting
    `pdf: false` or PDF_HANDOUTS=0 (an HTML-only build: `make bench` times the HTML that way)."""
    build = state.current()
    return build.settings.pdf and not build.serving


@event_priority(90)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if _rendering():
        report(diagrams.check(state.current().site, state.current().project), log)
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    sections = state.current().nav_sections

    def walk(items: list, section: str) -> None:
        for item in items:
            if isinstance(item, Section):
                walk(item.children, section or item.title)
            elif isinstance(item, Page):
                sections[item.file.src_uri] = section

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
        root = state.current().project.root
        images = {n: diagrams.print_image(root, pid, n, src)
                  for n, src in enumerate(diagram_sources(page.content), start=1)}
        state.current().print_pages[page.file.src_uri] = PrintPage(
            id=pid,
            src_uri=page.file.src_uri,
            path=f"{state.current().project.docs_prefix}/{page.file.src_uri}",
            title=str(page.meta.get("title") or page.title or pid),
            url=page.canonical_url or page.abs_url or page.url,
            reviewed=reviewed.isoformat() if isinstance(reviewed, dt.date) else str(reviewed or ""),
            description=str(page.meta.get("description") or ""),
            content=page.content,
            file_url=Path(page.file.abs_dest_path).resolve().as_uri(),
            section=state.current().nav_sections.get(page.file.src_uri, ""),
            kind=str(page.meta.get("kind") or ""),
            diagrams=images,
        )
    return output


def on_post_build(*, config: MkDocsConfig) -> None:
    build = state.current()
    pages = build.print_pages
    if not _rendering() or not pages:
        return
    from core import handouts

    project = build.project
    nav = [uri for uri in project.nav if uri in pages]
    ordered = [pages[uri] for uri in nav] + [pages[uri] for uri in sorted(set(pages) - set(nav))]
    folder = os.path.join(config.theme.custom_dir or os.path.join(project.root, "overrides"), "print")
    templates = handouts.Templates(folder, config.site_name, config.site_url or "", build.settings.page_size,
                                  config.copyright or "")
    roots = (os.path.abspath(config.site_dir), project.docs_dir, os.path.join(project.root, diagrams.DIAGRAMS_DIR))
    texts = {page.id: page.text for page in build.site.pages.values()}
    day = handouts.book_date(ordered, os.environ.get("SOURCE_DATE_EPOCH"))
    outcome = handouts.build_pdfs(ordered, templates, config.site_dir, roots, texts, day)
    report(outcome.problems, log)
    if outcome.errors:
        raise PluginError("PDF rendering failed:\n" + "\n".join(outcome.errors))
    build.pdf_stats = outcome.stats
    log.info("pdf_handouts: %s", outcome.stats.summary())
