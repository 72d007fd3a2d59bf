"""Find, check and render the `[@key]` citations of a page, with file lines.

Why: mkdocs-bibtex drops an unknown key with a log line, cuts keys at '.' or ':', loses
locators in numeric styles and never notices an uncited entry. Here every citation is
found once (outside code and comments), each fault becomes a `Problem` at its file line,
and rendering turns only fully valid citations into footnotes, so nothing a writer
cited can vanish: a citation is either rendered or reported.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from core import abbreviations, memo
from core.bibliography import KEY_HINT, Bibliography, load_for
from core.mdtext import fill_place, mask_code
from core.metadata import study_keys
from core.pages import CLINICAL, Site, SourcePage
from core.problems import Problem
from core.project import Project

CLINICAL_KINDS = frozenset(CLINICAL)
EXEMPT_SECTIONS = frozenset({"Key points"})
KEY = re.compile(r"[a-z0-9]+")
# The page's reference list has its own heading; Material's search leaves the section out
# (the References page lists every entry, searchable, with the pages citing it).
REFERENCES_HEADING = '## References { #references data-search-exclude="true" }'
REFERENCES_PLACE = "<!-- references: placed by hooks/citations.py -->"
SEPARATOR = '<sup class="citation-sep">,</sup>'
# Stands in for '@' inside code and comments until the HTML is made (see `render`).
AT_PLACEHOLDER = "\ue040"
CITE = "\ue042"  # around the keys of one citation in the Markdown: CITE + "a1,b2" + CITE (see `render`)

# A bracket group without nested brackets; not an image, footnote, link or link definition.
_BRACKET = re.compile(r"(?<![!\]\\])\[(?!\^)([^\[\]]*)\](?![(\[])")
_LINK_DEFINITION = re.compile(r"(?:^|\n)[ ]{0,3}$")
_CITE_START = re.compile(r"(?<![\w.+-])-?@")
_PART = re.compile(r"(?s)(?P<prefix>.*?)(?P<dash>-?)@(?P<key>[^\s;,\]]*)(?P<rest>.*)")
_BARE = re.compile(r"(?<![\w.+\-@\[;])@([a-z0-9]+)(?![\w.@-]*\w)")
_H2 = re.compile(r"^##[ \t]+(.+?)[ \t]*$", re.M)
_H1_OR_H2 = re.compile(r"^#{1,2}[ \t]+\S", re.M)
_CITE_GROUP = re.compile(f"(\\s?){CITE}([a-z0-9,]+){CITE}")
_HIDDEN_CITE = re.compile(r"<!--cite:(\s?)([a-z0-9,]+)-->")


@dataclass
class Citation:
    """One bracket group such as `[@a; @b]`, where it is, and what is wrong with it."""

    raw: str
    start: int  # offsets in the scanned text
    end: int
    line: int
    keys: list[str] = field(default_factory=list)  # every key named, valid or not
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (code, what, fix)

    @property
    def valid(self) -> bool:
        return not self.errors


class LineIndex:
    """File line of an offset in a text, in O(log n)."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.first = first_line

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1 + self.first


