"""The "Related pages" section of a page, rendered as Markdown from the relation graph.

Why: readers move along the graph (from a type to the conditions behind it, to its
mimics, to its treatments); the links are generated from front matter so that they are
written once and never go stale. Every page shows them in the same place, at the end of
its text, before the references.
"""

from __future__ import annotations

from core.graph import Graph

HEADING = "## Related pages { #related-pages }"
ANCHOR = "related-pages"


def escape_text(text: str) -> str:
    """Text safe inside a Markdown link label or table cell."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace("|", "\\|")


def related_markdown(graph: Graph, page_id: str) -> str:
    """The section for one page, or "" when the page has no relations."""
    groups = graph.related(page_id)
    if not groups:
        return ""
    uri = graph.pages[page_id].src_uri
    lines = [HEADING, ""]
    for label, ids in groups:
        links = ", ".join(f"[{escape_text(graph.title(i))}]({graph.link(uri, i)})" for i in ids)
        lines.append(f"- **{label}:** {links}")
    return "\n".join(lines) + "\n"


def append_related(markdown: str, graph: Graph, page_id: str) -> str:
    """The page's Markdown with its Related pages section at the end."""
    block = related_markdown(graph, page_id)
    if not block:
        return markdown
    return markdown.rstrip("\n") + "\n\n" + block
