"""Read `bibliography/*.bib` once and hold every reference to the project's rules.

Why: stock BibTeX tooling (pybtex, which mkdocs-bibtex uses) stops at the first syntax
error with a bare line number, and checks nothing about content. Readers see every
reference, so each entry must be complete, verifiable (DOI or PMID) and plain text.

Parsing uses bibtexparser 2: it keeps going after a broken entry and reports each failed
block with its line, and it keeps the line of every field, so each problem here points
at `bibliography/<file>.bib:<line>` of the entry or of the field. Parsed files are kept
in memory keyed by their content, so a build (and every `mkdocs serve` rebuild) parses
each changed file once and unchanged files never again; the checked bibliography is also
kept in `.cache/bibliography/` for the next build.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import os
import re
import unicodedata
from dataclasses import dataclass, field

import bibtexparser
from bibtexparser import model
from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

from core import memo
from core.cachefiles import code_version, read_json, write_json
from core.pages import Site
from core.problems import Problem
from core.project import Project

# bibtexparser logs each failed block itself; we report them as Problems instead.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)

KEY_PATTERN = re.compile(r"[a-z]+[0-9]{4}[a-z][a-z0-9]*")
KEY_HINT = "firstauthorYEARword"
ENTRY_TYPES = ("article", "book", "incollection")
CONTRIBUTING = "CONTRIBUTING.md, 'References (BibTeX)'"

DOI = re.compile(r"10\.\d{4,9}/\S+")
PMID = re.compile(r"[1-9][0-9]{0,8}")
PMCID = re.compile(r"PMC[0-9]+")
ISBN = re.compile(r"(?:97[89][- ]?)?(?:[0-9][- ]?){9}[0-9Xx]")
MARKUP = re.compile(r"[<>]|\b(?:javascript|vbscript)\s*:", re.IGNORECASE)
MISSING_COMMA = re.compile(r"\n\s*[A-Za-z][\w-]*\s*=")
BOOKSHELF = re.compile(r"statpearls|genereviews", re.IGNORECASE)
NBK_URL = re.compile(r"^https://www\.ncbi\.nlm\.nih\.gov/books/NBK[0-9]+/?$")
SMALL_WORDS = frozenset(
    "a an the of on in and or for to with by from at as is are be its into via versus vs".split()
)
MIN_YEAR = 1800
# Fields that make the formatter copy another entry's fields into this one.
LINKING_FIELDS = frozenset({"crossref", "xref", "xdata", "related", "entryset", "set"})
# Fields the formatter reads as they are (a '%' in a URL is an escape, not a comment).
VERBATIM_FIELDS = frozenset({"url", "doi", "urldate", "pmid", "pmcid", "isbn", "eprint", "file"})
# The LaTeX commands the formatter (pandoc, reading BibTeX) prints: accents, escaped
# characters, letters with no plain form, dashes and emphasis. Any other command's text
# would be dropped from the reference without a word.
LATEX_COMMANDS = frozenset({
    "'", "`", "^", '"', "~", "=", ".", "u", "v", "H", "c", "d", "b", "t", "r", "k",
    "&", "%", "_", "#", "$", "{", "}", " ",
    "ss", "o", "O", "l", "L", "aa", "AA", "ae", "AE", "oe", "OE", "i", "j",
    "textendash", "textemdash", "emph", "textit", "textbf", "textsuperscript", "textsubscript",
})
_COMMENT_PERCENT = re.compile(r"(?<!\\)%")
_LATEX_COMMAND = re.compile(r"\\([A-Za-z]+|[^A-Za-z])")


@dataclass
class Entry:
    """One reference: lowercase field names, values with their outer braces removed."""

    key: str
    type: str
    fields: dict[str, str]
    path: str  # "bibliography/general.bib"
    line: int  # 1-based line of "@type{key,"
    raw: str  # the entry's BibTeX text, as written
    field_lines: dict[str, int] = field(default_factory=dict)

    def get(self, name: str) -> str:
        return self.fields.get(name, "").strip()

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.line)

    @functools.cached_property
    def first_person(self) -> tuple[str, str, bool] | None:
        """(family name with particles, family name alone, corporate?) of the first author or editor."""
        names = self.get("author") or self.get("editor")
        if not names:
            return None
        first = split_multiple_persons_names(names)[0]
        parts = parse_single_name_into_parts(first, strict=False)
        last = " ".join(parts.last)
        family = " ".join([*parts.von, *parts.last])
        corporate = len(parts.last) == 1 and parts.last[0].startswith("{") and not parts.first
        return family, last, corporate

    @functools.cached_property
    def sort_key(self) -> tuple[str, ...]:
        """First author's family name, then given names, year and title, folded to ASCII."""
        person = self.first_person
        names = self.get("author") or self.get("editor")
        given = ""
        if names:
            parts = parse_single_name_into_parts(split_multiple_persons_names(names)[0], strict=False)
            given = fold(" ".join(parts.first))
        family = fold(person[1]) if person else ""
        return family, given, self.get("year"), fold(self.get("title")), self.key


