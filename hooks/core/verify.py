"""Check a built `site/` as it is, without MkDocs: what any generator must have produced.

Why: every rule of the project is enforced by hooks while MkDocs builds. A site built any
other way (a generator that ignores MkDocs hooks, as Zensical does, a partial or stale
build, a hand edit of `site/`) would skip them and could still be published. This module
reads the finished HTML and CSS with an HTML5 parser (lexbor, through selectolax) and a
CSS tokenizer (tinycss2), as a browser reads them, and the pages' front matter (for each
page's kind and review date), and lists everything a reader must never get:

- a citation left as typed (`[@key]`) or a `<!-- generate: NAME -->` place left unfilled;
- a page of `docs/` missing from the site, or without its "Last reviewed" line;
- a clinical page without its reference list;
- anything loaded from another host: every URL a browser fetches without a click (script,
  stylesheet, icon, image, srcset, frame, media, form action, preload, CSS `url()` and
  `@import`, in HTML, `style` attributes and `.css` files) must stay on the site, and name
  a file that is there (a missing local script is how a page ends up fetching from a CDN:
  Material's bundle loads Mermaid from unpkg.com when the site's own copy is absent).

Allowlist: a fetched URL is accepted only when it is relative, under the site's own
`site_url`, or a `data:` URL of an image or a font (an SVG one only when it fetches nothing
itself); only `<a>`/`<area>` links and `<link>` elements whose every `rel`
names a relation that fetches nothing may point elsewhere.

`tools/verify.py` is the command (`make verify`); the functions here are plain and tested.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html as htmlmod
import json
import os
import posixpath
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import tinycss2
from selectolax.lexbor import LexborHTMLParser, LexborNode

from core import html_policy
from core.codes import CODES
from core.html_policy import is_local, url_scheme
from core.pages import CLINICAL, SEARCH_INDEX, SourcePage, scan_docs
from core.reviews import long_date


# The page kinds whose pages cite sources and so end with a reference list: the clinical
# kinds of core/metadata.py (CLINICAL; a test keeps both equal, as importing the schema
# would pull in Markdown).
CLINICAL_KINDS = CLINICAL
REFERENCES_ID = "references"  # the heading core/citations.py gives the reference list
REVIEW_CLASS = "page-reviewed"  # the paragraph core/reviews.py writes under the title
REVIEW_LABEL = "Last reviewed"
GENERATE_MARKER = "<!-- generate:"

# Text a reader never sees as prose: a citation or a marker shown there is an example.
_NOT_PROSE = frozenset({"code", "pre", "kbd", "samp", "script", "style", "template", "textarea"})
# `<link rel>` values that fetch nothing: such a link may name any address.
NAVIGATION_RELS = frozenset({
    "alternate", "author", "bookmark", "canonical", "external", "help", "license", "me", "next",
    "nofollow", "noopener", "noreferrer", "opener", "prev", "search", "tag",
})
# Attributes a browser fetches on its own, on any element (`href` is handled apart: a
# link to follow on <a> and <area>, a fetch everywhere else).
FETCHED_ATTRIBUTES = frozenset({
    "src", "srcset", "imagesrcset", "poster", "background", "lowsrc", "dynsrc",
    "codebase", "archive", "manifest", "ping", "action", "formaction", "xlink:href",
})
_FETCHED_ON = {"data": frozenset({"object"}), "code": frozenset({"applet"})}
_LINK_ELEMENTS = frozenset({"a", "area"})
_CSS_URL_FUNCTIONS = frozenset({"url", "src"})
_CSS_IMAGE_SETS = frozenset({"image-set", "-webkit-image-set"})
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_RAW_CITATION = re.compile(r"\[@[^\[\]]{0,80}\]?")  # up to its closing bracket, when near
_MARKER_TEXT = re.compile(re.escape(GENERATE_MARKER) + r"(?:.{0,60}?-->|.{0,40})", re.DOTALL)


@dataclass(frozen=True, order=True)
class SiteProblem:
    """One thing wrong in the built site: the file (and line, in a stylesheet), what, how to fix it."""

    path: str  # as shown: the site folder as given, then the file's path inside it
    line: int  # 0: the file as a whole (HTML: the parser keeps no lines)
    what: str
    fix: str
    code: str

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"undeclared make verify code {self.code!r}")

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.what.rstrip('.')}. Fix: {self.fix} [{self.code}]"


@dataclass(frozen=True)
class Expected:
    """What a page of `docs/` must show once built: its source, kind and review date."""

    source: str  # docs/types/calciphylaxis.md
    kind: str | None
    reviewed: dt.date | None


@dataclass(frozen=True)
class Origin:
    """Where a file's URLs point: the site's own address, and, when a site folder is being
    checked, that folder and the file's path in it (so a local URL can be looked up)."""

    site_url: str | None = None
    site_dir: Path | None = None
    rel: str = ""  # e.g. types/x/index.html, assets/stylesheets/site.css


@dataclass(frozen=True)
class Report:
    problems: list[SiteProblem]
    pages: int  # HTML files read
    stylesheets: int


REBUILD = "build with `make site`, whose hooks write it (a site built without them must not be published)"


# ── where a page lands ───────────────────────────────────────────────────────────────

