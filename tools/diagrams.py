"""`make diagrams`: draw every Mermaid diagram as an SVG for the PDFs, with Debian's chromium.

Why: WeasyPrint runs no JavaScript, so the PDFs cannot draw Mermaid themselves, and a
browser in every build would make building slow and fragile. This tool draws each
diagram once with headless chromium and the pinned Mermaid from node_modules, and writes
`diagrams/<page-id>-<n>.svg` stamped with the hash of the diagram source
(hooks/core/diagrams.py). Commit those files; the build checks the stamps and reports a
diagram changed without redrawing. Only missing or out-of-date images are drawn (`--all`
redraws every one); images of diagrams that no longer exist are deleted.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tools"))

from check import load_project  # noqa: E402
from core import diagrams  # noqa: E402
from core.codes import tag  # noqa: E402
from core.pages import scan_docs  # noqa: E402
from core.problems import Problem  # noqa: E402

MERMAID = Path(diagrams.mermaid_source(str(ROOT)))
# Print look: greyscale theme, the PDFs' font (so labels are measured as they will print),
# labels as SVG text (HTML labels use <foreignObject>, which WeasyPrint cannot draw), and
# a compact layout with narrower labels, so a large flowchart fits a page at a legible size.
CONFIG = {
    "startOnLoad": False,
    "securityLevel": "strict",
    "theme": "neutral",
    "fontFamily": "DejaVu Sans",
    "htmlLabels": False,
    "flowchart": {"htmlLabels": False, "nodeSpacing": 25, "rankSpacing": 30, "padding": 8, "wrappingWidth": 150},
    "deterministicIds": True,
}

PAGE = """<!doctype html><html><head><meta charset="utf-8"><script src="{mermaid}"></script></head><body>
<script>
const jobs = {jobs};
mermaid.initialize({config});
(async () => {{
  const out = {{}};
  for (const [id, source] of jobs) {{
    try {{ out[id] = {{svg: (await mermaid.render(id, source)).svg}}; }}
    catch (e) {{ out[id] = {{error: String(e && e.message || e)}}; }}
  }}
  const pre = document.createElement("pre");
  pre.id = "result";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
}})();
</script></body></html>
"""


def chromium() -> str:
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate) or candidate
    raise SystemExit(tag("make diagrams: chromium is not installed. Fix: apt-get install chromium "
                         "(Debian's package; no browser is downloaded).", "setup.chromium-missing"))


def draw(sources: dict[str, str], browser: str | None = None) -> dict[str, dict[str, str]]:
    """Draw Mermaid sources (keyed by a DOM id) in one headless chromium run."""
    if not MERMAID.is_file():
        raise SystemExit(tag("make diagrams: node_modules/mermaid is missing. Fix: run 'make bootstrap'.",
                             "setup.node-modules-missing"))
    with tempfile.TemporaryDirectory(prefix="diagrams-") as tmp:
        page = Path(tmp) / "draw.html"
        page.write_text(PAGE.format(mermaid=MERMAID.as_uri(), jobs=json.dumps(list(sources.items())),
                                    config=json.dumps(CONFIG)), encoding="utf-8")
        run = subprocess.run(
            [browser or chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
             f"--user-data-dir={tmp}/profile", "--virtual-time-budget=60000", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=300, check=False,
        )
    match = re.search(r'<pre id="result">(.*?)</pre>', run.stdout, re.S)
    if not match:
        raise SystemExit(f"make diagrams: chromium drew nothing (exit {run.returncode}). {run.stderr.strip()[-500:]}")
    return json.loads(html.unescape(match[1]))


def sized(svg: str) -> str:
    """Give the SVG its drawn size (Mermaid writes width="100%"), so print scales it right."""
    box = re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"', svg)
    if not box:
        return svg
    width, height = (f"{float(v):.2f}" for v in box.groups())
    head, rest = svg.split(">", 1)
    head = re.sub(r'\swidth="[^"]*"', "", head)
    head = re.sub(r'\sstyle="max-width:[^"]*"', "", head)
    return f'{head} width="{width}" height="{height}">{rest}'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="redraw every diagram, not only changed ones")
    parser.add_argument("config", nargs="?", default=str(ROOT / "mkdocs.yml"), help="the site's mkdocs.yml")
    args = parser.parse_args(argv)
    project, _config = load_project(Path(args.config))
    site, _ = scan_docs(project.docs_dir, project.docs_prefix)
    out_dir = Path(project.root) / diagrams.DIAGRAMS_DIR
    wanted: dict[str, tuple[str, diagrams.Block, str]] = {}  # DOM id -> (page path, block, file)
    keep: set[str] = set()
    for page in sorted(site.pages.values(), key=lambda p: p.path):
        for block in diagrams.mermaid_blocks(page.text):
            path = diagrams.svg_path(project.root, page.id, block.number)
            keep.add(os.path.basename(path))
            if args.all or diagrams.recorded_hash(path) != diagrams.source_hash(block.source):
                wanted[f"d-{page.id}-{block.number}"] = (page.path, block, path)
    problems: list[Problem] = []
    if wanted:
        drawn = draw({key: diagrams.normalize(block.source) for key, (_, block, _) in wanted.items()})
        out_dir.mkdir(exist_ok=True)
        for key, (source_path, block, path) in wanted.items():
            result = drawn.get(key, {"error": "not drawn"})
            if "svg" not in result:
                problems.append(Problem(source_path, block.line, f"diagram {block.number} is not valid Mermaid: "
                                        f"{result['error'].splitlines()[0]}", "fix the diagram source",
                                        code="diagrams.invalid"))
                continue
            svg = diagrams.stamp(sized(result["svg"]), diagrams.source_hash(block.source), source_path)
            Path(path).write_text(svg, encoding="utf-8")
            print(f"drew {project.rel(path)} ({source_path}:{block.line})")
    for stale in sorted(out_dir.glob("*.svg")) if out_dir.is_dir() else []:
        if stale.name not in keep:
            stale.unlink()
            print(f"deleted {project.rel(str(stale))} (its diagram no longer exists)")
    for problem in problems:
        print(f"WARNING -  {problem}")
    print(f"make diagrams: {len(wanted) - len(problems)} drawn, {len(keep)} in use"
          + (f", {len(problems)} problem(s)" if problems else ""))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
