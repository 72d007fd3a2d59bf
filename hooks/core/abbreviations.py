"""Abbreviations: every one used on a page is defined once, in includes/abbreviations.md.

Why: the snippet `includes/abbreviations.md` (`*[PTH]: Parathyroid hormone`) is appended
to every page, so a reader can hover over any abbreviation to see its meaning, and the
glossary lists them all. An abbreviation missing from it silently shows no meaning. This
module finds, with file and line, every abbreviation a page uses that the snippet does not
define, checks the snippet itself, and generates the glossary's abbreviation table from
it (`<!-- generate: abbreviations -->`), so nothing is typed twice.

What counts as an abbreviation (documented in CONTRIBUTING.md): in the visible text of a
page (core/plaintext.py: no front matter, code, comments, URLs, citation keys or heading
ids), a word of letters and digits with at least two capital letters and more capitals
than lower-case letters (PTH, FGF23, SSc, mRNA; not McCune or BibTeX). A word joined by
'-' or '&' (CKD-MBD, H&E) is defined when the whole is; otherwise each part is checked on
its own. A trailing lower-case 's' of a defined abbreviation is a plural (RCTs). Words
listed in includes/abbreviation-exemptions.txt (Roman numerals such as II and IV) are
not abbreviations.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from core import memo
from core.mdtext import outside_code
from core.pages import Site
from core.plaintext import text_lines
from core.problems import Problem
from core.project import Project

SNIPPET = "abbreviations.md"
EXEMPTIONS = "abbreviation-exemptions.txt"
MARKER = re.compile(r"^[ \t]*<!--\s*generate:\s*abbreviations\s*-->[ \t]*$", re.M)

_DEFINITION = re.compile(r"^\*\[([^\]]+)\]:[ \t]*(.*?)[ \t]*$")
# Python-Markdown's own pattern for a definition in a page (abbr extension, AbbrBlockprocessor.RE).
_MARKDOWN_DEFINITION = re.compile(r"^[*]\[(?P<abbr>[^\\]*?)\][ ]?:[ ]*\n?[ ]*(?P<title>.*)$", re.MULTILINE)
# Tags and character references of an HTML fragment: what the abbr extension never sees as text.
_NOT_TEXT = re.compile(r"(<[^>]*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)")
_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]+(?:[-&][A-Za-z0-9]+)*(?![A-Za-z0-9])")
_JOINER = re.compile(r"[-&]")


@dataclass
class Abbreviations:
    """The definitions of the snippet and the exempt words, with problems found reading them."""

    meanings: dict[str, str] = field(default_factory=dict)
    exempt: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    def defines(self, word: str) -> bool:
        return word in self.meanings or (word.endswith("s") and word[:-1] in self.meanings)


def is_abbreviation(word: str) -> bool:
    """At least two capitals, and more capitals than lower-case letters."""
    upper = sum(c.isupper() for c in word)
    return upper >= 2 and upper > sum(c.islower() for c in word)


def undefined(word: str, known: Abbreviations) -> list[str]:
    """The abbreviations in one word (joined parts checked separately) that are not defined."""
    if known.defines(word):
        return []
    return [part for part in _JOINER.split(word)
            if is_abbreviation(part) and not known.defines(part) and part not in known.exempt]


def _read(path: str) -> list[str] | None:
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read().split("\n")
    except FileNotFoundError:
        return None


def load(project: Project) -> Abbreviations:
    """Read includes/abbreviations.md and includes/abbreviation-exemptions.txt."""
    known = Abbreviations()
    snippet = os.path.join(project.includes_dir, SNIPPET)
    shown = project.rel(snippet)
    lines = _read(snippet)
    if lines is None:
        known.problems.append(Problem(shown, 1, "the abbreviation snippet is missing",
                                      f"create {shown} with one '*[ABBR]: Meaning' line per abbreviation",
                                      code="abbreviations.snippet-missing"))
        lines = []
    first_line: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        match = _DEFINITION.match(line)
        if match is None:
            known.problems.append(Problem(
                shown, number, f"'{line.strip()}' is not an abbreviation definition (the snippet is "
                "appended to every page, so any other text would show on all of them)",
                "write it as '*[ABBR]: Meaning', or remove the line", code="abbreviations.not-a-definition"))
            continue
        abbr, meaning = match.group(1), match.group(2)
        if not meaning:
            known.problems.append(Problem(shown, number, f"'{abbr}' has no meaning",
                                          f"write its meaning after the colon: '*[{abbr}]: Meaning'",
                                          code="abbreviations.no-meaning"))
            continue
        if abbr in first_line:
            known.problems.append(Problem(shown, number, f"'{abbr}' is defined twice (first on line {first_line[abbr]})",
                                          "keep one definition", code="abbreviations.defined-twice"))
            continue
        first_line[abbr] = number
        known.meanings[abbr] = meaning
    for line in _read(os.path.join(project.includes_dir, EXEMPTIONS)) or []:
        word = line.split("#", 1)[0].strip()
        if word:
            known.exempt.add(word)
    return known


def check(site: Site, project: Project) -> list[Problem]:
    """The snippet is well formed, and every abbreviation on every page is defined in it.

    Each undefined abbreviation is reported once per page, at its first line. A page whose
    text and definitions are those of the previous build (a `mkdocs serve` rebuild) is not
    scanned again."""
    known = load(project)
    snippet = project.rel(os.path.join(project.includes_dir, SNIPPET))
    exemptions = project.rel(os.path.join(project.includes_dir, EXEMPTIONS))
    fix = (f"add `*[{{abbr}}]: meaning` to {snippet} (a Roman numeral or other word that is "
           f"not an abbreviation goes in {exemptions}; a word in capitals for emphasis "
           f"is written in lower case with *emphasis*)")
    signature = (tuple(sorted(known.meanings)), tuple(sorted(known.exempt)), fix)
    problems = list(known.problems)
    verdicts: dict[str, list[str]] = {}  # word -> its undefined abbreviations: a site repeats its words
    for page in site.pages.values():
        previous = _last_scan.get(page.path)
        if previous is not None and previous[0] == (page.front.body_line, page.front.body, signature):
            problems += previous[1]
            continue
        found_here: list[Problem] = []
        seen: set[str] = set()
        for text_line in text_lines(page.front.body, page.front.body_line):
            for word in _WORD.findall(text_line.text):
                found = verdicts.get(word)
                if found is None:
                    found = verdicts[word] = undefined(word, known)
                for abbr in found:
                    if abbr in seen:
                        continue
                    seen.add(abbr)
                    found_here.append(Problem(page.path, text_line.line, f"abbreviation '{abbr}' is not defined",
                                              fix.format(abbr=abbr), code="abbreviations.undefined"))
        _last_scan.put(page.path, ((page.front.body_line, page.front.body, signature), found_here))
        problems += found_here
    _last_scan.keep_only({page.path for page in site.pages.values()})
    return problems


# path -> ((first body line, body, definitions), problems) of the last scan of each page
_last_scan: memo.Memo[str, tuple[tuple, list[Problem]]] = memo.declare("abbreviations: pages scanned", bound=4096)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def table(known: Abbreviations) -> str:
    """The Markdown table of every abbreviation and its meaning, in alphabetical order."""
    rows = ["| Abbreviation | Meaning |", "|---|---|"]
    for abbr in sorted(known.meanings, key=lambda a: (a.casefold(), a)):
        rows.append(f"| {_cell(abbr)} | {_cell(known.meanings[abbr])} |")
    return "\n".join(rows) + "\n"


def expand(markdown: str, project: Project) -> str:
    """`markdown` with each `<!-- generate: abbreviations -->` line replaced by the table."""
    if "generate:" not in markdown or not MARKER.search(markdown):
        return markdown
    generated = table(load(project))
    out: list[str] = []
    for _index, line, prose in outside_code(markdown):
        out.extend(["", generated] if prose and MARKER.match(line) else [line])
    return "\n".join(out)


def page_definitions(markdown: str) -> dict[str, str]:
    """Abbreviations a page defines in its own Markdown (outside code and comments), as
    Python-Markdown reads them; most pages define none (all come from the snippet)."""
    if "*[" not in markdown:
        return {}
    from core.mdtext import mask_code

    found: dict[str, str] = {}
    for match in _MARKDOWN_DEFINITION.finditer(mask_code(markdown)):
        abbr, title = match.group("abbr").strip(), match.group("title").strip()
        if abbr and title in ("''", '""'):
            found.pop(abbr, None)
        elif abbr and title:
            found[abbr] = title
    return found


_patterns: memo.Memo[tuple[str, ...], re.Pattern[str]] = memo.declare("abbreviations: patterns", bound=8)


def _abbr_pattern(abbrs: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for all the abbreviations, longest first (as the abbr extension tries them)."""
    found = _patterns.get(abbrs)
    if found is None:
        ordered = sorted(abbrs, key=len, reverse=True)
        found = _patterns.put(abbrs, re.compile(f"\\b(?:{'|'.join(re.escape(a) for a in ordered)})\\b"))
    return found


def _attribute(text: str) -> str:
    """An attribute value escaped as Python-Markdown's serializer does (an entity stays)."""
    text = re.sub(r"&(?!(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)", "&amp;", text)
    return text.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def wrap(fragment: str, meanings: Mapping[str, str]) -> str:
    """An HTML fragment with each abbreviation in its text marked up exactly as the abbr
    extension marks up page text (`<abbr title="meaning">PMID</abbr>`).

    For HTML added to a page after Markdown (the formatted references, see
    core.citations.reference_slot), so that it shows the same hover text as if it had
    gone through Markdown."""
    if not meanings:
        return fragment
    pattern = _abbr_pattern(tuple(meanings))

    def mark(match: re.Match[str]) -> str:
        word = match.group(0)
        return f'<abbr title="{_attribute(meanings[word])}">{word}</abbr>' if meanings[word] else word

    return "".join(part if i % 2 else pattern.sub(mark, part) for i, part in enumerate(_NOT_TEXT.split(fragment)))
