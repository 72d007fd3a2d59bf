"""The words a reader sees on a page, line by line, with the Markdown taken away.

Why: the readability check must score the sentences a patient reads, not link URLs,
citation keys or heading ids, and the abbreviation check must find the capitalised words
a reader sees, with their file line. One scanner serves both so that they agree on what
"the text of a page" is:

- left out: front matter (the scanner gets the body only), fenced code, inline code,
  HTML comments (generate markers included), link and image URLs, citations `[@key]`,
  footnote references `[^1]`, attribute lists `{ #id }`, raw HTML tags, abbreviation
  definitions `*[X]: ...`, link reference definitions and table separator rows;
- kept, each with its role: heading text, admonition and tab titles, paragraphs, list
  items (including footnote and definition-list bodies) and each table cell on its own.

Indented lines are prose (admonition bodies and list continuations), never code blocks:
the pages use fenced code only.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from core.mdtext import heading_text, prose_lines

_HIDDEN = re.compile(r"<!--.*?(?:-->|\Z)|\[@[^\]]*\]", re.S)  # comments; citations, even across lines
_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)[ \t]*$")
_TITLED_BLOCK = re.compile(r"^(?:!!!|\?\?\?\+?|===)[ \t]*(?:[\w-]+(?:[ \t]+[\w-]+)*)?[ \t]*(?:\"(.*)\")?[ \t]*$")
_ABBR_DEFINITION = re.compile(r"^\*\[[^\]]+\]:")
_REF_DEFINITION = re.compile(r"^\[(?!\^)[^\]]+\]:\s")
_ATTR_LIST = re.compile(r"^\{:?[^}]*\}$")
_TABLE_SEPARATOR = re.compile(r"^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?$")
_ITEM = re.compile(r"^(?:[-*+]|\d{1,9}[.)]|:|\[\^[^\]]+\]:)[ \t]+")
_QUOTE = re.compile(r"^(?:>[ \t]?)+")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?])")
_NOT_NEWLINE = re.compile(r"[^\n]")

# (pattern, replacement, substrings one of which the pattern needs: skipped without them).
_INLINE = [
    (re.compile(r"\[\^[^\]]+\]"), "", ("[^",)),  # footnote references
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1", ("![",)),  # images keep their alt text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1", ("](",)),  # inline links keep their text
    (re.compile(r"\[([^\]]*)\]\[[^\]]*\]"), r"\1", ("][",)),  # reference links keep their text
    (re.compile(r"<(?:https?|mailto):[^>]*>"), "", ("<",)),  # autolinks
    (re.compile(r"</?[a-zA-Z][^>]*>"), "", ("<",)),  # HTML tags
    (re.compile(r"\{:?[ \t]*[#.][^}]*\}"), "", ("{",)),  # attribute lists
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])"), r"\1", ("\\",)),  # backslash escapes
    (re.compile(r"\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)|~~"), "", ("*", "_", "~~")),  # emphasis markers
]

HEADING, TITLE, PARAGRAPH, ITEM, CELL = "heading", "title", "paragraph", "item", "cell"


@dataclass(frozen=True)
class TextLine:
    """Visible text from one source line: `starts_block` is False for a paragraph's
    continuation lines (the same sentence may run on)."""

    line: int
    text: str
    role: str
    starts_block: bool = True


def inline_text(markdown: str) -> str:
    """The visible text of inline Markdown: link text without URLs, no citations or tags."""
    text = markdown
    for pattern, repl, needs in _INLINE:
        for needed in needs:
            if needed in text:
                text = pattern.sub(repl, text)
                break
    if "&" in text:
        text = html.unescape(text)
    text = " ".join(text.split())
    return SPACE_BEFORE_PUNCTUATION.sub(r"\1", text) if " " in text else text  # "skin [@key]." -> "skin."


def blank_hidden(text: str) -> str:
    """`text` with HTML comments and citations replaced by spaces (newlines kept, so lines
    stay put); a citation may run over two lines, `[@a;` then `@b]`."""
    return _HIDDEN.sub(_blanked, text) if ("[@" in text or "<!--" in text) else text


def _blanked(match: re.Match[str]) -> str:
    hidden = match.group(0)
    return " " * len(hidden) if "\n" not in hidden else _NOT_NEWLINE.sub(" ", hidden)


def text_lines(body: str, first_line: int = 1) -> list[TextLine]:
    """Every line of visible text in a page body, in order (see the module docstring)."""
    found: list[TextLine] = []
    in_paragraph = False
    original = body.split("\n")
    for number, raw in prose_lines(blank_hidden(body), first_line):
        stripped = raw.strip()
        if stripped.startswith(">"):
            stripped = _QUOTE.sub("", stripped).strip()
        if not stripped and original[number - first_line].strip():
            continue  # a line holding only a citation or a comment: the block goes on
        first = stripped[:1]
        if not stripped or (first == "*" and _ABBR_DEFINITION.match(stripped)) \
                or (first == "[" and _REF_DEFINITION.match(stripped)) or (first == "{" and _ATTR_LIST.match(stripped)):
            in_paragraph = False
            continue
        heading = _HEADING.match(stripped) if first == "#" else None
        titled = _TITLED_BLOCK.match(stripped) if first in "!?=" else None
        if heading or titled:
            text = heading_text(heading.group(1))[0] if heading else inline_text(titled.group(1) or "") if titled else ""
            if text:
                found.append(TextLine(number, text, HEADING if heading else TITLE))
            in_paragraph = False
            continue
        if stripped.startswith("|"):
            if not _TABLE_SEPARATOR.match(stripped):
                cells = _CELL_SPLIT.split(stripped.strip("|"))
                found.extend(TextLine(number, t, CELL) for t in map(inline_text, cells) if t)
            in_paragraph = False
            continue
        item = _ITEM.match(stripped)
        text = inline_text(stripped[item.end():] if item else stripped)
        if text:
            found.append(TextLine(number, text, ITEM if item else PARAGRAPH,
                                  starts_block=bool(item) or not in_paragraph))
            in_paragraph = True
    return found
