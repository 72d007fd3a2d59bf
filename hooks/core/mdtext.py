"""Read the prose lines of a Markdown page: fenced code and inline code left out.

Why: the checks that look for links, headings, citations, diagrams and generated-content
markers must not see examples shown as code (the conventions page shows front matter,
links and markers inside code blocks), and must see everything else. One scanner of
fenced code, `fences`, read as pymdownx.superfences reads it (an unclosed fence is text),
is used by all of them, so no check can disagree with another or with the renderer.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_FENCE = re.compile(r"^(?P<indent>[ \t>]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# An HTML comment as the HTML5 tokenizer ends it: at '-->' or '--!>', at once for '<!-->'
# and '<!--->', or at the end of the text.
COMMENT = re.compile(r"<!--(?:-?>|.*?--!?>|.*\Z)", re.S)
_NOT_NEWLINE = re.compile(r"[^\n]")


@dataclass(frozen=True)
class Fence:
    """A fenced code block: 0-based lines of its opening and closing fence."""

    first: int
    last: int
    indent: str  # what stands before the fence: spaces, tabs, blockquote markers
    marker: str  # the fence itself, e.g. "```" or "~~~~"
    info: str  # what follows the opening fence: language, options


def fences(text: str) -> list[Fence]:
    """Every fenced code block of `text`, as pymdownx.superfences reads them: a fence of
    three or more backticks or tildes, closed by a line of the same character at least as
    long with nothing after it. A backtick fence whose info has a backtick is inline code,
    and a fence that is never closed is no code block at all: its lines are ordinary text
    (and so are checked like text)."""
    if "```" not in text and "~~~" not in text:
        return []
    lines = text.split("\n")
    closers: dict[str, list[tuple[int, int]]] = {"`": [], "~": []}  # char -> [(line, length)]
    for index, line in enumerate(lines):
        match = _FENCE.match(line) if ("`" in line or "~" in line) else None
        if match and not match.group("info").strip():
            closers[match.group("fence")[0]].append((index, len(match.group("fence"))))
    found: list[Fence] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        match = _FENCE.match(line) if ("`" in line or "~" in line) else None
        if not match or (match.group("fence")[0] == "`" and "`" in match.group("info")):
            index += 1
            continue
        marker = match.group("fence")
        candidates = closers[marker[0]]
        start = bisect.bisect_right(candidates, (index, 10**9))
        close = next((i for i, length in candidates[start:] if length >= len(marker)), None)
        if close is None:
            index += 1  # never closed: not a code block
            continue
        found.append(Fence(index, close, match.group("indent"), marker, match.group("info")))
        index = close + 1
    return found


def code_lines(text: str) -> set[int]:
    """The 0-based lines of `text` inside fenced code blocks, fences included."""
    return {i for fence in fences(text) for i in range(fence.first, fence.last + 1)}


MAX_NESTING = 16  # lists, quotes or brackets inside each other; real pages use 3 at most
_PREFIX = re.compile(r"^(?P<prefix>(?:[ \t]*>)*)(?P<indent>[ \t]*)")
_BRACKET_OR_ESCAPE = re.compile(r"\\.|[\[\]]")  # an escaped character is one token, never a bracket


def nesting_line(text: str) -> tuple[int, str] | None:
    """The first 0-based line where lists, block quotes or brackets are nested more than
    MAX_NESTING deep, and what is nested, or None. Python-Markdown takes minutes over
    thousands of brackets inside each other and ends in a RecursionError on lists or quotes
    a few hundred deep, so such a page is not converted at all."""
    code = code_lines(text)
    depth = 0
    for index, line in enumerate(text.split("\n")):
        if index in code:
            continue
        match = _PREFIX.match(line)
        if match is None:  # the pattern matches every line; the type checker cannot know
            continue
        quotes = match.group("prefix").count(">")
        indent = match.group("indent").expandtabs(4)
        if quotes > MAX_NESTING:
            return index, "block quotes"
        if len(indent) // 4 > MAX_NESTING:
            return index, "lists or indented blocks"
        if "[" in line or depth:
            for token in _BRACKET_OR_ESCAPE.findall(line):
                if token == "[":
                    depth += 1
                    if depth > MAX_NESTING:
                        return index, "square brackets"
                elif token == "]" and depth:
                    depth -= 1
        if not line.strip():
            depth = 0  # a blank line ends the paragraph, and any bracket left open in it
    return None


def blank(text: str, regions: Iterable[tuple[int, int]]) -> str:
    """`text` with each (start, end) region, in order, turned into spaces (newlines kept)."""
    out: list[str] = []
    last = 0
    for start, end in regions:
        out += [text[last:start], _NOT_NEWLINE.sub(" ", text[start:end])]
        last = end
    return "".join(out) + text[last:] if out else text


def fenced_regions(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of every fenced code block of `text`."""
    found = fences(text)
    if not found:
        return []
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    return [(starts[f.first], starts[f.last + 1] - 1) for f in found]


