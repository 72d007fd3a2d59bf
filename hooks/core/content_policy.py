"""The content policy: what contributed pages may contain, checked on every build.

Why: pages come from pull requests and are read by patients. Python-Markdown passes raw
HTML through untouched, attr_list sets any attribute (`{ onclick=... }`) and MkDocs
renders a page's front-matter title unescaped into the page head. So a page could run
a script, embed another site, restyle the site or leak its readers to a third party
unless the build rejects it. This module checks every page's Markdown (fenced and
inline code left out: examples shown as code are text), its front matter and the
included snippets, and names the file and line of each problem:

- raw HTML, read with an HTML5 parser as a browser reads it (justhtml, which keeps each
  element's line), is limited to `ALLOWED_TAGS` and HTML comments; `<script>`, `<iframe>`,
  `<object>`, `<embed>`, `<style>`, `<form>` and every other tag are rejected;
- no inline event handlers (`on...=`) and no `style` attributes, in HTML or attr_list;
- no `javascript:`, `vbscript:` or `data:` URLs anywhere a URL goes;
- external links use `https`; images have alt text and are local files that exist;
- front-matter text holds no HTML (the theme prints it unescaped), and a description
  no straight double quote (it is printed inside an attribute).

`built_problems` is the last net: the allowlist of core/html_policy.py over the HTML of
a page body once every hook has run and every generated block is placed, each refused
thing traced to the line of the page, bibliography entry or snippet that wrote it. And
`add_noopener` makes every link that opens a new tab unable to reach back into the site
(`rel="noopener noreferrer"`).
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import unquote

from core import html_policy, memo, snippets
from core.mdtext import COMMENT, blank, code_spans, fenced_regions, prose_lines
from core.bibliography import Bibliography
from core.pages import Site, SourcePage
from core.problems import Problem
from core.project import Project

# Harmless inline and structural tags (documented in CONTRIBUTING.md, "Content policy").
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "br", "details", "div", "em", "figcaption", "figure", "i", "img",
    "kbd", "mark", "small", "span", "strong", "sub", "summary", "sup",
})

_CODE = "pages must not run code of their own"
_EMBED = "pages must not embed other sites or plugins"
_LINK_INSTEAD = "remove it and link to the content instead: [its title](https://...)"
_FORM = "pages must not collect input from readers"
_FORM_FIX = ("remove it; to invite feedback, link to the editorial policy "
             "(about/editorial-policy.md#report-an-error)")
# Tags with their own reason (the rest get the allowlist message).
REJECTED_TAGS: dict[str, tuple[str, str]] = {
    "script": (_CODE, "remove the <script> element; a feature the site needs belongs in the theme "
                      "(overrides/), proposed in its own pull request"),
    "noscript": (_CODE, "remove the <noscript> element"),
    "iframe": (_EMBED, _LINK_INSTEAD),
    "frame": (_EMBED, _LINK_INSTEAD),
    "frameset": (_EMBED, _LINK_INSTEAD),
    "object": (_EMBED, _LINK_INSTEAD),
    "embed": (_EMBED, _LINK_INSTEAD),
    "applet": (_EMBED, _LINK_INSTEAD),
    "portal": (_EMBED, _LINK_INSTEAD),
    "style": ("page-level CSS can hide or restyle any part of the site",
              "remove it; site-wide styles belong in docs/assets/stylesheets/site.css"),
    "link": ("it loads files into the page", "remove it; link to a page with [text](page.md) instead"),
    "meta": ("it changes how the browser treats the page", "remove it; a page's description goes "
             "in the front matter ('description:')"),
    "base": ("it redirects every link of the page", "remove it"),
    "body": ("its attributes would land on the site's own page element", "remove the tag"),
    "html": ("its attributes would land on the site's own page element", "remove the tag"),
    "head": ("it would change the site's own page head", "remove the tag"),
    "form": (_FORM, _FORM_FIX),
    "input": (_FORM, _FORM_FIX),
    "button": (_FORM, _FORM_FIX),
    "textarea": (_FORM, _FORM_FIX),
    "select": (_FORM, _FORM_FIX),
}
_BAD_SCHEMES = ("javascript", "vbscript", "data")

# Python-Markdown makes links only of <http(s)://...>, <ftp://...> and <mailto:...>; the
# browser reads any other <scheme:...> as an unknown element, and its text is lost.
_NOT_AUTOLINK = re.compile(r"(?<!\()<(?!(?:https?|ftp|mailto):)([a-zA-Z][a-zA-Z0-9+.-]*):([^<>\s\"']+)>")
_ANGLE_DESTINATION = re.compile(r"(?<=\]\()\s*<[^<>\n]*>")  # [text](<destination>)
_ESCAPED_BRACKET = re.compile(r"\\<")
_AUTOMAIL = re.compile(r"<[^<>\s@:]+@[^<>\s]+>")  # Python-Markdown's email autolinks
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]*|mailto:[^<>\s]*)>", re.IGNORECASE)
# A rejected element is reported even where it is too broken for the tag pattern.
_REJECTED_OPEN = re.compile(rf"(?<!\\)<({'|'.join(REJECTED_TAGS)})\b", re.IGNORECASE)
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")
_ATTR_LIST_PAIR = re.compile(r"""([A-Za-z_:][-\w:.]*)=("[^"]*"|'[^']*'|[^\s"'}]+)""")
_LABEL = r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
_TARGET_URL = r"\(\s*(<[^<>\n]*>|[^\s)]*)"
_MD_LINK = re.compile(rf"(?<!!){_LABEL}{_TARGET_URL}")
_MD_IMAGE = re.compile(rf"!{_LABEL}{_TARGET_URL}")
_MD_REF_IMAGE = re.compile(r"!\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\[[^\]\n]*\]")
_REF_DEF = re.compile(r"^[ ]{0,3}\[(?!\^)[^\]]+\]:[ \t]*<?([^\s>]+)>?", re.MULTILINE)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ELEMENT_START = re.compile(r"<[A-Za-z/?]")
_MARKUP = re.compile(r"<[A-Za-z/!?]")


