"""Bibliography rules (hooks/core/bibliography.py): one small fixture per rule, exact messages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.bibliography import Bibliography, fold, load
from bibfixtures import LIMAIEM, TRAINEAU

TODAY = dt.date(2026, 11, 21)

GOOD = TRAINEAU


def bib(tmp_path: Path, **files: str) -> Bibliography:
    """Load `files` (name -> BibTeX) as the project's bibliography/ folder."""
    folder = tmp_path / "bibliography"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.bib").write_text(text, encoding="utf-8")
    return load(str(folder), str(tmp_path), TODAY)


def messages(b: Bibliography) -> list[str]:
    return [str(p) for p in sorted(b.problems)]


def article(key: str = "smith2021calcinosis", **fields: str | None) -> str:
    """A complete article entry; a field set to None is left out, others override."""
    values: dict[str, str | None] = {
        "author": "Smith, Anna and Jones, Ben", "title": "Calcinosis in a cohort", "journal": "J Test",
        "year": "2021", "volume": "3", "pages": "1--9", "doi": "10.1000/xyz123", "pmid": "12345678",
    }
    values.update(fields)
    body = "".join(f"  {k} = {{{v}}},\n" for k, v in values.items() if v is not None)
    return f"@article{{{key},\n{body}}}\n"


def test_a_complete_entry_passes(tmp_path: Path) -> None:
    b = bib(tmp_path, general=GOOD + "\n" + article())
    assert messages(b) == []
    assert list(b.entries) == ["traineau2020treatment", "smith2021calcinosis"]
    entry = b.entries["traineau2020treatment"]
    assert (entry.path, entry.line, entry.line_of("doi")) == ("bibliography/general.bib", 1, 9)


def test_the_project_bibliography_parses() -> None:
    root = Path(__file__).resolve().parent.parent
    b = load(str(root / "bibliography"), str(root), TODAY)
    assert "traineau2020treatment" in b.entries
    assert not [p for p in b.problems if "could not be read" in p.what]


# ── Parse errors with file and line ─────────────────────────────────────────────────

def test_unclosed_brace_names_the_entry_and_the_line_it_was_noticed(tmp_path: Path) -> None:
    text = article("smith2021calcinosis", title="Calcinosis {in a cohort") + "\n" + GOOD
    assert messages(bib(tmp_path, general=text)) == [
        "bibliography/general.bib:1: entry could not be read: Unexpected block start: '@article'. Was still "
        "looking for field-value closing ',' or '}' (noticed on line 12); it holds the key 'smith2021calcinosis', "
        "which cannot be cited until it is mended. Fix: close every '{' and '\"', separate fields with ',' and end the entry with '}' [bibtex.syntax]"
    ]


def test_missing_comma_between_fields(tmp_path: Path) -> None:
    text = article().replace("{Smith, Anna and Jones, Ben},", "{Smith, Anna and Jones, Ben}")
    assert messages(bib(tmp_path, general=text)) == [
        "bibliography/general.bib:2: field 'author' of 'smith2021calcinosis' runs into the next field: "
        "a ',' is missing after its value. Fix: end the value with '},' [bibtex.missing-comma]"
    ]


def test_text_outside_an_entry(tmp_path: Path) -> None:
    text = "% comments are fine\n" + article().replace("@article{", "article{")
    assert messages(bib(tmp_path, general=text)) == [
        "bibliography/general.bib:2: text outside any entry: 'article{smith2021calcinosis,'. "
        "Fix: start every entry with '@type{key,' (is the '@' missing?); begin comment lines with '%' [bibtex.stray-text]"
    ]


def test_duplicate_key_in_one_file(tmp_path: Path) -> None:
    text = article() + "\n" + article(doi="10.1000/other", pmid="87654321")
    assert messages(bib(tmp_path, general=text)) == [
        "bibliography/general.bib:12: duplicate key 'smith2021calcinosis': line 1 of this file has the same key. "
        "Fix: keep one entry per work: cite the existing key, or give this reference its own key [bibtex.duplicate-key]"
    ]


def test_duplicate_key_across_files(tmp_path: Path) -> None:
    b = bib(tmp_path, a=article(), b=article(doi="10.1000/other", pmid="87654321"))
    assert messages(b) == [
        "bibliography/b.bib:1: duplicate key 'smith2021calcinosis': bibliography/a.bib:1 has the same key. "
        "Fix: keep one entry per work: cite the existing key, or give this reference its own key [bibtex.duplicate-key]"
    ]