def output_path(src_uri: str) -> str:
    """The HTML file MkDocs writes for a page (`use_directory_urls`, the default and ours)."""
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def expected_pages(docs_dir: str, docs_prefix: str = "docs") -> dict[str, Expected]:
    """Output path -> what that page must show, for every page under `docs_dir`.

    The front matter is read with the project's own reader; a page it cannot read is left
    out (the build and `make check` report it)."""
    site, _problems = scan_docs(docs_dir, docs_prefix)
    return {output_path(page.src_uri): _expected(page) for page in site.pages.values()}


def _expected(page: SourcePage) -> Expected:
    reviewed = page.meta.get("reviewed")
    day = reviewed if isinstance(reviewed, dt.date) and not isinstance(reviewed, dt.datetime) else None
    return Expected(page.path, page.kind, day)


# ── URLs ────────────────────────────────────────────────────────────────────────────

def same_site(url: str, site_url: str | None) -> bool:
    """A URL of the site: relative (no scheme, not `//host`) or under `site_url`."""
    if is_local(url):
        return True
    if site_url:
        base = site_url if site_url.endswith("/") else site_url + "/"
        return url.strip().startswith(base)
    return False


def _shown(url: str, width: int = 70) -> str:
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in url.strip())
    return shown if len(shown) <= width else shown[:width] + "..."


def local_target(url: str, origin: Origin) -> str | None:
    """The file inside the site folder that a same-site URL names, resolved as a browser
    resolves it from `origin.rel` ("" for the file itself; None when it leaves the site's
    path under `site_url`, as `/x` does on a site published under `/name/`)."""
    parts = urlsplit(url.strip())
    prefix = urlsplit(origin.site_url or "").path.rstrip("/")  # "/calcinosis-reference", or ""
    path = unquote(parts.path)
    if not path:
        return ""
    if not path.startswith("/"):
        path = posixpath.join(f"{prefix}/{posixpath.dirname(origin.rel)}", path)
    resolved = posixpath.normpath(path) + ("/" if path.endswith("/") else "")
    if prefix:
        if resolved != prefix and not resolved.startswith(prefix + "/"):
            return None
        resolved = resolved[len(prefix):]
    resolved = resolved.lstrip("/")
    return resolved + "index.html" if resolved == "" or resolved.endswith("/") else resolved


# `data:` URLs whose content is data, never a document or code: the only media types
# accepted. An SVG only where the browser shows it as an image, where it fetches nothing
# (data_url_problem).
DATA_MEDIA_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif",
                              "image/x-icon", "image/vnd.microsoft.icon", "font/woff", "font/woff2"})
SVG_MEDIA_TYPE = "image/svg+xml"


def data_media_type(url: str) -> str:
    """The media type of a `data:` URL as a browser reads it: lower case, its parameters
    (`;charset=`, `;base64`) left off, "text/plain" when it names none. What a browser
    does with the URL depends on this type alone."""
    cleaned = _DATA_BLANKS.sub("", url.strip(_DATA_EDGES))
    header = cleaned.partition(":")[2].partition(",")[0]
    return header.split(";")[0].strip().lower() or "text/plain"


def data_url_problem(path: str, line: int, what_loads: str, url: str, as_image: bool) -> SiteProblem | None:
    """The problem with a `data:` URL that `what_loads` fetches, or None: only images and
    fonts. An SVG only where the browser shows it as an image (`as_image`: an <img>, a
    CSS background), which loads nothing; in a frame or an object it is a document."""
    media = data_media_type(url)
    if media in DATA_MEDIA_TYPES or (media == SVG_MEDIA_TYPE and as_image):
        return None
    if media == SVG_MEDIA_TYPE:
        return SiteProblem(path, line, f"{what_loads} loads a data: SVG as a document, where it may load anything",
                           "show it with <img> or as a CSS image, or serve it as a file of the site",
                           "verify.data-url")
    return SiteProblem(path, line, f"{what_loads} loads a data: URL of type '{_shown(media, 40)}'",
                       "only images and fonts may be written as data: URLs; serve anything else as a file of the "
                       "site", "verify.data-url")


def url_problem(path: str, line: int, what_loads: str, url: str, origin: Origin,
                as_image: bool = False) -> SiteProblem | None:
    """The problem with a URL that `what_loads` fetches (e.g. "<script src>"), or None;
    `as_image`: the browser shows what it loads as an image."""
    if url_scheme(url) == "data":
        return data_url_problem(path, line, what_loads, url, as_image)
    if same_site(url, origin.site_url):
        if origin.site_dir is None:
            return None
        target = local_target(url, origin)
        if target == "" or (target is not None and (origin.site_dir / target).exists()):
            return None
        return SiteProblem(path, line, f"{what_loads} loads '{_shown(url)}', which is not in the site",
                           f"the build left it out: {REBUILD}", "verify.missing-file")
    scheme = url_scheme(url)
    if scheme in (None, "http", "https"):  # None here: protocol-relative, //host/...
        return SiteProblem(path, line, f"{what_loads} loads '{_shown(url)}' from another host",
                           "serve the file from the site itself (under docs/ or assets/, as hooks/mermaid_assets.py "
                           "does for Mermaid) or remove it: readers' browsers must contact no other host",
                           "verify.other-host")
    return SiteProblem(path, line, f"{what_loads} loads a '{scheme}:' URL ('{_shown(url)}')",
                       "use a relative URL to a file of the site, or remove it", "verify.url-scheme")


