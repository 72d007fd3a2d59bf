"""The whole real site builds strictly, renders every nav page and stays on its own host."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from mkdocs.config import load_config

from core.project import flatten_nav
from sitebuild import ROOT, BuildResult

_spec = importlib.util.spec_from_file_location("source_files_hook", ROOT / "hooks" / "source_files.py")
assert _spec and _spec.loader
source_files_hook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(source_files_hook)


def html_for(site_dir: Path, src: str) -> Path:
    stem = src[: -len(".md")]
    if stem == "index":
        return site_dir / "index.html"
    if stem.endswith("/index"):
        return site_dir / stem[: -len("index")] / "index.html"
    return site_dir / stem / "index.html"


class _Refs(HTMLParser):
    """Collects every URL an HTML page loads or links to (src, href, srcset)."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        rel = dict(attrs).get("rel") or ""
        # A canonical or alternate <link> names the page's address; the browser loads nothing.
        is_load = tag != "link" or rel not in ("canonical", "alternate")
        for name, value in attrs:
            if not value:
                continue
            if name in ("src", "srcset") or (tag == "link" and name == "href" and is_load):
                self.loads.append(value.split()[0])
            elif tag == "a" and name == "href":
                self.links.append(value)


def test_every_nav_page_is_rendered(real_site: BuildResult) -> None:
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    pages = flatten_nav(config.nav)
    assert pages, "the nav names no pages"
    for src in pages:
        html = html_for(real_site.site_dir, src)
        assert html.is_file(), f"{src} was not rendered to {html}"
        text = html.read_text(encoding="utf-8")
        assert '<article class="md-content__inner md-typeset">' in text


def test_no_unrendered_citation_is_left(real_site: BuildResult) -> None:
    for html in real_site.site_dir.rglob("*.html"):
        assert "[@" not in html.read_text(encoding="utf-8"), f"raw citation left in {html}"


def test_first_citation_renders_as_a_footnote_with_doi(real_site: BuildResult) -> None:
    html = (real_site.site_dir / "about/editorial-policy/index.html").read_text(encoding="utf-8")
    assert 'class="footnote-ref"' in html
    assert "Treatment of calcinosis cutis in systemic sclerosis and dermatomyositis" in html
    assert 'href="https://doi.org/10.1016/j.jaad.2019.07.006"' in html


def test_pages_load_nothing_from_other_hosts(real_site: BuildResult) -> None:
    outside: list[str] = []
    for html in real_site.site_dir.rglob("*.html"):
        parser = _Refs()
        parser.feed(html.read_text(encoding="utf-8"))
        outside += [f"{html}: {url}" for url in parser.loads if urlsplit(url).netloc or url.startswith("//")]
    for css in real_site.site_dir.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if urlsplit(url).netloc or url.startswith("//"):
                outside.append(f"{css}: {url}")
    assert outside == []


def test_mermaid_is_served_by_the_site(real_site: BuildResult) -> None:
    assert (real_site.site_dir / "assets/javascripts/mermaid.min.js").stat().st_size > 100_000


def test_search_index_covers_the_pages(real_site: BuildResult) -> None:
    index = (real_site.site_dir / "search/search_index.json").read_text(encoding="utf-8")
    assert "Editorial policy" in index
    assert "modified Oxford Centre for Evidence-Based Medicine levels" in index


@pytest.mark.parametrize("command", [["build", "--dirty", "--site-dir"], ["serve", "--dirty", "--dev-addr",
                                                                           "127.0.0.1:1", "--config-file"]])
def test_a_dirty_build_is_refused_with_the_fix(tmp_path: Path, command: list[str]) -> None:
    last = str(tmp_path / "site") if command[-1] == "--site-dir" else str(ROOT / "mkdocs.yml")
    result = subprocess.run([sys.executable, "-m", "mkdocs", *command, last],
                            cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == f"Error: {source_files_hook.DIRTY} [build.dirty]"
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def _front_matter(path: Path) -> dict:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8").split("\n---", 1)[0].removeprefix("---"))


def test_treatment_overview_holds_the_evidence_map_with_one_mark_per_therapy(real_site: BuildResult) -> None:
    therapies = [(t["name"], str(t["evidence"]), t["direction"]) for page in sorted((ROOT / "docs" / "treatment").glob("*.md"))
                 for t in _front_matter(page).get("therapies") or []]
    page = html_for(real_site.site_dir, "treatment/treatment-overview.md").read_text(encoding="utf-8")
    figure = page[page.index('<figure class="generated-figure evidence-map">'):]
    figure = figure[:figure.index("</figure>")]
    rows = re.findall(r'<g class="ev-row" data-therapy="([^"]*)" data-evidence="([^"]*)" data-direction="([^"]*)"',
                      figure)
    assert sorted(rows) == sorted(therapies) and len(rows) > 20
    assert len(re.findall(r'class="ev-mark ev-', figure)) == len(rows) + 3  # one a row, three in the legend
    assert figure.count("<li>") == len(rows)  # the text alternative
    assert page.index("evidence-map") < page.index('<div class="generated-table evidence-table">')


def test_type_and_condition_pages_with_sites_show_their_body_map(real_site: BuildResult) -> None:
    pages = [p for folder in ("types", "conditions") for p in sorted((ROOT / "docs" / folder).glob("*.md"))]
    shown = 0
    for path in pages:
        sites = _front_matter(path).get("sites") or []
        page = html_for(real_site.site_dir, str(path.relative_to(ROOT / "docs"))).read_text(encoding="utf-8")
        if not sites:
            assert 'class="body-map"' not in page, path.name
            continue
        shown += 1
        regions = list(dict.fromkeys(site["region"] for site in sites))
        labelled = re.findall(r'<g class="body-label" data-region="([a-z-]+)">', page)
        assert sorted(labelled) == sorted(regions), path.name
        figure = page[page.index('<figure class="generated-figure body-map"'):page.index("</figure>")]
        assert len(re.findall(r'<li><strong>.*?<sup id="fnref', figure)) == len(regions), path.name  # cited
        assert page.index('id="body-map"') < page.index('id="investigations"'), path.name
    assert shown >= 8
    guide = html_for(real_site.site_dir, "patients/what-is-calcinosis.md").read_text(encoding="utf-8")
    assert re.findall(r'<figure class="generated-figure where-body-map" id="where-([a-z-]+)"', guide) == [
        "dystrophic-calcinosis", "idiopathic-calcinosis", "iatrogenic-calcinosis", "calciphylaxis"]