# A page's source problems, by its path, text and folder, with the image files the check
# looked for: an entry is used only while each of those files still exists or is still missing.
_pages_checked: memo.Memo[tuple[str, str, str], tuple[list[Problem], list[tuple[str, bool]]]] = memo.declare(
    "content_policy: pages checked", bound=4096, last_build_only=True)


def check(site: Site, project: Project) -> list[Problem]:
    """The content policy over every page and every included snippet."""
    problems: list[Problem] = []
    for page in site.pages.values():
        problems.extend(check_page(page, _page_folder(page, project)))
    problems.extend(check_includes(project))
    return problems


def check_page(page: SourcePage, folder: str) -> list[Problem]:
    """The policy over one page's front matter and Markdown (`folder`: its folder on disk)."""
    key = (page.path, page.text, folder)
    kept = _pages_checked.get(key)
    if kept is not None and all(os.path.isfile(file) == there for file, there in kept[1]):
        return kept[0]
    looked = _Folder(folder)
    problems = check_front_matter(page) + check_markdown(page.front.body, page.path, page.front.body_line, looked)
    return _pages_checked.put(key, (problems, looked.probes))[0]


class _Folder:
    """A page's folder on disk, for the images it shows; each file looked for is noted."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.probes: list[tuple[str, bool]] = []

    def has(self, file: str) -> bool:
        full = os.path.normpath(os.path.join(self.path, *file.split("/")))
        there = os.path.isfile(full)
        self.probes.append((full, there))
        return there


def check_includes(project: Project) -> list[Problem]:
    """Every file a page can include as a snippet (each file of the snippet folders,
    whatever its name: includes/, templates/) follows the same policy."""
    problems: list[Problem] = []
    for folder in project.snippet_dirs:
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            full = os.path.join(folder, name)
            if not os.path.isfile(full) or os.path.islink(full):
                continue  # folders are not snippets; links: core/published_files.py
            try:
                with open(full, encoding="utf-8") as fh:
                    text = fh.read()
            except (OSError, UnicodeDecodeError):
                problems.append(Problem(project.rel(full), 1, "snippet file is not UTF-8 text",
                                        "save it as UTF-8 text", code="snippets.not-utf8"))
                continue
            problems.extend(check_markdown(text, project.rel(full), 1, None))
    return problems


def _page_folder(page: SourcePage, project: Project) -> str:
    return os.path.join(project.docs_dir, *posixpath.dirname(page.src_uri).split("/"))


def reported_in_front_matter(value: str) -> bool:
    """Whether `check_front_matter` reports this text (markup or a control character), so
    that a check of the same value's other rules can leave it to that one message."""
    return bool(_CONTROL_CHARACTER.search(value) or _MARKUP.search(value))


