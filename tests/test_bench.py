"""The synthetic sites of `make bench` (tools/bench_site.py) are valid, so the benchmark
times real, successful builds: ours builds strictly with every check, and the floor and
stock configurations are plain Material over the same pages. The report of tools/bench.py
(the machine, load and commit; a row for each figure; the goals) is checked on a fabricated
result, and --only / --no-test choose the parts. Nothing is timed and no timing is asserted."""

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

import bench  # noqa: E402
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


# ── The report of tools/bench.py, from a fabricated result (nothing is timed) ───────────

META = {"date": "2026-12-02T10:00", "cpus": 2, "machine": "vm (AMD EPYC, 2 cores, 24 GB memory, Linux 6.1)",
        "load_before": "1.2 1.0 0.9", "load_after": "1.4 1.1 0.9", "commit": "abc1234",
        "command": "make bench --only serve pdf test check", "loads": {"serve": {"mean": 1.25, "min": 1.2, "max": 1.3}, "test": {"mean": 2.0, "min": 1.3, "max": 3.1}}}
SERVE = {"saves": 7, "first": 3.1, "cold_start": False, "rss_mb": 131.0, "detected": 0.24, "built": 1.25,
         "built_max": 1.61, "reload": 1.27, "cpu": 0.58}
PDF_KIND = {"runs": 2, "handouts": 57, "median": 0.31, "median_cpu": 0.29, "max": 0.9, "book": 6.0, "all": 22.7,
            "workers": 2, "build": 31.4, "build_cpu": 40.2, "rss_mb": 640.0, "warnings": 0}
TEST = {"status": 0, "wall": 512.3, "cpu": 801.7, "counts": {"passed": 431, "skipped": 2}, "clone": 0.4,
        "commit": "abc1234", "command": "make test -o bootstrap"}
COMMANDS = {"check": {"runs": 5, "wall": 1.04, "cpu": 0.98}, "preflight": {"runs": 5, "wall": 0.016, "cpu": 0.015}}


def fabricated(**changes: object) -> dict:
    pdf = {"cold": {**PDF_KIND, "median": 0.36, "all": 24.1, "build": 35.0}, "warm": PDF_KIND,
           "search": {"seconds": 0.012, "before": 100_000, "after": 110_000}}
    parts = {"pdf": pdf, "serve": SERVE, "test": TEST, "commands": COMMANDS, **changes}
    return bench.summarise({}, [], parts["pdf"], META, parts["serve"], parts["test"], parts["commands"])


def test_the_report_names_the_machine_the_load_and_the_commit() -> None:
    first = bench.markdown(fabricated()).splitlines()[0]
    assert first == ("Measured 2026-12-02T10:00 on vm (AMD EPYC, 2 cores, 24 GB memory, Linux 6.1) (load average "
                     "1.2 1.0 0.9 before, 1.4 1.1 0.9 after; 1-minute load during each part, mean (range): "
                     "serve 1.2 (1.2 to 1.3); test 2.0 (1.3 to 3.1)), commit abc1234, `make bench --only serve pdf test check`. "
                     "Medians of alternated runs; wall = what you wait, CPU = user + system of the build and its "
                     "pandoc and PDF processes.")


def test_the_report_has_a_row_for_each_new_figure() -> None:
    text = bench.markdown(fabricated())
    for row in (
        "| real site | `make serve`: first build, at start (with `.cache/`) | 1 | 3.10 | | |",
        "| real site | `make serve`: save to the rebuild noticed (the watcher polls every 0.5 s) | 7 | 0.24 | | |",
        "| real site | `make serve`: save to finished build (slowest 1.61 s; CPU: the server's, save to page served) "
        "| 7 | 1.25 | 0.58 | 131 |",
        "| real site | `make serve`: save to reload (finished build and the edited page served; the browser's "
        "drawing not included) | 7 | 1.27 | | |",
        "| real site | PDF, cold: no `.cache/`, no compiled hooks: per handout (57 handouts) | 2 | 0.36 | 0.29 | |",
        "| real site | PDF, cold: all handouts and the whole-site PDF (2 workers) | 2 | 24.1 | | |",
        "| real site | PDF, cold: the whole build with the PDFs | 2 | 35.0 | 40.2 | 640 |",
        "| real site | PDF, warm: built again: per handout (57 handouts) | 2 | 0.31 | 0.29 | |",
        "| real site | PDF, warm: the whole build with the PDFs | 2 | 31.4 | 40.2 | 640 |",
        "| real site | `make check` (`tools/check.py`) | 5 | 1.04 | 0.98 | |",
        "| machine | system-package check of `make test` (`tools/preflight.py`) | 5 | 0.016 | 0.015 | |",
        "| repository | `make test` in a fresh clone of abc1234 (431 passed, 2 skipped; packages not installed: "
        "`.venv` and `node_modules` linked, `make test -o bootstrap`) | 1 | 512 | 802 | |",
        "| make serve: save to finished build, real site (s) | 1.25 | 1.00 | **not met** |",
        "| PDF per handout, median, warm (s) | 0.31 | 1.00 | met |",
        "| PDF per handout, median, cold (s) | 0.36 | 1.00 | met |",
        "| search index growth from aliases, real site | 0.10 | 0.15 | met |",
        "| make test in a fresh clone, caches cold, browser tests included (s) | 512.30 | 240.00 | **not met** |",
    ):
        assert row in text.splitlines(), row
    assert "Ratios on CPU time" not in text  # no synthetic sites were built


