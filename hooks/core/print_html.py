"""Turn a page's rendered HTML (MkDocs `page.content`) into HTML that prints well.

Why: the PDF renderer gets the page body, never Material's full page (given that, WeasyPrint
prints little more than "Skip to content"). The body still holds screen-only markup: tabs
that hide all but one panel, collapsed `<details>`, permalink and footnote back-link
arrows, Mermaid source that only a browser can draw, links relative to the web page. This
module rewrites it for paper, and lists every resource the PDF would load so that one
from another host is reported before rendering.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

# Attributes through which a document loads a resource (not links the reader follows).
_LOADS = {
    "img": ("src",),
    "source": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "iframe": ("src",),
    "input": ("src",),
    "link": ("href",),
    "image": ("href", "xlink:href", "{http://www.w3.org/1999/xlink}href"),
    "use": ("href", "xlink:href", "{http://www.w3.org/1999/xlink}href"),
    "feimage": ("href", "xlink:href", "{http://www.w3.org/1999/xlink}href"),
}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_LOCAL_SCHEMES = ("file", "data")


@dataclass
class Resource:
    """A resource the printed page loads: as written in the page, and resolved."""

    written: str
    url: str

    @property
    def external(self) -> bool:
        return urlsplit(self.url).scheme.lower() not in _LOCAL_SCHEMES


@dataclass
class PrintPage:
    """What the print templates need to know about one page."""

    id: str
    src_uri: str
    path: str  # as in messages: docs/x.md
    title: str
    url: str  # the page's web address
    reviewed: str  # ISO date, or "" when the page has none
    description: str
    content: str  # MkDocs page.content (rendered Markdown)
    file_url: str  # file:// address of the built page, base for its relative resources
    section: str = ""  # top-level nav section, for the whole-site table of contents
    kind: str = ""  # the page kind of its front matter: a patient page's handout has a space for the clinic
    diagrams: dict[int, str | None] = field(default_factory=dict)  # number -> SVG path or None


@dataclass
class Prepared:
    html: str
    resources: list[Resource]


def anchor_prefix(page_id: str) -> str:
    """Prefix of every id of a page inside the whole-site PDF (ids must be unique there)."""
    return f"p-{page_id}"


def _file_url(path: str) -> str:
    return Path(path).resolve().as_uri()


def _classes(el: etree._Element) -> list[str]:
    return (el.get("class") or "").split()


def _has_class(el: etree._Element, name: str) -> bool:
    return name in _classes(el)


def _element(tag: str, cls: str = "", text: str = "") -> etree._Element:
    el = lxml.html.Element(tag)
    if cls:
        el.set("class", cls)
    if text:
        el.text = text
    return el


def _in_svg(el: etree._Element) -> bool:
    return any(a.tag == "svg" for a in el.iterancestors()) or el.tag == "svg"


def _drop(el: etree._Element) -> None:
    """Remove an element but keep the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail or ""
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(el)


def _unfold_tabs(root: etree._Element) -> None:
    """Print every tab of a tabbed block, each under its label."""
    for tabset in root.xpath('//div[contains(concat(" ", @class, " "), " tabbed-set ")]'):
        labels = [" ".join(label.text_content().split()) for label in tabset.xpath('./div[contains(@class, "tabbed-labels")]/label')]
        blocks = tabset.xpath('./div[contains(@class, "tabbed-content")]/div[contains(@class, "tabbed-block")]')
        out = _element("div", "print-tabs")
        for i, block in enumerate(blocks):
            tab = _element("div", "print-tab")
            tab.append(_element("p", "print-tab-title", labels[i] if i < len(labels) else ""))
            tab.extend(list(block))
            if block.text and block.text.strip():
                tab[0].tail = block.text
            out.append(tab)
        out.tail = tabset.tail
        tabset.getparent().replace(tabset, out)


def _open_details(root: etree._Element) -> None:
    """A collapsible block prints open, styled as the admonition it looks like on screen."""
    for details in root.iter("details"):
        details.tag = "div"
        details.set("class", " ".join(["admonition", "print-details", *_classes(details)]))
        details.attrib.pop("open", None)
        summary = details.find("summary")
        if summary is not None:
            summary.tag = "p"
            summary.set("class", "admonition-title")