@dataclass
class Bibliography:
    """Every parsed entry (first occurrence of each key) and every problem found."""

    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # message paths, e.g. "bibliography/a.bib"
    digest: str = ""  # hash of every file's name and content
    preamble: list[str] = field(default_factory=list)  # @string blocks, needed to re-read entries
    # Keys of entries that could not be read, with the "path:line" of the problem that names
    # them: a citation of one is not reported again as an unknown key.
    unreadable: dict[str, str] = field(default_factory=dict)


# ── Text helpers ────────────────────────────────────────────────────────────────────

_LATEX_LETTERS = {"ss": "ss", "ae": "ae", "AE": "ae", "oe": "oe", "OE": "oe", "aa": "a", "AA": "a",
                  "o": "o", "O": "o", "l": "l", "L": "l", "i": "i", "j": "j"}
_UNICODE_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d",
                                  "ð": "d", "þ": "th", "ı": "i"})


def fold(text: str) -> str:
    """Lowercase ASCII letters and digits only: LaTeX accents, Unicode accents, spaces and
    punctuation removed (`Franc{\\c{c}}ois` and `François` both give `francois`)."""
    text = re.sub(r"\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])",
                  lambda m: _LATEX_LETTERS[m.group(1)], text)
    text = re.sub(r"\\[A-Za-z]+|\\.", "", text)
    text = unicodedata.normalize("NFKD", text.lower().translate(_UNICODE_LETTERS))
    return re.sub(r"[^a-z0-9]", "", text)


def title_word(title: str) -> str:
    """The first significant word of a title, folded, for a suggested key."""
    for word in re.split(r"[\s\-/:]+", title):
        folded = fold(word)
        if folded and folded not in SMALL_WORDS and not folded.isdigit():
            return folded
    return "word"


def _collapse(text: str) -> str:
    return " ".join(text.replace("`", "'").split())


# ── Parsing ─────────────────────────────────────────────────────────────────────────

@dataclass
class _ParsedFile:
    entries: list[Entry]
    problems: list[Problem]
    strings: list[str]


# (path, text) -> the file's parse: a serve rebuild parses again only the files edited.
_file_cache: memo.Memo[tuple[str, str], _ParsedFile] = memo.declare("bibliography: parsed files", bound=256)


def _line_of_index(text: str, index: int | None) -> int:
    if index is None:
        return text.count("\n") + 1
    return text.count("\n", 0, index) + 1


def _unenclose(value: str) -> str:
    """Remove one level of '{...}' or '"..."' (for blocks the parse middleware skipped)."""
    if len(value) >= 2 and (value[0], value[-1]) in (("{", "}"), ('"', '"')):
        return value[1:-1]
    return value


