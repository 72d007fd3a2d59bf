"""The allowlist of what may reach a published page, checked on the HTML a browser will read.

Why: the source checks (core/content_policy.py) read Markdown, but what readers get is
the HTML after Python-Markdown, the extensions, the snippets, the citation footnotes,
the reference lists, the generated tables and every cache have had their say. This
module decides, on that final HTML, what may stay: a fixed set of elements, a fixed set
of attributes on each, URLs only of the schemes below (and images only from this site),
and no `style` except the column alignment Markdown tables write. Everything else is
refused, however it is spelled (inline SVG too: only the shapes, text and attribute values
the generated figures write, and nothing else inside an `<svg>`), because the HTML is parsed by a real HTML5 parser
(lexbor, through selectolax): the same tokenizer rules a browser applies, so a tag or an
attribute cannot hide from the check by being written in an unusual way.

The same rules serve the static files that are copied into the site (`.svg` drawings
are read as the browser would read them inline) and the site-wide texts (nav titles,
site name, copyright), which the theme prints without escaping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Attributes every allowed element may carry. `aria-*` is allowed by prefix.
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "role", "tabindex",
                               "data-search-exclude"})  # Material: leave out of the search index
# Allowed elements and the attributes each may carry beyond GLOBAL_ATTRIBUTES: what
# Markdown, the enabled extensions, the theme's page-body features and our generated
# blocks write, plus the raw-HTML tags contributors may use (content_policy.ALLOWED_TAGS).
ELEMENTS: dict[str, frozenset[str]] = {
    **{name: frozenset() for name in (
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "li", "blockquote", "pre", "code",
        "hr", "br", "em", "strong", "b", "i", "sub", "sup", "small", "mark", "kbd", "del",
        "ins", "s", "u", "span", "table", "thead", "tbody", "tfoot", "tr", "caption",
        "dl", "dt", "dd", "figure", "figcaption", "summary", "cite", "q", "abbr", "nav")},
    "a": frozenset({"href", "rel", "target"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "ol": frozenset({"start", "type"}),
    "details": frozenset({"open"}),
    "div": frozenset({"data-tabs"}),  # pymdownx.tabbed
    "time": frozenset({"datetime"}),
    "th": frozenset({"style", "colspan", "rowspan", "scope"}),
    "td": frozenset({"style", "colspan", "rowspan"}),
    "label": frozenset({"for"}),
    "input": frozenset({"type", "name", "checked"}),  # only pymdownx.tabbed's tab switches
}
# Inline SVG: exactly what the figures drawn from front matter write (core/figures.py),
# shapes and text, no link, no style, no script, no embedded document (foreignObject).
# Each attribute's value must match its pattern: numbers, path data, a colour, a word.
_NUMBER = r"-?[0-9]+(?:\.[0-9]+)?"
SVG_VALUES: dict[str, re.Pattern[str]] = {
    **{name: re.compile(_NUMBER) for name in (
        "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "width", "height", "stroke-width",
        "font-size")},
    "viewBox": re.compile(rf"{_NUMBER}(?: {_NUMBER}){{3}}"),
    "d": re.compile(r"[MLZ0-9 .-]+"),
    "fill": re.compile(r"none|currentColor|#[0-9a-f]{6}"),
    "stroke": re.compile(r"none|currentColor|#[0-9a-f]{6}"),
    "text-anchor": re.compile(r"start|middle|end"),
    "xmlns": re.compile(re.escape("http://www.w3.org/2000/svg")),
    **{name: re.compile(r"[^<>]*") for name in (
        "data-therapy", "data-evidence", "data-direction", "data-patients", "data-region")},
}
SVG_ELEMENTS: dict[str, frozenset[str]] = {
    "svg": frozenset({"xmlns", "viewBox", "width", "height"}),
    "title": frozenset(),
    "desc": frozenset(),
    "g": frozenset({"data-therapy", "data-evidence", "data-direction", "data-patients", "data-region"}),
    "line": frozenset({"x1", "y1", "x2", "y2", "stroke", "stroke-width"}),
    "rect": frozenset({"x", "y", "width", "height", "fill", "stroke", "stroke-width"}),
    "circle": frozenset({"cx", "cy", "r", "fill", "stroke", "stroke-width"}),
    "ellipse": frozenset({"cx", "cy", "rx", "ry", "fill", "stroke", "stroke-width"}),
    "path": frozenset({"d", "fill", "stroke", "stroke-width"}),
    "text": frozenset({"x", "y", "font-size", "text-anchor", "fill"}),
}
URL_ATTRIBUTES = frozenset({"href", "src"})
# Of each element's allowed attributes, those whose every value is allowed (id, class,
# style, URLs and target have their values read; an <input> is always looked at).
_PLAIN_ATTRIBUTES: dict[str, frozenset[str]] = {
    tag: (GLOBAL_ATTRIBUTES | names) - {"id", "class", "style", "target"} - URL_ATTRIBUTES
    for tag, names in ELEMENTS.items() if tag != "input"}
# An id the theme's scripts could mistake for one of their own (Material reads its settings
# from #__config, and keeps its state in #__drawer, #__search, ...) or a class that would
# dress page text as the theme's controls is refused.
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_:.-]*")
_TAB_ID = re.compile(r"__tabbed_[0-9]+_[0-9]+")
THEME_CLASS_PREFIX = "md-"
LINK_SCHEMES = frozenset({"https", "mailto", "tel"})  # an `<a href>`; relative links always
TARGETS = frozenset({"_blank", "_self"})
_TABLE_ALIGN = re.compile(r"text-align:\s*(?:left|right|center);?")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_URL_BLANKS = re.compile(r"[\t\n\r]")  # the URL parser removes these anywhere
_C0_OR_SPACE = "".join(map(chr, range(0x21)))
_NOT_PLAINLY_LOCAL = frozenset(_C0_OR_SPACE + "/\\")


@dataclass(frozen=True)
class Finding:
    """One refused thing in a piece of HTML: what it is (for the message) and a needle,
    the text most likely to be found in the source that produced it."""

    what: str
    needle: str


def url_scheme(url: str) -> str | None:
    """The scheme of `url` as a browser's URL parser reads it (None: a relative URL).

    Leading and trailing C0 controls and spaces are stripped and tabs and newlines
    dropped anywhere, as the WHATWG URL parser does; `http:evil.example` has the scheme
    `http` although it has no slashes. Entities are already decoded by the HTML parser."""
    cleaned = _URL_BLANKS.sub("", url.strip(_C0_OR_SPACE))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def is_local(url: str) -> bool:
    """A URL that stays on this site: no scheme and not protocol-relative (`//host`)."""
    cleaned = _URL_BLANKS.sub("", url.strip(_C0_OR_SPACE)).replace("\\", "/")
    return url_scheme(url) is None and not cleaned.startswith("//")


def url_finding(tag: str, attribute: str, url: str) -> Finding | None:
    """Why a URL in `<tag attribute>` is refused, or None."""
    if _plainly_local(url):
        return None
    scheme = url_scheme(url)
    if attribute == "href" and tag == "a":
        if scheme is None:
            return None if is_local(url) else Finding(f"a link to '{url}' without a scheme", url)
        if scheme in LINK_SCHEMES:
            return None
        return Finding(f"a '{scheme}:' link ('{_short(url)}'): only https, mailto and tel "
                       "links, and links within the site, are allowed", url)
    if is_local(url):
        return None
    if scheme in (None, "http", "https"):
        return Finding(f"<{tag} {attribute}> loading '{_short(url)}' from another host", url)
    return Finding(f"<{tag} {attribute}> with a '{scheme}:' URL ('{_short(url)}')", url)


def _plainly_local(url: str) -> bool:
    """A URL seen at a glance to be local, as most of a page's are ("#fn:1", "../page/"):
    it starts with none of the characters the URL parser strips or reads as "//", and a
    "/", "?" or "#" comes before any ":", so no scheme can be read. Anything else takes
    the full reading of url_scheme and is_local."""
    if not url or url[0] in _NOT_PLAINLY_LOCAL:
        return False
    head, colon, _ = url.partition(":")
    return not colon or "/" in head or "?" in head or "#" in head


def findings(fragment: str) -> list[Finding]:
    """Everything in an HTML fragment (a page body) that the allowlist refuses, each once,
    in document order."""
    if "\x00" in fragment:
        found = [Finding("a NUL character", "\x00")]
    else:
        found = []
    tree = LexborHTMLParser(f"<body>{fragment}</body>")
    body = tree.body
    if body is None:
        return found
    # The parser merges a written <body> or <html> into the document's own elements: any
    # attribute there came from the page (the wrapper has none), and would land on the
    # real page element of the site.
    for outer in (body, tree.root):
        if outer is not None:
            found += [Finding(f"an attribute '{name}' on <{outer.tag}>", name) for name in outer.attributes]
    drawing = "<svg" in fragment.lower()  # only then can an element stand inside an <svg>
    for node in body.traverse(include_text=False):
        if drawing and node.tag not in SVG_ELEMENTS and _in_svg(node):
            found.append(Finding(f"a <{node.tag}> element inside an <svg> drawing", f"<{node.tag}"))
            continue
        tag = node.tag
        if tag in _PLAIN_ATTRIBUTES and _plainly_allowed(tag, node.attributes):
            continue
        found.extend(_node_findings(node))
    head = tree.head
    if head is not None:  # elements such as <meta> or <base> that the parser moves to the head
        for node in head.traverse(include_text=False):
            if node.tag != "head":
                found.append(Finding(f"a <{node.tag}> element", f"<{node.tag}"))
    return list(dict.fromkeys(found))


def _plainly_allowed(tag: str, attributes: dict[str, str | None]) -> bool:
    """The common case at a glance: an allowed element whose attributes are allowed with
    any value, or are an id, a class or a link within the site that plainly pass. Most
    elements of a page are; _node_findings reads the rest and says what is wrong."""
    plain = _PLAIN_ATTRIBUTES[tag]
    for name, value in attributes.items():
        if name in plain:
            continue
        if name == "id":
            if value and _ID.fullmatch(value):
                continue
        elif name == "class":
            if value is None or THEME_CLASS_PREFIX not in value:
                continue
        elif name == "href" and tag == "a":
            if value is not None and _plainly_local(value):
                continue
        return False
    return True


def _node_findings(node: LexborNode) -> list[Finding]:
    tag = node.tag or ""
    if tag in ("-comment", "body") or tag.startswith("-"):
        return []
    if tag in SVG_ELEMENTS:
        return _svg_findings(node, tag)
    if tag not in ELEMENTS:
        return [Finding(f"a <{tag}> element", f"<{tag}")]
    allowed = ELEMENTS[tag]
    found: list[Finding] = []
    attributes = node.attributes
    refused = [name for name in attributes if name not in allowed and name not in GLOBAL_ATTRIBUTES
               and not name.startswith("aria-")]
    if len(refused) > 1:  # one message for one element, however many attributes it has
        shown = ", ".join(f"'{name}'" for name in refused[:3]) + (f" and {len(refused) - 3} more" if len(refused) > 3 else "")
        found.append(Finding(f"attributes {shown} on <{tag}>", refused[0]))
        attributes = {k: v for k, v in attributes.items() if k not in refused}
    for name, value in attributes.items():
        value = value or ""
        if name == "id" and not (_ID.fullmatch(value) or (tag == "input" and _TAB_ID.fullmatch(value))):
            found.append(Finding(f"an id '{value[:40]}' on <{tag}> (ids start with a letter or digit; the "
                                 "theme's own start with '_')", f'id="{value[:40]}'))
            continue
        if name == "class" and any(word.startswith(THEME_CLASS_PREFIX) for word in value.split()):
            found.append(Finding(f"a class of the theme ('{THEME_CLASS_PREFIX}...') on <{tag}>", THEME_CLASS_PREFIX))
            continue
        if name in GLOBAL_ATTRIBUTES or name.startswith("aria-"):
            continue
        if name not in allowed:
            found.append(Finding(f"an attribute '{name}' on <{tag}>", name))
        elif name == "style" and not _TABLE_ALIGN.fullmatch(value.strip()):
            found.append(Finding(f"a 'style' attribute on <{tag}> other than a table column's alignment",
                                 f"style={value}" if value else "style"))
        elif name in URL_ATTRIBUTES:
            problem = url_finding(tag, name, value)
            if problem:
                found.append(problem)
        elif name == "target" and value.strip().lower() not in TARGETS:
            found.append(Finding(f"a link target '{value}'", value))
        elif name == "target" and value.strip().lower() == "_blank" \
                and "noopener" not in (attributes.get("rel") or "").lower().split():
            found.append(Finding("a link that opens a new tab without rel=\"noopener\"", "_blank"))
    if tag == "input" and not _is_tab_switch(attributes):
        found.append(Finding("an <input> element", "<input"))
    return found


def _in_svg(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == "svg":
            return True
        parent = parent.parent
    return False


def _svg_findings(node: LexborNode, tag: str) -> list[Finding]:
    """An element of inline SVG: `<svg>` outside any drawing, its shapes inside one, and
    only the attributes of SVG_ELEMENTS, each with a value of its pattern."""
    if (tag == "svg") == _in_svg(node):
        where = "inside another <svg>" if tag == "svg" else "outside an <svg> drawing"
        return [Finding(f"a <{tag}> element {where}", f"<{tag}")]
    found: list[Finding] = []
    for name, value in node.attributes.items():
        value = value or ""
        if name in ("id", "class") or name.startswith("aria-") or name in ("role", "lang"):
            if name == "id" and not _ID.fullmatch(value):
                found.append(Finding(f"an id '{value[:40]}' on <{tag}>", f'id="{value[:40]}'))
            elif name == "class" and any(word.startswith(THEME_CLASS_PREFIX) for word in value.split()):
                found.append(Finding(f"a class of the theme ('{THEME_CLASS_PREFIX}...') on <{tag}>", THEME_CLASS_PREFIX))
            continue
        if name not in SVG_ELEMENTS[tag]:
            found.append(Finding(f"an attribute '{name}' on <{tag}>", name))
        elif not SVG_VALUES[name].fullmatch(value):
            found.append(Finding(f"an attribute {name}=\"{_short(value, 40)}\" on <{tag}> (not a value the figures "
                                 "write)", value or name))
    return found


def _is_tab_switch(attributes: dict[str, str | None]) -> bool:
    """The radio buttons pymdownx.tabbed renders for `=== "Tab"` blocks: no form, nothing
    a reader types."""
    return (attributes.get("type") == "radio"
            and (attributes.get("id") or "").startswith("__tabbed_")
            and (attributes.get("name") or "").startswith("__tabbed_"))


def plain_text_findings(text: str) -> list[Finding]:
    """A text the theme prints unescaped (a nav title, the site name) must hold no markup
    at all: anything the HTML parser reads as an element or a comment is refused."""
    if "<" not in text and "&" not in text:
        return []
    tree = LexborHTMLParser(f"<body>{text}</body>")
    nodes = [] if tree.body is None else [n for n in tree.body.traverse(include_text=True)
                                          if n.tag not in ("body", "-text")]
    if tree.head is not None:
        nodes += [n for n in tree.head.traverse(include_text=False) if n.tag != "head"]
    if nodes:
        shown = "an HTML comment" if nodes[0].tag == "-comment" else f"<{nodes[0].tag}>"
        return [Finding(f"HTML markup ({shown})", text)]
    return []


def _short(url: str, width: int = 60) -> str:
    """`url` as a message shows it: control characters visible, long ones cut."""
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in url)
    return shown if len(shown) <= width else shown[:width] + "..."
