"""`make diagrams` (tools/diagrams.py) draws, stamps, skips and deletes print images."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from core import diagrams
from programs import require
from sitebuild import ROOT, make_site


@pytest.fixture(autouse=True)
def chromium() -> None:
    """make diagrams draws with Debian's chromium: BROWSER_TESTS=skip leaves these tests out,
    as it does the browser tests; otherwise a missing chromium fails them with the install command."""
    if os.environ.get("BROWSER_TESTS") == "skip":
        pytest.skip("BROWSER_TESTS=skip")
    require("chromium")


FRONT = "---\ntitle: {t}\ndescription: A test page.\nkind: about\nreviewed: 2026-01-01\n---\n\n"
FLOW = "flowchart TD\n  A[Suspected calcinosis] --> B{Calcium raised?}\n  B -- yes --> C[Metastatic]"


def tool():  # noqa: ANN201 - the module
    spec = importlib.util.spec_from_file_location("diagrams_tool", ROOT / "tools" / "diagrams.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_draws_stamps_skips_and_deletes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = FRONT.format(t="Home") + f"# Home\n\n```mermaid\n{FLOW}\n```\n"
    config = make_site(tmp_path, {"index.md": page}, bib={})
    make = tool()
    assert make.main([str(config)]) == 0
    svg = tmp_path / "diagrams" / "home-1.svg"
    text = svg.read_text(encoding="utf-8")
    assert diagrams.recorded_hash(str(svg)) == diagrams.source_hash(FLOW)
    assert "Suspected" in text and "<text" in text and "<foreignObject" not in text  # labels are SVG text
    assert "drew diagrams/home-1.svg (docs/index.md:10)" in capsys.readouterr().out

    assert make.main([str(config)]) == 0  # up to date: nothing drawn
    assert "make diagrams: 0 drawn, 1 in use" in capsys.readouterr().out

    (tmp_path / "docs" / "index.md").write_text(FRONT.format(t="Home") + "# Home\n\nNo diagram.\n", encoding="utf-8")
    assert make.main([str(config)]) == 0
    assert not svg.exists()
    assert "deleted diagrams/home-1.svg (its diagram no longer exists)" in capsys.readouterr().out


def test_invalid_mermaid_is_reported_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = FRONT.format(t="Home") + "# Home\n\n```mermaid\nflowchart TD\n  A --> \n  --> -->\n```\n"
    config = make_site(tmp_path, {"index.md": page}, bib={})
    assert tool().main([str(config)]) == 1
    out = capsys.readouterr().out
    assert "WARNING -  docs/index.md:10: diagram 1 is not valid Mermaid: " in out
    assert not (tmp_path / "diagrams" / "home-1.svg").exists()