def _parse_group(raw: str, content: str) -> tuple[list[str], list[tuple[str, str, str]]]:
    keys: list[str] = []
    errors: list[tuple[str, str, str]] = []
    for part in content.split(";"):
        text = part.strip()
        if not text:
            errors.append(("citation.malformed", f"malformed citation '{raw}': an empty item between ';'",
                           "separate keys with '; ' and remove the extra ';'"))
            continue
        m = _PART.fullmatch(text)
        if m is None:
            errors.append(("citation.malformed", f"malformed citation '{raw}': '{text}' is not a key",
                           "cite keys only, each with '@': '[@key1; @key2]'"))
            continue
        key, prefix, rest = m.group("key"), " ".join(m.group("prefix").split()), " ".join(m.group("rest").split())
        if not key:
            errors.append(("citation.malformed", f"malformed citation '{raw}': a space after '@'",
                           f"write the key right after the '@': '[@{rest.split()[0] if rest else 'key'}]'"))
            continue
        keys.append(key)
        if not KEY.fullmatch(key):
            errors.append(("citation.key-characters", f"citation key '{key}' has characters the key convention forbids "
                           f"({KEY_HINT}: lowercase letters and digits only)",
                           "cite the key exactly as written in bibliography/*.bib, e.g. '[@smith2020calcinosis]'"))
        if m.group("dash"):
            errors.append(("citation.malformed",
                           f"malformed citation '{raw}': '-@{key}' (author suppression) has no meaning "
                           "in the numeric style", f"write '[@{key}]'"))
        if prefix:
            errors.append(("citation.prefix",
                           f"citation '{raw}' has text before the key ('{prefix}'), which the numeric "
                           "style cannot show: it would be lost",
                           f"move the text out of the brackets: '{prefix} [@{key}]'"))
        if rest:
            errors.append(("citation.locator",
                           f"citation '{raw}' has a locator ('{rest}'), which the numeric AMA style cannot "
                           "show: it would be lost",
                           f"write '[@{key}]' and, if the page or figure matters, say so in the sentence"))
    return keys, errors


def find_citations(text: str, first_line: int = 1, masked: str | None = None,
                   lines: LineIndex | None = None) -> list[Citation]:
    """Every citation bracket group in `text` (outside code and comments), in order."""
    masked = mask_code(text) if masked is None else masked
    lines = LineIndex(text, first_line) if lines is None else lines
    found: list[Citation] = []
    for m in _BRACKET.finditer(masked):
        content = m.group(1)
        if not _CITE_START.search(content) or re.search(r"\n[ \t]*\n", content):
            continue
        if masked.startswith(":", m.end()) and _LINK_DEFINITION.search(masked, max(0, m.start() - 4), m.start()):
            continue  # "[label]: url" at the start of a line defines a link
        raw = text[m.start():m.end()]
        keys, errors = _parse_group(" ".join(raw.split()), content)
        found.append(Citation(raw=raw, start=m.start(), end=m.end(), line=lines.line(m.start()),
                              keys=keys, errors=errors))
    return found


def suggestions(key: str, known: Iterable[str]) -> str:
    """' (did you mean 'a' or 'b'?)' for the closest known keys, or ''."""
    close = difflib.get_close_matches(key, list(known), n=3, cutoff=0.8)
    if not close:
        return ""
    quoted = [f"'{k}'" for k in close]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f" (did you mean {listed}?)"


def unknown_key(path: str, line: int, key: str, known: Mapping[str, object]) -> Problem:
    return Problem(path, line, f"unknown citation key '{key}'{suggestions(key, known)}",
                   "correct the key, or add the reference to a bibliography/*.bib file (see CONTRIBUTING.md)",
                   code="citation.unknown-key")


# ── Coverage ────────────────────────────────────────────────────────────────────────

_NOT_PROSE_LINE = re.compile(
    r"^\s*(?:#{1,6}\s|!!!|\?\?\?|\|?\s*:?-{3,}|\*\[|\{[^}]*\}\s*$|$)")
_STRIP = [
    re.compile(r"!?\[[^\]]*\]\([^)]*\)"),  # links and images
    re.compile(r"\[[^\]]*\]\[[^\]]*\]"),  # reference links
    re.compile(r"<[^>]+>"),  # HTML tags
    re.compile(r"\{[^}]*\}"),  # attribute lists
    re.compile(r"^\s*(?:(?:[-*+]|\d+[.)]|>)\s+)+"),  # list and quote markers
]


def is_prose(line: str) -> bool:
    """A line with words of its own: not a heading, admonition title, table rule, link,
    link list item, HTML tag, attribute list or generate marker (comments are masked)."""
    if _NOT_PROSE_LINE.match(line):
        return False
    for pattern in _STRIP:
        line = pattern.sub(" ", line)
    return re.search(r"[^\W\d_]", line) is not None


