"""Render the PDF handouts and the whole-site PDF with WeasyPrint, offline and reproducibly.

Why: clinics print handouts and clinicians read offline. Every page becomes an A4 (or US
Letter) PDF from the print templates in `overrides/print/`, and all pages together become
one PDF with a cover and a table of contents. Rendering loads local files only: any other
address is refused and reported against the page that asked for it. The same input gives
the same bytes (dates come from the pages, not the clock), and the PDFs are rendered in
parallel on every core.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import statistics
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import jinja2
import segno
from markupsafe import Markup

from core.pdf_jobs import Job, Result, allowed
from core.print_html import PrintPage, anchor_prefix, line_of, long_date, prepare
from core.problems import Problem

PDF_DIR = "pdf"
BOOK_NAME = "calcinosis-reference"
EXTERNAL_FIX = ("PDFs are rendered offline and load nothing from other hosts: save the file under "
                "docs/assets/ and link it with a relative path, or remove it")


@dataclass
class Stats:
    """Timings of the last render, for the build log and the benchmark."""

    handouts: dict[str, float] = field(default_factory=dict)  # page id -> seconds
    handouts_cpu: dict[str, float] = field(default_factory=dict)  # page id -> CPU seconds
    book: float = 0.0
    wall: float = 0.0
    workers: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.handouts.values()) if self.handouts else 0.0

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.handouts_cpu.values()) if self.handouts_cpu else 0.0

    def summary(self) -> str:
        return (f"{len(self.handouts)} PDF handouts and the whole-site PDF in {self.wall:.1f} s with "
                f"{self.workers} workers (median {self.median:.2f} s per handout, whole site {self.book:.1f} s)")




def pdf_date(day: dt.date | str) -> str:
    """A W3C date for the PDF's creation and modification fields (never the clock)."""
    return day.isoformat() if isinstance(day, dt.date) else str(day)


def book_date(pages: Iterable[PrintPage], source_date_epoch: str | None) -> str:
    """The whole-site PDF's date: SOURCE_DATE_EPOCH when set, else the latest review date."""
    if source_date_epoch and source_date_epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(source_date_epoch), dt.timezone.utc).date().isoformat()
    dates = [p.reviewed for p in pages if p.reviewed]
    return max(dates) if dates else "1970-01-01"


def qr_data_uri(url: str) -> str:
    """A QR code for `url` as an inline SVG image (drawn locally by segno)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#000", nl=False)


@dataclass
class Templates:
    """The print templates and stylesheet in `overrides/print/`."""

    folder: str
    site_name: str
    site_url: str
    paper: str  # CSS page size
    copyright: str = ""

    def __post_init__(self) -> None:
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(self.folder), autoescape=True, undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
        )
        self.env.filters["long_date"] = long_date

    def stylesheets(self) -> tuple[str, ...]:
        with open(os.path.join(self.folder, "print.css"), encoding="utf-8") as fh:
            css = fh.read()
        return css, f"@page {{ size: {self.paper}; }}"

    def _common(self) -> dict:
        return {"site_name": self.site_name, "site_url": self.site_url, "copyright": self.copyright,
                "disclaimer_url": self.site_url.rstrip("/") + "/about/disclaimer/"}

    def handout(self, page: PrintPage, content: str) -> str:
        return self.env.get_template("handout.html").render(
            page=page, content=Markup(content), qr=qr_data_uri(page.url), date=pdf_date(page.reviewed or "1970-01-01"),
            **self._common())

    def book(self, chapters: list[tuple[PrintPage, str]], date: str) -> str:
        return self.env.get_template("book.html").render(
            chapters=[{"page": p, "anchor": anchor_prefix(p.id), "content": Markup(c)} for p, c in chapters],
            qr=qr_data_uri(self.site_url), date=date, **self._common())


def render_all(jobs: list[Job], workers: int | None = None) -> list[Result]:
    """Render every job, in parallel on `workers` processes (all cores by default). WeasyPrint
    and Pango are imported here, on first use, so that `mkdocs serve` and an HTML-only build
    never load them (most of a second)."""
    from core.pdf_render import render  # imported before the workers fork, so they share it

    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    if workers == 1:
        return [render(job) for job in jobs]
    # Longest first: the whole-site PDF starts at once while the handouts share the rest.
    ordered = sorted(jobs, key=lambda j: -len(j.html))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(render, ordered))


@dataclass
class Outcome:
    problems: list[Problem]
    errors: list[str]  # failures that are not the content's fault
    stats: Stats


def build_pdfs(pages: list[PrintPage], templates: Templates, site_dir: str, roots: tuple[str, ...],
               texts: dict[str, str], book_day: str, workers: int | None = None) -> Outcome:
    """Write `site_dir/pdf/<id>.pdf` for every page, and the whole-site PDF of them in order.

    `texts` maps page ids to their Markdown source, to find the line of a refused resource.
    """
    out_dir = os.path.join(site_dir, PDF_DIR)
    css = templates.stylesheets()
    problems: list[Problem] = []
    blocked: set[str] = set()
    by_id = {p.id: p for p in pages}
    jobs: list[Job] = []
    for page in pages:
        prepared = prepare(page)
        outside = [r for r in prepared.resources if not allowed(r.url, roots)]
        for resource in outside:
            problems.append(_problem(page, resource.written, resource.url, "", texts))
        if outside:
            blocked.add(page.id)
            continue
        jobs.append(Job(page.id, templates.handout(page, prepared.html), os.path.join(out_dir, f"{page.id}.pdf"), css, roots))
    if not blocked:
        addresses = {p.url: p.id for p in pages}
        chapters = [(p, prepare(p, book=addresses).html) for p in pages]
        jobs.append(Job(BOOK_NAME, templates.book(chapters, book_day), os.path.join(out_dir, f"{BOOK_NAME}.pdf"), css, roots))
    started = time.perf_counter()
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    try:
        results = render_all(jobs, workers)
    except BrokenProcessPool as exc:  # a worker was killed (out of memory, a crash in a C library)
        return Outcome(problems, [f"a PDF worker process stopped unexpectedly ({exc})"], Stats(workers=workers))
    stats = Stats(workers=workers, wall=time.perf_counter() - started)
    errors: list[str] = []
    for result in results:
        owner = by_id.get(result.key)
        if result.failed:
            url, reason = result.failed
            if owner is not None:
                problems.append(_problem(owner, url, url, reason, texts))
            else:
                errors.append(f"whole-site PDF: cannot load {url} {reason}".rstrip())
        elif result.error:
            errors.append(f"{owner.path if owner else 'whole-site PDF'}: the PDF could not be rendered: {result.error}")
        elif owner is None:
            stats.book = result.seconds
        else:
            stats.handouts[result.key] = result.seconds
            stats.handouts_cpu[result.key] = result.cpu
    return Outcome(problems, errors, stats)


def _problem(page: PrintPage, written: str, url: str, reason: str, texts: dict[str, str]) -> Problem:
    """A resource the handout cannot load, on the line of the page that names it."""
    line = line_of(texts.get(page.id, ""), written)
    if reason:
        return Problem(page.path, line, f"the PDF handout cannot load '{url}' ({reason})",
                       "check that the file exists under docs/ and that the path is spelled right",
                       code="pdf.unreadable")
    if urlsplit(url).scheme.lower() == "file":
        return Problem(page.path, line, f"the PDF handout cannot load '{url}': it is outside the site",
                       "save the file under docs/assets/ and link it with a relative path", code="pdf.outside-site")
    return Problem(page.path, line, f"the PDF handout cannot load '{url}'", EXTERNAL_FIX, code="pdf.remote")
