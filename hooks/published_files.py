"""Decide which files under docs/ are copied into the site, before any hook reads them.

Why: MkDocs copies every file of docs/ as it is and follows symbolic links. Here each
file passes core/published_files.py first: symbolic links anywhere in the input folders
are refused, as are file types other than Markdown pages, images and stylesheets, SVG
drawings and stylesheets that could run code or load from another host, and two files
that would land on the same URL. A refused file is reported with its path and taken out
of the build, so a failed build leaves nothing of it in site/.
"""

from __future__ import annotations

import logging
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from core import published_files
from core.problems import report
from core.project import project_root

log = logging.getLogger("mkdocs.hooks.published_files")


@event_priority(110)  # before hooks/source_files.py (100) reads the pages
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    root = project_root(config)
    docs_dir = os.path.abspath(config.docs_dir)
    problems = published_files.symlink_problems(root)
    kept = []
    for file in list(files):
        if file.inclusion.is_excluded() or not file.abs_src_path \
                or not os.path.abspath(file.abs_src_path).startswith(docs_dir + os.sep):
            continue  # the theme's own files, and files MkDocs leaves out anyway
        found = published_files.file_problems(file.abs_src_path, os.path.relpath(file.abs_src_path, root).replace(os.sep, "/"),
                               docs_dir)
        if found is None or found:
            problems += found or []
            files.remove(file)
        else:
            kept.append(file)
    problems += published_files.collision_problems(
        (os.path.relpath(f.abs_src_path, root).replace(os.sep, "/"), f.dest_uri) for f in kept if f.abs_src_path)
    report(problems, log)
    return files
