"""Readers' own words in the search index: each page's aliases, and spelling variants.

Why: readers search with their own words ("CREST", "lumps under the skin", "tumoural",
"xray"), and Material's search (lunr, run in the reader's browser) finds only the words a
page holds, with no stemming for English: "tumoural" does not find "tumoral", "lumps" does
not find "lump", and a page that only mentions a word can outrank the page about it. So
each page lists, under `aliases:` in its front matter, the other names readers use for
its subject; this module checks them (one name, one page) and adds them to the page's
entry in `search/search_index.json`, after Material has written it:

- `tags`: the aliases. Material's search results show a page's tags under its title and
  mark the one that matched, so a reader who typed "CREST" sees why "Systemic sclerosis"
  came first.
- `keywords`: spelling variants of the words of the title and the aliases (British and
  American spelling, singular and plural, a hyphenated word written as one), not shown.

Both fields carry the title's weight, so a page whose title or aliases match the query
comes before pages that only mention its words. The index stays a file the browser
reads; no query leaves the reader's machine.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from core import content_policy, memo
from core.pages import Site, SourcePage
from core.problems import Problem

KEY = "aliases"
ALIAS_MAX = 60  # characters
ALIASES_MAX = 12  # per page
ALIAS_FIELD, VARIANT_FIELD = "tags", "keywords"
# Material weighs a title match 1,000 times a match in the text; an alias or a variant is
# another name of the page, so it weighs the same (Material's default for tags is 1e6,
# which would put a page whose alias shares one word with a query above the page titled
# with the whole query).
FIELD_BOOSTS = {ALIAS_FIELD: 1.0, VARIANT_FIELD: 1000.0}

# What an alias may hold: letters of any script, digits, spaces and the punctuation of
# names ("Ehlers-Danlos", "Raynaud's", "1,25-dihydroxyvitamin D"). No markup: an alias is
# shown as text in the search results.
_ALIAS = re.compile(r"[^\W_](?:[\w '’.,()/+-]*[\w)])?")
_WORD = re.compile(r"[^\W_]+")
# Words that do not name a subject (lunr's English stop words that titles use).
_STOP_WORDS = frozenset({"a", "an", "and", "for", "from", "in", "is", "it", "of", "on", "or", "the", "to", "what",
                         "with", "your", "how", "this"})

# British and American spellings of the stems medical pages use, as (pattern, replacement)
# in both directions; a rule written one way only would turn "management" into nonsense.
SPELLINGS: tuple[tuple[str, str], ...] = (
    (r"aem", "em"), (r"(?<!a)emi(a|as|c)$", r"aemi\1"),  # uraemic, anaemia, hypercalcaemia
    (r"^haem", "hem"), (r"^hem(?=at|o|or)", "haem"),
    (r"^oe(?=dem|soph|strog)", "e"), (r"^e(?=dem|soph|strog)", "oe"),
    (r"^paed", "ped"), (r"^ped(?=iatr)", "paed"), (r"orthopaed", "orthoped"), (r"orthoped(?!i)", "orthopaed"),
    (r"(tum|col|behavi|hum|fav)our", r"\1or"), (r"(tum|col|behavi|hum|fav)or(?!u)", r"\1our"),
    (r"sulph", "sulf"), (r"sulf", "sulph"), (r"aluminium", "aluminum"), (r"aluminum", "aluminium"),
    (r"(cent|fib|lit)re", r"\1er"), (r"(cent|fib|lit)er", r"\1re"),
    (r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations)$", r"iz\1"), (r"(?<=[a-z]{3})iz(e|ed|es|ing|ation|ations)$", r"is\1"),
    (r"ys(e|ed|es|ing)$", r"yz\1"), (r"yz(e|ed|es|ing)$", r"ys\1"),
)
_SPELLINGS = tuple((re.compile(pattern), replacement) for pattern, replacement in SPELLINGS)
# A page named in fewer words is the more general page for a word that several titles hold
# ("Calciphylaxis" before "Calciphylaxis management"); Material's search does not weigh the
# length of a title, so each page's entries carry this boost per word beyond the first
# (words in brackets are qualifiers and do not count).
TITLE_WORD_DISCOUNT = 0.1
SUBJECT = {"calcinosis"}


@dataclass(frozen=True)
class Alias:
    """One alias of a page, where it is written."""

    text: str
    path: str  # the page's file, relative to the project root
    line: int
    page_id: str


def fold(text: str) -> str:
    """The form two names are compared in: case, accents, hyphens and spaces ignored."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_WORD.findall(plain))


