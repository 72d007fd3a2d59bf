"""`make bench`: how much our hooks and checks cost over Material alone and over stock mkdocs-bibtex.

Why: contributors preview with `mkdocs serve` on every save and CI builds every pull
request, so build time is waiting time. This generates synthetic sites of about 100 and
1,000 pages (tools/bench_site.py: the same pages as three configurations) and times:

- floor: Material alone, citations removed, no hooks, no mkdocs-bibtex;
- stock: Material and stock mkdocs-bibtex with the AMA style, no hooks;
- ours: the project's configuration (every hook and check, AMA references, generated
  tables and reference list), HTML only (`PDF_HANDOUTS=0`), with the reference cache of
  an earlier build (warm: the normal case for a contributor, whose `.cache/` persists);
- ours, cold: the same after deleting `.cache/` (a fresh clone, or CI without a cache);
- a rebuild after editing one page, the way `mkdocs serve` rebuilds (one process, the
  config reloaded and the whole site built again), on a copy of the real site and on the
  largest synthetic site;
- the PDF handouts of the real site: seconds per handout and for the whole set;
- in that build, what hooks/search_index.py costs: the seconds of its rewrite of the
  search index, and how much the index grows (the goal: at most 15 %).

Every build runs in a fresh child process (`--child`), and the variants alternate
(floor, stock, ours cold, ours, floor, ...) so that the machine's changing load falls on
all of them alike; medians are reported. Wall time is what a contributor waits; CPU time
(user + system, the child and its pandoc and PDF workers) is less disturbed by other
programs on a busy machine. Peak memory is the child's maximum resident set size. Results
go to stdout, `bench/results/latest.json` and `bench/results/latest.md`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "hooks"))

GOALS = {
    "ours/floor": 1.3,  # the checks and references cost at most 30% over Material alone
    "ours/stock": 0.3,
    "rebuild, real site (s)": 1.0,
    "PDF per handout, median (s)": 1.0,
    "peak memory at 1,000 pages (MB)": 1024,
    "search index growth": 0.15,  # issue #16: aliases and variants grow the index by at most 15 %
}
VARIANTS = ("floor", "stock", "ours-cold", "ours")


@dataclass
class Run:
    """One child process: its wall and CPU seconds, peak memory, and what it reported."""

    wall: float
    cpu: float
    rss_mb: float
    report: dict = field(default_factory=dict)


@dataclass
class Series:
    variant: str
    pages: int
    runs: list[Run] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def rss(self) -> float:
        return max(r.rss_mb for r in self.runs)


# ── The child: one build, reported as JSON on stdout ────────────────────────────────

class _Count(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


def _load(config_file: str, site_dir: str, strict: bool):  # noqa: ANN202 - MkDocsConfig
    from mkdocs.config import load_config

    return load_config(config_file=config_file, site_dir=site_dir, strict=strict)


def _time_search_hook() -> dict:
    """What hooks/search_index.py costs in the build about to run: the seconds of its one call
    to core.search_terms.add_to_index and the index's size before and after (filled in as the
    build calls it; empty for a configuration without the hook)."""
    stats: dict = {}
    module = sys.modules.get("core.search_terms")  # imported when load_config loaded the hooks
    if module is None:
        return stats
    add = module.add_to_index

    def timed(index_json: str, pages: dict) -> str:
        started = time.perf_counter()
        out = add(index_json, pages)
        stats.update(seconds=time.perf_counter() - started, before=len(index_json.encode()), after=len(out.encode()))
        return out

    module.add_to_index = timed
    return stats


def child_build(config_file: str, site_dir: str, strict: bool) -> dict:
    """`mkdocs build`, in this process: startup, build, shutdown."""
    from mkdocs.commands.build import build

    started = time.perf_counter()
    config = _load(config_file, site_dir, strict)
    search = _time_search_hook()
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    report: dict = {"build": time.perf_counter() - started}
    if search:
        report["search"] = search
    handouts = sys.modules.get("core.handouts")  # loaded by our PDF hook; floor and stock never load it
    if handouts is not None and handouts.last_stats is not None:
        stats = handouts.last_stats
        report["pdf"] = {"handouts": stats.handouts, "handouts_cpu": stats.handouts_cpu, "book": stats.book,
                         "wall": stats.wall, "workers": stats.workers}
    return report


def child_serve(config_file: str, site_dir: str, edit: str, rebuilds: int, strict: bool = True) -> dict:
    """`mkdocs serve`'s builds: one at startup, then after each edit of one page the config is
    reloaded and the site rebuilt in the same process (plugins and hooks kept, as serve does)."""
    from mkdocs.commands.build import build

    url = "http://127.0.0.1:8000/"
    started = time.perf_counter()
    config = _load(config_file, site_dir, strict)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=url)
    first = time.perf_counter() - started
    page = Path(config.docs_dir) / edit
    original = page.read_text(encoding="utf-8")
    times: list[float] = []
    try:
        for i in range(rebuilds):
            page.write_text(original.rstrip("\n") + f"\n\nThis sentence was added by the benchmark, edit {i + 1}.\n",
                            encoding="utf-8")
            started = time.perf_counter()
            config = _load(config_file, site_dir, strict)
            config.site_url = url
            build(config, serve_url=url)
            times.append(time.perf_counter() - started)
    finally:
        page.write_text(original, encoding="utf-8")
        config.plugins.on_shutdown()
    return {"first": first, "rebuilds": times}


def child_main(argv: list[str]) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    count = _Count()
    logging.getLogger("mkdocs").addHandler(count)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    mode, config_file, site_dir, *rest = argv
    os.chdir(os.path.dirname(os.path.abspath(config_file)))
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    try:
        if mode == "serve":
            report = child_serve(config_file, site_dir, rest[0], int(rest[1]),
                                 strict=rest[2:] != ["lenient"])
        else:
            report = child_build(config_file, site_dir, strict=mode == "build")
    except (Abort, ConfigurationError, PluginError) as exc:
        print(json.dumps({"ok": False, "error": str(exc), "messages": count.messages[:40]}))
        return 1
    report.update(ok=True, warnings=len(count.messages), messages=count.messages[:10])
    print(json.dumps(report))
    return 0


# ── The parent: children, alternation, medians ──────────────────────────────────────

class BenchError(RuntimeError):
    """A build that failed: the benchmark stops and shows why."""


def run_child(args: list[str], env: dict[str, str] | None = None) -> Run:
    """Run `tools/bench.py --child ARGS` and measure it: wall time, CPU time of it and of the
    processes it waited for (pandoc, PDF workers), and its peak resident memory (wait4)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=environment, text=True)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        report, errors = _last_json(out.read()), err.read()
    if not report.get("ok"):
        detail = "\n".join(report.get("messages", [])) + "\n" + report.get("error", "") + "\n" + errors[-3000:]
        raise BenchError(f"build failed: {' '.join(args)}\n{detail.strip()}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, report)


def _last_json(out: str) -> dict:
    for line in reversed(out.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    return {"ok": False, "error": "the child printed no report"}


def _clear_cache(root: Path) -> None:
    shutil.rmtree(root / ".cache", ignore_errors=True)


def bench_size(site, runs: int, stock_runs: int, cold_runs: int, work: Path, log) -> dict[str, Series]:  # noqa: ANN001
    """Alternate the variants over one synthetic site; every build must succeed."""
    configs = {"floor": site.floor, "stock": site.stock, "ours-cold": site.ours, "ours": site.ours}
    wanted = {"floor": runs, "stock": stock_runs, "ours-cold": cold_runs, "ours": runs}
    series = {v: Series(v, site.pages) for v in VARIANTS}
    run_child(["build", str(site.floor), str(work / "warm-up")])  # the file cache, not timed
    for round_ in range(max(wanted.values())):
        for variant in VARIANTS:
            if round_ >= wanted[variant]:
                continue
            if variant == "ours-cold":
                _clear_cache(site.root)
            env = {"PDF_HANDOUTS": "0"} if variant.startswith("ours") else {}
            site_dir = work / f"site-{variant}"
            shutil.rmtree(site_dir, ignore_errors=True)  # every build writes into an empty folder
            run = run_child(["build", str(configs[variant]), str(site_dir)], env)
            series[variant].runs.append(run)
            log(f"  {site.pages} pages, {variant:<9} run {round_ + 1}: {run.wall:6.2f} s wall, {run.cpu:6.2f} s CPU, "
                f"{run.rss_mb:5.0f} MB (load {os.getloadavg()[0]:.1f})")
    return series


def real_site_copy(work: Path) -> tuple[Path, Path, str]:
    """A copy of the real site's pages, sharing everything else, to edit without touching docs/;
    and its floor: the same pages without citations, as plain Material (mkdocs-floor.yml)."""
    import bench_site

    root = work / "real"
    shutil.copytree(ROOT / "docs", root / "docs")
    for page in (root / "docs").rglob("*.md"):
        target = root / "docs-floor" / page.relative_to(root / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(bench_site.strip_citations(page.read_text(encoding="utf-8")), encoding="utf-8")
    for other in (root / "docs").iterdir():
        if other.is_dir() and not any(other.rglob("*.md")):
            (root / "docs-floor" / other.name).symlink_to(other)
    floor = root / "mkdocs-floor.yml"
    floor.write_text(bench_site.plain_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                                             "plugins:\n  - search\n\n", "docs-floor"), encoding="utf-8")
    for name in ("hooks", "node_modules"):  # code and installed packages
        (root / name).symlink_to(ROOT / name)
    for name in ("overrides", "includes", "bibliography", "diagrams", "templates"):  # inputs: no links allowed
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    cache = ROOT / ".cache" / "references"
    if cache.is_dir():  # a contributor's clone has built before
        shutil.copytree(cache, root / ".cache" / "references")
    return root / "mkdocs.yml", floor, "conditions/systemic-sclerosis.md"


def bench_rebuild(config: Path, edit: str, rebuilds: int, work: Path, label: str, log,  # noqa: ANN001
                  strict: bool = True) -> dict:
    run = run_child(["serve", str(config), str(work / f"serve-{label}"), edit, str(rebuilds),
                     "strict" if strict else "lenient"])
    times = run.report["rebuilds"]
    log(f"  rebuild, {label}: first build {run.report['first']:.2f} s, "
        f"rebuilds {', '.join(f'{t:.2f}' for t in times)} s")
    return {"label": label, "first": run.report["first"], "rebuilds": times,
            "median": statistics.median(times), "rss_mb": run.rss_mb, "warnings": run.report.get("warnings", 0)}


def bench_pdf(work: Path, log) -> dict:  # noqa: ANN001
    """The real site, built with its PDFs (not strict: time the PDFs even while a page has a warning)."""
    run = run_child(["pdf", str(ROOT / "mkdocs.yml"), str(work / "site-pdf")])
    pdf = run.report.get("pdf") or {}
    wall = sorted(pdf.get("handouts", {}).values())
    cpu = sorted(pdf.get("handouts_cpu", {}).values())
    if not wall:
        raise BenchError("the PDF build rendered no handouts")
    result = {"handouts": len(wall), "median": statistics.median(wall), "median_cpu": statistics.median(cpu),
              "max": wall[-1], "book": pdf["book"], "all": pdf["wall"], "workers": pdf["workers"],
              "build": run.wall, "rss_mb": run.rss_mb, "warnings": run.report.get("warnings", 0),
              "search": run.report.get("search")}
    log(f"  PDF: {len(wall)} handouts, median {result['median']:.2f} s ({result['median_cpu']:.2f} s CPU), "
        f"all PDFs {result['all']:.1f} s, whole build {run.wall:.1f} s, {run.rss_mb:.0f} MB")
    return result


# ── Report ──────────────────────────────────────────────────────────────────────────

def _verdict(value: float, goal: float) -> str:
    return "met" if value <= goal else "**not met**"


def summarise(sizes: dict[int, dict[str, Series]], rebuilds: list[dict], pdf: dict | None, meta: dict) -> dict:
    result: dict = {"meta": meta, "sizes": {}, "rebuilds": rebuilds, "pdf": pdf, "goals": []}
    for n, series in sizes.items():
        entry = {v: {"runs": len(s.runs), "wall_median": s.wall, "wall_min": min(r.wall for r in s.runs),
                     "cpu_median": s.cpu, "peak_rss_mb": s.rss, "walls": [r.wall for r in s.runs]}
                 for v, s in series.items() if s.runs}
        ours, floor, stock, cold = (series[v] for v in ("ours", "floor", "stock", "ours-cold"))
        entry["ratios"] = {
            "ours/floor": ours.wall / floor.wall, "ours/stock": ours.wall / stock.wall if stock.runs else None,
            "ours-cold/floor": cold.wall / floor.wall if cold.runs else None,
            "ours/floor (CPU)": ours.cpu / floor.cpu, "ours/stock (CPU)": ours.cpu / stock.cpu if stock.runs else None,
        }
        result["sizes"][n] = entry
    ns = sorted(sizes)
    for n in ns:
        r = result["sizes"][n]["ratios"]
        result["goals"].append((f"ours/floor at {n} pages", r["ours/floor"], GOALS["ours/floor"]))
        if r["ours/stock"] is not None:
            result["goals"].append((f"ours/stock at {n} pages", r["ours/stock"], GOALS["ours/stock"]))
    if len(ns) > 1:
        small, large = (result["sizes"][n]["ratios"]["ours/floor"] for n in (ns[0], ns[-1]))
        result["goals"].append((f"linear: ours/floor at {ns[-1]} no worse than at {ns[0]} pages", large, small))
    real = next((r for r in rebuilds if r["label"] == "real site"), None)
    if real:
        result["goals"].append(("one-page rebuild of the real site (s)", real["median"], GOALS["rebuild, real site (s)"]))
    if pdf:
        result["goals"].append(("PDF per handout, median (s)", pdf["median"], GOALS["PDF per handout, median (s)"]))
        if pdf.get("search"):
            growth = pdf["search"]["after"] / pdf["search"]["before"] - 1
            result["goals"].append(("search index growth from aliases, real site", growth,
                                    GOALS["search index growth"]))
    if ns:
        peak = max(s.rss for s in sizes[ns[-1]].values() if s.runs)
        result["goals"].append((f"peak memory at {ns[-1]} pages (MB)", peak, GOALS["peak memory at 1,000 pages (MB)"]))
    return result


def markdown(result: dict) -> str:
    meta = result["meta"]
    lines = [f"Measured {meta['date']} on {meta['cpus']} cores (load average {meta['load_before']} before, "
             f"{meta['load_after']} after), commit {meta['commit']}. Medians of alternated runs; "
             "wall = what you wait, CPU = user + system of the build and its pandoc and PDF processes.", "",
             "| Pages | Variant | Runs | Wall, median (s) | CPU, median (s) | Peak memory (MB) |",
             "|---:|---|---:|---:|---:|---:|"]
    names = {"floor": "floor: Material alone", "stock": "stock: + mkdocs-bibtex (AMA)",
             "ours-cold": "ours, cold (no `.cache/`)", "ours": "ours, warm (`.cache/` of an earlier build)"}
    for n, entry in result["sizes"].items():
        for v in VARIANTS:
            if v in entry:
                e = entry[v]
                lines.append(f"| {n} | {names[v]} | {e['runs']} | {e['wall_median']:.2f} | {e['cpu_median']:.2f} "
                             f"| {e['peak_rss_mb']:.0f} |")
    for r in result["rebuilds"]:
        how = "`mkdocs serve`: whole site"
        lines.append(f"| {r['label']} | rebuild after editing one page ({how}) | {len(r['rebuilds'])} "
                     f"| {r['median']:.2f} | | {r['rss_mb']:.0f} |")
    pdf = result["pdf"]
    if pdf:
        lines.append(f"| real site | PDF: per handout ({pdf['handouts']} handouts) | 1 | {pdf['median']:.2f} "
                     f"| {pdf['median_cpu']:.2f} | |")
        lines.append(f"| real site | PDF: all handouts and the whole-site PDF ({pdf['workers']} workers) | 1 "
                     f"| {pdf['all']:.1f} | | {pdf['rss_mb']:.0f} |")
        search = pdf.get("search")
        if search:
            lines.append(f"| real site | search index: aliases and variants (hooks/search_index.py; index "
                         f"{search['before']:,} to {search['after']:,} bytes, "
                         f"{100 * (search['after'] / search['before'] - 1):+.1f} %) | 1 | {search['seconds']:.3f} | | |")
    lines += ["", "| Goal | Measured | Target | |", "|---|---:|---:|---|"]
    for name, value, goal in result["goals"]:
        lines.append(f"| {name} | {value:.2f} | {goal:.2f} | {_verdict(value, goal)} |")
    lines += ["", "Ratios on CPU time: " + "; ".join(
        f"{n} pages: ours/floor {e['ratios']['ours/floor (CPU)']:.2f}"
        + (f", ours/stock {e['ratios']['ours/stock (CPU)']:.2f}" if e['ratios']['ours/stock (CPU)'] else "")
        + (f", ours cold/floor (wall) {e['ratios']['ours-cold/floor']:.2f}" if e['ratios']['ours-cold/floor'] else "")
        for n, e in result["sizes"].items()) + "."]
    return "\n".join(lines) + "\n"


def _git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="pages of each synthetic site")
    parser.add_argument("--runs", type=int, nargs="+", default=[9, 3],
                        help="floor and ours runs, per size (a build of 100 pages takes seconds: more runs, steadier medians)")
    parser.add_argument("--stock-runs", type=int, nargs="+", default=[5, 1],
                        help="stock runs, per size (a stock build of 1,000 pages takes minutes)")
    parser.add_argument("--cold-runs", type=int, nargs="+", default=[3, 2], help="ours runs with a cold cache, per size")
    parser.add_argument("--rebuilds", type=int, default=5, help="one-page rebuilds timed in each serve session")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF timing")
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for latest.json and latest.md")
    return parser.parse_args(argv)


def _per_size(values: list[int], i: int) -> int:
    return values[min(i, len(values) - 1)]


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        return child_main(argv[1:])
    args = parse_args(argv)
    import bench_site

    def log(text: str) -> None:
        print(text, flush=True)

    meta = {"date": dt.datetime.now().isoformat(timespec="minutes"), "cpus": os.cpu_count(),
            "load_before": " ".join(f"{x:.1f}" for x in os.getloadavg()), "commit": _git_commit(),
            "python": platform.python_version(), "command": "make bench " + " ".join(argv).strip()}
    started = time.perf_counter()
    sizes: dict[int, dict[str, Series]] = {}
    rebuilds: list[dict] = []
    pdf = None
    with tempfile.TemporaryDirectory(prefix="calcinosis-bench-") as tmp:
        work = Path(tmp)
        try:
            largest = None
            for i, n in enumerate(args.sizes):
                log(f"{n} pages: generating")
                site = bench_site.generate(work / f"site{n}", n)
                sizes[n] = bench_size(site, _per_size(args.runs, i), _per_size(args.stock_runs, i),
                                      _per_size(args.cold_runs, i), work / f"out{n}", log)
                largest = site
            config, floor, edit = real_site_copy(work)
            # The real site as it stands (not strict: time it even while someone's page has a warning).
            rebuilds.append(bench_rebuild(floor, edit, args.rebuilds, work, "real site, floor", log, strict=False))
            rebuilds.append(bench_rebuild(config, edit, args.rebuilds, work, "real site", log, strict=False))
            if largest is not None:
                rebuilds.append(bench_rebuild(largest.ours, largest.edit_page, max(2, args.rebuilds // 2), work,
                                              f"{largest.pages} pages", log))
            if not args.no_pdf:
                pdf = bench_pdf(work, log)
        except BenchError as exc:
            print(f"make bench: {exc}", file=sys.stderr)
            return 1
    meta["load_after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    meta["seconds"] = round(time.perf_counter() - started)
    result = summarise(sizes, rebuilds, pdf, meta)
    text = markdown(result)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.json").write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    (args.out / "latest.md").write_text(text, encoding="utf-8")
    print()
    print(text)
    print(f"make bench: {meta['seconds']} s; results in {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}/latest.json and latest.md")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
