"""`make bench-pdf`: build the site into a temporary folder and report the PDF timings.

Why: the handouts must stay fast (goal: under 1 s per handout, median, on a 2-core
machine). The build's own log line gives the totals; this prints the distribution, in
wall-clock seconds (what a contributor waits) and CPU seconds (the same on a busy
machine), and the machine's load, which inflates the wall-clock figures.
"""

from __future__ import annotations

import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from core import state  # noqa: E402


def main() -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as site_dir:
        # Not strict: time the PDFs even while some page has a warning.
        config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=site_dir, strict=False)
        config.plugins.on_startup(command="build", dirty=False)
        started = time.perf_counter()
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        total = time.perf_counter() - started
    latest = state.last_build()
    stats = latest.pdf_stats if latest is not None else None
    if stats is None or not stats.handouts:
        print("bench-pdf: no PDFs were rendered")
        return 1
    wall, cpu = sorted(stats.handouts.values()), sorted(stats.handouts_cpu.values())
    slowest = max(stats.handouts, key=lambda name: stats.handouts[name])
    print(f"handouts:          {len(wall)} on {stats.workers} worker processes ({os.cpu_count()} cores)")
    print(f"per handout, wall: median {statistics.median(wall):.2f} s, min {wall[0]:.2f} s, max {wall[-1]:.2f} s ({slowest})")
    print(f"per handout, CPU:  median {statistics.median(cpu):.2f} s, min {cpu[0]:.2f} s, max {cpu[-1]:.2f} s")
    print(f"whole-site PDF:    {stats.book:.1f} s")
    print(f"all PDFs:          {stats.wall:.1f} s wall (whole build {total:.1f} s)")
    print(f"load average:      {' '.join(f'{x:.1f}' for x in os.getloadavg())} (above {os.cpu_count()} inflates wall times)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