def _entry(block: model.Entry, path: str, raw_values: bool = False) -> Entry:
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    for f in block.fields:
        name = f.key.lower()
        value = f.value if isinstance(f.value, str) else str(f.value)
        fields.setdefault(name, _unenclose(value.strip()) if raw_values else value)
        if f.start_line is not None:
            lines.setdefault(name, f.start_line + 1)
    return Entry(key=block.key, type=block.entry_type.lower(), fields=fields, path=path,
                 line=(block.start_line or 0) + 1, raw=block.raw or "", field_lines=lines)


def parse_bib_text(text: str, path: str) -> tuple[list[Entry], list[Problem], list[str]]:
    """Parse one file's text: its entries in file order, its syntax problems, its @string blocks."""
    cached = _file_cache.get((path, text))
    if cached is not None:
        return cached.entries, cached.problems, cached.strings
    library = bibtexparser.parse_string(text)
    entries: list[Entry] = []
    problems: list[Problem] = []
    strings: list[str] = []
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, model.Entry):
            entries.append(_entry(block, path))
        elif isinstance(block, model.String):
            strings.append(block.raw or "")
        elif isinstance(block, model.DuplicateFieldKeyBlock) and isinstance(block.ignore_error_block, model.Entry):
            entry = _entry(block.ignore_error_block, path, raw_values=True)
            entries.append(entry)
            for name in sorted(block.duplicate_keys):
                problems.append(Problem(
                    path, line, f"field '{name.lower()}' appears twice in entry '{entry.key}'",
                    "keep one of the two values", code="bibtex.duplicate-field"))
        elif isinstance(block, model.DuplicateBlockKeyBlock):
            first = block.previous_block.start_line
            problems.append(Problem(
                path, line, f"duplicate key '{block.key}': line {(first or 0) + 1} of this file has the same key",
                "keep one entry per work: cite the existing key, or give this reference its own key",
                code="bibtex.duplicate-key"))
        elif isinstance(block, model.ParsingFailedBlock):
            error = block.error
            reason = _collapse(getattr(error, "abort_reason", "") or str(error)).rstrip(".")
            where = _line_of_index(text, getattr(error, "end_index", None))
            held = list(dict.fromkeys(_HELD_KEY.findall(block.raw or "")))
            keys = f"; it holds {_listed(held)}, which cannot be cited until it is mended" if held else ""
            problems.append(Problem(
                path, line, f"entry could not be read: {reason} (noticed on line {where}){keys}",
                "close every '{' and '\"', separate fields with ',' and end the entry with '}'", code="bibtex.syntax"))
        elif isinstance(block, model.ImplicitComment):
            stray = [ln for ln in block.comment.splitlines() if ln.strip() and not ln.strip().startswith("%")]
            if stray:
                offset = next(i for i, ln in enumerate(block.comment.splitlines()) if ln.strip() == stray[0].strip())
                problems.append(Problem(
                    path, line + offset, f"text outside any entry: '{_collapse(stray[0])[:60]}'",
                    "start every entry with '@type{key,' (is the '@' missing?); begin comment lines with '%'",
                    code="bibtex.stray-text"))
    _file_cache.put((path, text), _ParsedFile(entries, problems, strings))
    return entries, problems, strings


_HELD_KEY = re.compile(r"@[A-Za-z]+\s*[{(]\s*([^,\s{}()]+)\s*,")


def _listed(keys: list[str]) -> str:
    quoted = [f"'{k}'" for k in keys]
    return ("the key " if len(quoted) == 1 else "the keys ") + (
        quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1])


def unreadable_keys(problems: list[Problem]) -> dict[str, str]:
    """Keys named by "entry could not be read" problems, with the problem's "path:line"."""
    found: dict[str, str] = {}
    for problem in problems:
        if problem.code == "bibtex.syntax" and "; it holds the key" in problem.what:
            for key in re.findall(r"'([^']+)'", problem.what.split("; it holds ", 1)[1]):
                found.setdefault(key, f"{problem.path}:{problem.line}")
    return found