def test_duplicate_field(tmp_path: Path) -> None:
    text = article().replace("  year = {2021},\n", "  year = {2021},\n  year = {2022},\n")
    assert messages(bib(tmp_path, general=text)) == [
        "bibliography/general.bib:1: field 'year' appears twice in entry 'smith2021calcinosis'. "
        "Fix: keep one of the two values [bibtex.duplicate-field]"
    ]


# ── Key convention ──────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("key", ["Smith2021calcinosis", "smith.2021:calcinosis", "smith2021", "smith21calcinosis"])
def test_key_must_be_lowercase_letters_and_digits(tmp_path: Path, key: str) -> None:
    assert messages(bib(tmp_path, general=article(key))) == [
        f"bibliography/general.bib:1: key '{key}' does not follow the convention firstauthorYEARword "
        "(lowercase letters and digits only). Fix: rename it, e.g. 'smith2021calcinosis' (first author's "
        "family name, year, first significant word of the title), and cite the new key [bibtex.key-convention]"
    ]


def test_key_must_start_with_the_first_authors_family_name(tmp_path: Path) -> None:
    assert messages(bib(tmp_path, general=article("jones2021calcinosis"))) == [
        "bibliography/general.bib:1: key 'jones2021calcinosis' does not start with the first author's family "
        "name 'smith'. Fix: rename it, e.g. 'smith2021calcinosis' (first author's family name, year, first "
        "significant word of the title), and cite the new key [bibtex.key-author]"
    ]


def test_key_must_carry_the_year(tmp_path: Path) -> None:
    assert messages(bib(tmp_path, general=article("smith2020calcinosis"))) == [
        "bibliography/general.bib:1: key 'smith2020calcinosis' does not carry the entry's year 2021. "
        "Fix: rename it, e.g. 'smith2021calcinosis' (first author's family name, year, first significant "
        "word of the title), and cite the new key [bibtex.key-year]"
    ]


@pytest.mark.parametrize("author,key", [
    ("Fran{\\c{c}}ois, Chasset", "francois2021calcinosis"),
    ("M{\\\"u}ller, Eva", "muller2021calcinosis"),
    ("van den Bosch, Jan", "vandenbosch2021calcinosis"),
    ("van den Bosch, Jan", "bosch2021calcinosis"),
    ("{Kidney Disease: Improving Global Outcomes (KDIGO) CKD-MBD Update Work Group}", "kdigo2021calcinosis"),
    ("{World Health Organization}", "who2021calcinosis"),
    ("{World Health Organization}", "world2021calcinosis"),
])
def test_key_family_name_spellings_accepted(tmp_path: Path, author: str, key: str) -> None:
    assert messages(bib(tmp_path, general=article(key, author=author))) == []


def test_fold() -> None:
    assert fold("H{\\'e}l{\\`e}ne") == "helene"
    assert fold("Stra{\\ss}er") == "strasser"
    assert fold("Øster-Gård") == "ostergard"


# ── Required fields per type ────────────────────────────────────────────────────────

def test_article_required_fields(tmp_path: Path) -> None:
    text = article(volume=None, pages=None, doi=None, pmid=None)
    assert messages(bib(tmp_path, general=text)) == [
        "bibliography/general.bib:1: @article 'smith2021calcinosis' lacks 'doi' or 'pmid'. "
        "Fix: add doi = {10.xxxx/...} or pmid = {12345678} from the PubMed record [bibtex.missing-field]",
        "bibliography/general.bib:1: @article 'smith2021calcinosis' lacks 'pages' or 'eid'. "
        "Fix: add pages = {317--325}, or eid = {e12345} for an article number [bibtex.missing-field]",
        "bibliography/general.bib:1: @article 'smith2021calcinosis' lacks the required field 'volume'. "
        "Fix: copy it from the PubMed or publisher record (an article still 'ahead of print' has none: "
        "cite it once it has) [bibtex.missing-field]",
    ]


