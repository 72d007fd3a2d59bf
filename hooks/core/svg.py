"""A small SVG writer for the figures the build draws from front matter.

Why: the evidence map and the body map (core/figures.py) are inline SVG in the pages and
the PDFs, and a build must give byte-identical output for the same sources. No library
in requirements.txt draws charts (segno draws QR codes only), and a chart library would
cost more build time than these few shapes: this writer keeps attributes in the order
given, writes numbers with at most two decimals and no trailing zeros, and escapes every
text and attribute value, so that no front-matter text can become markup.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

Value = str | int | float | None


def num(value: float) -> str:
    """A coordinate as the SVG shows it: '12', '12.5', '-0.25' (never '12.0' or '-0')."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _value(value: str | int | float) -> str:
    if isinstance(value, bool):
        raise TypeError("an SVG attribute is text or a number, not a boolean")
    if isinstance(value, (int, float)):
        return num(value)
    return html.escape(value, quote=True)


def attributes(attrs: Mapping[str, Value]) -> str:
    """` name="value"` for each attribute whose value is not None, in the order given."""
    return "".join(f' {name}="{_value(value)}"' for name, value in attrs.items() if value is not None)


def element(tag: str, attrs: Mapping[str, Value] | None = None, children: Iterable[str] = (),
            text: str | None = None) -> str:
    """One element: `text` (escaped) or `children` (already written) inside, or self-closed."""
    inner = html.escape(text, quote=False) if text is not None else "".join(children)
    opening = f"<{tag}{attributes(attrs or {})}"
    return f"{opening}>{inner}</{tag}>" if inner else f"{opening}/>"


def path_data(*commands: tuple[str, Iterable[float]]) -> str:
    """Path data from (command, numbers) pairs: `("M", (0, 1)), ("L", (2, 3))` -> 'M0 1L2 3'."""
    return "".join(letter + " ".join(num(n) for n in numbers) for letter, numbers in commands)