@dataclass
class Section:
    title: str
    line: int
    start: int
    end: int


def h2_sections(masked: str, lines: LineIndex) -> list[Section]:
    """Each `## ` section of a page: from its heading to the next H1 or H2."""
    heads = list(_H2.finditer(masked))
    bounds = [m.start() for m in _H1_OR_H2.finditer(masked)] + [len(masked)]
    sections = []
    for m in heads:
        end = next(b for b in bounds if b > m.start())
        title = re.sub(r"\s*\{[^}]*\}\s*$", "", m.group(1))
        title = re.sub(r"\s+#+\s*$", "", title).strip()
        sections.append(Section(title, lines.line(m.start()), m.end(), end))
    return sections


def check_coverage(page: SourcePage, masked: str, cites: list[Citation], lines: LineIndex) -> list[Problem]:
    problems = []
    for section in h2_sections(masked, lines):
        if section.title == "References":
            problems.append(Problem(page.path, section.line, "a 'References' heading is generated on every page that cites",
                                    "delete this heading and its list: cite with [@key] in the text instead",
                                    code="citation.references-heading"))
            continue
        if page.kind not in CLINICAL_KINDS or section.title in EXEMPT_SECTIONS:
            continue
        if any(section.start <= c.start < section.end for c in cites):
            continue
        if any(is_prose(ln) for ln in masked[section.start:section.end].splitlines()):
            problems.append(Problem(
                page.path, section.line, f"section '{section.title}' has no citation",
                "cite the source of its statements with [@key]; only 'Key points' and sections without "
                "prose (headings, links, diagrams, generated content) may go without (see CONTRIBUTING.md)",
                code="citation.uncited-section"))
    return problems


# ── Page and site checks ────────────────────────────────────────────────────────────

@dataclass
class PageCitations:
    """What one page cites in its text and front matter, and the problems found."""

    keys: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def check_page(page: SourcePage, bib: Bibliography) -> PageCitations:
    """Every citation rule for one page: syntax, known keys, coverage, front-matter studies."""
    result = PageCitations()
    body = page.front.body
    masked = mask_code(body)
    lines = LineIndex(body, page.front.body_line)
    cites = find_citations(body, page.front.body_line, masked, lines)
    for cite in cites:
        for code, what, fix in cite.errors:
            result.problems.append(Problem(page.path, cite.line, what, fix, code=code))
        for key in cite.keys:
            result.keys.append(key)
            if KEY.fullmatch(key) and key not in bib.entries and key not in bib.unreadable:
                result.problems.append(unknown_key(page.path, cite.line, key, bib.entries))
    # A known key written without brackets renders as plain '@key': the writer meant a citation.
    for m in _BARE.finditer(masked):
        if m.group(1) in bib.entries and not any(c.start <= m.start() < c.end for c in cites):
            result.problems.append(Problem(page.path, lines.line(m.start()),
                                           f"'@{m.group(1)}' without brackets is not a citation",
                                           f"write '[@{m.group(1)}]'", code="citation.bare-key"))
    result.problems += placement_problems(masked, cites, page.path)
    result.problems += check_coverage(page, masked, cites, lines)
    result.keys += _front_matter_studies(page, bib, result.problems)
    return result


_ABBREVIATION_LINE = re.compile(r"^[ \t]*\*\[[^\]\n]+\]:.*$", re.MULTILINE)
_ATTR_LIST_SPAN = re.compile(r"\{:?[ \t]*[#.\w][^{}\n]*\}")


