"""Read every Markdown page once per build into one model that all checks share.

File-level faults (not UTF-8, empty, duplicate page id, broken front matter) are found
here, before MkDocs reads the files, so they become one clear message each instead of a
traceback from deep inside MkDocs.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from core import memo
from core.frontmatter import FrontMatter, parse_front_matter
from core.mdtext import MAX_NESTING, nesting_line
from core.problems import Problem


# The kinds of page (front matter `kind:`), and those whose statements must cite a source:
# the one place they are written (core/metadata.py checks them, core/citations.py and
# core/verify.py hold clinical pages to their references, core/body_sites.py to its owners).
KINDS = ("about", "overview", "type", "condition", "diagnosis", "differential", "treatment", "patient")
CLINICAL = ("overview", "type", "condition", "diagnosis", "differential", "treatment")
SEARCH_INDEX = "search/search_index.json"  # where Material's search plugin writes its index, in the site
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass
class SourcePage:
    """One Markdown source file, read and split once."""

    src_uri: str  # relative to docs_dir, with forward slashes, e.g. "types/dystrophic.md"
    path: str  # as shown in messages, e.g. "docs/types/dystrophic.md"
    id: str
    text: str
    front: FrontMatter = field(default_factory=FrontMatter)

    @property
    def meta(self) -> dict:
        return self.front.meta

    @property
    def kind(self) -> str | None:
        kind = self.front.meta.get("kind")
        return kind if isinstance(kind, str) else None


@dataclass
class Site:
    """All pages of one build, keyed by page id."""

    pages: dict[str, SourcePage] = field(default_factory=dict)
    docs_prefix: str = "docs"
    # Files that exist but are left out of the model (not UTF-8, or a duplicate id): their
    # own problem is reported once, and links to them are not reported again.
    unread: set[str] = field(default_factory=set)

    def by_uri(self, src_uri: str) -> SourcePage | None:
        for page in self.pages.values():
            if page.src_uri == src_uri:
                return page
        return None


def page_id(src_uri: str) -> str:
    """A page's id is its file name without extension; `index.md` takes its folder's name."""
    parts = src_uri.replace("\\", "/").split("/")
    stem = os.path.splitext(parts[-1])[0]
    if stem == "index":
        return parts[-2] if len(parts) > 1 else "home"
    return stem


def relative_url(url: str, from_url: str) -> str:
    """The link from the page at `from_url` to `url` (site-relative URLs such as
    'conditions/ckd/', './' or 'index.html'), made as MkDocs' `get_relative_url` makes it."""
    folder, _, name = from_url.rpartition("/")
    if "." in name:
        from_url = folder
    here, there = _parts(from_url), _parts(url)
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    return rel + "/" if url.endswith("/") else rel


def _parts(path: str) -> list[str]:
    path = posixpath.normpath("/" + path.lstrip("/"))[1:]
    return path.split("/") if path else []


def read_page(src_uri: str, raw: bytes, docs_prefix: str = "docs") -> tuple[SourcePage | None, list[Problem]]:
    """Decode and split one page; `None` when it cannot be used at all."""
    path = f"{docs_prefix}/{src_uri}"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            Problem(path, line, f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
                    "save the file as UTF-8 in your editor (File > Save with encoding > UTF-8)", code="page.not-utf8")
        ]
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as Python-Markdown reads line ends
    front, problems = parse_front_matter(text, path)
    nested = nesting_line(front.body)
    if nested is not None:
        front.refused = True
        problems.append(Problem(path, front.body_line + nested[0], f"{nested[1]} are nested more than "
                                f"{MAX_NESTING} levels deep", "flatten the text: no page needs so many levels, and "
                                "the Markdown converter cannot read them", code="page.too-deep"))
    control = _CONTROL.search(text)
    if control:
        problems.append(Problem(path, text.count("\n", 0, control.start()) + 1,
                                f"the page contains the control character U+{ord(control.group()):04X}",
                                "delete it (it is invisible in most editors: retype the line)",
                                code="page.control-character"))
    page = SourcePage(src_uri=src_uri, path=path, id=page_id(src_uri), text=text, front=front)
    if not front.body.strip():
        problems.append(Problem(path, front.body_line, "page has no content",
                                "write the page body below the front matter, or delete the file", code="page.empty"))
    return page, problems


# A page read, by its src_uri, bytes and folder prefix: a `mkdocs serve` rebuild reads only
# the pages that changed. Nothing changes a SourcePage once it is read.
_read: memo.Memo[tuple[str, bytes, str], tuple[SourcePage | None, list[Problem]]] = memo.declare(
    "pages: pages read", bound=4096, last_build_only=True)


def build_site(sources: Iterable[tuple[str, bytes]], docs_prefix: str = "docs") -> tuple[Site, list[Problem]]:
    """Read all `(src_uri, raw bytes)` pages into a `Site`; report duplicate ids."""
    site = Site(docs_prefix=docs_prefix)
    problems: list[Problem] = []
    for src_uri, raw in sorted(sources):
        key = (src_uri, raw, docs_prefix)
        page, found = _read.get_or_make(key, read_page, src_uri, raw, docs_prefix)
        problems.extend(found)
        if page is None:
            site.unread.add(src_uri)
            continue
        other = site.pages.get(page.id)
        if other is not None:
            problems.append(Problem(page.path, 1, f"duplicate page id '{page.id}': {other.path} has the same file name",
                                    "page ids are file names and must be unique across docs/: rename one file",
                                    code="page.duplicate-id"))
            site.unread.add(src_uri)
            continue
        site.pages[page.id] = page
    return site, problems


def scan_docs(docs_dir: str, docs_prefix: str = "docs") -> tuple[Site, list[Problem]]:
    """Read every `*.md` under `docs_dir` from disk (the `make check` path)."""
    sources = []
    for root, _dirs, names in os.walk(docs_dir):
        for name in names:
            full = os.path.join(root, name)
            if name.endswith(".md") and not os.path.islink(full):  # links: core/published_files.py
                src_uri = os.path.relpath(full, docs_dir).replace(os.sep, "/")
                with open(full, "rb") as fh:
                    sources.append((src_uri, fh.read()))
    return build_site(sources, docs_prefix)
