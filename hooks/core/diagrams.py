"""Mermaid diagrams in print: committed SVG images, checked against the diagram source.

Why: Mermaid draws diagrams in the reader's browser, and the PDF renderer (WeasyPrint) runs
no JavaScript. Rather than need a browser in every build, `make diagrams`
(tools/diagrams.py) draws each diagram once with Debian's chromium and the pinned Mermaid,
and the SVG is committed under `diagrams/` as `<page-id>-<n>.svg`, with the SHA-256 of the
diagram source it was drawn from in its first line. The build and `make check` compare that
hash with the page: a diagram changed without redrawing its image is a content error, so a
PDF never shows an out-of-date diagram.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass

from core.mdtext import fences
from core.pages import Site
from core.problems import Problem
from core.project import Project

DIAGRAMS_DIR = "diagrams"
MERMAID_DEST = "assets/javascripts/mermaid.min.js"  # where the site serves its copy of Mermaid


def mermaid_source(project_root: str) -> str:
    """Path of the pinned Mermaid build installed by `npm ci` (served by hooks/mermaid_assets.py,
    drawn with by `make diagrams`, compared by `make verify`)."""
    return os.path.join(project_root, "node_modules", "mermaid", "dist", "mermaid.min.js")


FIX = "run 'make diagrams' (it needs Debian's chromium) and commit the files it writes in diagrams/"

_MERMAID = re.compile(r"^[ \t]*\{?[ \t]*\.?mermaid\b")
_HASH = re.compile(r"\A<!-- mermaid-source-sha256: ([0-9a-f]{64})")


@dataclass(frozen=True)
class Block:
    """One Mermaid fence in a page: its 1-based position, file line and source."""

    number: int
    line: int
    source: str


def normalize(source: str) -> str:
    """The diagram text as both Markdown and rendered HTML give it: no outer blank lines,
    no trailing spaces."""
    lines = [line.rstrip() for line in source.replace("\r\n", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def source_hash(source: str) -> str:
    return hashlib.sha256(normalize(source).encode("utf-8")).hexdigest()


def mermaid_blocks(text: str) -> list[Block]:
    """Every ```mermaid fence in a page's text, with the line of its opening fence.

    Other fences are skipped whole, so a Mermaid example shown inside a code block is not
    taken for a diagram.
    """
    blocks: list[Block] = []
    lines = text.split("\n")
    for fence in fences(text):  # core.mdtext: one scanner of fenced code for every check
        if _MERMAID.match(fence.info):
            indent = fence.indent
            body = [line[len(indent):] if line.startswith(indent) else line.lstrip()
                    for line in lines[fence.first + 1:fence.last]]
            blocks.append(Block(len(blocks) + 1, fence.first + 1, "\n".join(body)))
    return blocks


def svg_name(page_id: str, number: int) -> str:
    return f"{page_id}-{number}.svg"


def svg_path(root: str, page_id: str, number: int) -> str:
    return os.path.join(root, DIAGRAMS_DIR, svg_name(page_id, number))


def stamp(svg: str, digest: str, origin: str) -> str:
    """Put the source hash in the SVG's first line (where `recorded_hash` reads it)."""
    return f"<!-- mermaid-source-sha256: {digest} drawn by make diagrams from {origin} -->\n{svg}\n"


def recorded_hash(path: str) -> str | None:
    """The source hash an SVG was drawn from, or None when the file is missing or unstamped."""
    try:
        with open(path, encoding="utf-8") as fh:
            first = fh.readline()
    except OSError:
        return None
    match = _HASH.match(first)
    return match[1] if match else None


def print_image(root: str, page_id: str, number: int, source: str) -> str | None:
    """The committed SVG for a diagram, if it exists and was drawn from this very source."""
    path = svg_path(root, page_id, number)
    return path if recorded_hash(path) == source_hash(source) else None


def check(site: Site, project: Project) -> list[Problem]:
    """Every diagram has an up-to-date print image in diagrams/."""
    problems: list[Problem] = []
    for page in site.pages.values():
        for block in mermaid_blocks(page.text):
            name = f"{DIAGRAMS_DIR}/{svg_name(page.id, block.number)}"
            recorded = recorded_hash(svg_path(project.root, page.id, block.number))
            if recorded is None:
                what, code = f"diagram {block.number} on this page has no print image {name}", "diagrams.missing-image"
            elif recorded != source_hash(block.source):
                what = f"diagram {block.number} on this page changed after its print image {name} was drawn"
                code = "diagrams.stale-image"
            else:
                continue
            problems.append(Problem(page.path, block.line, what, FIX, code=code))
    return problems


_MERMAID_BLOCK = re.compile(r'<pre class="mermaid">.*?</pre>', re.S)
DIAGRAM_FRAME = ('<div class="diagram" role="region" tabindex="0" '
                 'aria-label="Diagram (on a narrow screen, scroll sideways to see all of it)">')


def framed_diagrams(page_html: str) -> str:
    """Each Mermaid block of a page's HTML inside a frame that scrolls sideways.

    A flowchart shrunk to a phone's width has unreadable words; in the frame it keeps a
    readable width (site.css) and the reader scrolls it. The frame can take the keyboard
    focus, so that it can be scrolled without a mouse."""
    if '<pre class="mermaid">' not in page_html:
        return page_html
    return _MERMAID_BLOCK.sub(lambda m: f"{DIAGRAM_FRAME}{m.group(0)}</div>", page_html)