def placement_problems(masked: str, cites: list[Citation], path: str) -> list[Problem]:
    """Citations where a footnote number cannot go: in a link's text (a link inside a link),
    an image's alt text, an attribute list or an abbreviation's definition (all plain text
    or attribute values, where the citation would break the page's HTML)."""
    places: list[tuple[int, int, str]] = []
    places += [(m.start(), m.end(), "an abbreviation's definition") for m in _ABBREVIATION_LINE.finditer(masked)]
    places += [(m.start(), m.end(), "an attribute list { ... }") for m in _ATTR_LIST_SPAN.finditer(masked)]
    places += _link_texts(masked)
    problems: list[Problem] = []
    for cite in cites:
        where = next((what for start, end, what in places if start <= cite.start and cite.end <= end), None)
        if where is not None:
            problems.append(Problem(path, cite.line, f"citation '{cite.raw}' is inside {where}, where it cannot "
                                    "be shown", "put it after the link, image or attribute list, in the sentence "
                                    "it supports: [text](target) [@key]", code="citation.misplaced"))
    return problems


def _link_texts(masked: str) -> list[tuple[int, int, str]]:
    """(start, end, what) of the text of every `[text](target)` link and `![alt](src)` image."""
    found: list[tuple[int, int, str]] = []
    for close in re.finditer(r"\]\(", masked):
        depth, index = 0, close.start() - 1
        while index >= 0 and masked[index] != "\n" or (index >= 0 and depth):
            char = masked[index]
            if char == "]":
                depth += 1
            elif char == "[":
                if depth == 0:
                    break
                depth -= 1
            index -= 1
        if index >= 0 and masked[index] == "[":
            image = index > 0 and masked[index - 1] == "!"
            found.append((index, close.start() + 1, "an image's alt text" if image else "a link's text"))
    return found


def _front_matter_studies(page: SourcePage, bib: Bibliography, problems: list[Problem]) -> list[str]:
    """Keys of `therapies[].studies[].key`: they count as cited and each must resolve. (That every therapy
    lists at least one study, so every evidence-table row is cited, is the front-matter schema's
    rule: hooks/core/metadata.py.)"""
    therapies = page.meta.get("therapies")
    if not isinstance(therapies, list):
        return []
    keys: list[str] = []
    front = page.front
    for i, therapy in enumerate(therapies):
        if not isinstance(therapy, dict):
            continue
        for j, key in study_keys(therapy.get("studies")):
            keys.append(key)
            line = front.line("therapies", i, "studies", j, "key")
            if not KEY.fullmatch(key):
                problems.append(Problem(page.path, line,
                                        f"citation key '{key}' has characters the key convention forbids "
                                        f"({KEY_HINT}: lowercase letters and digits only)",
                                        "list the key exactly as written in bibliography/*.bib",
                                        code="citation.key-characters"))
            elif key not in bib.entries and key not in bib.unreadable:  # unreadable: reported by its entry
                problems.append(unknown_key(page.path, line, key, bib.entries))
    return keys


def check_site(site: Site, bib: Bibliography) -> tuple[list[Problem], set[str]]:
    """Every page's citation problems, unused entries, and every key the sources name."""
    problems: list[Problem] = []
    cited: set[str] = set()
    for page in site.pages.values():
        previous = _last_check.get(page.path)
        if bib.digest and previous is not None and previous[0] == (page.text, bib.digest):
            result = previous[1]  # unchanged since the last build (a `mkdocs serve` rebuild)
        else:
            result = check_page(page, bib)
            if bib.digest:  # a bibliography read from files (core.bibliography.load)
                _last_check.put(page.path, ((page.text, bib.digest), result))
        problems += result.problems
        cited.update(result.keys)
    for entry in bib.entries.values():
        if entry.key not in cited:
            problems.append(Problem(entry.path, entry.line, f"reference '{entry.key}' is not cited on any page",
                                    f"cite it with [@{entry.key}] where it supports a statement, or delete the entry",
                                    code="citation.unused-reference"))
    return problems, cited


# path -> ((page text, bibliography digest), result) of each page's last check
_last_check: memo.Memo[str, tuple[tuple[str, str], PageCitations]] = memo.declare("citations: pages checked",
                                                                                bound=4096)