def test_and_others_hides_the_authors(tmp_path: Path) -> None:
    assert messages(bib(tmp_path, general=article(author="Smith, Anna and others"))) == [
        "bibliography/general.bib:2: the author list of 'smith2021calcinosis' has 'others' or 'et al.' in place of "
        "names. "
        "Fix: write every author as the PubMed or publisher record lists them; if no record you can reach shows "
        "them all, add incomplete_authors = {...} saying which records you checked, and say so in your pull request "
        "[bibtex.and-others]",
    ]


@pytest.mark.parametrize("author", ["Smith, Anna and et al.", "Smith, Anna and {others}", "Smith, Anna and others.",
                                    "Smith, Anna and others and Jones, Ben"])
def test_every_way_of_writing_et_al_is_caught(tmp_path: Path, author: str) -> None:
    found = messages(bib(tmp_path, general=article(author=author)))
    assert len(found) == 1 and found[0].endswith("[bibtex.and-others]")
    empty = article(author=author, incomplete_authors=".")  # a note must say which records were checked
    assert messages(bib(tmp_path / "x", general=empty)) == found if (tmp_path / "x").mkdir() is None else False


def test_an_incomplete_author_list_is_said_once_and_only_while_incomplete(tmp_path: Path) -> None:
    said = article(author="Smith, Anna and others", incomplete_authors="PubMed 12345678 shows Smith A et al.")
    assert messages(bib(tmp_path, general=said)) == []
    stale = article(incomplete_authors="PubMed shows Smith A et al.")
    (tmp_path / "stale").mkdir()
    assert messages(bib(tmp_path / "stale", general=stale)) == [
        "bibliography/general.bib:10: 'smith2021calcinosis' has 'incomplete_authors' but its author list is "
        "complete. Fix: remove the incomplete_authors field [bibtex.incomplete-authors-stale]",
    ]


def test_article_number_stands_for_pages(tmp_path: Path) -> None:
    assert messages(bib(tmp_path, general=article(pages=None, eid="e0123"))) == []


def test_book_required_fields(tmp_path: Path) -> None:
    text = "@book{smith2021calcinosis,\n  editor = {Smith, Anna},\n  title = {Calcinosis},\n  year = {2021},\n}\n"
    assert messages(bib(tmp_path, general=text)) == [
        "bibliography/general.bib:1: @book 'smith2021calcinosis' lacks 'doi', 'pmid' or 'isbn'. "
        "Fix: add the book's doi, pmid or isbn [bibtex.missing-field]",
        "bibliography/general.bib:1: @book 'smith2021calcinosis' lacks the required field 'publisher'. "
        "Fix: copy it from the PubMed or publisher record [bibtex.missing-field]",
    ]


STATPEARLS = LIMAIEM


def test_online_reference_work_passes_with_its_bookshelf_url(tmp_path: Path) -> None:
    assert messages(bib(tmp_path, general=STATPEARLS)) == []


def test_online_reference_work_needs_url_date_and_pmid_or_nbk(tmp_path: Path) -> None:
    text = STATPEARLS.replace("  url       = {https://www.ncbi.nlm.nih.gov/books/NBK559216/},\n", "") \
        .replace("  urldate   = {2026-11-21},\n", "")
    assert messages(bib(tmp_path, general=text)) == [
        "bibliography/general.bib:1: @incollection 'limaiem2023osteoma' lacks 'pmid' or an NCBI Bookshelf url "
        "with its NBK id. Fix: add pmid = {...} or url = {https://www.ncbi.nlm.nih.gov/books/NBK...}: every "
        "StatPearls and GeneReviews chapter has both (on its NCBI Bookshelf page) [bibtex.missing-field]",
        "bibliography/general.bib:1: @incollection 'limaiem2023osteoma' lacks the required field 'url'. "
        "Fix: add url = {https://...}, the address of the chapter [bibtex.missing-field]",
        "bibliography/general.bib:1: @incollection 'limaiem2023osteoma' lacks the required field 'urldate'. "
        "Fix: add urldate = {YYYY-MM-DD}, the day you read it [bibtex.missing-field]",
    ]


def test_unsupported_entry_type(tmp_path: Path) -> None:
    text = "@misc{smith2021calcinosis,\n  author = {Smith, Anna},\n  title = {Calcinosis},\n  year = {2021},\n}\n"
    assert messages(bib(tmp_path, general=text)) == [
        "bibliography/general.bib:1: entry type '@misc' is not supported. Fix: use @article, @book or "
        "@incollection (chapters, StatPearls, GeneReviews); see CONTRIBUTING.md, 'References (BibTeX)' [bibtex.unsupported-type]"
    ]


