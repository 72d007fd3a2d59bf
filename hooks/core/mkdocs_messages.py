"""MkDocs' own warnings about a contributor's files, in the project's one message shape.

Why: MkDocs checks the nav and the links of every page too, but says so without a line
or a fix ("A reference to 'x.md' is included in the 'nav' configuration, which is not
found in the documentation files."), and for a link our own check has already reported
with its line, it says it a second time. `rewrite` turns each such warning into
`file:line: what. Fix: how [code]`, or drops it when core/crossrefs.py has reported the same
link; any other MkDocs message is left as it is.
"""

from __future__ import annotations

import re

from core.pages import Site
from core.problems import Problem
from core.project import Project

_NAV_MISSING = re.compile(r"A reference to '(?P<target>.+)' is included in the 'nav' configuration, "
                          r"which is not found in the documentation files\.$")
_DOC_LINK = re.compile(r"Doc file '(?P<page>[^']+)' contains (?:a link|an unrecognized relative link) "
                       r"'(?P<target>[^']+)'(?P<rest>.*)$", re.DOTALL)
_FOOTNOTE = re.compile(r"Doc file '(?P<page>[^']+)' contains a link '#fnref:(?P<name>[^']+)', but there is no "
                       r"such anchor on this page\. This seems to be a footnote that is never referenced\.$")


def rewrite(message: str, project: Project, site: Site, reported: set[tuple[str, str]]) -> str | None:
    """The warning in the project's shape, or None to drop it (already reported by our own
    check: `reported` holds (page path, link target) pairs), or `message` unchanged."""
    if _NAV_MISSING.match(message):
        return None  # core/site_config.py reports it, with its line, in the build and in make check
    match = _FOOTNOTE.match(message)
    if match:
        path = f"{project.docs_prefix}/{match.group('page')}"
        name = match.group("name")
        line = _line_of(site, match.group("page"), f"[^{name}]:")
        return str(Problem(path, line, f"footnote '[^{name}]' is defined but never referenced",
                           f"write [^{name}] where it belongs in the text, or delete the definition (citations "
                           "are written [@key], not as footnotes)", code="footnote.unreferenced"))
    match = _DOC_LINK.match(message)
    if match:
        path = f"{project.docs_prefix}/{match.group('page')}"
        target = match.group("target")
        if (path, target) in reported:
            return None
        line = _line_of(site, match.group("page"), target)
        return str(Problem(path, line, f"link to '{target}' points to no file of the site",
                           "links are relative to this file's folder and name a page (.md) or a file under "
                           "docs/: check the path and the file name", code="links.missing-file"))
    return message


_OUR_LINK = re.compile(r"link to '(?P<target>.+?)' (?:points to no page|names no section)")


def reported_links(problems: list[Problem]) -> set[tuple[str, str]]:
    """(page path, link target) of every link core/crossrefs.py reported as broken."""
    return {(p.path, m.group("target")) for p in problems if (m := _OUR_LINK.match(p.what))}


def _line_of(site: Site, src_uri: str, needle: str) -> int:
    page = site.by_uri(src_uri)
    if page is None:
        return 1
    index = page.text.find(needle)
    return 1 if index < 0 else page.text.count("\n", 0, index) + 1
