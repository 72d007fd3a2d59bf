"""Print the reading grade of pages and their hardest sentences, while you write.

The build only reports a patient page whose Flesch-Kincaid grade is above 8; this shows
the grade of any page (the same computation, hooks/core/readability.py) and the
sentences that add most to it, with their lines:

    .venv/bin/python tools/reading_grade.py docs/patients/what-is-calcinosis.md
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from core.pages import read_page  # noqa: E402
from core.readability import MAX_GRADE, grade, page_grade  # noqa: E402

SHOWN = 5


def main(paths: list[str]) -> int:
    if not paths:
        print(__doc__.strip())
        return 2
    for name in paths:
        path = Path(name)
        page, problems = read_page(path.name, path.read_bytes(), str(path.parent))
        for problem in problems:
            print(problem)
        if page is None:
            continue
        overall, hardest = page_grade(page.front.body, page.front.body_line)
        verdict = "above" if round(overall, 1) > MAX_GRADE else "within"
        print(f"{name}: reading grade {overall:.1f} ({verdict} the limit of {MAX_GRADE:g} for patient pages)")
        for sentence in hardest[:SHOWN]:
            print(f"  line {sentence.line}, grade {grade(sentence.text):.1f}: {sentence.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