def check_front_matter(page: SourcePage) -> list[Problem]:
    """Front-matter text is printed by the theme without escaping: no markup in it."""
    problems: list[Problem] = []
    for path, value in strings(page.meta, ()):
        key = ".".join(str(p) for p in path)
        line = page.front.line(*path)
        control = _CONTROL_CHARACTER.search(value)
        if control:
            problems.append(Problem(page.path, line, f"front-matter value '{key}' contains the control character "
                                    f"U+{ord(control.group()):04X}", "delete it (an escape such as \\0 or \\x00 "
                                    "in quotes writes one): it would reach the page's title or description",
                                    code="policy.front-matter-control-character"))
        markup = _MARKUP.search(value)
        if markup:
            problems.append(Problem(
                page.path, line,
                f"front-matter value '{key}' contains HTML markup ('{_excerpt(value, markup.start())}')",
                "write plain text: the theme prints front matter into the page unescaped, so markup "
                "there would become part of the site", code="policy.front-matter-markup"))
        if path == ("description",) and '"' in value:
            problems.append(Problem(
                page.path, line, "the description contains a straight double quote (\")",
                "use typographic quotes (“ ”) or single quotes: the description is printed inside "
                "an HTML attribute, which a straight double quote would end", code="policy.straight-quote"))
    return problems


def strings(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(path, text) of every string in a YAML value (front matter, a config section)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, (*path, index))


def _excerpt(text: str, start: int, width: int = 20) -> str:
    piece = text[start:start + width].split("\n")[0]
    return piece + ("..." if len(text) > start + len(piece) else "")


def check_markdown(text: str, path: str, first_line: int, folder: str | _Folder | None) -> list[Problem]:
    """The policy over one Markdown text whose first line is file line `first_line`.

    `folder` is the page's folder on disk, for checking that local images exist (None:
    not checked)."""
    if isinstance(folder, str):
        folder = _Folder(folder)
    raw_prose = _prose_text(text, first_line)
    problems: list[Problem] = []
    prose_no_autolinks = raw_prose
    # Raw HTML is looked for in inline code too: where a code span ends is decided by
    # Python-Markdown's block structure, which a line scanner cannot always follow, and an
    # element taken for code would escape this check. Only fenced code is left out.
    with_code_spans = blank(text, fenced_regions(text)) if "<" in text else ""
    if "<" in with_code_spans:  # autolinks, comments and HTML: every pattern of _angle_problems needs a '<'
        problems, prose_no_autolinks = _angle_problems(raw_prose, with_code_spans, path, first_line, folder)

    def line_at(offset: int) -> int:
        return first_line + prose_no_autolinks.count("\n", 0, offset)

    for match in _ATTR_LIST.finditer(prose_no_autolinks):
        for pair in _ATTR_LIST_PAIR.finditer(match.group(1)):
            offset = match.start(1) + pair.start()
            problems.extend(_attribute_problems(pair.group(1).lower(), _unquote(pair.group(2)), path,
                                                line_at(offset), "an attribute list"))

    for match in _MD_LINK.finditer(prose_no_autolinks):
        problems.extend(_url_problems(match.group(2).strip("<>"), path, line_at(match.start()), "link"))
    for match in _MD_IMAGE.finditer(prose_no_autolinks):
        problems.extend(_image_problems(match.group(2).strip("<>"), match.group(1), path,
                                        line_at(match.start()), folder))
    for match in _MD_REF_IMAGE.finditer(prose_no_autolinks):
        if not match.group(1).strip():
            problems.append(_no_alt(match.group(0), path, line_at(match.start())))
    for match in _REF_DEF.finditer(prose_no_autolinks):
        problems.extend(_url_problems(match.group(1), path, line_at(match.start()), "link"))
    return problems


