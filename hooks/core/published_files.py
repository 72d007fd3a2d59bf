"""Which files may reach `site/`: an allowlist of file types, and no symbolic links.

Why: MkDocs copies every file under `docs/` into the site as it is, following symbolic
links, so a pull request could publish `/etc/passwd` through a link, or put an `.html`
page or an `.svg` drawing with a script on the site's own origin, where it runs with the
site's rights. This module decides what is copied: pages written in Markdown (checked
by every other hook), images, and stylesheets; SVG drawings and stylesheets are read as
a browser reads them (a real HTML5 parser for SVG, tinycss2 for CSS) and refused when
they could run code or load anything from another host. No input folder may hold a
symbolic link: a link can point anywhere on the machine that builds the site.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable

import tinycss2
from selectolax.lexbor import LexborHTMLParser

from core import memo
from core.html_policy import is_local
from core.pages import Site
from core.problems import Problem
from core.project import Project

IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg")
STATIC_TYPES = (*IMAGE_TYPES, ".css")
# Folders whose files reach pages or the site: content, snippets, references, the theme
# overrides and the diagram drawings printed in the PDFs.
INPUT_FOLDERS = ("docs", "includes", "bibliography", "templates", "overrides", "diagrams")

# Elements a drawing may use: shapes, text, grouping, gradients and its own definitions.
SVG_ELEMENTS = frozenset({
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text",
    "tspan", "title", "desc", "defs", "lineargradient", "radialgradient", "stop", "clippath",
    "mask", "symbol", "use", "marker", "pattern", "metadata",
})
_LOCAL_REF = re.compile(r"\s*#")
_URL_IN_VALUE = re.compile(r"url\s*\(\s*['\"]?\s*(?!#)", re.IGNORECASE)

_LINK_FIX = ("replace the link with a copy of the file itself (a symbolic link can publish any file of the "
             "machine that builds the site)")


def symlink_problems(root: str, folders: Iterable[str] = INPUT_FOLDERS) -> list[Problem]:
    """Every symbolic link under the input folders (a linked folder is reported once and
    not entered)."""
    problems: list[Problem] = []
    for folder in folders:
        top = os.path.join(root, folder)
        if os.path.islink(top):
            problems.append(Problem(folder, 1, f"{folder}/ is a symbolic link", _LINK_FIX, code="files.symlink"))
            continue
        for current, dirs, names in os.walk(top):
            for name in sorted([*dirs, *names]):
                full = os.path.join(current, name)
                if os.path.islink(full):
                    rel = os.path.relpath(full, root).replace(os.sep, "/")
                    problems.append(Problem(rel, 1, f"{rel} is a symbolic link", _LINK_FIX, code="files.symlink"))
            dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(current, d))]
    return problems


def is_linked(path: str, top: str) -> bool:
    """Whether `path`, or any folder between it and `top`, is a symbolic link."""
    path, top = os.path.abspath(path), os.path.abspath(top)
    while path.startswith(top + os.sep):
        if os.path.islink(path):
            return True
        path = os.path.dirname(path)
    return False


_NAME = re.compile(r"[A-Za-z0-9._-]+")


def name_problem(rel: str, docs_prefix: str = "docs") -> Problem | None:
    """A file or folder name under docs/ that a link cannot carry as written ('#' starts a
    section, '?' a query, '%' an escape; spaces and other characters need escaping)."""
    inside = rel[len(docs_prefix) + 1:] if rel.startswith(docs_prefix + "/") else rel
    bad = next((part for part in inside.split("/") if not _NAME.fullmatch(part)), None)
    if bad is None:
        return None
    char = next(c for c in bad if not _NAME.fullmatch(c))
    return Problem(rel, 1, f"the name '{bad}' has the character '{char}', which a link to it cannot carry",
                   "rename it with letters, digits, '-', '_' and '.' only (and update the links to it)",
                   code="files.name")


def type_problem(rel: str) -> Problem | None:
    """A file under docs/ that is neither a page nor of an allowed static type."""
    lower = rel.lower()
    if lower.endswith(".md") or lower.endswith(STATIC_TYPES):
        return None
    kind = os.path.splitext(rel)[1] or "a file without an extension"
    return Problem(rel, 1, f"{rel} is not published: {kind} files may not reach the site",
                   "write the content as a Markdown page (.md); only images "
                   f"({', '.join(IMAGE_TYPES)}) and stylesheets (.css) are copied as they are",
                   code="files.not-published")


_XML_ONLY = re.compile(r"<!DOCTYPE|<!ENTITY|<!\[CDATA\[|<\?(?!xml[\s?])", re.IGNORECASE)


def svg_problems(text: str, rel: str) -> list[Problem]:
    """What in an SVG drawing could run code or load something from another host. A file
    is read both ways a browser may read it: an HTML5 parser for its elements (as inline
    SVG), and, since a browser opening the file reads it as XML, no DOCTYPE, entity, CDATA
    or processing instruction (which only the XML reading would act on) is allowed."""
    found: list[str] = []
    xml_only = _XML_ONLY.search(text)
    if xml_only:
        found.append(f"'{xml_only.group(0)}' (a DOCTYPE, entity, CDATA section or processing instruction)")
    tree = LexborHTMLParser(f"<body>{text}</body>")
    nodes = [] if tree.body is None else list(tree.body.traverse(include_text=False))
    if tree.head is not None:
        nodes += [n for n in tree.head.traverse(include_text=False) if n.tag != "head"]
    for node in nodes:
        tag = (node.tag or "").lower()
        if tag == "body" or tag.startswith("-"):
            continue
        if tag not in SVG_ELEMENTS:
            found.append(f"a <{tag}> element")
            continue
        for name, value in node.attributes.items():
            name, value = name.lower(), value or ""
            local = name.rpartition(":")[2]  # any namespace prefix: 'l:href' may be bound to XLink
            if local.startswith("on"):
                found.append(f"an attribute '{name}' on <{tag}>")
            elif local == "href" and not _LOCAL_REF.match(value):
                found.append(f"a link '{value[:60]}' on <{tag}> (only '#id' references within the drawing)")
            elif _URL_IN_VALUE.search(value):
                found.append(f"a url(...) to another file in '{name}' on <{tag}>")
            elif "\\" in value or "&" in value:
                found.append(f"an escape in '{name}' on <{tag}> (CSS and entity escapes can spell a url(...))")
    return [Problem(rel, 1, f"the drawing contains {what}",
                    "save the drawing as plain SVG shapes and text (no scripts, styles, links, animation "
                    "or embedded files), or as a PNG", code="files.svg-content")
            for what in dict.fromkeys(found)]


CSS_MAX_DEPTH = 64  # blocks and brackets within one another: deeper, no stylesheet needs, and Python's stack ends


def css_problems(text: str, rel: str) -> list[Problem]:
    """What in a stylesheet could load something from another host (CSS tokenized by
    tinycss2 as a browser tokenizes it)."""
    problems: list[Problem] = []

    def walk(tokens: Iterable[object], depth: int = 0, line: int = 1) -> None:
        if depth > CSS_MAX_DEPTH:
            problems.append(Problem(rel, line, f"the stylesheet nests blocks or brackets more than {CSS_MAX_DEPTH} deep",
                                    "write the rules flatter", code="files.css-nesting"))
            return
        for token in tokens:
            kind = getattr(token, "type", "")
            line = getattr(token, "source_line", 1)
            if kind == "at-rule" and getattr(token, "lower_at_keyword", "") == "import":
                problems.append(Problem(rel, line, "the stylesheet imports another stylesheet (@import)",
                                        "put the rules in this file", code="files.css-import"))
            url = _css_url(token)
            if url is not None and not _local_css_url(url):
                problems.append(Problem(rel, line, f"the stylesheet loads '{url[:60]}' from another host",
                                        "save the file under docs/assets/ and refer to it by a relative path",
                                        code="files.css-remote"))
            for attr in ("prelude", "content", "arguments", "value"):
                inner = getattr(token, attr, None)
                if isinstance(inner, list):
                    walk(inner, depth + 1, line)

    walk(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True))
    return list(dict.fromkeys(problems))


def _css_url(token: object) -> str | None:
    kind = getattr(token, "type", "")
    if kind == "url":
        return str(getattr(token, "value", ""))
    name = getattr(token, "lower_name", "")
    if kind == "function" and (name in ("url", "src") or name.endswith("image-set")):
        strings = [t for t in getattr(token, "arguments", []) if getattr(t, "type", "") == "string"]
        return str(strings[0].value) if strings else None
    return None


def _local_css_url(url: str) -> bool:
    return is_local(url)


def collision_problems(destinations: Iterable[tuple[str, str]]) -> list[Problem]:
    """Two source files that would be written to the same place in the site: one would
    silently replace the other."""
    by_dest: dict[str, list[str]] = defaultdict(list)
    for rel, dest in destinations:
        by_dest[dest].append(rel)
    return [Problem(sources[1], 1, f"{sources[1]} and {sources[0]} would both be published as {dest}",
                    "rename or remove one of them", code="files.same-url")
            for dest, sources in sorted(by_dest.items()) if len(sources) > 1]


def file_problems(path: str, rel: str, docs_dir: str) -> list[Problem] | None:
    """The problems of one file under docs/ (None: a symbolic link, which
    `symlink_problems` reports)."""
    if is_linked(path, docs_dir):
        return None
    problem = name_problem(rel) or type_problem(rel)
    if problem is not None:
        return [problem]
    lower = rel.lower()
    if not lower.endswith((".svg", ".css")):
        return []
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError):
        return [Problem(rel, 1, f"{rel} is not a UTF-8 text file", "save it as UTF-8 text", code="files.not-utf8")]
    check = svg_problems if lower.endswith(".svg") else css_problems
    return list(_contents_checked.get_or_make((rel, text), check, text, rel))


# A drawing's or stylesheet's problems by its path and text: a `mkdocs serve` rebuild parses
# only the files that changed.
_contents_checked: memo.Memo[tuple[str, str], list[Problem]] = memo.declare("published_files: files checked",
                                                                            bound=4096, last_build_only=True)


def check(site: Site, project: Project) -> list[Problem]:
    """`make check`'s view of what the build lets into site/ (the hook, hooks/published_files.py,
    applies the same rules to MkDocs' list of files)."""
    problems = symlink_problems(project.root)
    for current, dirs, names in os.walk(project.docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue  # MkDocs leaves out dot files
            full = os.path.join(current, name)
            problems += file_problems(full, project.rel(full), project.docs_dir) or []
    return problems
