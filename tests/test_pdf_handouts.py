"""The real site's PDFs: a handout per page with its title, sections and DOIs; the whole site
in nav order with a table of contents and no near-blank page; embedded fonts; a first page
that is not blank; patient handouts with urgent care near the top and a space for the clinic."""

from __future__ import annotations

import html as htmlmod
import re
import subprocess
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

from mkdocs.config import load_config
from PIL import Image

from core.frontmatter import parse_front_matter
from core.pages import page_id
from core.project import flatten_nav
from programs import require
from sitebuild import ROOT, BuildResult

BOOK = "calcinosis-reference.pdf"


def nav() -> list[str]:
    return flatten_nav(load_config(config_file=str(ROOT / "mkdocs.yml")).nav or [])


def all_pages() -> list[str]:
    docs = ROOT / "docs"
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))


def title_of(src: str) -> str:
    front, _ = parse_front_matter((ROOT / "docs" / src).read_text(encoding="utf-8"), src)
    return str(front.meta["title"])


def html_of(site: Path, src: str) -> str:
    stem = src[: -len(".md")]
    path = site / "index.html" if stem == "index" else site / (stem[: -len("index")] if stem.endswith("/index") else stem + "/") / "index.html"
    return path.read_text(encoding="utf-8")


def article(page_html: str) -> str:
    return page_html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


def squash(text: str) -> str:
    """Text without whitespace: a PDF breaks long lines (and DOIs) wherever it must."""
    return re.sub(r"\s+", "", text)