def _angle_problems(raw_prose: str, with_code_spans: str, path: str, first_line: int,
                    folder: _Folder | None) -> tuple[list[Problem], str]:
    """What angle brackets write in a page's prose: autolinks, `<scheme:...>` that is no
    link, and raw HTML read by an HTML5 parser. Returns the problems, and the prose with
    comments and autolinks blanked (columns and lines kept) for the Markdown checks."""
    problems: list[Problem] = []
    prose = blank(raw_prose, [m.span() for m in COMMENT.finditer(raw_prose)])

    def line_at(offset: int) -> int:
        return first_line + prose.count("\n", 0, offset)

    for match in _AUTOLINK.finditer(prose):
        problems.extend(_url_problems(match.group(1), path, line_at(match.start()), "link"))
    prose_no_autolinks = _AUTOLINK.sub(lambda m: " " * len(m.group(0)), prose)
    for match in _NOT_AUTOLINK.finditer(prose_no_autolinks):
        url = match.group(0)[1:-1]
        problems.extend(_url_problems(url, path, line_at(match.start()), "link") if _bad_scheme(url) else [
            Problem(path, line_at(match.start()),
                    f"'{match.group(0)}' is not a link in Markdown: it would vanish from the page",
                    f"write it as a link with its text: [{match.group(2)}]({url})", code="policy.not-a-link")])
    prose_no_autolinks = _NOT_AUTOLINK.sub(lambda m: " " * len(m.group(0)), prose_no_autolinks)

    # Raw HTML, read by an HTML5 tokenizer as a browser reads it (comments, '--!>', a '/'
    # between attributes, unquoted values...), on the prose with its comments kept.
    # What Markdown itself reads in angle brackets (autolinks, <destinations> of links, and
    # '\<', an escaped bracket) is not HTML: blanked, columns kept.
    html_prose = with_code_spans
    for pattern in (_AUTOMAIL, _AUTOLINK, _NOT_AUTOLINK, _ANGLE_DESTINATION, _ESCAPED_BRACKET):
        html_prose = pattern.sub(lambda m: " " * len(m.group(0)), html_prose)
    reported_lines: set[tuple[str, int]] = set()
    starts = [0] + [i + 1 for i, char in enumerate(html_prose) if char == "\n"]
    spans = code_spans(html_prose)
    for element in raw_elements(html_prose, first_line):
        reported_lines.add((element.name, element.line))
        offset = starts[element.line - first_line] + element.column - 1
        if any(start <= offset < end for start, end in spans):
            problems.append(Problem(path, element.line, f"'<{element.name}' inside inline code: where a code span "
                                    "ends depends on the blocks around it, so the checks read it as HTML",
                                    "show it in a fenced code block (```), or as text outside backticks with its '<' "
                                    f"written '&lt;' (&lt;{element.name}...)", code="policy.html-in-code"))
            continue
        problems.extend(_element_problems(element, html_prose, first_line, path, folder))
    for match in _REJECTED_OPEN.finditer(prose_no_autolinks):  # a tag too broken to be an element
        name, line = match.group(1).lower(), line_at(match.start())
        if (name, line) not in reported_lines:
            problems.append(_rejected_tag(name, path, line))
    return problems, prose_no_autolinks


