"""Generate the site-wide References page (`<!-- generate: reference-list -->`).

Why: "Cited on" must list the pages that really show a reference, including citations
that generators insert (such as the evidence table). Those are known only once every
other page has been rendered, so `on_files` moves the pages holding the marker to the
end of MkDocs' render order, and `on_page_markdown` then replaces the marker with the
list (`core/reference_list.py`), reusing the references formatted for the footnotes.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from core import citations, reference_format, state
from core.reference_list import MARKER, reference_list


@event_priority(-100)  # last, so nothing is appended after the moved pages
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    holders = {p.src_uri for p in state.site().pages.values() if MARKER in p.text}
    for f in [f for f in files.documentation_pages() if f.src_uri in holders]:
        files.remove(f)
        files.append(f)
    return files


@event_priority(50)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if MARKER not in markdown:
        return markdown
    project = state.project()
    bib = state.bibliography()
    formatted = reference_format.references_for(project, bib).references
    # Slots, filled with the formatted references by hooks/citations.py in on_page_content.
    slots = {key: citations.reference_slot(key) for key in formatted}
    titles = {p.src_uri: str(p.meta.get("title") or p.id) for p in state.site().pages.values()}
    listing = reference_list(bib, slots, state.cited(), titles, project.nav, page.file.src_uri)
    return markdown.replace(MARKER, listing)
