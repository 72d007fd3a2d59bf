"""Cross-references in prose: links resolve, inbound section links use stable ids, no orphans.

Why: MkDocs validates links and anchors too, but names no line, and it accepts a link to
another page's section through an auto-generated heading slug, which breaks silently the
day someone retitles that heading. Here every relative Markdown link in every page body
is checked with its file line; a link into another page's section must target an
explicit heading id (`## Histopathology { #histopathology }`); and every page must be in
the nav and linked from some other page (prose, a Related pages block or a generated
table). One pass over all pages: linear in their size.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from markdown.extensions.toc import slugify, unique

from core import memo, overview, related, reviews
from core.graph import graph_for
from core.mdtext import ATTR_ID, heading_text, prose_lines
from core.metadata import front_matter_failed
from core.pages import Site, SourcePage
from core.problems import Problem
from core.project import Project

_HEADING = re.compile(r"^[ \t]*(#{1,6})[ \t]+(.*?)[ \t]*$")
_BLOCK_ATTRS = re.compile(r"^[ \t]*\{:?([^}\n]*)\}[ \t]*$")
_HTML_ID = re.compile(r"""<[a-zA-Z][^>]*?\sid=["']([^"']+)["']""")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^\s()<>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REF_DEF = re.compile(r"^[ ]{0,3}\[(?!\^)[^\]]+\]:\s*<?([^\s>]+)>?")
_HTML_HREF = re.compile(r"""<a\s[^>]*?href=["']([^"']+)["']""")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
SHOWN_IDS = 10
REFERENCES_ANCHOR = "references"


@dataclass
class Heading:
    line: int
    text: str
    explicit: bool


@dataclass
class Anchors:
    """The ids of one page: explicit ones and the slugs toc gives the other headings."""

    ids: dict[str, Heading | None] = field(default_factory=dict)  # id -> heading (None: not a heading)

    def explicit_ids(self) -> list[str]:
        return [i for i, h in self.ids.items() if h is None or h.explicit]


@dataclass
class Link:
    line: int
    target: str  # as written


def scan(page: SourcePage) -> tuple[Anchors, list[Link]]:
    """The ids and the relative links of one page body, with file lines."""
    anchors = Anchors()
    links: list[Link] = []
    pending: list[Heading] = []
    previous = ""
    for number, line in prose_lines(page.front.body, page.front.body_line):
        heading = _HEADING.match(line) if "#" in line else None
        if heading:
            text, explicit = heading_text(heading.group(2))
            if explicit:
                anchors.ids.setdefault(explicit, Heading(number, text, True))
            else:
                pending.append(Heading(number, text, False))
        elif "{" in line and previous.strip():  # attr_list sets an id from the last line of a block only
            block = _BLOCK_ATTRS.match(line)
            if block:
                found = ATTR_ID.search(block.group(1))
                if found:
                    anchors.ids.setdefault(found.group(1), None)
        if "<" in line:
            for found in _HTML_ID.finditer(line):
                anchors.ids.setdefault(found.group(1), None)
            links.extend(Link(number, m.group(1)) for m in _HTML_HREF.finditer(line))
        if "](" in line:
            links.extend(Link(number, m.group(1)) for m in _INLINE_LINK.finditer(line))
        if "]:" in line:
            ref = _REF_DEF.match(line)
            if ref:
                links.append(Link(number, ref.group(1)))
        previous = line
    # toc gives ids to headings without one after all explicit ids are known.
    used = set(anchors.ids)
    for waiting in pending:
        slug = unique(slugify(waiting.text, "-"), used)  # Python-Markdown's own rule for repeated ids
        anchors.ids[slug] = waiting
    return anchors, links


# A page body's ids and links, by its text and first line: a `mkdocs serve` rebuild scans
# only the pages that changed.
_scans: memo.Memo[tuple[str, int], tuple[Anchors, list[Link]]] = memo.declare("crossrefs: pages scanned", bound=4096, last_build_only=True)


def _scanned(page: SourcePage) -> tuple[Anchors, list[Link]]:
    """`scan(page)`, with ids of its own that `check` may add to."""
    key = (page.front.body, page.front.body_line)
    anchors, links = _scans.get_or_make(key, scan, page)
    return Anchors(dict(anchors.ids)), links


def _split(target: str) -> tuple[str, str] | None:
    """(path, fragment) of a link to check, or None for links outside our remit."""
    if not target or target.startswith(("/", "//")) or _SCHEME.match(target):
        return None
    path, _, fragment = target.partition("#")
    path = unquote(path.partition("?")[0])
    if path and not path.endswith(".md"):
        return None  # images, downloads, folders: MkDocs' own validation covers them
    return path, unquote(fragment)


def _shown(ids: list[str]) -> str:
    shown = ", ".join(ids[:SHOWN_IDS])
    return shown + (", ..." if len(ids) > SHOWN_IDS else "")


def check(site: Site, project: Project) -> list[Problem]:
    """Link targets, section ids, nav membership and orphan pages of the whole site."""
    graph = graph_for(site, project)
    by_uri = {page.src_uri: page for page in site.pages.values()}
    scanned = {pid: _scanned(page) for pid, page in site.pages.items()}
    for pid in site.pages:
        if graph.neighbours(pid):  # the page gets a Related pages section
            scanned[pid][0].ids.setdefault(related.ANCHOR, Heading(0, "Related pages", True))
        if "[@" in site.pages[pid].front.body:  # hooks/citations.py adds "## References" to citing pages
            scanned[pid][0].ids.setdefault(REFERENCES_ANCHOR, Heading(0, "References", True))
    problems: list[Problem] = []
    linked_from: dict[str, str] = {}

    for pid, page in site.pages.items():
        here = posixpath.dirname(page.src_uri)
        for link in scanned[pid][1]:
            parts = _split(link.target)
            if parts is None:
                continue
            path, fragment = parts
            target = page
            if path:
                uri = posixpath.normpath(posixpath.join(here, path))
                found = by_uri.get(uri)
                if found is None:
                    if uri not in site.unread:  # an unread file's own problem says it all
                        problems.append(_missing_page(page, link, uri, site))
                    continue
                target = found
                if target.id != pid:
                    linked_from.setdefault(target.id, pid)
            if not fragment or fragment.startswith(("fn:", "fnref:")):
                continue
            problem = _anchor_problem(page, link, target, fragment, scanned[target.id][0])
            if problem:
                problems.append(problem)

    for source_id in site.pages:
        for other in graph.neighbours(source_id):
            linked_from.setdefault(other, source_id)
    for target_id, source_id in overview.linked_by_tables(graph, site).items():
        linked_from.setdefault(target_id, source_id)
    if reviews.POLICY_ID in site.pages:
        for source in site.pages:
            if source != reviews.POLICY_ID:
                linked_from.setdefault(reviews.POLICY_ID, source)
                break

    nav = set(project.nav)
    for pid, page in site.pages.items():
        if nav and page.src_uri not in nav:
            problems.append(Problem(page.path, 1, "page is not in the nav",
                                    f"add '{page.src_uri}' to the nav in mkdocs.yml, in its section",
                                    code="links.not-in-nav"))
        # A page whose front matter cannot be read has lost its relations: that error comes first.
        if pid not in linked_from and page.src_uri != "index.md" and not front_matter_failed(page):
            problems.append(Problem(
                page.path, 1, "page is linked from no other page (an orphan)",
                "link to it from the text of a related page, or relate it in front matter "
                "(e.g. see_also) so that it appears in another page's Related pages block", code="links.orphan"))
    return problems


def _missing_page(page: SourcePage, link: Link, uri: str, site: Site) -> Problem:
    where = f"{site.docs_prefix}/{uri}" if not uri.startswith("../") else "a file outside docs/"
    fix = "links are relative to this file's folder; check the path and the file name"
    guess = site.pages.get(posixpath.splitext(posixpath.basename(uri))[0])
    if guess is not None:
        fragment = link.target.partition("#")[2]
        rel = posixpath.relpath(guess.src_uri, posixpath.dirname(page.src_uri) or ".")
        fix = f"did you mean '{rel}{'#' + fragment if fragment else ''}'? " + fix
    return Problem(page.path, link.line, f"link to '{link.target}' points to no page ({where} does not exist)", fix,
                   code="links.missing-page")


def _anchor_problem(page: SourcePage, link: Link, target: SourcePage, fragment: str,
                    anchors: Anchors) -> Problem | None:
    own = target.id == page.id
    where = "this page" if own else target.path
    if fragment not in anchors.ids:
        ids = anchors.ids if own else anchors.explicit_ids()
        listed = f"the section ids of {where} are: {_shown(list(ids))}" if ids else f"{where} has no section ids"
        return Problem(page.path, link.line, f"link to '{link.target}' names no section of {where}",
                       f"{listed}; or add '{{ #{fragment} }}' to the heading you mean", code="links.missing-anchor")
    heading = anchors.ids[fragment]
    if own or heading is None or heading.explicit:
        return None
    return Problem(
        page.path, link.line,
        f"link to '{link.target}' targets the heading '{heading.text}' ({target.path}:{heading.line}), "
        "which has no explicit id",
        f"add '{{ #{fragment} }}' to the end of that heading, so retitling it cannot break this link",
        code="links.implicit-anchor")