def _prose_text(text: str, first_line: int) -> str:
    """`text` with fenced code blocks emptied and inline code blanked, lines kept."""
    lines = [""] * (text.count("\n") + 1)
    for number, line in prose_lines(text, first_line):
        lines[number - first_line] = line
    return "\n".join(lines)


@dataclass(frozen=True)
class RawElement:
    """An element of a page's raw HTML: its name, attributes, file line and column."""

    name: str
    attributes: dict[str, str]
    line: int
    column: int


def raw_elements(text: str, first_line: int) -> Iterator[RawElement]:
    """Every element an HTML5 parser (justhtml, which follows the WHATWG tokenizer and tree
    builder) finds in `text`, the contents of `<template>` included."""
    if not _ELEMENT_START.search(text):  # no element can start: most pages (comments alone need no parse)
        return
    from justhtml import JustHTML  # about 0.1 s to import: only for a page with raw HTML

    document = JustHTML(text, sanitize=False, fragment=True, track_node_locations=True)
    stack: list[Any] = [document.root]
    while stack:
        node = stack.pop()
        children = list(getattr(node, "children", None) or [])
        content = getattr(node, "template_content", None)
        if content is not None:
            children += list(getattr(content, "children", None) or [])
        stack.extend(reversed(children))
        name = getattr(node, "name", "") or ""
        if name and not name.startswith("#"):
            attributes = {str(k).lower(): str(v or "") for k, v in (getattr(node, "attrs", None) or {}).items()}
            yield RawElement(name.lower(), attributes, first_line + (node.origin_line or 1) - 1, node.origin_col or 1)


def _attribute_line(element: RawElement, attribute: str, text: str, first_line: int) -> int:
    """The file line of an attribute of a tag that may span lines: where its name first
    stands after the tag's start."""
    lines = text.split("\n")
    index = element.line - first_line
    start = sum(len(line) + 1 for line in lines[:index]) + element.column - 1
    end = text.find(">", start)
    found = re.search(rf"[\s/\"']{re.escape(attribute)}(?=[\s=/>]|$)", text[start:end if end >= 0 else None],
                      re.IGNORECASE)
    return element.line if found is None else element.line + text.count("\n", start, start + found.start())


def _element_problems(element: RawElement, text: str, first_line: int, path: str,
                      folder: _Folder | None) -> list[Problem]:
    name, values, line = element.name, element.attributes, element.line
    if name in REJECTED_TAGS:
        return [_rejected_tag(name, path, line)]
    problems: list[Problem] = []
    if name not in ALLOWED_TAGS:
        problems.append(Problem(
            path, line, f"raw HTML <{name}> is not on the allowlist",
            f"use Markdown instead, or one of the allowed tags: {', '.join(sorted(ALLOWED_TAGS))} "
            "(CONTRIBUTING.md, Content policy)", code="policy.not-allowlisted"))
    for key, value in values.items():
        found = _attribute_problems(key, value, path, line, f"<{name}>")
        if found:  # the attribute's own line, looked for only when there is something to say
            at = _attribute_line(element, key, text, first_line)
            problems += [replace(p, line=at) for p in found]
    if name == "img":
        src = values.get("src", "")
        if not values.get("alt", "").strip():
            problems.append(_no_alt(f"<img src=\"{src}\">", path, line))
        if src and not _bad_scheme(src):
            problems.extend(_remote_or_missing_image(src, path, line, folder))
    return problems


def _rejected_tag(name: str, path: str, line: int) -> Problem:
    why, fix = REJECTED_TAGS[name]
    return Problem(path, line, f"raw HTML <{name}> is not allowed: {why}", fix, code="policy.element")