def srcset_urls(value: str) -> list[str]:
    """The URLs of a `srcset` (WHATWG image candidate strings: URL, then descriptors up to a comma)."""
    urls: list[str] = []
    i, n = 0, len(value)
    while i < n:
        while i < n and (value[i].isspace() or value[i] == ","):
            i += 1
        start = i
        while i < n and not value[i].isspace():
            i += 1
        url = value[start:i]
        if not url:
            break
        if url.endswith(","):
            urls.append(url.rstrip(","))
            continue
        urls.append(url)
        depth = 0
        while i < n and (value[i] != "," or depth):
            depth += {"(": 1, ")": -1}.get(value[i], 0)
            i += 1
    return urls


# ── CSS ─────────────────────────────────────────────────────────────────────────────

def css_urls(css: str) -> list[tuple[int, str, str]]:
    """(line, how, URL) of everything a stylesheet fetches: `url()`, `src()`, `image-set()`
    strings, and `@import` of a string; tokenized as a browser does (tinycss2), so comments
    and escapes hide nothing."""
    found: list[tuple[int, str, str]] = []
    _walk_css(tinycss2.parse_component_value_list(css, skip_comments=True), found)
    return found


class TooDeep(Exception):
    """CSS nested deeper than CSS_MAX_DEPTH: not read to its end."""


CSS_MAX_DEPTH = 64


def _walk_css(tokens: Iterable[object], found: list[tuple[int, str, str]], depth: int = 0) -> None:
    if depth > CSS_MAX_DEPTH:
        raise TooDeep
    after_import = False
    for token in tokens:
        kind = getattr(token, "type", "")
        if kind in ("whitespace", "comment"):
            continue
        if after_import and kind == "string":
            found.append((token.source_line, "@import", token.value))  # type: ignore[attr-defined]
        after_import = kind == "at-keyword" and token.lower_value == "import"  # type: ignore[attr-defined]
        if kind == "url":
            found.append((token.source_line, "url()", token.value))  # type: ignore[attr-defined]
        elif kind == "function":
            name = token.lower_name  # type: ignore[attr-defined]
            arguments = token.arguments  # type: ignore[attr-defined]
            if name in _CSS_URL_FUNCTIONS:
                found += [(a.source_line, f"{name}()", a.value) for a in arguments
                          if getattr(a, "type", "") == "string"][:1]
            elif name in _CSS_IMAGE_SETS:
                found += [(a.source_line, f"{name}()", a.value) for a in arguments
                          if getattr(a, "type", "") == "string"]
            _walk_css(arguments, found, depth + 1)
        elif kind in ("() block", "[] block", "{} block"):
            _walk_css(token.content, found, depth + 1)  # type: ignore[attr-defined]


def stylesheet_problems(path: str, css: str, origin: Origin, first_line: int = 1,
                        inside: str = "") -> list[SiteProblem]:
    """Every URL a stylesheet fetches off the site: a `.css` file (lines from `first_line`),
    or, with `first_line=0` and `inside` naming it, a <style> element or a style attribute."""
    out = []
    try:
        urls = css_urls(css)
    except TooDeep:
        return [SiteProblem(path, 0, f"CSS{' in ' + inside if inside else ''} nested more than {CSS_MAX_DEPTH} deep, "
                            "which this check does not read", "write the rules flatter", "verify.unchecked")]
    for line, how, url in urls:
        where = f" in {inside}" if inside else ""
        problem = url_problem(path, line + first_line - 1 if first_line else 0, f"CSS {how}{where}", url, origin,
                              as_image=how != "@import")
        if problem:
            out.append(problem)
    return out


# ── HTML ────────────────────────────────────────────────────────────────────────────

