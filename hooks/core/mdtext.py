"""Read the prose lines of a Markdown page: fenced code and inline code left out.

Why: the checks that look for links, headings and generated-content markers must not
see examples shown as code (the conventions page shows front matter, links and markers
inside code blocks). One scanner, used by all of them, keeps them in agreement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")


def blank_code_spans(line: str) -> str:
    """The line with every inline code span replaced by spaces (columns kept)."""
    if "`" not in line:
        return line
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def prose_lines(text: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """(file line, text) of every line outside fenced code, inline code blanked."""
    fence: str | None = None
    for number, line in enumerate(text.split("\n"), start=first_line):
        match = _FENCE.match(line) if ("`" in line or "~" in line) else None
        if fence is None:
            if match:
                fence = match.group(1)
                continue
            yield number, blank_code_spans(line)
        elif match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                and not line[match.end():].strip():
            fence = None


def outside_code(text: str) -> Iterator[tuple[int, str, bool]]:
    """(0-based index, raw line, True when the line is prose) for every line of `text`."""
    prose = {n for n, _ in prose_lines(text, 0)}
    for index, line in enumerate(text.split("\n")):
        yield index, line, index in prose


def fill_place(page_html: str, place: str, block: str) -> str:
    """Put `block` where a generator left `place` (an HTML comment on a line of its own in
    the Markdown, which Python-Markdown passes through as it is, or inside a paragraph).

    Generated HTML (reference lists, related pages, review dates) is placed in the page
    after Markdown: parsing HTML the hooks made themselves would only cost build time."""
    return page_html.replace(f"<p>{place}</p>", block).replace(place, block)