def code_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every inline code span, as Python-Markdown 3.11 reads them inside
    a paragraph (BacktickInlineProcessor, over lines but not over a blank line): from the
    left, a backtick not escaped by an odd number of backslashes opens with the rest of its
    run, and the span ends at the next run of as many backticks; failing one, at the first
    of the longest later runs when that is shorter (the opening then takes as many); else
    the run is text. In time linear in the text, up to a logarithm (a regular expression
    took minutes over lines of backtick runs of every length)."""
    spans: list[tuple[int, int]] = []
    if "`" not in text:
        return spans
    paragraph_ends = [m.start() for m in _BLANK_LINE.finditer(text)] + [len(text)]
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    paragraph_of = [bisect.bisect_left(paragraph_ends, start) for start, _ in runs]
    by_length: dict[tuple[int, int], list[int]] = {}  # (paragraph, run length) -> run indexes
    for index, (start, end) in enumerate(runs):
        by_length.setdefault((paragraph_of[index], end - start), []).append(index)
    # For each run, the longest of the later runs of its paragraph, and the first run that long.
    longest, first_longest = [0] * (len(runs) + 1), [-1] * (len(runs) + 1)
    for index in range(len(runs) - 1, -1, -1):
        later = index + 1 if index + 1 < len(runs) and paragraph_of[index + 1] == paragraph_of[index] else len(runs)
        length = runs[index][1] - runs[index][0]
        if length >= longest[later]:
            longest[index], first_longest[index] = length, index
        else:
            longest[index], first_longest[index] = longest[later], first_longest[later]
    index, searched, paragraph = 0, 0, 0  # searched: where Python-Markdown looks for the next backtick
    while index < len(runs):
        start, end = runs[index]
        if paragraph_of[index] != paragraph:  # each paragraph is searched from its start
            paragraph, searched = paragraph_of[index], 0
        if end <= searched:
            index += 1
            continue
        if start >= searched:  # an escaped backtick is text: after an odd number of backslashes, or
            # after any when they began before the search resumed (no pair of them can be read then)
            first = start
            while first > 0 and text[first - 1] == "\\":  # each backslash is looked at once
                first -= 1
            backslashes = start - first
            start += 1 if backslashes and (backslashes % 2 or start - backslashes < searched) else 0
        else:
            start = searched  # the search resumed inside this run: its rest opens
        ticks = end - start
        following = index + 1 if index + 1 < len(runs) and paragraph_of[index + 1] == paragraph_of[index] else None
        close = None
        if ticks and following is not None:
            same = by_length.get((paragraph_of[index], ticks), [])
            position = bisect.bisect_right(same, index)
            if position < len(same):
                close = same[position]
            elif 0 < longest[following] < ticks:
                close = first_longest[following]
        if close is None:
            # Python-Markdown resumes as many characters after the run as it had backticks.
            index, searched = index + 1, end + ticks
            continue
        spans.append((start, runs[close][1]))
        index, searched = close + 1, runs[close][1]
    return spans


def blank_code_spans(text: str) -> str:
    """`text` with every inline code span replaced by spaces (lines and columns kept)."""
    return blank(text, code_spans(text)) if "`" in text else text


def mask_code(text: str) -> str:
    """`text` with fenced code, HTML comments and inline code blanked (same length and
    lines), so nothing inside them is taken for a citation, a heading or a link."""
    masked = blank(text, fenced_regions(text))
    if "<!--" in masked:
        masked = blank(masked, [m.span() for m in COMMENT.finditer(masked)])
    return blank_code_spans(masked)


def prose_lines(text: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """(file line, text) of every line outside fenced code, inline code blanked."""
    code = code_lines(text)
    lines = blank_code_spans(blank(text, fenced_regions(text))).split("\n")
    for index, line in enumerate(lines):
        if index not in code:
            yield first_line + index, line


def outside_code(text: str) -> Iterator[tuple[int, str, bool]]:
    """(0-based index, raw line, True when the line is prose) for every line of `text`."""
    code = code_lines(text)
    for index, line in enumerate(text.split("\n")):
        yield index, line, index not in code


def fill_place(page_html: str, place: str, block: str) -> str:
    """Put `block` where a generator left `place` (an HTML comment on a line of its own in
    the Markdown, which Python-Markdown passes through as it is, or inside a paragraph).

    Generated HTML (reference lists, related pages, review dates) is placed in the page
    after Markdown: parsing HTML the hooks made themselves would only cost build time."""
    return page_html.replace(f"<p>{place}</p>", block).replace(place, block)


# ── Headings ────────────────────────────────────────────────────────────────────────
_HEADING_ATTRS = re.compile(r"[ ]+\{:?([^}\n]*)\}[ ]*$")  # as Python-Markdown's attr_list
ATTR_ID = re.compile(r"(?:^|\s)#([^\s}]+)")  # the id in an attribute list
_CLOSING_HASHES = re.compile(r"\s+#+$")
_INLINE_MARKUP = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images keep their text
    (re.compile(r"\[@[^\]]*\]"), ""),  # citations
    (re.compile(r"<[^>]+>"), ""),  # inline HTML tags
    (re.compile(r"(\*{1,3}|(?<!\w)_{1,3})(\S.*?)\1"), r"\2"),  # emphasis
    (re.compile(r"`+"), ""),
]


def heading_text(raw: str) -> tuple[str, str | None]:
    """A heading's plain text and its explicit id, if any."""
    text = _CLOSING_HASHES.sub("", raw)
    explicit = None
    match = _HEADING_ATTRS.search(text)
    if match:
        found = ATTR_ID.search(match.group(1))
        explicit = found.group(1) if found else None
        text = text[: match.start()]
    for pattern, repl in _INLINE_MARKUP:
        text = pattern.sub(repl, text)
    return html.unescape(text).strip(), explicit
