"""What a PDF renderer is given and gives back: plain data shared by the planner
(core/handouts.py) and the renderer (core/pdf_render.py), so neither imports the other's
module at load time and the renderer's WeasyPrint is loaded only when PDFs are rendered.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.request import url2pathname

from core.print_html import inside


class RefusedURL(ValueError):
    """A resource the offline renderer will not load."""


def allowed(url: str, roots: tuple[str, ...]) -> bool:
    """True for a `data:` URL or a file inside one of `roots`: all that rendering may load."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return True
    return scheme == "file" and not parts.netloc and inside(url2pathname(parts.path), roots)


@dataclass(frozen=True)
class Job:
    """One PDF to render: plain data, so it can be sent to a worker process."""

    key: str  # page id, or BOOK_NAME
    html: str
    out: str
    css: tuple[str, ...]  # stylesheet texts
    roots: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    key: str
    seconds: float
    cpu: float = 0.0  # CPU seconds of the worker (wall time also counts waiting for a busy machine)
    pages: int = 0
    failed: tuple[str, str] | None = None  # (url, reason): a resource that could not be loaded
    error: str | None = None  # any other failure, one line
