"""`make doctor`: the state of this machine's set-up on one screen.

Why: when a build or a test fails for a reason that is not the content (a package missing,
pins out of date, a damaged cache), a contributor needs to see every prerequisite at once:
the Python and its `.venv` pins, node, npm and `node_modules`, each Debian package of
`.ci/debian-packages.txt` (read by tools/preflight.py, as `make site` and `make test` do),
Chromium, and whether the caches under `.cache/` are valid, as the build's own cache readers
judge them. It installs nothing (the bibliography check keeps its result in `.cache/` as
every build does); the last line says what to run when something is missing.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
sys.path.insert(0, str(ROOT / "tools"))

import preflight  # noqa: E402

OK, BAD = "ok", "MISSING"


def line(label: str, detail: str, state: str = "") -> str:
    return f"  {label:<21}{detail}" + (f"  [{state}]" if state else "")


def output(argv: list[str]) -> str | None:
    """The first line a program prints about itself, or None when it cannot run."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (done.stdout or done.stderr).strip()
    return text.splitlines()[0] if done.returncode == 0 and text else None


def in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def python_lines(fixes: list[str]) -> list[str]:
    version = ".".join(map(str, sys.version_info[:3]))
    lines = [line("Python", f"{version} ({sys.executable}); 3.11 or newer needed",
                  OK if sys.version_info >= (3, 11) else "TOO OLD")]
    if not in_venv():
        fixes.append("make bootstrap")
        return [*lines, line(".venv", "not created: every make target creates it from requirements.txt", BAD)]
    from importlib import metadata

    pins = [tuple(p.split("==", 1)) for p in
            (ln.split("#")[0].strip() for ln in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines())
            if "==" in p]
    wrong = []
    for name, wanted in pins:
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            have = "none"
        if have != wanted:
            wrong.append(f"{name} {have} (pinned {wanted})")
    if wrong:
        fixes.append("make bootstrap")
    detail = f"{len(pins) - len(wrong)} of {len(pins)} pins of requirements.txt installed" + \
        (f"; differ: {', '.join(wrong[:4])}{' ...' if len(wrong) > 4 else ''}" if wrong else "")
    return [*lines, line(".venv", detail, BAD if wrong else OK)]


def node_lines(fixes: list[str]) -> list[str]:
    node, npm = output(["node", "--version"]), output(["npm", "--version"])
    lines = [line("node, npm", f"node {node or 'not found'}, npm {npm or 'not found'}",
                  OK if node and npm else BAD)]
    try:
        lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
        wanted = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    except (OSError, ValueError, KeyError) as exc:
        return [*lines, line("node_modules", f"package.json or package-lock.json unreadable ({exc})", BAD)]
    found = []
    for name in sorted(wanted):
        try:
            have = json.loads((ROOT / "node_modules" / name / "package.json").read_text(encoding="utf-8"))["version"]
        except (OSError, ValueError, KeyError):
            have = None
        pinned = lock.get(f"node_modules/{name}", {}).get("version")
        found.append((name, have, pinned))
    wrong = [f"{n} {h or 'none'} (pinned {p})" for n, h, p in found if h != p]
    if wrong:
        fixes.append("make bootstrap")
    detail = ", ".join(f"{n} {h}" for n, h, _ in found) if not wrong else f"differ: {', '.join(wrong)}"
    return [*lines, line("node_modules", detail, BAD if wrong else OK)]


def package_lines(missing: list[preflight.Status]) -> list[str]:
    statuses = preflight.status(preflight.read_list(), os.environ)
    versions = {}
    dpkg = preflight.which("dpkg-query", os.environ)
    if dpkg:
        out = subprocess.run([dpkg, "-W", "-f=${Package}\t${Version}\n", *(s.package.name for s in statuses)],
                             capture_output=True, text=True, check=False).stdout
        versions = dict(ln.split("\t", 1) for ln in out.splitlines() if "\t" in ln)
    lines = [f"Debian packages ({preflight.LIST_NAME}){'' if dpkg else ': no dpkg-query, programs only'}"]
    for state in statuses:
        if state.ok:
            shown = f"installed {versions.get(state.package.name, '')}".strip()
        else:
            missing.append(state)
            shown = preflight.describe(state, os.environ)[len(state.package.name) + 2:-1]
        lines.append(line(state.package.name, f"{shown:<32} for {', '.join(sorted(state.package.targets))}",
                          OK if state.ok else BAD))
    return lines


