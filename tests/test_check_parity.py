"""`make check` prints the very lines the strict build prints, on representative broken sites.

One fixture site per family of checks (front matter, citations, links, bibliography,
content policy, readability); each is built strictly with the real hooks and checked with
tools/check.py, and the two sets of problem lines must be equal and not empty.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from sitebuild import ROOT, build, make_site

sys.path.insert(0, str(ROOT / "tools"))

import check  # noqa: E402

FRONT = ("---\ntitle: {title}\ndescription: A test page.\nkind: {kind}\nreviewed: 2026-01-01\n{extra}---\n\n"
         "# {title}\n\n")
ARTICLE = """@article{traineau2020treatment,
  author  = {Traineau, H{\\'e}l{\\`e}ne and Aggarwal, Rohit},
  title   = {Treatment of calcinosis cutis in systemic sclerosis and dermatomyositis: a review of the literature},
  journal = {Journal of the American Academy of Dermatology},
  year    = {2020},
  volume  = {82},
  pages   = {317--325},
  doi     = {10.1016/j.jaad.2019.07.006},
}
"""
HOME = FRONT.format(title="Home", kind="about", extra="") + "Evidence is thin [@traineau2020treatment].\n\n"
TYPE = FRONT.format(title="Dystrophic", kind="type", extra="") + \
    "## Definition { #definition }\n\nDeposits in damaged tissue [@traineau2020treatment].\n"


def page(title: str, kind: str, body: str, extra: str = "") -> str:
    return FRONT.format(title=title, kind=kind, extra=extra) + body


CASES: dict[str, tuple[dict[str, str], str]] = {
    "front-matter": ({
        "index.md": HOME + "See [dystrophic](types/dystrophic.md).\n",
        "types/dystrophic.md": page("Dystrophic", "type", "## Definition { #definition }\n\nText "
                                    "[@traineau2020treatment].\n", "sea_also: [home]\ncauses: [dystrophic]\n"),
        "conditions/scleroderma.md": page("Scleroderma", "condition", "Text [@traineau2020treatment].\n",
                                          "causes: [dystrophc, home]\n"),
    }, ARTICLE),
    "citations": ({
        "index.md": HOME,
        "types/dystrophic.md": TYPE,
        "conditions/scleroderma.md": page(
            "Scleroderma", "condition",
            "## Frequency { #epidemiology }\n\nCalcinosis is common in this disease.\n\n"
            "## Sites { #sites }\n\nFingers [@traineau2020treatmnt] and elbows [@traineau2020treatment, p. 318].\n",
            "causes: [dystrophic]\n"),
    }, ARTICLE),
    "links": ({
        "index.md": HOME + "See [a missing page](types/missing.md), [a section](types/dystrophic.md#nowhere) and "
                           "[a heading](types/dystrophic.md#clinical-features).\n",
        "types/dystrophic.md": TYPE + "\n## Clinical features\n\nHard nodules [@traineau2020treatment].\n",
        "about/lonely.md": page("Lonely", "about", "Nobody links here.\n"),
    }, ARTICLE),
    "bibliography": ({
        "index.md": HOME + "Also [@Smith2019calcinosis].\n",
    }, ARTICLE + """
@article{Smith2019calcinosis,
  author = {Smith, Anna},
  title  = {Calcinosis},
  year   = {2019},
  doi    = {https://doi.org/10.1000/xyz},
}
"""),
    "content-policy": ({
        "index.md": HOME + "<script>alert(1)</script>\n\nA paragraph.\n{ onclick=\"steal()\" }\n\n"
                           "[Plain web](http://example.org/page)\n",
    }, ARTICLE),
    "readability": ({
        "index.md": HOME + "Read [the guide](patients/guide.md).\n",
        "types/dystrophic.md": TYPE,
        "patients/guide.md": page(
            "Guide", "patient",
            "Heterotopic mineralisation characteristically necessitates multidisciplinary interdisciplinary "
            "pharmacological and surgical individualised management considerations notwithstanding "
            "contemporaneous methodological heterogeneity.\n",
            "topics: [dystrophic]\n"),
    }, ARTICLE),
}
PROBLEM_LINE = re.compile(r"^(?:docs|bibliography|includes)/\S+:\d+: ")


@pytest.mark.parametrize("case", list(CASES))
def test_make_check_prints_the_build_s_problem_lines(tmp_path: Path, case: str) -> None:
    docs, bib = CASES[case]
    config = make_site(tmp_path, docs, bib={"refs.bib": bib})
    result = build(config, tmp_path / "site")
    assert not result.ok, f"the {case} fixture should fail the strict build"
    built = sorted({w for w in result.warnings() if PROBLEM_LINE.match(w)})
    checked = sorted({str(p) for p in check.run(config)})
    assert checked, f"make check found nothing in the {case} fixture"
    assert checked == built
