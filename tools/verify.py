"""`make verify`: check the built `site/` as it is, without MkDocs (hooks/core/verify.py).

Usage: `python tools/verify.py [--site-dir site] [--config mkdocs.yml]`. Reads `docs_dir`
and `site_url` from mkdocs.yml without running anything in it (the YAML is only composed,
so no tag is constructed), the pages' front matter from `docs/`, and every HTML, SVG and
CSS file under the site folder. Prints one line per problem, then a count; exit status 1
when anything is wrong, 2 when the command line is wrong.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from core.diagrams import MERMAID_DEST, mermaid_source  # noqa: E402
from core.verify import KnownScripts, expected_pages, known_scripts, verify_site  # noqa: E402


def config_values(config_file: Path, section: str | None = None) -> dict[str, str]:
    """The plain-text settings at the top level of mkdocs.yml, or in one of its sections
    (`theme`); {} when it cannot be read."""
    try:
        with open(config_file, encoding="utf-8") as fh:
            node = yaml.compose(fh, Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if section is not None and isinstance(node, yaml.MappingNode):
        node = next((value for key, value in node.value if isinstance(key, yaml.ScalarNode) and key.value == section),
                    None)
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: value.value for key, value in node.value
            if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode)}


def project_scripts(config_file: Path) -> KnownScripts:
    """The scripts of the installed Material (its templates and its script files, found
    without importing it), of the theme's custom_dir (overrides/) and the pinned Mermaid
    the hooks copy."""
    spec = importlib.util.find_spec("material")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    templates = Path(folders[0]) / "templates" if folders else Path("/nonexistent")
    custom = config_file.parent / (config_values(config_file, "theme").get("custom_dir") or "overrides")
    files = {p.relative_to(templates).as_posix(): p for p in (templates / "assets").rglob("*.js")}
    files[MERMAID_DEST] = Path(mermaid_source(str(config_file.parent)))
    return known_scripts([templates, custom], files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make verify", description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", default="site", help="the built site to check (default: site)")
    parser.add_argument("--config", default=str(ROOT / "mkdocs.yml"), help="mkdocs.yml (for docs_dir and site_url)")
    args = parser.parse_args(argv)
    config_file = Path(args.config)
    settings = config_values(config_file)
    docs_name = settings.get("docs_dir") or "docs"
    docs_dir = config_file.parent / docs_name
    site_dir = Path(args.site_dir)
    shown = args.site_dir.rstrip("/") or "/"
    report = verify_site(site_dir, shown, expected_pages(str(docs_dir), docs_name.rstrip("/")),
                         settings.get("site_url") or None, project_scripts(config_file))
    # A file name that is not UTF-8 is shown with backslash escapes, never a traceback.
    sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    for problem in report.problems:
        print(problem)
    read = f"{report.pages} page(s) and {report.stylesheets} stylesheet(s) read"
    if report.problems:
        print(f"make verify: {len(report.problems)} problem(s) in {shown}/ ({read})")
        return 1
    print(f"make verify: no problems found in {shown}/ ({read})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