def _attribute_problems(key: str, value: str, path: str, line: int, where: str) -> list[Problem]:
    if key.startswith("on"):
        return [Problem(path, line, f"inline event handler '{key}' in {where} is not allowed: it runs code",
                        f"remove the {key} attribute; pages must not run code of their own",
                        code="policy.event-handler")]
    if key == "style":
        return [Problem(path, line, f"a 'style' attribute in {where} is not allowed: it can hide or restyle "
                                    "parts of the site",
                        "remove it; styles belong in docs/assets/stylesheets/site.css, applied by a class",
                        code="policy.style-attribute")]
    if key == "href":
        return _url_problems(value, path, line, "link")
    if _bad_scheme(value):  # src included: an image's own checks say whether it is remote
        return _url_problems(value, path, line, f"'{key}' value")
    return []


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _bad_scheme(url: str) -> str | None:
    """The dangerous scheme of a URL as a browser reads it (entities decoded, blanks dropped)."""
    cleaned = _CONTROL.sub("", html.unescape(unquote(url)))
    match = _SCHEME.match(cleaned)
    if match and match.group(1).lower() in _BAD_SCHEMES:
        return match.group(1).lower()
    return None


def _url_problems(url: str, path: str, line: int, what: str) -> list[Problem]:
    scheme = _bad_scheme(url)
    if scheme == "data":
        return [Problem(path, line, f"{what} to a 'data:' URL is not allowed: it can carry hidden content or code",
                        "save the file under docs/assets/ and link to it by its relative path", code="policy.data-url")]
    if scheme:
        return [Problem(path, line, f"{what} to a '{scheme}:' URL is not allowed: it runs code",
                        "link to a page by its relative path (page.md) or to an https:// address",
                        code="policy.script-url")]
    scheme = html_policy.url_scheme(html.unescape(url))
    if scheme == "http":
        return [Problem(path, line, f"external {what} '{url}' uses http, not https",
                        "use the https:// address of the same page (most sites have one); if the site "
                        "has no https version, cite another source", code="policy.http")]
    if scheme is not None and scheme not in html_policy.LINK_SCHEMES:
        return [Problem(path, line, f"{what} to a '{scheme}:' URL is not allowed",
                        "link to a page by its relative path (page.md) or to an https:// address "
                        "(mailto: and tel: links are allowed too)", code="policy.url-scheme")]
    return []


def _no_alt(shown: str, path: str, line: int) -> Problem:
    return Problem(path, line, f"image '{shown}' has no alt text",
                   "describe what the image shows, e.g. ![Radiograph of the hand showing calcinosis]"
                   "(../assets/images/hand.png): screen-reader users hear this text instead of the image",
                   code="policy.image-alt")


def _image_problems(src: str, alt: str, path: str, line: int, folder: _Folder | None) -> list[Problem]:
    problems: list[Problem] = []
    if not alt.strip():
        problems.append(_no_alt(f"![]({src})", path, line))
    if _bad_scheme(src):
        return problems + _url_problems(src, path, line, "image")
    return problems + _remote_or_missing_image(src, path, line, folder)


def _remote_or_missing_image(src: str, path: str, line: int, folder: _Folder | None) -> list[Problem]:
    if src.startswith("//") or _SCHEME.match(src):
        return [Problem(path, line, f"image '{src}' is loaded from another site",
                        "save the image under docs/assets/images/ (with permission to reuse it) and "
                        "link it by its relative path: no page may load anything from another host, "
                        "which would tell that host who reads the page", code="policy.remote-image")]
    file = unquote(src.partition("#")[0].partition("?")[0])
    if folder is not None and file and not file.startswith("/") and not folder.has(file):
        return [Problem(path, line, f"image '{src}' does not exist",
                        "image paths are relative to this page's folder: check the path and the file name",
                        code="policy.missing-image")]
    return []


# ── The page as built ───────────────────────────────────────────────────────────────

Source = tuple[str, int, str]  # (path for messages, file line of the text's first line, text)

NOT_PUBLISHED = ("<p><strong>This page is not published.</strong> It failed the site's content "
                 "checks; the build log names each problem with its file and line.</p>")