def _references_heading(root: etree._Element) -> None:
    """The footnote list is the page's reference list: give it a heading if it has none."""
    for notes in root.xpath('//div[contains(concat(" ", @class, " "), " footnote ")]'):
        for hr in notes.findall("hr"):
            _drop(hr)
        prev = notes.getprevious()
        if prev is None or prev.tag not in ("h2", "h3"):
            notes.addprevious(_element("h2", "print-references", "References"))


def _hug_citations(root: etree._Element) -> None:
    """A citation's superscript number follows its word with no space, as in the AMA style.

    This also sidesteps a WeasyPrint 70 line-breaking fault: a space before a superscript
    link followed by punctuation can make it break a line after the paragraph's first word.
    """
    for sup in root.xpath('//sup[a[contains(concat(" ", @class, " "), " footnote-ref ")]]'):
        prev = sup.getprevious()
        if prev is None:
            parent = sup.getparent()
            if parent is not None and parent.text:
                parent.text = parent.text.rstrip()
        elif prev.tag != "sup" and prev.tail:
            prev.tail = prev.tail.rstrip()


def _diagrams(root: etree._Element, images: dict[int, str | None]) -> None:
    """Replace each Mermaid source block by its committed SVG (see core.diagrams)."""
    for number, pre in enumerate(root.xpath('//pre[contains(concat(" ", @class, " "), " mermaid ")]'), start=1):
        figure = _element("figure", "print-diagram")
        image = images.get(number)
        if image:
            img = _element("img")
            img.set("src", _file_url(image))
            img.set("alt", "Diagram")
            figure.append(img)
        else:
            figure.append(_element("p", "print-diagram-missing",
                                   "This diagram is not available in print: see the online version."))
        figure.tail = pre.tail
        pre.getparent().replace(pre, figure)


def diagram_sources(content: str) -> list[str]:
    """The source text of each Mermaid block in rendered HTML, in page order."""
    root = lxml.html.fragment_fromstring(content, create_parent="div")
    return [html.unescape(pre.text_content()) for pre in
            root.xpath('//pre[contains(concat(" ", @class, " "), " mermaid ")]')]


def _resources(root: etree._Element, base: str) -> list[Resource]:
    """Resolve every loaded resource to an absolute URL (in place) and list them."""
    found: list[Resource] = []

    def resolve(value: str) -> str:
        url = urljoin(base, value.strip())
        found.append(Resource(value.strip(), url))
        return url

    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.rsplit("}", 1)[-1].lower()
        for name in _LOADS.get(tag, ()):
            value = el.get(name)
            if value and not value.startswith("#"):
                el.set(name, resolve(value))
        if el.get("srcset"):
            for candidate in el.get("srcset").split(","):
                if candidate.strip():
                    resolve(candidate.split()[0])
            del el.attrib["srcset"]  # print uses `src`
        style = el.get("style")
        if style and "url(" in style:
            el.set("style", _CSS_URL.sub(lambda m: f'url("{resolve(m[2])}")', style))
        if tag == "style" and el.text and "url(" in el.text:
            el.text = _CSS_URL.sub(lambda m: f'url("{resolve(m[2])}")', el.text)
    return found


def _links(root: etree._Element, page: PrintPage, book: dict[str, str] | None) -> None:
    """Links work from paper: to the web address, or inside the whole-site PDF."""
    for a in root.iter("a"):
        href = a.get("href")
        if not href or href.startswith(("mailto:", "tel:")):
            continue
        if href.startswith("#"):
            if book is not None:
                a.set("href", f"#{anchor_prefix(page.id)}--{href[1:]}")
            continue
        target = urljoin(page.url, href)
        if book is not None:
            address, _, fragment = target.partition("#")
            if address in book:
                prefix = anchor_prefix(book[address])
                target = f"#{prefix}--{fragment}" if fragment else f"#{prefix}"
        a.set("href", target)