def chromium_line() -> str:
    path = preflight.program_path("CHROMIUM_PATH=/usr/bin/chromium", os.environ)
    version = output([path, "--version"]) if os.access(path, os.X_OK) else None
    return line("Chromium", f"{version} ({path})" if version else f"not found at {path}", OK if version else BAD)


def _snapshot(folder: Path) -> dict[str, int]:
    try:
        return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    except OSError:
        return {}


def cache_lines() -> list[str]:
    """Each cache under .cache/, judged by the reader the build uses for it."""
    if not in_venv():
        return [line(".cache/", "not checked: .venv is not installed")]
    sys.path.insert(0, str(ROOT / "hooks"))
    from core import bibliography, cachefiles, readability, reference_format, settings, site_config, template_cache
    from core.pages import scan_docs

    if site_config.raw_config_problems(str(ROOT / "mkdocs.yml")):
        return [line(".cache/", "not checked: mkdocs.yml is refused (run make check)", BAD)]
    import check
    import csl_style

    cache = ROOT / ".cache"
    project, config = check.load_project(ROOT / "mkdocs.yml")
    lines = ["Caches (.cache/; a missing or bad one is only made again, more slowly)"]

    def judge(label: str, before: dict[str, int], folder: Path, detail: str) -> None:
        state = "valid" if _snapshot(folder) == before and before else "was missing or out of date: made again now"
        lines.append(line(label, f"{state}{detail}"))

    before = _snapshot(cache / "bibliography")
    bib = bibliography.load_for(project)  # its own reader: a cache it does not trust is replaced
    judge("bibliography", before, cache / "bibliography", f" ({len(bib.entries)} entries)")
    chosen, _ = settings.read(config["extra"], {})
    before = _snapshot(cache / "csl")
    csl = csl_style.repaired_copy(csl_style.resolve_style(chosen.csl_style, str(ROOT)), str(cache / "csl"))
    judge("citation style", before, cache / "csl", "")
    key = reference_format.cache_key(bib, csl)
    kept = reference_format.read_cache(str(cache / "references" / f"{key}.json"), bib)
    lines.append(line("references", "valid" if kept is not None else
                      "missing or out of date: the next build formats them with pandoc (about a second)"))
    site, _ = scan_docs(project.docs_dir, project.docs_prefix)
    grades = cachefiles.read_json(str(cache / "readability.json"))
    grades = grades if isinstance(grades, dict) else {}
    patient = [p for p in site.pages.values() if p.kind == readability.PATIENT_KIND]
    current = sum(readability.is_result(grades.get(readability.cache_key(p.path, p.front.body_line, p.front.body)))
                  for p in patient)
    lines.append(line("reading grades", f"valid for {current} of {len(patient)} patient pages"))
    seal = template_cache.machine_key()
    compiled = sorted((cache / "jinja").glob("*.jinja")) if (cache / "jinja").is_dir() else []
    sealed = sum(template_cache.unsealed(str(p), seal) is not None for p in compiled)
    lines.append(line("templates", f"{sealed} of {len(compiled)} compiled templates sealed with this machine's key"
                      + (" (the others are compiled again)" if sealed < len(compiled) else "")))
    return lines


def section(make: Callable[[], list[str]], label: str) -> list[str]:
    """A part of the screen; a failure in it is one line, not a traceback."""
    try:
        return make()
    except Exception as exc:  # noqa: BLE001 - the doctor reports a broken set-up, it must not be one
        return [line(label, f"could not be checked: {type(exc).__name__}: {exc}", BAD)]


def main() -> int:
    fixes: list[str] = []
    missing: list[preflight.Status] = []
    lines = [f"make doctor: the set-up of {ROOT}"]
    lines += section(lambda: python_lines(fixes), "Python")
    lines += section(lambda: node_lines(fixes), "node")
    lines += section(lambda: package_lines(missing), "Debian packages")
    lines += [section(lambda: [chromium_line()], "Chromium")[0]]
    lines += section(cache_lines, ".cache/")
    if missing:
        fixes.insert(0, preflight.install_command(missing, os.geteuid() == 0))
    lines.append("To fix what is missing, run: " + "; then ".join(dict.fromkeys(fixes)) if fixes
                 else "Everything the targets need is here.")
    print("\n".join(lines))
    return 1 if fixes or any(re.search(rf"\[{BAD}\]$", ln) for ln in lines) else 0


if __name__ == "__main__":
    sys.exit(main())