def page_aliases(page: SourcePage) -> tuple[list[Alias], list[Problem]]:
    """The valid aliases of a page, and a problem for each invalid one."""
    value = page.meta.get(KEY)
    if KEY not in page.meta:
        return [], []
    front = page.front
    if not isinstance(value, list) or not value:
        return [], [Problem(page.path, front.line(KEY), f"'{KEY}' must be a list of names (got {value!r})",
                            f"write '{KEY}: [other name, another name]' with the words readers use for the page's "
                            f"subject, or remove the key", code="aliases.not-a-list")]
    problems: list[Problem] = []
    if len(value) > ALIASES_MAX:
        problems.append(Problem(page.path, front.line(KEY), f"'{KEY}' lists {len(value)} names (at most {ALIASES_MAX})",
                                "keep the names readers most often use; a word of the page's text is found anyway",
                                code="aliases.too-many"))
    aliases: list[Alias] = []
    seen: dict[str, str] = {}
    title = fold(page.meta["title"]) if isinstance(page.meta.get("title"), str) else None
    for i, item in enumerate(value):
        line = front.line(KEY, i)
        if not isinstance(item, str) or not item.strip():
            problems.append(Problem(page.path, line, f"alias {i + 1} must be text (got {item!r})",
                                    "write the name as plain text, e.g. 'CREST syndrome'", code="aliases.not-text"))
            continue
        if content_policy.reported_in_front_matter(item):
            continue  # one message: core/content_policy.py reports markup and control characters
        text = " ".join(item.split())
        if len(text) > ALIAS_MAX:
            problems.append(Problem(page.path, line, f"alias '{text[:ALIAS_MAX]}…' is {len(text)} characters long "
                                                     f"(at most {ALIAS_MAX})",
                                    "an alias is a name readers type, not a sentence: shorten it",
                                    code="aliases.too-long"))
            continue
        if not _ALIAS.fullmatch(text):
            problems.append(Problem(page.path, line, f"alias {text!r} holds characters a name does not",
                                    "write letters, digits, spaces and only the punctuation of names (- ' . , ( ) / +); "
                                    "no markup", code="aliases.characters"))
            continue
        key = fold(text)
        if key == title:
            problems.append(Problem(page.path, line, f"alias '{text}' repeats the page's title",
                                    "remove it: the title is searched already", code="aliases.repeats-title"))
        elif key in seen:
            problems.append(Problem(page.path, line, f"alias '{text}' repeats the alias '{seen[key]}'",
                                    "remove the second one (case, accents and hyphens do not count)",
                                    code="aliases.duplicate"))
        else:
            seen[key] = text
            aliases.append(Alias(text, page.path, line, page.id))
    return aliases, problems


def check(site: Site) -> list[Problem]:
    """Every page's aliases: each valid, and no name on two pages (nor another page's title):
    a name leads to one page."""
    problems: list[Problem] = []
    owners: dict[str, Alias] = {}
    titles = {fold(page.meta["title"]): page for page in site.pages.values()
              if isinstance(page.meta.get("title"), str) and page.meta["title"].strip()}
    for page in sorted(site.pages.values(), key=lambda p: p.path):
        aliases, found = page_aliases(page)
        problems.extend(found)
        for alias in aliases:
            key = fold(alias.text)
            titled = titles.get(key)
            if titled is not None and titled.id != page.id:
                problems.append(Problem(alias.path, alias.line,
                                        f"alias '{alias.text}' is the title of {titled.path}",
                                        "remove it: readers who type it find that page by its title",
                                        code="aliases.other-title"))
            elif key in owners:
                first = owners[key]
                problems.append(Problem(alias.path, alias.line,
                                        f"alias '{alias.text}' is also an alias of {first.path}:{first.line}",
                                        "keep the name on the one page about it, and link that page from here",
                                        code="aliases.other-page"))
            else:
                owners[key] = alias
    return problems


def aliases_by_page(site: Site) -> dict[str, list[str]]:
    """The valid aliases of each page, by src_uri (what reaches the search index)."""
    return {page.src_uri: [a.text for a in aliases]
            for page in site.pages.values() for aliases in [page_aliases(page)[0]] if aliases}