def check(site: Site, project: Project) -> list[Problem]:
    """Site-wide check: every page's citations, and every entry cited somewhere."""
    return check_site(site, load_for(project))[0]


# ── Rendering ───────────────────────────────────────────────────────────────────────

@dataclass
class Rendered:
    markdown: str
    keys: list[str]  # cited keys in order of first citation
    unknown: list[str]  # keys left unrendered because the bibliography lacks them


def render(markdown: str, references: Mapping[str, object], generated: Sequence[str] = ()) -> Rendered:
    """Mark every valid citation for `number_citations` and give the page a References section.

    `references` holds the keys that can be shown; `generated` are the keys that HTML
    generated for the page cites (with `cite_mark`), which count as cited here. A citation
    with an error or an unknown key is left as written (and reported by `check`), never
    dropped.

    A valid citation becomes a private-use character pair around its keys, which Markdown
    passes through as plain text: turning it into footnote syntax made Python-Markdown
    split every paragraph at each citation and parse 15 footnote definitions a page (a
    third of a page's Markdown time). In the HTML, `hide_citations` turns them into
    comments the search index skips, and `number_citations` makes them footnotes once the
    page is indexed. The References section holds `REFERENCES_PLACE`, where
    `place_references` puts the list.

    mkdocs-bibtex, which runs after us, takes any '[...@...]' for a citation, even inside
    code, and fails the build on it; so every '@' inside code and comments is swapped for
    `AT_PLACEHOLDER`, which `restore_at` turns back into '@' in the page's HTML.
    """
    masked = mask_code(markdown)
    if "@" not in markdown and not generated:
        return Rendered(markdown, [], [])
    hidden = [m.start() for m in re.finditer("@", markdown) if masked[m.start()] != "@"]
    if hidden:
        chars = list(markdown)
        for i in hidden:
            chars[i] = AT_PLACEHOLDER
        markdown = "".join(chars)
    cites = find_citations(markdown, masked=masked)
    keys: list[str] = []
    unknown: list[str] = []
    pieces: list[str] = []
    last = 0
    for cite in cites:
        missing = [k for k in cite.keys if k not in references]
        unknown += [k for k in missing if k not in unknown]
        pieces.append(markdown[last:cite.start])
        last = cite.end
        if not cite.valid or missing:
            # Shown as written (the check reports it), escaped so no later plugin takes it up.
            pieces.append("&#91;" + cite.raw[1:-1] + "&#93;")
            continue
        pieces.append(f"{CITE}{','.join(cite.keys)}{CITE}")
        keys += [k for k in cite.keys if k not in keys]
    pieces.append(markdown[last:])
    body = "".join(pieces)
    for key in generated:
        if key not in references:
            unknown += [key] if key not in unknown else []
        elif key not in keys:
            keys.append(key)
    if not keys:
        return Rendered(body, [], unknown)
    return Rendered(f"{body.rstrip()}\n\n{REFERENCES_HEADING}\n\n{REFERENCES_PLACE}\n", keys, unknown)


def restore_at(html: str) -> str:
    """Undo `render`'s '@' placeholder in the finished HTML."""
    return html.replace(AT_PLACEHOLDER, "@")


@dataclass
class Footnotes:
    """A page's citations as numbered footnotes: the HTML with its markers, the list, the ids."""

    html: str
    notes: str  # the reference list: `<div class="footnote">`, or '' when nothing is cited
    anchors: set[str]  # every id the markers and the list add to the page
    order: list[str]  # keys in the order of their numbers


def cite_mark(keys: Sequence[str]) -> str:
    """The mark of one citation, for HTML a generator makes (`render` makes the same)."""
    return f"{CITE}{','.join(keys)}{CITE}"


