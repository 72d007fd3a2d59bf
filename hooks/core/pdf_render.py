"""The WeasyPrint side of the PDF handouts: render one PDF, loading local files only.

Why a module of its own: importing WeasyPrint (and through it Pango) takes most of a
second, which `mkdocs serve` and HTML-only builds (`PDF_HANDOUTS=0`) never need.
`core.handouts` imports this module only when PDFs are rendered.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from core import memo
from core.pdf_jobs import Job, RefusedURL, Result, allowed


class LocalOnlyFetcher(URLFetcher):
    """WeasyPrint's URL fetcher, allowed to read `data:` URLs and files under `roots` only.

    Any failure stops the rendering (`fail_on_errors`); the fetcher remembers which URL
    failed and why, for the message.
    """

    def __init__(self, roots: tuple[str, ...]) -> None:
        super().__init__(fail_on_errors=True, allowed_protocols=("file", "data"))
        self.roots = roots
        self.failed: tuple[str, str] | None = None  # (url, reason)

    def fetch(self, url: str, headers: dict | None = None):  # noqa: ANN201 - WeasyPrint's response type
        if not allowed(url, self.roots):
            self.failed = (url, "")
            raise RefusedURL(f"refused to load {url}: only files inside the site are allowed")
        try:
            return super().fetch(url, headers)
        except Exception as exc:
            self.failed = (url, str(getattr(exc, "reason", exc)))
            raise


# Per worker process: the stylesheets parsed once, with the one font configuration they use.
_styles: memo.Memo[tuple[str, ...], tuple[FontConfiguration, list[CSS]]] = memo.declare(
    "pdf_render: parsed stylesheets", bound=8)


def render(job: Job) -> Result:
    """Render one PDF (runs in a worker process)."""
    start, cpu = time.perf_counter(), time.process_time()
    fetcher = LocalOnlyFetcher(job.roots)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    try:
        styles = _styles.get(job.css)
        if styles is None:
            fonts = FontConfiguration()
            styles = _styles.put(job.css, (fonts, [CSS(string=text, font_config=fonts, url_fetcher=fetcher)
                                                   for text in job.css]))
        fonts, sheets = styles
        document = HTML(string=job.html, base_url=Path(job.roots[0]).as_uri() + "/", url_fetcher=fetcher).render(
            stylesheets=sheets, font_config=fonts)
        os.makedirs(os.path.dirname(job.out), exist_ok=True)
        document.write_pdf(job.out, pdf_tags=True)  # tagged: screen readers get the structure
    except FatalURLFetchingError as exc:
        failed = fetcher.failed or (str(exc), str(exc.__cause__))
        return Result(job.key, time.perf_counter() - start, failed=failed)
    except Exception as exc:  # noqa: BLE001 - reported with the page named, never a traceback
        return Result(job.key, time.perf_counter() - start, error=f"{type(exc).__name__}: {exc}")
    return Result(job.key, time.perf_counter() - start, time.process_time() - cpu, pages=len(document.pages))
