"""Check every page's front matter against the schema of its kind, and the page against
the template of its kind.

Why: the relation graph, the Related pages blocks and the overview tables are generated
from front matter, and MkDocs accepts any front matter without a word; and every page of
a kind should have the sections its template lists, with nothing of the template left.
The schema lives in hooks/core/metadata.py, the page shape in hooks/core/page_shape.py;
this hook runs both on every build and reports each problem with file and line (strict
mode then fails the build after all have been reported).
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from core import metadata, page_shape, state
from core.problems import report

log = logging.getLogger("mkdocs.hooks.page_metadata")


@event_priority(90)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    site, project = state.current().site, state.current().project
    report(metadata.check(site, project) + page_shape.check(site, project), log)
    return files


@event_priority(100)  # before any hook or the theme reads page.meta
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Only the schema's keys reach the theme: an unknown key is reported above, and MkDocs and
    # Material act on some (`template: redirect.html` with `location:` puts text into a script).
    for key in [k for k in page.meta if k not in metadata.SCHEMA_KEYS]:
        del page.meta[key]
    return markdown
