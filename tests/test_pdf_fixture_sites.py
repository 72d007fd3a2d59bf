"""PDF handouts of small fixture sites: offline refusal, diagrams, print markup, paper, serve."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from pypdf import PdfReader

from core import diagrams
from sitebuild import ROOT, BuildResult, build, make_site, pdf_handouts

FRONT = "---\ntitle: {t}\ndescription: A test page.\nkind: about\nreviewed: 2026-01-01\n---\n\n"

DIAGRAM = "flowchart TD\n  A[Suspected] --> B[Confirmed]"
RICH = FRONT.format(t="Rich page") + f"""# Rich page

!!! abstract "In short"
    The summary.

## Details {{ #details }}

??? note "Collapsed block"
    Text inside the collapsed block.

## Diagram {{ #diagram }}

!!! tip "Pathway"
    ```mermaid
    {DIAGRAM.replace(chr(10), chr(10) + "    ")}
    ```

| Column one | Column two |
|---|---|
| cell a | cell b |

Cited here [@traineau2020treatment]. See [the other page](other.md#section).
"""
OTHER = FRONT.format(t="Other page") + "# Other page\n\n## Section { #section }\n\nText.\n"
NAV = "  - index.md\n  - other.md\n"
BIB = {"refs.bib": (ROOT / "bibliography" / "general.bib").read_text(encoding="utf-8").split("\n}\n")[0] + "\n}\n"}


def site(tmp: Path, docs: dict[str, str], nav: str | None = None) -> Path:
    """A fixture site with one reference (the one RICH cites), so no entry is left uncited."""
    return make_site(tmp, docs, bib=BIB if any("[@" in text for text in docs.values()) else {}, nav=nav)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def stamped_svg(source: str, marker: str = "PRINTED-DIAGRAM") -> str:
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" viewBox="0 0 200 60">'
           f'<rect x="1" y="1" width="198" height="58" fill="#eee" stroke="#333"/>'
           f'<text x="10" y="35" font-family="DejaVu Sans" font-size="14">{marker}</text></svg>')
    return diagrams.stamp(svg, diagrams.source_hash(source), "docs/index.md")


def rich_site(tmp: Path, diagram_svg: str | None = None) -> Path:
    config = site(tmp, {"index.md": RICH, "other.md": OTHER}, nav=NAV)
    if diagram_svg is not None:
        (tmp / "diagrams").mkdir(exist_ok=True)
        (tmp / "diagrams" / "home-1.svg").write_text(diagram_svg, encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    tmp = tmp_path_factory.mktemp("rich")
    result = build(rich_site(tmp, stamped_svg(DIAGRAM)), tmp / "site", pdfs=True)
    assert result.ok, result.output
    return result


def test_every_page_and_the_whole_site_get_a_pdf(rich: BuildResult) -> None:
    assert sorted(p.name for p in (rich.site_dir / "pdf").iterdir()) == [
        "calcinosis-reference.pdf", "home.pdf", "other.pdf"]


def test_print_markup_shows_the_open_details_the_table_and_the_diagram(rich: BuildResult) -> None:
    text = flat(pdf_text(rich.site_dir / "pdf" / "home.pdf"))
    for expected in ("Rich page", "In short", "The summary.", "Collapsed block", "Text inside the collapsed block.",
                     "PRINTED-DIAGRAM", "Column one", "cell b", "References", "10.1016/j.jaad.2019.07.006",
                     "Last reviewed: 1 January 2026", "https://calcinosis-reference.github.io/calcinosis-reference/",
                     "Medical disclaimer.", "Page 1 of"):
        assert expected in text.replace("/ j.", "/j."), expected
    for unwanted in ("¶", "↩", "flowchart TD"):
        assert unwanted not in text


def test_a_handout_links_to_the_web_and_has_a_qr_code(rich: BuildResult) -> None:
    reader = PdfReader(rich.site_dir / "pdf" / "home.pdf")
    uris = {a.get_object()["/A"].get("/URI") for p in reader.pages for a in p.get("/Annots", [])
            if a.get_object().get("/A")}
    assert "https://calcinosis-reference.github.io/calcinosis-reference/other/#section" in uris
    assert "https://doi.org/10.1016/j.jaad.2019.07.006" in uris
    html = (rich.site_dir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="pdf/home\.pdf" class="md-content__button md-button pdf-download" download>\s*'
                     r'<span class="md-icon" aria-hidden="true"><svg[^>]*>.*?</svg></span>\s*<span>Download PDF</span>\s*</a>',
                     html, re.S)


def test_whole_site_pdf_links_between_its_own_pages(rich: BuildResult) -> None:
    reader = PdfReader(rich.site_dir / "pdf" / "calcinosis-reference.pdf")
    uris = [a.get_object()["/A"].get("/URI") for p in reader.pages for a in p.get("/Annots", [])
            if a.get_object().get("/A")]
    assert not any(str(u).endswith("/other/#section") for u in uris)  # an internal link instead
    assert [o.title for o in reader.outline if not isinstance(o, list)] == ["Contents", "Rich page", "Other page"]


def test_a_page_with_an_external_image_fails_once_before_any_pdf_is_made(tmp_path: Path) -> None:
    """The content policy refuses a remote image in the source, so the PDF renderer's own
    offline fetcher (tests/test_pdf_core.py) never meets it: one mistake, one message,
    and the image's address reaches neither a page nor a PDF."""
    body = "# Home\n\nText.\n\n![A scan](https://example.org/scan.png)\n"
    config = site(tmp_path, {"index.md": FRONT.format(t="Home") + body})
    result = build(config, tmp_path / "site", pdfs=True)
    assert not result.ok
    assert [w for w in result.warnings() if w.startswith("docs/")] == [
        "docs/index.md:12: image 'https://example.org/scan.png' is loaded from another site. Fix: save the image "
        "under docs/assets/images/ (with permission to reuse it) and link it by its relative path: no page may "
        "load anything from another host, which would tell that host who reads the page [policy.remote-image]"], result.output
    assert "Traceback" not in result.output
    assert not [p for p in (tmp_path / "site").rglob("*") if p.is_file() and b"example.org/scan.png" in p.read_bytes()]


def test_an_external_resource_in_inline_css_is_refused_too(tmp_path: Path) -> None:
    body = '# Home\n\n<div style="background: url(https://example.org/bg.png)" markdown>Text.</div>\n'
    config = site(tmp_path, {"index.md": FRONT.format(t="Home") + body})
    result = build(config, tmp_path / "site", pdfs=True)
    assert not result.ok
    assert [w for w in result.warnings() if w.startswith("docs/")] == [
        "docs/index.md:10: a 'style' attribute in <div> is not allowed: it can hide or restyle parts of the site. "
        "Fix: remove it; styles belong in docs/assets/stylesheets/site.css, applied by a class [policy.style-attribute]"], result.output
    assert not [p for p in (tmp_path / "site").rglob("*") if p.is_file() and b"example.org/bg.png" in p.read_bytes()]


def test_a_changed_diagram_without_a_new_print_image_fails(tmp_path: Path) -> None:
    config = rich_site(tmp_path, stamped_svg("flowchart TD\n  Old --> Diagram"))
    result = build(config, tmp_path / "site", pdfs=True)
    assert not result.ok
    line = RICH.split("\n").index("    ```mermaid") + 1
    assert (f"docs/index.md:{line}: diagram 1 on this page changed after its print image diagrams/home-1.svg was drawn. "
            f"Fix: {diagrams.FIX} [diagrams.stale-image]") in result.warnings(), result.output


def test_two_builds_give_identical_pdf_bytes(rich: BuildResult, tmp_path: Path) -> None:
    config = rich_site(tmp_path, stamped_svg(DIAGRAM))
    again = build(config, tmp_path / "site", pdfs=True)
    assert again.ok, again.output

    def digests(site: Path) -> dict[str, str]:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((site / "pdf").iterdir())}

    assert digests(again.site_dir) == digests(rich.site_dir)