def bib_files(bib_dir: str) -> list[str]:
    """Every `*.bib` under `bib_dir`, sorted (the files mkdocs-bibtex would read)."""
    found = []
    for root, _dirs, names in os.walk(bib_dir):
        found += [os.path.join(root, n) for n in names
                  if n.endswith(".bib") and not os.path.islink(os.path.join(root, n))]  # links: published_files
    return sorted(found)


_loaded: memo.Memo[tuple, Bibliography] = memo.declare("bibliography: the checked bibliography", bound=1)
CACHE_DIR = os.path.join(".cache", "bibliography")  # under the project root


def load(bib_dir: str, root: str, today: dt.date) -> Bibliography:
    """Parse and check every file of `bib_dir` (message paths relative to `root`).

    Memoised on the files' names and content: the build's hooks and `make check` share one
    parse, and a `mkdocs serve` rebuild re-parses nothing while the files are unchanged.
    The result is also kept in `.cache/bibliography/` for the next build, keyed by the
    files, the day (the rules compare dates with today) and this module's code.
    """
    texts: list[tuple[str, str]] = []
    digest = hashlib.sha256()
    for full in bib_files(bib_dir):
        with open(full, "rb") as fh:
            raw = fh.read()
        path = os.path.relpath(full, root).replace(os.sep, "/")
        digest.update(path.encode() + b"\0" + raw + b"\0")
        # utf-8-sig: a byte-order mark some editors write is not text outside any entry.
        texts.append((path, raw.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")))
    memo_key = (bib_dir, digest.hexdigest(), today)
    known = _loaded.get(memo_key)
    if known is not None:
        return known
    cache_file = os.path.join(root, CACHE_DIR, _cache_name(digest.hexdigest(), today))
    bib = _read_cache(cache_file, digest.hexdigest(), texts)
    if bib is None:
        bib = _parse_and_check(texts, digest.hexdigest(), today)
        _write_cache(cache_file, bib)
    return _loaded.put(memo_key, bib)


def _parse_and_check(texts: list[tuple[str, str]], digest: str, today: dt.date) -> Bibliography:
    bib = Bibliography(files=[p for p, _ in texts], digest=digest)
    for path, text in texts:
        if "\ufffd" in text:
            bib.problems.append(Problem(path, _line_of_index(text, text.index("\ufffd")),
                                        "file is not valid UTF-8", "save the file as UTF-8", code="bibtex.not-utf8"))
        entries, problems, strings = parse_bib_text(text, path)
        bib.problems.extend(problems)
        bib.preamble.extend(strings)
        for entry in entries:
            other = bib.entries.get(entry.key)
            if other is not None and other.path != entry.path:
                bib.problems.append(Problem(
                    entry.path, entry.line,
                    f"duplicate key '{entry.key}': {other.path}:{other.line} has the same key",
                    "keep one entry per work: cite the existing key, or give this reference its own key",
                    code="bibtex.duplicate-key"))
            bib.entries.setdefault(entry.key, entry)
    bib.problems.extend(check_entries(list(bib.entries.values()), today))
    bib.unreadable = {k: v for k, v in unreadable_keys(bib.problems).items() if k not in bib.entries}
    return bib


def _cache_name(digest: str, today: dt.date) -> str:
    version = code_version(__name__)  # this module, the core modules it imports, the pins (bibtexparser)
    return hashlib.sha256(f"{digest}\0{today.isoformat()}\0{version}".encode()).hexdigest() + ".json"


def _read_cache(cache_file: str, digest: str, texts: list[tuple[str, str]]) -> Bibliography | None:
    """The checked bibliography kept by an earlier build, or None (then it is parsed again)
    when the file is missing, is not whole (its checksum), has the wrong shape, was made
    from other files, or does not hold exactly the entries the files hold (each entry's
    text found in its file, every key of the files accounted for): a cache is never trusted."""
    bib = _cached_bibliography(cache_file, digest)
    if bib is None:
        return None
    by_path = dict(texts)
    if any(entry.raw not in by_path.get(entry.path, "") for entry in bib.entries.values()):
        return None
    keys = {key for _, text in texts for key in _ENTRY_KEY.findall(text)}
    return bib if keys == set(bib.entries) | set(bib.unreadable) else None


_ENTRY_KEY = re.compile(r"^[ \t]*@(?!(?:string|comment|preamble)\b)[A-Za-z]+\s*[{(]\s*([^,\s{}()]+)\s*,",
                        re.MULTILINE | re.IGNORECASE)


def _cached_bibliography(cache_file: str, digest: str) -> Bibliography | None:
    try:
        data = read_json(cache_file)
        if not isinstance(data, dict) or data.get("digest") != digest:
            return None
        entries = [Entry(key, kind, dict(fields), path, line, raw, dict(field_lines))
                   for key, kind, fields, path, line, raw, field_lines in data["entries"]]
        problems = [Problem(path, line, what, fix, code=code) for path, line, what, fix, code in data["problems"]]
        if not all(isinstance(x, str) for e in entries for x in (e.key, e.type, e.path, e.raw, *e.fields.values())) \
                or not all(isinstance(e.line, int) for e in entries) \
                or not all(isinstance(p.path, str) and isinstance(p.line, int) for p in problems):
            return None
        return Bibliography(entries={e.key: e for e in entries}, problems=problems,
                            files=list(data["files"]), digest=digest, preamble=list(data["preamble"]),
                            unreadable=dict(data["unreadable"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # no cache yet, or an unreadable one: parse


def _write_cache(cache_file: str, bib: Bibliography) -> None:
    data = {"files": bib.files, "digest": bib.digest, "preamble": bib.preamble, "unreadable": bib.unreadable,
            "entries": [[e.key, e.type, e.fields, e.path, e.line, e.raw, e.field_lines] for e in bib.entries.values()],
            "problems": [[p.path, p.line, p.what, p.fix, p.code] for p in bib.problems]}
    write_json(cache_file, data, only_file=True)  # a read-only checkout parses every time


# ── Rules ───────────────────────────────────────────────────────────────────────────

def expected_key_prefixes(entry: Entry) -> list[str]:
    """The family-name spellings a key may start with (empty when there is no author or editor)."""
    person = entry.first_person
    if person is None:
        return []
    family, last, corporate = person
    prefixes = [fold(family), fold(last)]
    if corporate:  # an organisation: any word of its name, or its initials ('kdigo', 'who')
        words = [w for w in re.split(r"[\s\-/:(),]+", last.strip("{}")) if w]
        prefixes = [fold(words[0]) if words else "", *prefixes, *(fold(w) for w in words[1:]),
                    fold("".join(w[0] for w in words if w[0].isupper()))]
    return [p for i, p in enumerate(prefixes) if p and p not in prefixes[:i]]


def check_key(entry: Entry) -> list[Problem]:
    """`firstauthorYEARword`: lowercase letters and digits, matching the first author and year."""
    prefixes = expected_key_prefixes(entry)
    year = entry.get("year")
    suggestion = f"{prefixes[0] if prefixes else 'author'}{year if re.fullmatch(r'[0-9]{4}', year) else 'YEAR'}" \
                 f"{title_word(entry.get('title'))}"
    fix = (f"rename it, e.g. '{suggestion}' (first author's family name, year, first significant "
           "word of the title), and cite the new key")
    if not KEY_PATTERN.fullmatch(entry.key):
        return [Problem(entry.path, entry.line,
                        f"key '{entry.key}' does not follow the convention {KEY_HINT} "
                        "(lowercase letters and digits only)", fix, code="bibtex.key-convention")]
    match = re.fullmatch(r"([a-z]+)([0-9]{4}).*", entry.key)
    assert match is not None
    name, key_year = match.groups()
    if prefixes and name not in prefixes:
        return [Problem(entry.path, entry.line,
                        f"key '{entry.key}' does not start with the first author's family name "
                        f"'{prefixes[0]}'", fix, code="bibtex.key-author")]
    if re.fullmatch(r"[0-9]{4}", year) and key_year != year:
        return [Problem(entry.path, entry.line,
                        f"key '{entry.key}' does not carry the entry's year {year}", fix, code="bibtex.key-year")]
    return []


def _missing(entry: Entry, *names: str) -> bool:
    return not any(entry.get(n) for n in names)


def _require(entry: Entry, names: tuple[str, ...], how: str) -> Problem | None:
    if not _missing(entry, *names):
        return None
    if len(names) == 1:
        what = f"@{entry.type} '{entry.key}' lacks the required field '{names[0]}'"
    else:
        quoted = ", ".join(f"'{n}'" for n in names[:-1]) + f" or '{names[-1]}'"
        what = f"@{entry.type} '{entry.key}' lacks {quoted}"
    return Problem(entry.path, entry.line, what, how, code="bibtex.missing-field")


def check_fields(entry: Entry) -> list[Problem]:
    """Required fields for the entry's type (see CONTRIBUTING.md)."""
    if re.match(r"\s*@[A-Za-z]+\s*\(", entry.raw):
        return [Problem(entry.path, entry.line, f"entry '{entry.key}' is written with parentheses, '@{entry.type}(...)'",
                        f"write it with braces, '@{entry.type}{{{entry.key}, ...}}': the formatter reads only those",
                        code="bibtex.parentheses")]
    if entry.type not in ENTRY_TYPES:
        return [Problem(entry.path, entry.line, f"entry type '@{entry.type}' is not supported",
                        "use @article, @book or @incollection (chapters, StatPearls, GeneReviews); "
                        f"see {CONTRIBUTING}", code="bibtex.unsupported-type")]
    record = "copy it from the PubMed or publisher record"
    problems_extra: list[Problem] = []
    wanted: list[tuple[tuple[str, ...], str]] = []
    if entry.type == "article":
        wanted = [(("author",), record), (("title",), record), (("journal",), record), (("year",), record),
                  (("volume",), record + " (an article still 'ahead of print' has none: cite it once it has)"),
                  (("pages", "eid"), "add pages = {317--325}, or eid = {e12345} for an article number"),
                  (("doi", "pmid"), "add doi = {10.xxxx/...} or pmid = {12345678} from the PubMed record")]
    elif entry.type == "book":
        wanted = [(("author", "editor"), record), (("title",), record), (("publisher",), record),
                  (("year",), record), (("doi", "pmid", "isbn"), "add the book's doi, pmid or isbn")]
    elif entry.type == "incollection":
        wanted = [(("author", "editor"), record), (("title",), record),
                  (("booktitle",), "add booktitle = {...}, the book or reference work (e.g. StatPearls)"),
                  (("publisher",), record), (("year",), record)]
        online = bool(entry.get("url")) or bool(BOOKSHELF.search(entry.get("booktitle")))
        if online:
            wanted.append((("url",), "add url = {https://...}, the address of the chapter"))
            wanted.append((("urldate",), "add urldate = {YYYY-MM-DD}, the day you read it"))
        if BOOKSHELF.search(entry.get("booktitle")) or "ncbi.nlm.nih.gov/books/" in entry.get("url"):
            if not entry.get("pmid") and not NBK_URL.search(entry.get("url")):
                problems_extra.append(Problem(
                    entry.path, entry.line,
                    f"@{entry.type} '{entry.key}' lacks 'pmid' or an NCBI Bookshelf url with its NBK id",
                    "add pmid = {...} or url = {https://www.ncbi.nlm.nih.gov/books/NBK...}: every StatPearls "
                    "and GeneReviews chapter has both (on its NCBI Bookshelf page)", code="bibtex.missing-field"))
        else:
            wanted.append((("doi", "pmid", "isbn", "url"), "add the chapter's doi or pmid, or the book's isbn"))
    return [p for names, how in wanted if (p := _require(entry, names, how)) is not None] + problems_extra


_ET_AL = re.compile(r"\{?\s*(?:others\.?|et\.?\s*al\.?|al\.?)\s*\}?", re.IGNORECASE)  # a name that stands for more
INCOMPLETE_AUTHORS = "incomplete_authors"  # why no record you could reach lists every author


def check_authors(entry: Entry) -> list[Problem]:
    """Every author written out: BibTeX's "and others" hides who wrote the work, and the AMA
    style needs the first three of a longer list. An entry whose full list no reachable
    record shows says so, visibly, in `incomplete_authors`; that note goes once the list is
    complete."""
    field = "author" if entry.get("author") else "editor"
    names = re.split(r"\s+and\s+", entry.get(field))
    hidden = any(_ET_AL.fullmatch(name.strip()) for name in names)
    reason = entry.get(INCOMPLETE_AUTHORS)
    if hidden and len(reason.split()) < 3:  # the note says which records were checked, in words
        return [Problem(entry.path, entry.line_of(field),
                        f"the author list of '{entry.key}' has 'others' or 'et al.' in place of names",
                        "write every author as the PubMed or publisher record lists them; if no record you can "
                        f"reach shows them all, add {INCOMPLETE_AUTHORS} = {{...}} saying which records you "
                        "checked, and say so in your pull request", code="bibtex.and-others")]
    if INCOMPLETE_AUTHORS in entry.fields and not hidden:
        return [Problem(entry.path, entry.line_of(INCOMPLETE_AUTHORS),
                        f"'{entry.key}' has '{INCOMPLETE_AUTHORS}' but its author list is complete",
                        f"remove the {INCOMPLETE_AUTHORS} field", code="bibtex.incomplete-authors-stale")]
    return []


def check_formats(entry: Entry, today: dt.date) -> list[Problem]:
    """Identifier, year, date and address formats; no markup in any field."""
    problems: list[Problem] = []

    def bad(name: str, what: str, fix: str, *, code: str) -> None:
        problems.append(Problem(entry.path, entry.line_of(name), what, fix, code=code))

    for name, value in entry.fields.items():
        hit = MARKUP.search(value)
        if hit:
            bad(name, f"field '{name}' of '{entry.key}' contains markup ('{hit.group(0)}')",
                "remove it: fields are plain text (LaTeX accents such as {\\'e} are fine) and are shown on the site",
                code="bibtex.markup")
        if name in LINKING_FIELDS:
            bad(name, f"field '{name}' of '{entry.key}' makes the formatter read another entry into this one "
                "(and an entry that names itself makes it run without end)",
                f"remove '{name}' and write the fields this entry needs into it", code="bibtex.linking-field")
            continue
        if name in VERBATIM_FIELDS:
            continue
        percent = _COMMENT_PERCENT.search(value)
        if percent:
            bad(name, f"field '{name}' of '{entry.key}' contains '%', which the formatter reads as the start of a "
                "LaTeX comment: the rest of the field would be lost",
                "write '\\%' (for example 'in 30\\% of patients')", code="bibtex.percent")
        for command in _LATEX_COMMAND.finditer(value):
            if command.group(1) not in LATEX_COMMANDS:
                bad(name, f"field '{name}' of '{entry.key}' uses the LaTeX command '\\{command.group(1)}', which "
                    "the formatter cannot print: its text would be lost",
                    "write the text itself; only accents ({\\'e}, {\\\"u}, {\\c{c}}), escapes (\\&, \\%, \\_) "
                    "and \\emph or \\textit are allowed", code="bibtex.latex-command")
                break
    doi = entry.get("doi")
    if doi and not DOI.fullmatch(doi):
        prefix = re.match(r"(?i)(https?://(dx\.)?doi\.org/|doi:\s*)", doi)
        bad("doi", f"doi '{doi}' of '{entry.key}' is not a bare DOI (10.NNNN/...)",
            f"remove the '{prefix.group(0)}' prefix" if prefix else "copy the DOI from the publisher or PubMed record",
            code="bibtex.field-format")
    pmid = entry.get("pmid")
    if pmid and not PMID.fullmatch(pmid):
        bad("pmid", f"pmid '{pmid}' of '{entry.key}' is not a PubMed id (digits only)",
            "copy the PMID from the PubMed record, digits only", code="bibtex.field-format")
    pmcid = entry.get("pmcid")
    if pmcid and not PMCID.fullmatch(pmcid):
        bad("pmcid", f"pmcid '{pmcid}' of '{entry.key}' is not a PMC id ('PMC' and digits)",
            "write it as on PubMed, e.g. pmcid = {PMC1234567}", code="bibtex.field-format")
    isbn = entry.get("isbn")
    if isbn and not ISBN.fullmatch(isbn):
        bad("isbn", f"isbn '{isbn}' of '{entry.key}' is not an ISBN (10 or 13 digits)",
            "copy the ISBN from the book's record", code="bibtex.field-format")
    year = entry.get("year")
    if year and not (re.fullmatch(r"[0-9]{4}", year) and MIN_YEAR <= int(year) <= today.year):
        bad("year", f"year '{year}' of '{entry.key}' is not a year from {MIN_YEAR} to {today.year}",
            "write the year of publication as four digits", code="bibtex.field-format")
    url = entry.get("url")
    if url and not re.fullmatch(r"https://[^\s/]+\.[^\s]*", url):
        bad("url", f"url '{url}' of '{entry.key}' is not an https:// address",
            "use the https:// address of the page", code="bibtex.field-format")
    urldate = entry.get("urldate")
    if urldate:
        try:
            ok = dt.date.fromisoformat(urldate) <= today and re.fullmatch(r"\d{4}-\d{2}-\d{2}", urldate)
        except ValueError:
            ok = False
        if not ok:
            bad("urldate", f"urldate '{urldate}' of '{entry.key}' is not a date YYYY-MM-DD up to today",
                "write the day you read the page, e.g. urldate = {2026-01-31}", code="bibtex.field-format")
    return problems


def check_identifiers_unique(entries: list[Entry]) -> list[Problem]:
    """The same DOI or PMID in two entries means the same work was added twice."""
    problems: list[Problem] = []
    for name, normal in (("doi", str.lower), ("pmid", str.strip)):
        seen: dict[str, Entry] = {}
        for entry in entries:
            value = normal(entry.get(name))
            if not value:
                continue
            first = seen.setdefault(value, entry)
            if first is not entry:
                problems.append(Problem(
                    entry.path, entry.line_of(name),
                    f"{name} {entry.get(name)} of '{entry.key}' is also in '{first.key}' ({first.path}:{first.line})",
                    f"the same work is in the bibliography twice: delete this entry and cite '{first.key}'",
                    code="bibtex.duplicate-work"))
    return problems


def check_entries(entries: list[Entry], today: dt.date) -> list[Problem]:
    """Every content rule for parsed entries (syntax problems come from `parse_bib_text`)."""
    problems: list[Problem] = []
    for entry in entries:
        run_on = [Problem(entry.path, entry.line_of(name),
                          f"field '{name}' of '{entry.key}' runs into the next field: a ',' is missing after its value",
                          "end the value with '},'", code="bibtex.missing-comma")
                  for name, value in entry.fields.items() if MISSING_COMMA.search(value)]
        problems += run_on
        if not run_on:  # a missing ',' swallows the next field: the other rules would mislead
            problems += check_key(entry)
            problems += check_fields(entry)
        problems += check_formats(entry, today)
        problems += check_authors(entry)
    problems += check_identifiers_unique(entries)
    return problems


def load_for(project: Project) -> Bibliography:
    """The project's bibliography, parsed and checked (memoised)."""
    return load(project.bib_dir, project.root, project.today)


def check(site: Site, project: Project) -> list[Problem]:
    """Site-wide check (signature shared by every check): all bibliography problems."""
    return list(load_for(project).problems)