def _swaps(word: str) -> set[str]:
    return {pattern.sub(replacement, word) for pattern, replacement in _SPELLINGS} - {word}


def _numbers(word: str) -> set[str]:
    """The singular of a plural and the plural of a singular, by the regular English rules."""
    if len(word) < 4 or not word.isalpha():
        return set()
    if word.endswith("sis"):
        return {word[:-3] + "ses"}
    if word.endswith(("is", "us", "ss")):
        return set()
    if word.endswith("ses") and len(word) > 5:
        return {word[:-3] + "sis", word[:-1]}
    if word.endswith("ies"):
        return {word[:-3] + "y"}
    if word.endswith("s"):
        return {word[:-1]}
    if word.endswith("y"):
        return {word + "s"} if word[-2] in "aeiou" else {word[:-1] + "ies"}
    if word.endswith(("x", "ch", "sh")):
        return {word + "es"}
    return {word + "s"}


def _words(name: str) -> set[str]:
    """The words of a name as search compares them: lower case, with and without accents."""
    lower = name.casefold()
    ascii_form = "".join(c for c in unicodedata.normalize("NFKD", lower) if not unicodedata.combining(c))
    return set(_WORD.findall(lower)) | set(_WORD.findall(ascii_form))


def keywords(title: str, aliases: Iterable[str]) -> list[str]:
    """The words of the aliases, once each, and the spelling variants of these and of the
    title's words, sorted; not the title's own words, which search finds in the title."""
    names = [title, *aliases]
    words: set[str] = set().union(*(_words(name) for name in names))
    out: set[str] = set()
    for name in names:  # "x-ray" is also typed "xray"
        for compound in re.findall(r"[^\W_]+(?:-[^\W_]+)+", name.casefold()):
            out.add(compound.replace("-", ""))
    for word in words:
        for form in {word, *_swaps(word)}:
            out.add(form)
            out.update(_numbers(form))
    return sorted(word for word in out - _words(title) if len(word) > 1)


def title_boost(title: str) -> float:
    """The boost of a page's entries for the length of its title (TITLE_WORD_DISCOUNT)."""
    words = [w for w in _WORD.findall(re.sub(r"\([^)]*\)", " ", title)) if w.casefold() not in _STOP_WORDS]
    return round(1 / (1 + TITLE_WORD_DISCOUNT * max(len(words) - 1, 0)), 3)


def add_to_index(index_json: str, pages: Mapping[str, tuple[str, list[str]]]) -> str:
    """The search index with each page's aliases and variants on the page's own entry.

    `pages` maps a page's location in the index (its URL, "" for the home page) to its
    title and aliases. Raises ValueError when the text is not a search index as Material
    writes it.
    """
    data: Any = json.loads(index_json)
    if not isinstance(data, dict) or not isinstance(data.get("docs"), list) \
            or not isinstance(data.get("config"), dict) or not isinstance(data["config"].get("fields"), dict):
        raise ValueError("not a search index as Material for MkDocs writes it")
    data["config"]["fields"].update({name: {"boost": boost} for name, boost in FIELD_BOOSTS.items()})
    for doc in data["docs"]:
        location = doc.get("location") if isinstance(doc, dict) else None
        page = location.partition("#")[0] if isinstance(location, str) else None
        if page is None or page not in pages:
            continue
        title, aliases = pages[page]
        boost, words = _terms(title, tuple(aliases))
        doc["boost"] = boost
        if location != page:
            continue
        if aliases:
            doc[ALIAS_FIELD] = list(aliases)
        if words:
            doc[VARIANT_FIELD] = words
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


# A page's boost and search words, by its title and aliases: worked out again only when they change.
_page_terms: memo.Memo[tuple[str, tuple[str, ...]], tuple[float, str]] = memo.declare(
    "search_terms: page words", bound=4096, last_build_only=True)


def _terms(title: str, aliases: tuple[str, ...]) -> tuple[float, str]:
    return _page_terms.get_or_make((title, aliases), _boost_and_words, title, aliases)


def _boost_and_words(title: str, aliases: tuple[str, ...]) -> tuple[float, str]:
    return title_boost(title), " ".join(sorted(set(keywords(title, aliases)) | (SUBJECT - _words(title))))
