"""Keep diagrams readable on a phone: each one in a frame that scrolls sideways.

Why: Material draws a Mermaid diagram at the width of the page, so on a phone a
flowchart's words shrink below a readable size (its drawing sits in a closed shadow
root, which no stylesheet reaches). `on_page_content` puts every diagram in a frame
(`core.diagrams.framed_diagrams`); site.css gives the diagram a readable minimum width
on narrow screens and lets the frame scroll. The PDFs print their own drawings.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from core.diagrams import framed_diagrams


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return framed_diagrams(html)
