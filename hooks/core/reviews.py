"""The "Last reviewed" line and the "Review due" notice at the top of every page.

Why: medical evidence dates. Readers must see how old a page's review is, and a page
not reviewed for more than three years must say so visibly. Both are part of the page
content (not only the theme template), so the PDF handouts carry them too. They are HTML
placed under the title after the search index is built: otherwise every page's text in
the search results would begin with its review date.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from core.frontmatter import is_date
from core.mdtext import prose_lines

REVIEW_YEARS = 3
POLICY_ID = "editorial-policy"  # the page that explains review dates
POLICY_ANCHOR = "review-dates"
_H1 = re.compile(r"^#\s+\S")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later (29 February becomes 28 February); the last
    day Python can hold when that is past the year 9999 (the schema reports such a date)."""
    if day.year + years > dt.MAXYEAR:
        return dt.date.max
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def review_due(reviewed: dt.date, today: dt.date) -> bool:
    """True once more than three years have passed since the review."""
    return today > add_years(reviewed, REVIEW_YEARS)


def long_date(day: dt.date) -> str:
    """A date no reader can misread: 21 November 2026."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


PLACE = "<!-- review date: placed by hooks/review_dates.py -->"


def review_html(reviewed: object, today: dt.date, policy_href: str | None) -> str:
    """The "Last reviewed" paragraph, plus the notice when the review is due ("" without a date).

    `policy_href` links to the section of the editorial policy on review dates."""
    if not (isinstance(reviewed, dt.date) and is_date(reviewed)):
        return ""
    when = f'<time datetime="{reviewed.isoformat()}">{long_date(reviewed)}</time>'
    link = html.escape(policy_href) if policy_href else ""
    label = f'<a href="{link}">Last reviewed</a>' if policy_href else "Last reviewed"
    text = f'<p class="page-reviewed">{label}: {when}</p>'
    if review_due(reviewed, today):
        how = f' See <a href="{link}">how pages are reviewed</a>.' if policy_href else ""
        text += (
            '\n<div class="admonition warning">\n<p class="admonition-title">Review due</p>\n'
            f"<p>This page was last reviewed on {long_date(reviewed)}, more than {REVIEW_YEARS} years ago. "
            f"Newer evidence may have changed what it says.{how}</p>\n</div>"
        )
    return text


def insert_after_title(markdown: str, block: str) -> str:
    """`block` after the page's leading `# Title` line, or at the top when there is none."""
    if not block:
        return markdown
    for number, line in prose_lines(markdown, 0):
        if not line.strip():
            continue
        if _H1.match(line):
            lines = markdown.split("\n")
            before, after = lines[: number + 1], lines[number + 1:]
            gap = [""] if after and after[0].strip() else []
            return "\n".join([*before, "", block.rstrip("\n"), *gap, *after])
        break
    return block + "\n" + markdown