def hide_citations(html: str) -> str:
    """Turn the citation marks of `render` into HTML comments (`<!--cite:a1,b2-->`), which
    the search index skips: a reader searching the site does not want the footnote numbers.
    The blank before a mark goes into the comment too, so that the indexed text reads
    "skin." rather than "skin ."; `number_citations` puts it back."""
    return _CITE_GROUP.sub(lambda m: f"<!--cite:{m.group(1)}{m.group(2)}-->", html) if CITE in html else html


def drop_citation_marks(text: str) -> str:
    """Text (such as a heading in the table of contents) without citation marks."""
    return _CITE_GROUP.sub("", text)


def number_citations(html: str, references: Mapping[str, str]) -> Footnotes:
    """Number the citations `hide_citations` left, in the order a reader meets them (the
    numbers of one group shown in ascending order: "1,4", never "4,1"), and make the
    reference list, exactly as Python-Markdown's footnotes extension writes
    footnotes (Material's hover tooltips, the print styles and the PDFs rely on it):
    `<sup id="fnref:key">` markers (`fnref2:key` for a second citation of the same key)
    and `<li id="fn:key">` items with a back link to each marker."""
    number: dict[str, int] = {}
    uses: dict[str, int] = {}

    def marker(key: str) -> str:
        uses[key] = uses.get(key, 0) + 1
        return f'<sup id="{_fnref(key, uses[key])}"><a class="footnote-ref" href="#fn:{key}">{number[key]}</a></sup>'

    def group(match: re.Match[str]) -> str:
        blank, keys = match.group(1), match.group(2).split(",")
        if any(references.get(k) is None for k in keys):  # reported by the citations hook; shown as written
            return blank + "&#91;" + "; ".join(f"@{k}" for k in keys) + "&#93;"
        for key in keys:  # a new source takes the next number in the order the group names it
            number.setdefault(key, len(number) + 1)
        return blank + SEPARATOR.join(marker(k) for k in sorted(dict.fromkeys(keys), key=number.__getitem__))

    marked = _HIDDEN_CITE.sub(group, html)
    if not number:
        return Footnotes(marked, "", set(), [])
    items = []
    anchors: set[str] = set()
    for key, n in number.items():
        title = f"Jump back to footnote {n} in the text"
        backs = "".join(f'<a class="footnote-backref" href="#{_fnref(key, use)}" title="{title}">&#8617;</a>'
                        for use in range(1, uses[key] + 1))
        items.append(f'<li id="fn:{key}">\n<p>{references[key]}&#160;{backs}</p>\n</li>')
        anchors.add(f"fn:{key}")
        anchors.update(_fnref(key, use) for use in range(1, uses[key] + 1))
    notes = '<div class="footnote">\n<hr />\n<ol>\n' + "\n".join(items) + "\n</ol>\n</div>"
    return Footnotes(marked, notes, anchors, list(number))


def _fnref(key: str, use: int) -> str:
    return f"fnref:{key}" if use == 1 else f"fnref{use}:{key}"


def place_references(html: str, notes: str) -> str:
    """Put a page's reference list (`Footnotes.notes`) where `render` left its place."""
    return fill_place(html, REFERENCES_PLACE, notes)


class ShownReferences(dict):
    """Key -> the reference as a page shows it: the formatted reference with its
    abbreviations marked up as Markdown marks up page text (`meanings`: includes/abbreviations.md,
    appended to every page, and a page's own definitions). Each is marked up on first use."""

    def __init__(self, formatted: Mapping[str, str], meanings: Mapping[str, str]) -> None:
        super().__init__()
        self.formatted, self.meanings = formatted, meanings

    def __missing__(self, key: str) -> str:
        text = self.formatted.get(key)
        if text is None:
            raise KeyError(key)
        self[key] = shown = abbreviations.wrap(text, self.meanings)
        return shown

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        try:
            return self[key]
        except KeyError:
            return default

    def with_definitions(self, own: Mapping[str, str]) -> ShownReferences:
        """The same references for a page that defines abbreviations of its own."""
        return ShownReferences(self.formatted, {**own, **self.meanings}) if own else self