def test_a_failed_make_test_shows_its_exit_status_and_counts() -> None:
    text = bench.markdown(fabricated(test={**TEST, "status": 2, "counts": {"passed": 425, "failed": 6}}))
    assert ("| repository | `make test` in a fresh clone of abc1234 (425 passed, 6 failed, **exit status 2**; "
            "packages not installed") in text
    assert "| make test in a fresh clone, caches cold" not in text  # a failed run's time is no figure
    text = bench.markdown(fabricated(serve=None, pdf=None, commands=None, test={**TEST, "counts": {}}))
    assert "(no pytest summary; packages" in text and "`make serve`:" not in text and "| real site | PDF" not in text


def test_pytest_counts_reads_the_last_summary_line() -> None:
    output = ("tests/test_a.py ....\nSKIPPED [1] tests/test_b.py:3: no chromium\n"
              "6 failed, 425 passed, 2 skipped, 1 error in 480.12s (0:08:00)\n")
    assert bench.pytest_counts(output) == {"failed": 6, "passed": 425, "skipped": 2, "errors": 1}
    assert bench.pytest_counts("make: *** [Makefile:60: preflight-test] Error 1\n") == {}


def test_serve_events_count_begun_and_finished_rebuilds() -> None:
    log = ("INFO    -  [10:00:01] Serving on http://127.0.0.1:8000/x/\nINFO    -  [10:00:02] Detected file changes\n"
           "INFO    -  Building documentation...\nINFO    -  [10:00:03] Reloading browsers\n"
           "INFO    -  [10:00:04] Detected file changes\n")
    assert bench.serve_events(log) == (2, 1)


@pytest.mark.parametrize(("argv", "parts"), [
    ([], ["builds", "rebuild", "serve", "pdf", "test", "check", "instructions"]),
    (["--no-test"], ["builds", "rebuild", "serve", "pdf", "check", "instructions"]),
    (["--only", "test", "serve", "pdf", "--no-pdf"], ["serve", "test"]),
])
def test_only_and_no_test_choose_the_parts(argv: list[str], parts: list[str]) -> None:
    assert bench.selected_parts(bench.parse_args(argv)) == parts


def test_an_unknown_part_or_nothing_left_is_one_message(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "bench.py"), "--only", "tests"],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.splitlines()[-1] == ("make bench: error: argument --only: invalid choice: 'tests' (choose from "
                                           "'builds', 'rebuild', 'serve', 'pdf', 'test', 'check', 'instructions')")
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "bench.py"), "--only", "test", "--no-test",
                          "--out", str(tmp_path)], capture_output=True, text=True, check=False)
    assert out.returncode == 2 and out.stderr == ("make bench: --no-test and --no-pdf left no part to measure. "
                                                  "Fix: name others with --only\n")


def test_each_size_is_held_to_the_ratio_issue_17_sets() -> None:
    assert [bench.floor_goal(n) for n in (12, 100, 500, 1000, 5000)] == [1.25, 1.25, 1.25, 1.15, 1.15]


def test_the_paired_ratio_is_the_median_of_the_ratios_of_each_round() -> None:
    """A machine that slows down by half in the middle of round 3, between its floor and its ours
    build: the ratio of the medians pairs a fast floor with a slow ours (1.80); the median of the
    rounds' own ratios stays at 1.20, what each round measured."""
    def series(variant: str, walls: tuple[float, ...]) -> bench.Series:
        return bench.Series(variant, 100, [bench.Run(wall, wall, 50) for wall in walls])

    floor, ours = series("floor", (3.0, 3.0, 3.0, 4.5, 4.5)), series("ours", (3.6, 3.6, 5.4, 5.4, 5.4))
    result = bench.summarise({100: {"floor": floor, "ours": ours, "stock": series("stock", ()),
                                    "ours-cold": series("ours-cold", ())}}, [], None, META)
    assert [(name, round(value, 2), goal) for name, value, goal in result["goals"] if name.startswith("ours/floor")] == [
        ("ours/floor at 100 pages", 1.8, 1.25),
        ("ours/floor at 100 pages, median of the ratios of runs side by side", 1.2, 1.25)]
    assert bench.ROUND_ORDER.index("floor") + 1 == bench.ROUND_ORDER.index("ours")  # side by side in each round


def test_the_instruction_counts_are_read_from_callgrind_and_held_to_the_size_goal() -> None:
    text = "version: 1\ncreator: callgrind-3.19.0\npid: 4442\nevents: Ir\nsummary: 26722801844\n\nfn=(1) main\n"
    assert bench.callgrind_total(text) == 26_722_801_844
    with pytest.raises(bench.BenchError, match="callgrind wrote no summary line"):
        bench.callgrind_total("version: 1\n")
    counted = {"pages": 100, "floor": 21_982_682_340, "ours": 26_722_801_844}
    result = bench.summarise({}, [], None, META, instructions=counted)
    assert [(name, round(value, 3), goal) for name, value, goal in result["goals"]] == [
        ("ours/floor at 100 pages, instructions (callgrind, one warm build each)", 1.216, 1.25)]
    lines = bench.markdown(result).splitlines()
    assert ("| 100 | instructions of one warm build (valgrind --tool=callgrind; billions): floor 21.98, ours 26.72 "
            "| 1 | | | |") in lines
    assert "| ours/floor at 100 pages, instructions (callgrind, one warm build each) | 1.22 | 1.25 | met |" in lines