def built_problems(content: str, path: str, sources: list[Source]) -> list[Problem]:
    """The allowlist (core/html_policy.py) over a page body as built, every generated block
    placed. Each refused thing is traced to the first source that holds its text: the
    page itself, then the bibliography entries and snippets it draws on."""
    problems: list[Problem] = []
    for finding in html_policy.findings(content):
        where, line = _locate(finding.needle, sources, path)
        problems.append(Problem(where, line, f"the page as built contains {finding.what}", _BUILT_FIX,
                                code="policy.built-page"))
    return problems


_BUILT_FIX = ("remove it from the line named (a page, a bibliography entry or a snippet): only the elements, "
              "attributes and URLs listed in CONTRIBUTING.md (Content policy, 'What may reach a page') "
              "are published")


def _locate(needle: str, sources: list[Source], fallback: str) -> tuple[str, int]:
    for path, first_line, text in sources:
        index = text.find(needle)
        if index < 0:
            index = text.lower().find(needle.lower())
        if index >= 0:
            return path, first_line + text.count("\n", 0, index)
    return fallback, 1


def shared_sources(project: Project, bibliography: Bibliography) -> list[Source]:
    """The texts every page may draw on, for tracing a refused thing to its line: each
    bibliography entry as written, then each snippet file."""
    sources: list[Source] = [(entry.path, entry.line, entry.raw) for entry in bibliography.entries.values()]
    for folder in project.snippet_dirs:
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            full = os.path.join(folder, name)
            if os.path.isfile(full) and not os.path.islink(full):
                try:
                    with open(full, encoding="utf-8") as fh:
                        sources.append((project.rel(full), 1, fh.read()))
                except (OSError, UnicodeDecodeError):
                    continue
    return sources


def check_converted(site: Site, project: Project, convert: Callable[[str], str]) -> list[Problem]:
    """`make check`'s view of the last net: each page whose source passed the policy is
    converted with the site's Markdown extensions (`convert`, snippets included) and its
    HTML held to the allowlist, as the build holds the page as built. What only the
    build adds (formatted references, generated blocks) is checked by the build."""
    flagged = {problem.path for problem in check(site, project)}
    shared = shared_sources(project, Bibliography())
    problems: list[Problem] = []
    for page in site.pages.values():
        if page.path in flagged or page.front.refused:  # refused: never converted, in the build either
            continue
        found = snippets.scan(page.front.body, page.path, page.front.body_line, project.snippet_dirs, project.root)
        html_text = convert(snippets.without_bad_snippets(page.front.body, found.bad_lines))
        problems += built_problems(add_noopener(html_text), page.path, [(page.path, 1, page.text), *shared])
    return problems


def is_safe_fragment(content: str) -> bool:
    """Whether an HTML fragment (a formatted reference, say) passes the allowlist."""
    return not html_policy.findings(content)


# Possessive: the same matches as without, found in half the time (the parts cannot overlap).
_A_TAG = re.compile(r"""<a\b(?:[^>"']++|"[^"]*+"|'[^']*+')*+>""", re.IGNORECASE)
_TARGET = re.compile(r"""\starget\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_REL = re.compile(r"""\srel\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_SAME_WINDOW = ("", "_self", "_top", "_parent")


def add_noopener(page_html: str) -> str:
    """Every link that opens another tab or window gets `rel="noopener noreferrer"`, so
    the opened page can neither script nor learn the address of the page that opened it."""
    def fix(match: re.Match[str]) -> str:
        tag = match.group(0)
        if "target" not in tag.lower():  # most links: no regular expression needed
            return tag
        target = _TARGET.search(tag)
        if not target or next(g for g in target.groups() if g is not None).strip().lower() in _SAME_WINDOW:
            return tag
        rel = _REL.search(tag)
        if rel is None:
            return tag[:2] + ' rel="noopener noreferrer"' + tag[2:]
        words = next(g for g in rel.groups() if g is not None).split()
        words += [w for w in ("noopener", "noreferrer") if w not in (x.lower() for x in words)]
        return tag[:rel.start()] + f' rel="{" ".join(words)}"' + tag[rel.end():]

    return _A_TAG.sub(fix, page_html) if "target" in page_html else page_html
