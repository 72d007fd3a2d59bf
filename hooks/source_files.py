"""Read every page once, up front, and report file-level faults with file and line.

Why: MkDocs raises a traceback on a non-UTF-8 file and silently accepts empty pages,
duplicate file names in different folders and broken front-matter YAML. This hook reads
each page once into the build object (`core.state`) that the other hooks use, and
turns those faults into one clear message each.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from core import state
from core.codes import tag
from core.pages import build_site
from core.problems import report
from core.project import project_from_config

log = logging.getLogger("mkdocs.hooks.source_files")
DIRTY = ("--dirty builds only the pages whose files changed, but every page here is built from all of them "
         "(the checks across pages, Related pages, the overview tables, the References page's 'Cited on' "
         "links), so a dirty build would publish stale or missing links. Fix: build without --dirty "
         "(make site, make serve): make serve already converts only the pages whose Markdown changed")


def on_startup(*, command: str, dirty: bool) -> None:
    if dirty:  # the build's state is the whole site's, started afresh by on_files every build
        raise PluginError(tag(DIRTY, "build.dirty"))


@event_priority(100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    pages = list(files.documentation_pages())
    sources = [(f.src_uri, f.content_bytes) for f in pages]
    build = state.current()
    project = project_from_config(config, build.csl_file)
    site, problems = build_site(sources, docs_prefix=project.docs_prefix)
    build.read_pages(site, project, {f.src_uri: f.url for f in pages})
    report(problems, log)
    # A file MkDocs cannot decode would end the build with a traceback; it is reported
    # above and the build fails in strict mode, so leave it out of this build.
    readable = {page.src_uri for page in site.pages.values()}
    for f in pages:
        if f.src_uri not in readable and not _decodes(f.content_bytes):
            files.remove(f)
    # A page of a shape the checks refuse (YAML aliases or deep nesting in its front matter,
    # lists, quotes or brackets nested hundreds deep in its text) is not handed to MkDocs as
    # it is: its YAML reader or Python-Markdown would take minutes or end in a traceback.
    for page in site.pages.values():
        file = files.get_file_from_path(page.src_uri) if page.front.refused else None
        if file is not None:
            file.content_string = REFUSED_PAGE
    return files


REFUSED_PAGE = "# Not published\n\nThis page failed the checks: the build log names the problem and its line.\n"


def _decodes(raw: bytes) -> bool:
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True