def test_letter_paper_on_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PDF_PAPER", "letter")
    config = site(tmp_path, {"index.md": FRONT.format(t="Home") + "# Home\n\nText.\n"})
    result = build(config, tmp_path / "site", pdfs=True)
    assert result.ok, result.output
    for pdf in ("home.pdf", "calcinosis-reference.pdf"):
        box = PdfReader(tmp_path / "site" / "pdf" / pdf).pages[0].mediabox
        assert [round(float(x)) for x in box[2:]] == [612, 792]


def test_an_unknown_paper_size_is_a_configuration_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PDF_PAPER", "legal")
    config = site(tmp_path, {"index.md": FRONT.format(t="Home") + "# Home\n\nText.\n"})
    result = build(config, tmp_path / "site", pdfs=True)
    assert not result.ok
    assert ("ERROR: PDF_PAPER='legal' is not a paper size the PDFs support. "
            "Fix: use one of a4, letter (e.g. 'make site PAPER=letter'). [pdf.paper]") in result.messages


def test_serve_renders_no_pdfs(tmp_path: Path) -> None:
    config_file = site(tmp_path, {"index.md": FRONT.format(t="Home") + "# Home\n\nText.\n"})
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        with pdf_handouts(True):  # on, so that only the serve command keeps them out
            config = load_config(config_file=str(config_file), site_dir=str(tmp_path / "site"))
            config.plugins.on_startup(command="serve", dirty=False)
            try:
                mkdocs_build.build(config)
            finally:
                config.plugins.on_shutdown()
    finally:
        os.chdir(cwd)
    assert (tmp_path / "site" / "index.html").is_file()
    assert not (tmp_path / "site" / "pdf").exists()
