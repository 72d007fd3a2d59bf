"""Keep every table readable on any screen: each one in a frame that scrolls sideways.

Why: a table wider than its column hid its last columns with no sign that they were
there (the evidence table at 1280 px, most tables on a phone). `on_page_content` puts
every table, written or generated, in a named frame that can take the keyboard focus
(`core.tables.framed_tables`); site.css makes that frame the table's one scroll container
and shades an edge with more columns behind it. The PDFs print tables whole.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from core.tables import framed_tables


@event_priority(-80)  # after the generated tables are placed (20); before the allowlist check (-90)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return framed_tables(html)