@cache
def pages_text(pdf: Path) -> list[str]:
    """The text of each page, extracted by poppler's pdftotext (pypdf's is ten times slower)."""
    out = subprocess.run([require("pdftotext"), "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                         check=True, timeout=120).stdout
    return out.split("\f")[:-1]


def text_of(pdf: Path) -> str:
    return "\n".join(pages_text(pdf))


def page_count(pdf: Path) -> int:
    match = re.search(r"^Pages: +(\d+)$", poppler("pdfinfo", pdf), re.M)
    assert match, f"{pdf.name}: pdfinfo gives no page count"
    return int(match.group(1))


def outline(pdf: Path) -> list[tuple[str, int]]:
    """The top level of the PDF's outline (bookmarks): each title and the number of the page
    it opens, as poppler's pdftohtml reads them (pypdf takes seconds on a tagged book)."""
    xml = subprocess.run([require("pdftohtml"), "-xml", "-stdout", "-i", "-q", "-f", "1", "-l", "1", str(pdf)],
                         capture_output=True, text=True, check=True, timeout=120).stdout
    top = ET.fromstring(xml).find("outline")
    return [] if top is None else [(item.text or "", int(item.get("page", "0"))) for item in top.findall("item")]


def test_every_page_has_a_handout_with_its_title_sections_and_dois(real_site: BuildResult) -> None:
    pdf_dir = real_site.site_dir / "pdf"
    for src in all_pages():
        pdf = pdf_dir / f"{page_id(src)}.pdf"
        assert pdf.is_file(), f"no handout for docs/{src}"
        assert pages_text(pdf), f"{pdf.name} has no page"
        text = squash(text_of(pdf))
        body = article(html_of(real_site.site_dir, src))
        h2s = [htmlmod.unescape(re.sub(r"<[^>]+>", "", h)).replace("¶", "")
               for h in re.findall(r"<h2[^>]*>(.*?)</h2>", body, re.S)]
        dois = set(re.findall(r'href="https://doi\.org/([^"]+)"', body))
        for expected in [title_of(src), *h2s, *map(htmlmod.unescape, dois)]:
            assert squash(expected) in text, f"{pdf.name}: '{expected}' is missing"


def poppler(tool: str, pdf: Path, *options: str) -> str:
    return subprocess.run([require(tool), *options, str(pdf)], capture_output=True, text=True, check=True, timeout=60).stdout


def test_handouts_are_a4_tagged_with_embedded_fonts_and_fixed_dates(real_site: BuildResult) -> None:
    for pdf in sorted((real_site.site_dir / "pdf").glob("*.pdf")):
        info = poppler("pdfinfo", pdf, "-isodates")
        assert re.search(r"^Page size: +595\.\d+ x 841\.\d+ pts \(A4\)$", info, re.M), pdf.name
        assert re.search(r"^Tagged: +yes$", info, re.M), pdf.name
        # A date, never the time of the build (the review date or the edition date).
        assert re.search(r"^CreationDate: +\d{4}-\d\d-\d\dT00:00:00Z$", info, re.M), pdf.name
        # poppler's pdffonts: one row per font, the "emb" column says whether it is embedded.
        rows = poppler("pdffonts", pdf).splitlines()[2:]
        assert rows, f"{pdf.name} uses no font"
        for row in rows:
            assert re.search(r"\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row), f"{pdf.name}: not embedded: {row}"


def test_handout_shows_address_disclaimer_and_page_numbers(real_site: BuildResult) -> None:
    pdf = real_site.site_dir / "pdf" / "editorial-policy.pdf"
    text = squash(text_of(pdf))
    pages = page_count(pdf)
    for expected in ("https://calcinosis-reference.github.io/calcinosis-reference/about/editorial-policy/",
                     "Medicaldisclaimer.", "Scanfortheonlineversion", f"Page1of{pages}", f"Page{pages}of{pages}"):
        assert expected in text


def test_whole_site_pdf_has_every_page_in_nav_order_and_a_table_of_contents(real_site: BuildResult) -> None:
    book = real_site.site_dir / "pdf" / BOOK
    titles = [title_of(src) for src in nav()]
    top = outline(book)
    assert [title for title, _ in top] == ["Contents", *titles]
    # The table of contents gives each page's number, and each is where that page starts.
    text = pages_text(book)
    assert len(text) == page_count(book)
    (_, first), (_, after) = top[:2]
    toc = " ".join(" ".join(text[first - 1:after - 1]).split())
    for title, page_number in top[1:]:
        assert re.search(re.escape(" ".join(title.split())) + r"[ .]*" + str(page_number) + r"\b", toc), title
        assert squash(title) in squash(text[page_number - 1])


def test_every_html_page_has_a_download_pdf_button(real_site: BuildResult) -> None:
    for src in all_pages():
        body = html_of(real_site.site_dir, src)
        link = re.search(r'<a href="([^"]+)" class="md-content__button md-button pdf-download" download>', body)
        assert link, f"no Download PDF button on docs/{src}"
        target = real_site.site_dir / "pdf" / f"{page_id(src)}.pdf"
        assert link[1].endswith(f"pdf/{page_id(src)}.pdf") and target.is_file()


def test_first_page_of_a_handout_is_not_blank(real_site: BuildResult, tmp_path: Path) -> None:
    pdftoppm = require("pdftoppm")
    pdf = real_site.site_dir / "pdf" / "home.pdf"
    subprocess.run([pdftoppm, "-r", "40", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(tmp_path / "p1")],
                   check=True, timeout=60)
    image = Image.open(tmp_path / "p1.png").convert("L")
    inked = sum(image.histogram()[:128])  # pixels darker than mid-grey
    share = inked / (image.width * image.height)
    assert 0.005 < share < 0.5, f"first page is {share:.1%} ink"


def test_handouts_print_the_figures_drawn_from_front_matter(real_site: BuildResult) -> None:
    """The evidence map and a body map are drawn in the PDFs (WeasyPrint renders inline SVG):
    their text is on the page, next to the table or list it goes with."""
    overview = pages_text(real_site.site_dir / "pdf" / "treatment-overview.pdf")
    page = next(p for p in overview if "Patients, largest study" in p)
    for words in ("Uncertain", "Against", "1a", "3b", "Low-dose warfarin", "3,861", "none counted: narrative review"):
        assert words in page, words
    calciphylaxis = text_of(real_site.site_dir / "pdf" / "calciphylaxis.pdf")
    drawing = calciphylaxis[calciphylaxis.index("Abdomen"):calciphylaxis.index("Where it appears")]
    for words in ("Front", "Back", "Thighs", "Lower legs", "below the knees, in warfarin-linked cases"):
        assert words in drawing, words


# The whole-site PDF's page box (overrides/print/print.css, @page margin): the running
# header and footer sit in the margins, the text between them.
MM = 72 / 25.4
TOP_MARGIN, BOTTOM_MARGIN = 18 * MM, 20 * MM
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>')


def page_fill(pdf: Path) -> list[tuple[float, str]]:
    """For each page: how far down its text area the text reaches (0 to 1, measured with
    poppler's `pdftotext -bbox`), and its first words."""
    out = subprocess.run([require("pdftotext"), "-bbox", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         text=True, check=True, timeout=120).stdout
    pages = []
    for _, height, body in _PAGE.findall(out):
        top, bottom = TOP_MARGIN, float(height) - BOTTOM_MARGIN
        words = [(float(y0), float(y1), htmlmod.unescape(w)) for y0, y1, w in _WORD.findall(body)]
        inside = [(y1, w) for y0, y1, w in words if y0 >= top - 1 and y1 <= bottom + 1]
        reach = max((y1 for y1, _ in inside), default=top)
        pages.append(((reach - top) / (bottom - top), " ".join(w for _, w in inside[:8])))
    return pages


def test_no_page_of_the_whole_site_pdf_is_less_than_a_quarter_full(real_site: BuildResult) -> None:
    """A chapter's last reference or its "Related pages" must not spill onto a page of its
    own: every page but the cover and the last is at least a quarter full."""
    fill = page_fill(real_site.site_dir / "pdf" / BOOK)
    assert len(fill) > 100 and fill[0][0] > 0.25, fill[:2]  # the pages were read
    sparse = [f"page {n}: {share:.0%} full, starting '{words}'" for n, (share, words) in enumerate(fill, start=1)
              if 1 < n < len(fill) and share < 0.25]
    assert not sparse, f"{len(sparse)} near-blank page(s) in {BOOK}:\n" + "\n".join(sparse)


def test_a_patient_handout_has_urgent_care_and_a_space_for_the_clinic_on_its_first_page(real_site: BuildResult) -> None:
    first = squash(pages_text(real_site.site_dir / "pdf" / "living-with-calcinosis.pdf")[0])
    for expected in ("Yourclinicorcareteam", "NamePhoneOutofhoursoremergency", "Whentogethelp",
                     "Seeadoctorthesameday,orgotoanemergencydepartment,if:", "Contactyourcareteamsoonif:"):
        assert expected in first, expected
    assert first.index("Yourclinicorcareteam") < first.index("Inshort") < first.index("Whentogethelp")
    for pdf in ("what-is-calcinosis.pdf", "questions-for-your-doctor.pdf"):
        assert "Yourclinicorcareteam" in squash(pages_text(real_site.site_dir / "pdf" / pdf)[0]), pdf
    assert "Yourclinicorcareteam" not in squash(text_of(real_site.site_dir / "pdf" / "calciphylaxis.pdf"))
