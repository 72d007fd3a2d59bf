"""The site-wide reference list: every entry once, by first author, with "Cited on" links.

Why: readers and reviewers need one place to see every source the site relies on and
where each is used. mkdocs-bibtex's `\\full_bibliography` emits footnotes whose anchors
clash with strict anchor validation and has no back links; this list is plain Markdown
whose links MkDocs validates like any other.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence

from core.bibliography import Bibliography

MARKER = "<!-- generate: reference-list -->"


def cited_on(cited: Mapping[str, Sequence[str]], nav: Sequence[str]) -> dict[str, list[str]]:
    """Key -> the src_uris of the pages that render it, in nav order (then by path)."""
    order = {uri: i for i, uri in enumerate(nav)}
    pages: dict[str, list[str]] = {}
    for uri in sorted(cited, key=lambda u: (order.get(u, len(order)), u)):
        for key in cited[uri]:
            pages.setdefault(key, []).append(uri)
    return pages


def reference_list(
    bib: Bibliography,
    references: Mapping[str, str],
    cited: Mapping[str, Sequence[str]],
    titles: Mapping[str, str],
    nav: Sequence[str],
    from_uri: str,
) -> str:
    """Markdown for the list: one item per entry, sorted by first author, then year and title."""
    where = cited_on(cited, nav)
    base = posixpath.dirname(from_uri)
    count = len(bib.entries)
    items = [f"The site cites {count} reference{'' if count == 1 else 's'}, each with links to the pages "
             "that cite it.\n"]
    for entry in sorted(bib.entries.values(), key=lambda e: e.sort_key):
        text = references.get(entry.key, entry.key)
        links = [f"[{titles.get(uri, uri)}]({posixpath.relpath(uri, base or '.')}#fnref:{entry.key})"
                 for uri in where.get(entry.key, [])]
        cited_line = "Cited on: " + ", ".join(links) if links else "Not cited on any page."
        items.append(f'-   <span id="ref-{entry.key}"></span>{text}\n\n    {cited_line}\n')
    return items[0] + '\n<div class="reference-list" markdown>\n\n' + "\n".join(items[1:]) + "\n</div>\n"