def _prefix_ids(root: etree._Element, prefix: str) -> None:
    for el in root.iter():
        if isinstance(el.tag, str) and el.get("id") and not _in_svg(el):
            el.set("id", f"{prefix}--{el.get('id')}")
    # The site's own figures (hooks/figures.py) name their title and description by id; a
    # drawn diagram's SVG refers to its ids in its own styles, so it keeps them as they are.
    for svg in root.iter("svg"):
        if any("generated-figure" in _classes(a) for a in svg.iterancestors()):
            for el in svg.iter():
                if isinstance(el.tag, str) and el.get("id"):
                    el.set("id", f"{prefix}--{el.get('id')}")
            if svg.get("aria-labelledby"):
                svg.set("aria-labelledby", " ".join(f"{prefix}--{i}" for i in svg.get("aria-labelledby", "").split()))


def _title_and_meta(root: etree._Element, page: PrintPage) -> None:
    """Make sure the page opens with its title, then its review date and web address.

    When the page body already states its review date (hooks/review_dates.py adds a
    `.page-reviewed` line under the title), only the address is added, below that line.
    """
    h1 = root.find(".//h1")
    if h1 is None:
        h1 = _element("h1", "", page.title)
        root.insert(0, h1)
        h1.tail = root.text
        root.text = None
    after = h1
    meta = _element("p", "print-meta")
    stated = h1.getnext()
    if stated is not None and _has_class(stated, "page-reviewed"):
        after = stated
    elif page.reviewed:
        meta.append(_element("span", "print-reviewed", f"Last reviewed {long_date(page.reviewed)}"))
    link = _element("a", "print-address", page.url)
    link.set("href", page.url)
    meta.append(link)
    meta.tail = after.tail
    after.tail = None
    after.addnext(meta)


def _chapter_title(root: etree._Element, page: PrintPage) -> None:
    """In the whole-site PDF, the page's title carries the chapter's anchor (the target of
    the contents and of links to the page), its bookmark and its running header.

    Chapters run on (print.css): when a title does not fit at the foot of a page it moves to
    the next one, and anything placed on the chapter's own box would stay behind on the
    page before."""
    h1 = root.find(".//h1")  # _title_and_meta made sure there is one
    start = _element("span", "chapter-anchor")
    start.set("id", anchor_prefix(page.id))
    start.tail, h1.text = h1.text, None
    h1.insert(0, start)
    h1.set("class", " ".join([*_classes(h1), "chapter-title"]))
    h1.set("data-title", page.title)


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def long_date(iso: str) -> str:
    """`2026-11-21` as `21 November 2026` (the site's style), whatever the locale."""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def prepare(page: PrintPage, book: dict[str, str] | None = None) -> Prepared:
    """The print HTML of one page's content.

    `book` maps the web address of every page in the whole-site PDF to its id: links
    between them become links inside the PDF and every id is made unique. For a handout
    it is None.
    """
    root = lxml.html.fragment_fromstring(page.content, create_parent="div")
    for el in root.xpath('//a[contains(concat(" ", @class, " "), " headerlink ")]'
                         ' | //a[contains(concat(" ", @class, " "), " footnote-backref ")]'
                         " | //script | //noscript"):
        _drop(el)
    _unfold_tabs(root)
    _open_details(root)
    _references_heading(root)
    _hug_citations(root)
    _diagrams(root, page.diagrams)
    _title_and_meta(root, page)
    resources = _resources(root, page.file_url)
    _links(root, page, book)
    if book is not None:
        _prefix_ids(root, anchor_prefix(page.id))
        _chapter_title(root, page)
    body = (root.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
    return Prepared(body, resources)


def line_of(text: str, written: str, default: int = 1) -> int:
    """The first file line where a resource address is written (for messages)."""
    name = os.path.basename(urlsplit(written).path)
    for candidate in (written, html.unescape(written), name):
        index = text.find(candidate) if candidate else -1
        if index >= 0:
            return text.count("\n", 0, index) + 1
    return default


def inside(path: str, roots: tuple[str, ...]) -> bool:
    real = os.path.realpath(path)
    return any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in map(os.path.realpath, roots))