def _in_prose(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in _NOT_PROSE:
            return False
        parent = parent.parent
    return True


def _nodes(tree: LexborHTMLParser, include_text: bool) -> Iterator[LexborNode]:
    """Every node of the document in order (text and comments too with `include_text`)."""
    if tree.root is not None:
        yield from tree.root.traverse(include_text=include_text)


def _text_problems(path: str, tree: LexborHTMLParser, source: str) -> list[SiteProblem]:
    out: list[SiteProblem] = []
    for node in _nodes(tree, include_text=True):
        if node.tag == "-comment":
            comment = node.comment_content or ""
            if comment.strip().startswith("generate:"):
                out.append(_marker_problem(path, f"<!-- {comment.strip()} -->", source))
        elif node.tag == "-text":
            text = node.text_content or ""
            if ("[@" in text or GENERATE_MARKER in text) and _in_prose(node):
                out += [SiteProblem(path, 0, f"a citation left as typed, '{_shown(' '.join(m.group().split()), 60)}', in the text",
                                    f"check the citation in {source} (`make check` names any fault), then {REBUILD}",
                                    "verify.raw-citation") for m in _RAW_CITATION.finditer(text)]
                out += [_marker_problem(path, m.group(), source) for m in _MARKER_TEXT.finditer(text)]
    return out


def _marker_problem(path: str, marker: str, source: str) -> SiteProblem:
    return SiteProblem(path, 0, f"a generated block was never filled: '{_shown(' '.join(marker.split()), 60)}' "
                       "is still in the page", f"check the marker's name in {source}, then {REBUILD}",
                       "verify.generate-marker")


# Where the browser shows what a URL loads as an image: an SVG there loads nothing itself.
_IMAGE_ATTRIBUTES = frozenset({("img", "src"), ("img", "srcset"), ("source", "srcset"), ("video", "poster"),
                               ("input", "src"), ("link", "imagesrcset")})
_MAX_SRCDOC_DEPTH = 3
_PRESENTATION_URLS = frozenset({"fill", "stroke", "filter", "mask", "clip-path", "marker-start", "marker-mid",
                                "marker-end", "cursor"})
_ANIMATIONS = frozenset({"set", "animate", "animatemotion", "animatetransform", "animatecolor"})


def _animated(attributes: dict[str, str | None]) -> str:
    """The attribute an SVG animation element changes (its attributeName), lower case."""
    return next(((v or "").strip().lower() for k, v in attributes.items() if k.lower() == "attributename"), "")
_DATA_EDGES = "".join(map(chr, range(0x21)))  # C0 controls and space, stripped by the URL parser
_DATA_BLANKS = re.compile(r"[\t\n\r]")

_REFRESH = re.compile(r"[\s\d.]*[\s;,]*(?:url\s*=\s*)?(.*)", re.IGNORECASE | re.DOTALL)


def refresh_url(content: str) -> str | None:
    """The address a `<meta http-equiv="refresh" content>` sends the reader to, read as the
    HTML standard's refresh steps read it (a time, then `;`, `,` or a blank, then the URL,
    `URL=` and quotes optional), more widely where it is unsure: anything after the time."""
    match = _REFRESH.match(content)  # every part is optional: it always matches
    rest = match.group(1).strip() if match else ""
    if rest[:1] in ("'", '"'):
        rest = rest[1:].split(rest[0], 1)[0]
    return rest or None


def _fetch_problems(path: str, tree: LexborHTMLParser, origin: Origin, depth: int = 0) -> list[SiteProblem]:
    out: list[SiteProblem] = []
    for node in _nodes(tree, include_text=False):
        tag = node.tag or ""
        if tag.startswith("-"):
            continue
        local_tag = tag.rsplit(":", 1)[-1]  # an SVG or XHTML file may prefix any element (h:object)
        attributes = node.attributes
        for name, value in attributes.items():
            if value is None:
                continue
            lower = name.lower()
            if lower.rsplit(":", 1)[-1] == "href":  # href, xlink:href, or another prefix of that namespace
                if local_tag in _LINK_ELEMENTS:
                    continue
                if tag == "link":
                    rels = set((attributes.get("rel") or "").lower().split())
                    if rels and rels <= NAVIGATION_RELS:
                        continue
                urls = [value]
            elif lower in ("srcset", "imagesrcset"):
                urls = srcset_urls(value)
            elif lower == "ping":
                urls = value.split()
            elif lower in FETCHED_ATTRIBUTES or local_tag in _FETCHED_ON.get(lower, ()):
                urls = [value]
            elif local_tag in _ANIMATIONS and lower in ("to", "from", "by", "values") and \
                    _animated(attributes).rsplit(":", 1)[-1] == "href":  # <set attributeName="href" to=...>
                urls = [v.strip() for v in value.split(";") if v.strip()]
            elif lower == "style":
                out += stylesheet_problems(path, value, origin, first_line=0, inside=f"<{tag} style>")
                continue
            elif lower == "srcdoc":  # a document of its own, which the browser loads in the frame
                if depth >= _MAX_SRCDOC_DEPTH:
                    out.append(SiteProblem(path, 0, f"<{tag} srcdoc> holds frames within frames more than "
                                           f"{_MAX_SRCDOC_DEPTH} deep, which this check does not read",
                                           "remove the nested frames", "verify.unchecked"))
                else:
                    out += _fetch_problems(path, LexborHTMLParser(value), origin, depth + 1)
                continue
            elif lower == "content" and tag == "meta" and \
                    (attributes.get("http-equiv") or "").strip().lower() == "refresh":
                target = refresh_url(value)  # "5; url=..." or "0 https://...": sends the reader on by itself
                urls = [target] if target else []
            else:
                if lower in _PRESENTATION_URLS:  # fill="url(...)": an SVG presentation attribute takes CSS
                    out += stylesheet_problems(path, value, origin, first_line=0, inside=f"<{tag} {lower}>")
                continue
            shown = f"<{tag} {lower}>"
            if tag == "link" and lower == "href":
                shown = f'<link rel="{attributes.get("rel") or ""}" href>'
            as_image = (tag, lower) in _IMAGE_ATTRIBUTES
            for url in urls:
                problem = url_problem(path, 0, shown, url, origin, as_image=as_image)
                if problem:
                    out.append(problem)
        if tag == "style":
            out += stylesheet_problems(path, node.text(deep=True) or "", origin, first_line=0, inside="<style>")
    return out


def _review_problems(path: str, tree: LexborHTMLParser, page: Expected) -> list[SiteProblem]:
    lines = [node for node in tree.css(f".{REVIEW_CLASS}")
             if (node.text(deep=True) or "").strip().startswith(REVIEW_LABEL)]
    fix_source = f"give {page.source} its 'reviewed:' date, then {REBUILD}"
    if not lines:
        return [SiteProblem(path, 0, f"no '{REVIEW_LABEL}' line under the title", fix_source, "verify.no-review-line")]
    time = lines[0].css_first("time")
    shown = (time.attributes.get("datetime") or "") if time is not None else ""
    if page.reviewed is not None and shown != page.reviewed.isoformat():
        said = shown if _ISO_DATE.fullmatch(shown) else "no date"
        return [SiteProblem(path, 0, f"the '{REVIEW_LABEL}' line shows {said}, but {page.source} says "
                            f"reviewed: {page.reviewed.isoformat()} ({long_date(page.reviewed)})",
                            f"the site is stale: {REBUILD}", "verify.review-date")]
    return []


def _references_problems(path: str, tree: LexborHTMLParser, page: Expected) -> list[SiteProblem]:
    heading = tree.css_first(f"#{REFERENCES_ID}")
    items = tree.css('div.footnote li[id^="fn:"]')
    if heading is not None and items:
        return []
    return [SiteProblem(path, 0, f"a clinical page (kind: {page.kind}) without its reference list",
                        f"cite the sources of {page.source} with [@key] (make check lists the uncited sections), "
                        f"then {REBUILD}", "verify.no-references")]


_STYLESHEET_INSTRUCTION = re.compile(r"<\?xml-stylesheet\b(.*?)\?>", re.DOTALL | re.IGNORECASE)
_PSEUDO_ATTRIBUTE = re.compile(r"""\s*([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _pseudo_href(text: str) -> str | None:
    """The `href` of an instruction's pseudo-attributes, read one after the other as XML
    does (a value that contains `href=` is a value), with character references decoded;
    None when they cannot be read that way."""
    at, href = 0, ""
    while at < len(text.rstrip()):
        match = _PSEUDO_ATTRIBUTE.match(text, at)
        if match is None:
            return None
        if match.group(1) == "href":
            href = htmlmod.unescape(match.group(2) if match.group(2) is not None else match.group(3))
        at = match.end()
    return href


def _instruction_problems(path: str, text: str, origin: Origin) -> list[SiteProblem]:
    """What an `<?xml-stylesheet href?>` instruction loads: an SVG or XHTML file is read as
    XML, where the instruction applies (the HTML parser keeps it as a comment)."""
    out = []
    for match in _STYLESHEET_INSTRUCTION.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        url = _pseudo_href(match.group(1))
        if url is None:
            out.append(SiteProblem(path, line, "an <?xml-stylesheet?> instruction that cannot be read",
                                   "remove it: a drawing of the site needs no stylesheet instruction", "verify.unchecked"))
            continue
        problem = url_problem(path, line, "<?xml-stylesheet href?>", url, origin)
        if problem:
            out.append(problem)
    return out


@dataclass(frozen=True)
class KnownScripts:
    """The scripts the theme and the hooks write, which alone may run in the site: inline
    scripts as patterns made from the templates' own `<script>` blocks (a `{{ value }}` of
    the template may stand for a relative path only: no quote, scheme or `//host`), and
    script files by path in the site and SHA-256 of their bytes."""

    inline: tuple[re.Pattern[str], ...]
    files: dict[str, str]


_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_TEMPLATE_VALUE = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_VALUE_IN_SCRIPT = r"(?!//)[\w./-]*"  # a value the template prints inside a script: a path, no scheme or host
# Script types a browser does not run; Material reads its settings from `<script id="__config"
# type="application/json">`, whose search worker address must be a file of the site.
_DATA_SCRIPT_TYPES = frozenset({"application/json"})


def known_scripts(template_dirs: Iterable[Path], files: dict[str, Path]) -> KnownScripts:
    """The scripts of the theme's templates and ours (`template_dirs`: Material's templates,
    then overrides/), and the script files the site may hold (`files`: path in the site ->
    the file it must equal, e.g. Material's bundle and the pinned Mermaid)."""
    patterns: list[re.Pattern[str]] = []
    for folder in template_dirs:
        for template in sorted(folder.rglob("*.html")) if folder.is_dir() else []:
            for body in _TEMPLATE_SCRIPT.findall(template.read_text(encoding="utf-8")):
                if "{%" in body or "{#" in body:  # a script a template assembles: none may match
                    continue
                pattern = _VALUE_IN_SCRIPT.join(re.escape(part) for part in _TEMPLATE_VALUE.split(body))
                patterns.append(re.compile(pattern, re.DOTALL))
    digests = {rel: hashlib.sha256(path.read_bytes()).hexdigest() for rel, path in files.items() if path.is_file()}
    return KnownScripts(tuple(patterns), digests)


def _script_problems(path: str, tree: LexborHTMLParser, origin: Origin, scripts: KnownScripts,
                     depth: int = 0) -> list[SiteProblem]:
    out: list[SiteProblem] = []
    for node in _nodes(tree, include_text=False):
        tag = (node.tag or "").lower()
        local_tag = tag.rsplit(":", 1)[-1]  # <h:script> in an SVG file is a script too
        attributes = node.attributes
        for name, value in attributes.items():  # scripts in attributes: the theme writes none
            lower = name.lower().rsplit(":", 1)[-1]
            if lower.startswith("on"):
                out.append(SiteProblem(path, 0, f"an event handler '{name}' on <{tag}>", _SCRIPT_FIX, "verify.script"))
            elif lower in ("href", "src", "data", "action", "formaction") and value and \
                    url_scheme(value) == "javascript":
                out.append(SiteProblem(path, 0, f"a javascript: URL in <{tag} {name}>", _SCRIPT_FIX, "verify.script"))
            elif lower in ("shadowrootmode", "shadowroot"):
                out.append(SiteProblem(path, 0, f"a shadow root declared on <{tag}>, whose content this check does "
                                       "not read", _SCRIPT_FIX, "verify.unchecked"))
            elif lower == "srcdoc" and value and depth < _MAX_SRCDOC_DEPTH:  # deeper: refused by _fetch_problems
                out += _script_problems(path, LexborHTMLParser(value), origin, scripts, depth + 1)
        if local_tag == "noscript":
            out.append(SiteProblem(path, 0, "a <noscript>, which a browser running scripts reads as text and this "
                                   "check reads as elements (the theme writes none)", _SCRIPT_FIX, "verify.unchecked"))
        if local_tag != "script":
            continue
        sources = [v for k, v in attributes.items() if k.lower().rsplit(":", 1)[-1] in ("src", "href") and v]
        if sources:  # another host is refused by _fetch_problems; a file of the site must be a known script
            for url in sources:
                target = local_target(url, origin) if is_local(url) or same_site(url, origin.site_url) else None
                if target is not None and target not in scripts.files:
                    out.append(SiteProblem(path, 0, f"<{tag}> loads '{_shown(url)}', which is not a script file the "
                                           "theme or the hooks write", _SCRIPT_FIX, "verify.script"))
            continue
        kind = (attributes.get("type") or "").strip().lower()
        text = node.text(deep=True) or ""
        if kind in _DATA_SCRIPT_TYPES:
            out += _config_problems(path, text, origin)
            continue
        if not any(pattern.fullmatch(text) for pattern in scripts.inline):
            out.append(SiteProblem(path, 0, f"an inline script the theme's templates do not write "
                                   f"('{_shown(' '.join(text.split()), 50)}')", _SCRIPT_FIX, "verify.script"))
    return out


_SCRIPT_FIX = ("scripts come from the theme and overrides/ only: put a script of the site in overrides/main.html "
               "(make verify reads its <script> blocks), or build again with `make site`")


def _config_problems(path: str, text: str, origin: Origin) -> list[SiteProblem]:
    """Material's settings (`#__config`): the address of its search worker, which the page
    starts as a script, must be a file of the site."""
    try:
        settings = json.loads(text)
    except ValueError:
        return [SiteProblem(path, 0, "a <script type=\"application/json\"> that is not JSON",
                            _SCRIPT_FIX, "verify.script")]
    base = settings.get("base") if isinstance(settings, dict) else None
    if base is not None and not (isinstance(base, str) and url_scheme(base) is None and is_local(base)):
        return [SiteProblem(path, 0, "the theme's settings give another site as the base of its addresses",
                            _SCRIPT_FIX, "verify.script")]
    worker = settings.get("search") if isinstance(settings, dict) else None
    if worker is None:
        return []
    if not isinstance(worker, str):
        return [SiteProblem(path, 0, "the theme's settings name a search worker that is not an address",
                            _SCRIPT_FIX, "verify.script")]
    problem = url_problem(path, 0, "the theme's search worker", worker, origin)
    return [problem] if problem else []


def script_file_problem(path: str, rel: str, data: bytes, scripts: KnownScripts) -> SiteProblem | None:
    """A script file of the site must be, byte for byte, one the theme or the hooks write."""
    digest = scripts.files.get(rel)
    if digest is None:
        return SiteProblem(path, 0, "a script file the theme and the hooks do not write", _SCRIPT_FIX,
                           "verify.script")
    if hashlib.sha256(data).hexdigest() != digest:
        return SiteProblem(path, 0, "a script file that differs from the theme's or the hooks' copy",
                           _SCRIPT_FIX, "verify.script")
    return None


_DTD_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[|<!ENTITY|<!ATTLIST", re.IGNORECASE)


def _dtd_problems(path: str, text: str) -> list[SiteProblem]:
    """A browser opening an SVG, XHTML or XML file reads it as XML, and acts on a DTD of the
    file's own: entities that expand into URLs, attribute defaults that add an `href`. The
    HTML parser this check reads with ignores them, so such a file is refused (the build
    refuses them in docs/ drawings too)."""
    found = _DTD_SUBSET.search(text)
    if found is None:
        return []
    return [SiteProblem(path, text.count("\n", 0, found.start()) + 1,
                        f"a DTD of the file's own ('{found.group(0)}'), which a browser reading the file as XML "
                        "acts on and this check does not read", "remove the DOCTYPE's internal subset, its entities "
                        "and attribute lists: a drawing or page of the site needs none", "verify.unchecked")]


def html_problems(path: str, html: str, page: Expected | None, origin: Origin,
                  scripts: KnownScripts | None = None) -> list[SiteProblem]:
    """Everything wrong in one built HTML file; `page` says what its source requires (None:
    not a page of docs/, such as 404.html); `origin` where its URLs point; `scripts` the
    scripts that may run (None: scripts are not compared)."""
    tree = LexborHTMLParser(html)
    source = page.source if page is not None else "the page's source"
    out = _text_problems(path, tree, source) + _fetch_problems(path, tree, origin)
    if scripts is not None:
        out += _script_problems(path, tree, origin, scripts)
    if path.lower().endswith((".svg", ".xhtml", ".xml")):
        out += _instruction_problems(path, html, origin) + _dtd_problems(path, html)
    if page is not None:
        out += _review_problems(path, tree, page)
        if page.kind in CLINICAL_KINDS:
            out += _references_problems(path, tree, page)
    return out


# ── the whole site ──────────────────────────────────────────────────────────────────

# Every file a built site may hold, by its suffix. Documents and stylesheets are read (a
# browser renders or runs them: an XML file with XHTML elements runs their scripts), and so
# is the search index (Material shows its texts as HTML); the rest are files a browser only
# shows, runs as a script the pages load, or downloads, all written by the theme or the
# hooks. Any other file is refused unread: a generator or a hand edit could add one a host
# serves as a page (`.xht`, `.shtml`, `.mht`) or reads as its own settings or code
# (`.htaccess`, `_headers`, `_worker.js`: no name the site publishes starts with `.` or `_`).
DOCUMENTS = (".html", ".htm", ".svg")
PAGES = (".html", ".htm")
STYLESHEETS = (".css",)
OTHER_FILES = (".js", ".map", ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".woff", ".woff2")
# Files of these suffixes are published under one name only.
NAMED_FILES = frozenset({SEARCH_INDEX, "sitemap.xml", "sitemap.xml.gz"})
# Read as documents though not by their suffix: the sitemap (XML, read for an XML
# file's stylesheet instruction and DTD). An XHTML or other XML file is refused: a browser
# reads it as XML, where a <textarea> or <title> holds elements, and this check reads HTML.
NAMED_DOCUMENTS = frozenset({"sitemap.xml"})
# A suffix inside a name ("x.html.map") that some hosts act on as if it were the last one
# (Apache gives a file the type of every suffix it knows): refused anywhere but last.
_INNER_DOCUMENT_SUFFIXES = frozenset({"html", "htm", "xhtml", "xht", "shtml", "svg", "svgz", "xml", "xsl", "xslt",
                                      "mht", "mhtml", "php", "phtml", "cgi", "asp", "aspx", "jsp", "pl", "py"})


def _files(site_dir: Path, unreadable: list[str]) -> Iterator[tuple[str, os.stat_result | None]]:
    """Every entry under `site_dir` but folders, sorted, with its own status (lstat: a link
    is not followed; None: it vanished); a folder that cannot be listed is added to
    `unreadable` (as a path in the site)."""
    def failed(error: OSError) -> None:
        unreadable.append(os.path.relpath(error.filename or str(site_dir), site_dir).replace(os.sep, "/"))

    for root, dirs, names in os.walk(site_dir, onerror=failed):
        dirs.sort()
        links = [d for d in dirs if os.path.islink(os.path.join(root, d))]
        dirs[:] = [d for d in dirs if d not in links]
        for name in sorted(names + links):
            full = os.path.join(root, name)
            try:
                status: os.stat_result | None = os.lstat(full)
            except OSError:
                status = None
            yield os.path.relpath(full, site_dir).replace(os.sep, "/"), status


def _file_problem(rel: str, status: os.stat_result | None, shown: str) -> SiteProblem | None:
    if status is not None and stat.S_ISLNK(status.st_mode):
        return SiteProblem(shown, 0, "a symbolic link: the host would publish whatever it points to",
                           f"a built site holds files only: {REBUILD}", "verify.symlink")
    if status is None or not stat.S_ISREG(status.st_mode):
        return SiteProblem(shown, 0, "not a regular file (a pipe, socket or device), which is never read",
                           f"a built site holds files only: {REBUILD}", "verify.unreadable")
    if status.st_nlink > 1:
        return SiteProblem(shown, 0, "a hard link: the same file is also outside the site, or twice in it",
                           f"a built site holds files of its own: {REBUILD}", "verify.symlink")
    lower = rel.lower()
    parts = lower.rsplit("/", 1)[-1].split(".")
    hidden = any(part[:1] in (".", "_") for part in lower.split("/"))
    inner = set(parts[1:-1]) & _INNER_DOCUMENT_SUFFIXES
    if lower in NAMED_FILES:
        return None
    if hidden or inner or not lower.endswith(DOCUMENTS + STYLESHEETS + OTHER_FILES):
        return SiteProblem(shown, 0, "a file of a type the site does not publish",
                           "remove it: a site holds pages (.html), drawings (.svg), stylesheets, scripts, images, "
                           "fonts, PDFs and the search index and sitemap, and a host could serve any other file "
                           "as a page or read it as its settings", "verify.file-type")
    return None


def search_index_problems(path: str, text: str) -> list[SiteProblem]:
    """The search index (`search/search_index.json`), which Material's search shows: each
    result's title and text as HTML, held to the allowlist of a page as built
    (core/html_policy.py); its tags and keywords as plain text; its location a page of the
    site. Only the fields Material's index has are allowed."""
    def problem(what: str) -> SiteProblem:
        return SiteProblem(path, 0, what, f"the index is written by the search plugin from the pages: {REBUILD}",
                           "verify.search-index")

    try:
        index = json.loads(text)
    except ValueError as exc:
        return [problem(f"the search index is not JSON ({exc})")]
    docs = index.get("docs") if isinstance(index, dict) else None
    if not isinstance(docs, list) or set(index) - {"config", "docs"}:
        return [problem("the search index is not Material's: an object of 'config' and 'docs'")]
    out: list[SiteProblem] = []
    for n, doc in enumerate(docs):
        location = doc.get("location") if isinstance(doc, dict) else None
        if not isinstance(location, str) or set(doc) - _INDEX_FIELDS:
            out.append(problem(f"search index entry {n} is not an entry of Material's index"))
            continue
        where = f"search index entry '{_shown(location, 50)}'"
        if url_scheme(location) is not None or not is_local(location):
            out.append(problem(f"{where} points off the site"))
        for field in ("title", "text"):
            value = doc.get(field, "")
            found = html_policy.findings(value) if isinstance(value, str) else [html_policy.Finding("no text", "")]
            out += [problem(f"{where}: its {field} contains {f.what}") for f in found[:1]]
        tags, keywords = doc.get("tags", []), doc.get("keywords", "")
        texts = (tags if isinstance(tags, list) else [tags]) + [keywords]
        if not all(isinstance(t, str) and not html_policy.plain_text_findings(t) for t in texts) \
                or not isinstance(doc.get("boost", 1), (int, float)):
            out.append(problem(f"{where}: its tags, keywords or boost are not plain text and a number"))
    return out


_INDEX_FIELDS = frozenset({"location", "title", "text", "boost", "tags", "keywords"})


def _read(site_dir: Path, rel: str, shown: str) -> tuple[str | None, SiteProblem | None]:
    try:
        return (site_dir / rel).read_bytes().decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, SiteProblem(shown, 0, f"not UTF-8 text (byte at offset {exc.start})",
                                 REBUILD, "verify.not-utf8")
    except OSError as exc:
        return None, SiteProblem(shown, 0, f"cannot be read ({exc.strerror})", REBUILD, "verify.unreadable")


def verify_site(site_dir: Path, shown_as: str, expected: dict[str, Expected],
                site_url: str | None = None, scripts: KnownScripts | None = None) -> Report:
    """Every problem of the built site in `site_dir` (paths shown under `shown_as`), sorted;
    `expected` maps each page's output path to its source (`expected_pages`); `scripts`
    the scripts that may run (`known_scripts`; None: scripts are not compared)."""
    if not site_dir.is_dir():
        return Report([SiteProblem(shown_as, 0, "there is no built site here", "run `make site` first",
                                   "verify.no-site")], 0, 0)
    problems: list[SiteProblem] = []
    pages = stylesheets = 0
    found = set()
    unreadable: list[str] = []
    for rel, status in _files(site_dir, unreadable):
        shown = f"{shown_as}/{rel}"
        problem = _file_problem(rel, status, shown)
        if problem is not None:
            problems.append(problem)
            continue
        suffix = rel.lower()
        if suffix.endswith(".js") and scripts is not None:
            try:
                data = (site_dir / rel).read_bytes()
            except OSError as exc:
                problems.append(SiteProblem(shown, 0, f"cannot be read ({exc.strerror})", REBUILD, "verify.unreadable"))
                continue
            problem = script_file_problem(shown, rel, data, scripts)
            problems += [problem] if problem else []
            continue
        if not suffix.endswith(DOCUMENTS + STYLESHEETS) and suffix != SEARCH_INDEX and suffix not in NAMED_DOCUMENTS:
            continue
        text, problem = _read(site_dir, rel, shown)
        stylesheets += suffix.endswith(STYLESHEETS)
        if text is None:
            problems += [problem] if problem else []
            continue
        if suffix == SEARCH_INDEX:
            problems += search_index_problems(shown, text)
            continue
        if suffix.endswith(STYLESHEETS):
            problems += stylesheet_problems(shown, text, Origin(site_url, site_dir, rel))
            continue
        pages += suffix.endswith(PAGES)
        found.add(rel)
        problems += html_problems(shown, text, expected.get(rel), Origin(site_url, site_dir, rel), scripts)
    problems += [SiteProblem(f"{shown_as}/{rel}", 0, "a folder that cannot be read, so its files are not checked",
                             "make it readable (chmod), or build again into an empty folder", "verify.unreadable")
                 for rel in unreadable]
    for rel, page in expected.items():
        if rel not in found and not (site_dir / rel).exists():
            problems.append(SiteProblem(f"{shown_as}/{rel}", 0, f"missing: no page was built from {page.source}",
                                        f"the site is incomplete: {REBUILD}", "verify.missing-page"))
    return Report(sorted(set(problems)), pages, stylesheets)
