"""Build a site inside pytest the way the `mkdocs build` command does, capturing its log.

Used by the whole-site test and by every fixture-site test: the real `mkdocs.yml`,
hooks, overrides and snippets, with the test's own pages and bibliography.

Builds are HTML only unless a test asks for PDFs (`build(..., pdfs=True)`): rendering the
handouts is most of a small site's build time, and only the tests about PDFs look at them
(tests/conftest.py sets `PDF_HANDOUTS=0` for the whole session; CONTRIBUTING, "Tests").
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs import exceptions
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class BuildResult:
    ok: bool
    site_dir: Path
    messages: list[str] = field(default_factory=list)  # "LEVEL: message", WARNING and up
    error: str = ""

    @property
    def output(self) -> str:
        return "\n".join([*self.messages, self.error])

    def warnings(self) -> list[str]:
        return [m.split(": ", 1)[1] for m in self.messages if m.startswith("WARNING: ")]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


@contextmanager
def pdf_handouts(on: bool) -> Iterator[None]:
    """PDF rendering on or off (`PDF_HANDOUTS`, hooks/pdf_handouts.py) for what runs inside."""
    before = os.environ.get("PDF_HANDOUTS")
    os.environ["PDF_HANDOUTS"] = "1" if on else "0"
    try:
        yield
    finally:
        if before is None:
            del os.environ["PDF_HANDOUTS"]
        else:
            os.environ["PDF_HANDOUTS"] = before


def build(config_file: Path, site_dir: Path, *, pdfs: bool = False, **overrides: object) -> BuildResult:
    """Run startup, a strict build and shutdown; never raises for a failed build. HTML only
    unless `pdfs` is true."""
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    cwd = os.getcwd()
    os.chdir(config_file.parent)
    try:
        try:
            with pdf_handouts(pdfs):
                config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True, **overrides)
                config.plugins.on_startup(command="build", dirty=False)
                try:
                    mkdocs_build.build(config)
                finally:
                    config.plugins.on_shutdown()
        except (exceptions.Abort, exceptions.ConfigurationError, exceptions.PluginError) as exc:
            return BuildResult(False, site_dir, collect.messages, str(exc))
        return BuildResult(True, site_dir, collect.messages)
    finally:
        os.chdir(cwd)
        logger.removeHandler(collect)


def top_level_block(*keys: str) -> re.Pattern[str]:
    """The block of mkdocs.yml that sets one of `keys` at the top level: its line and every
    indented line after it, up to the next line that starts at the margin."""
    return re.compile(rf"(?ms)^(?:{'|'.join(map(re.escape, keys))}):.*?(?=^\S|\Z)")


def config_without_nav() -> str:
    """The real mkdocs.yml minus its `nav:` block, for sites with their own pages, and minus
    its `watch:` block (folders `mkdocs serve` watches, which a fixture site need not have)."""
    return top_level_block("nav", "watch").sub("", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def with_config(text: str, settings: str) -> str:
    """mkdocs.yml `text` with `settings` (YAML text) added at its end, each top-level key
    they set taking the place of the block above that set it: its lines are left blank, so
    every other line keeps its number (mkdocs.yml may set a key only once)."""
    for key in re.findall(r"(?m)^([A-Za-z_][\w-]*):", settings):
        text = top_level_block(key).sub(lambda m: "\n" * m.group().count("\n"), text)
    return text + settings


def make_site(
    tmp: Path,
    docs: dict[str, str | bytes],
    bib: dict[str, str] | None = None,
    nav: str | None = None,
) -> Path:
    """Write a fixture site that shares the project's hooks, theme overrides and snippets.

    `docs` maps paths under docs/ to their content; `bib` maps file names under
    bibliography/ to BibTeX (the project's own bibliography when None); `nav` is
    optional YAML appended as the `nav:` block. Returns the fixture's mkdocs.yml.
    """
    tmp.mkdir(parents=True, exist_ok=True)
    for name in ("hooks", "node_modules"):  # code and installed packages, not inputs
        link = tmp / name
        if not link.exists():
            link.symlink_to(ROOT / name)
    # Input folders are copied: the build refuses symbolic links in them (core/published_files.py).
    for name in ("overrides", "includes"):
        if not (tmp / name).exists():
            shutil.copytree(ROOT / name, tmp / name)
    for rel, content in docs.items():
        target = tmp / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    if not (tmp / "docs" / "assets").exists():
        shutil.copytree(ROOT / "docs" / "assets", tmp / "docs" / "assets")
    bib_dir = tmp / "bibliography"
    if bib is None:
        if not bib_dir.exists():
            shutil.copytree(ROOT / "bibliography", bib_dir)
    else:
        bib_dir.mkdir(exist_ok=True)
        for name, text in bib.items():
            (bib_dir / name).write_text(text, encoding="utf-8")
    config = tmp / "mkdocs.yml"
    config.write_text(config_without_nav() + (f"\nnav:\n{nav}" if nav else ""), encoding="utf-8")
    return config
