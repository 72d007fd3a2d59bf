"""The synthetic sites of `make bench` (tools/bench_site.py) are valid, so the benchmark
times real, successful builds: ours builds strictly with every check, and the floor and
stock configurations are plain Material over the same pages. No timings are asserted."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config

from sitebuild import ROOT, build

sys.path.insert(0, str(ROOT / "tools"))

import bench_site  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> bench_site.SyntheticSite:
    return bench_site.generate(tmp_path_factory.mktemp("bench") / "site", 12)


def test_pages_cite_every_entry_and_link_each_other() -> None:
    docs, bib, nav = bench_site.render_pages(40)
    assert len(docs) == 40
    keys = re.findall(r"@article\{([a-z0-9]+),", "".join(bib.values()))
    assert len(keys) == 39 * 3  # three per page, none for the reference list
    text = "".join(docs.values())
    assert all(f"@{key}" in text for key in keys)
    assert all(f"      - {uri}" in nav or f": {uri}" in nav for uri in docs)
    kinds = {re.search(r"^kind: (\w+)$", page, re.M).group(1) for page in docs.values()}
    assert kinds == {"about", "overview", "type", "condition", "diagnosis", "differential", "treatment", "patient"}
    assert bench_site.strip_citations("A [@a1; @b2] b [@c3].") == "A b."


def test_ours_builds_strictly_with_every_check(site: bench_site.SyntheticSite, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PDF_HANDOUTS", "0")
    result = build(site.ours, tmp_path / "out")
    assert result.ok, result.output
    assert result.warnings() == []
    page = (tmp_path / "out" / site.edit_page.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
    assert 'id="references"' in page and 'id="related-pages"' in page
    assert not (tmp_path / "out" / "pdf").exists()  # PDF_HANDOUTS=0: HTML only


def test_floor_is_material_alone_without_citations(site: bench_site.SyntheticSite, tmp_path: Path) -> None:
    config = load_config(config_file=str(site.floor))
    assert not config.hooks and list(config.plugins) == ["material/search"]
    assert config.theme.name == "material" and not config.theme.custom_dir
    assert "[@" not in "".join(p.read_text(encoding="utf-8") for p in (site.root / "docs-floor").rglob("*.md"))
    result = build(site.floor, tmp_path / "out")
    assert result.ok, result.output


def test_stock_is_material_with_mkdocs_bibtex_and_the_ama_style(site: bench_site.SyntheticSite,
                                                                 tmp_path: Path) -> None:
    config = load_config(config_file=str(site.stock))
    assert not config.hooks and list(config.plugins) == ["material/search", "bibtex"]
    assert config.plugins["bibtex"].config.csl_file.endswith("american-medical-association.csl")
    # A child process, as in the benchmark: mkdocs-bibtex keeps state between builds in one process.
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "bench.py"), "--child", "build", str(site.stock),
                          str(tmp_path / "out")], capture_output=True, text=True, check=False)
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["ok"] and report["warnings"] == 0, out.stdout + out.stderr
    page = (tmp_path / "out" / site.edit_page.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
    assert "doi.org/10.5555/bench." in page  # references formatted by pandoc, per page
