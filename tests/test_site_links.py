"""Every internal link and fragment of the built site resolves.

MkDocs (strict) and hooks/core/crossrefs.py check the links written in Markdown. The
built HTML also holds links no Markdown shows: the theme's navigation, the generated
Related pages, tables and reference lists, footnote numbers and back links, the
"Download PDF" buttons. Here LinkChecker (pinned in requirements.txt) crawls the built
site served on 127.0.0.1, following every internal link to pages, assets and PDFs.
External links are left to the scheduled workflow (.github/workflows/links.yml): no
network here, and a dead external site must not fail a pull request.

Fragments are checked by an index of every id in the built pages, not by LinkChecker's
AnchorCheck plugin: that plugin downloads and parses a page again for every distinct
fragment (about 4,000 here, so more than ten minutes), where the index takes a second.
"""

from __future__ import annotations

import posixpath
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sitebuild import ROOT, BuildResult

sys.path.insert(0, str(ROOT / "tools"))
from localbrowser import serve, site_prefix  # noqa: E402

LINKCHECKER = Path(sys.executable).with_name("linkchecker")
LINKCHECKER_CONFIG = ROOT / "tests" / "linkcheckerrc"


def linkchecker(site_dir: Path, prefix: str = "/") -> tuple[int, str]:
    """LinkChecker's exit status and report for the site in `site_dir`, served at `prefix`."""
    with serve(site_dir, prefix) as base:
        run = subprocess.run(
            [str(LINKCHECKER), "--config", str(LINKCHECKER_CONFIG), "--no-status", "--no-warnings", "--threads", "4",
             "--no-robots", base],
            capture_output=True, text=True, timeout=600, check=False)
    return run.returncode, run.stdout[run.stdout.find("Start checking"):] + run.stderr[-2000:]


def test_linkchecker_finds_no_broken_internal_link(real_site: BuildResult) -> None:
    status, report = linkchecker(real_site.site_dir, site_prefix(ROOT / "mkdocs.yml"))
    assert status == 0 and "0 errors found" in report, f"LinkChecker found broken links:\n{report}"


def test_linkchecker_reports_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<a href="here.html">ok</a> <a href="gone/">broken</a>')
    (tmp_path / "here.html").write_text("<p>Here.</p>")
    status, report = linkchecker(tmp_path)
    assert status == 1 and "gone/" in report and "1 error found" in report, report


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(values[key] or "")
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")


def broken_fragments(site_dir: Path) -> list[str]:
    """`page -> href` for every internal link whose fragment names no id of its target."""
    pages: dict[str, _Page] = {}
    for html in site_dir.rglob("*.html"):
        parser = _Page()
        parser.feed(html.read_text(encoding="utf-8"))
        pages[html.relative_to(site_dir).as_posix()] = parser
    broken = []
    for source, parser in sorted(pages.items()):
        for href in parser.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.fragment:
                continue
            if parts.path:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(parts.path)))
                if href.split("#")[0].endswith("/") or not posixpath.splitext(target)[1]:
                    target = posixpath.join(target, "index.html")
            else:
                target = source
            ids = pages[target].ids if target in pages else None
            if ids is not None and unquote(parts.fragment) not in ids:
                broken.append(f"{source} -> {href}")
    return broken


def test_every_fragment_names_an_id_of_its_page(real_site: BuildResult) -> None:
    assert broken_fragments(real_site.site_dir) == []


def test_the_fragment_check_finds_a_broken_fragment(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<h2 id="one">One</h2><a href="#one">ok</a><a href="#two">bad</a>'
        '<a href="a/#x">ok</a><a href="a/#y">bad</a><a href="https://example.org/#z">external</a>')
    (tmp_path / "a" / "index.html").write_text('<p id="x">X</p><a href="../#one">ok</a><a href="../index.html#no">bad</a>')
    assert broken_fragments(tmp_path) == ["a/index.html -> ../index.html#no", "index.html -> #two", "index.html -> a/#y"]