# ── Formats ─────────────────────────────────────────────────────────────────────────

def test_doi_with_a_resolver_prefix(tmp_path: Path) -> None:
    assert messages(bib(tmp_path, general=article(doi="https://doi.org/10.1000/xyz123"))) == [
        "bibliography/general.bib:8: doi 'https://doi.org/10.1000/xyz123' of 'smith2021calcinosis' is not a "
        "bare DOI (10.NNNN/...). Fix: remove the 'https://doi.org/' prefix [bibtex.field-format]"
    ]


@pytest.mark.parametrize("name,value,what", [
    ("doi", "1000/xyz", "doi '1000/xyz' of 'smith2021calcinosis' is not a bare DOI (10.NNNN/...). "
                        "Fix: copy the DOI from the publisher or PubMed record"),
    ("pmid", "PMID31302187", "pmid 'PMID31302187' of 'smith2021calcinosis' is not a PubMed id (digits only). "
                             "Fix: copy the PMID from the PubMed record, digits only"),
    ("pmcid", "1234567", "pmcid '1234567' of 'smith2021calcinosis' is not a PMC id ('PMC' and digits). "
                         "Fix: write it as on PubMed, e.g. pmcid = {PMC1234567}"),
    ("isbn", "12-34", "isbn '12-34' of 'smith2021calcinosis' is not an ISBN (10 or 13 digits). "
                      "Fix: copy the ISBN from the book's record"),
    ("year", "1799", "year '1799' of 'smith1799calcinosis' is not a year from 1800 to 2026. "
                     "Fix: write the year of publication as four digits"),
    ("url", "http://example.org/a", "url 'http://example.org/a' of 'smith2021calcinosis' is not an https:// "
                                    "address. Fix: use the https:// address of the page"),
    ("urldate", "2027-01-01", "urldate '2027-01-01' of 'smith2021calcinosis' is not a date YYYY-MM-DD up to "
                              "today. Fix: write the day you read the page, e.g. urldate = {2026-01-31}"),
])
def test_field_formats(tmp_path: Path, name: str, value: str, what: str) -> None:
    text = article(**{name: value}) if name != "year" else article("smith1799calcinosis", year=value)
    found = messages(bib(tmp_path, general=text))
    line = {"doi": 8, "pmid": 9, "year": 5}.get(name, 10)
    assert found == [f"bibliography/general.bib:{line}: {what} [bibtex.field-format]"]


def test_the_same_doi_or_pmid_twice(tmp_path: Path) -> None:
    b = bib(tmp_path, a=article(), b=article("smith2021cohort"))
    assert messages(b) == [
        "bibliography/b.bib:8: doi 10.1000/xyz123 of 'smith2021cohort' is also in 'smith2021calcinosis' "
        "(bibliography/a.bib:1). Fix: the same work is in the bibliography twice: delete this entry and cite "
        "'smith2021calcinosis' [bibtex.duplicate-work]",
        "bibliography/b.bib:9: pmid 12345678 of 'smith2021cohort' is also in 'smith2021calcinosis' "
        "(bibliography/a.bib:1). Fix: the same work is in the bibliography twice: delete this entry and cite "
        "'smith2021calcinosis' [bibtex.duplicate-work]",
    ]


@pytest.mark.parametrize("title,hit", [
    ("Calcinosis <script>alert(1)</script>", "<"),
    ("Calcinosis javascript:alert(1)", "javascript:"),
])
def test_no_markup_in_any_field(tmp_path: Path, title: str, hit: str) -> None:
    assert messages(bib(tmp_path, general=article(title=title))) == [
        f"bibliography/general.bib:3: field 'title' of 'smith2021calcinosis' contains markup ('{hit}'). "
        "Fix: remove it: fields are plain text (LaTeX accents such as {\\'e} are fine) and are shown on the site [bibtex.markup]"
    ]


def test_a_byte_order_mark_is_not_text_outside_an_entry(tmp_path: Path) -> None:
    loaded = bib(tmp_path, general="\ufeff" + GOOD)
    assert messages(loaded) == []
    assert list(loaded.entries) == ["traineau2020treatment"]
