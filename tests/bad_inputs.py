"""The corpus of bad inputs: one small fixture site per mistake a contributor can make.

Each case starts from `good_site()` (a valid two-page site with one reference), changes
one thing, and names the exact problem line the build must print. tests/test_bad_inputs.py
builds every case and runs `make check` on it; the README's "What is checked" lists the
same checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bibfixtures import TRAINEAU

HOME = "index.md"
TYPE = "types/dystrophic-calcinosis.md"
PATIENT = "patients/what-is-calcinosis.md"
BIB = "refs.bib"

FRONT_ABOUT = "---\ntitle: Home\ndescription: A test site.\nkind: about\nreviewed: 2026-01-01\n---\n"
FRONT_TYPE = "---\ntitle: Dystrophic calcinosis\ndescription: Calcium in damaged tissue.\nkind: type\nreviewed: 2026-01-01\n---\n"
HOME_BODY = "\n# Home\n\nRead about [dystrophic calcinosis](types/dystrophic-calcinosis.md#causes).\n"
TYPE_BODY = ("\n# Dystrophic calcinosis\n\n## Causes { #causes }\n\n"
             "Calcium settles in damaged tissue with normal blood levels [@traineau2020treatment].\n")
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


@dataclass
class Case:
    """One bad input: what to change in the good site, and the line the build must print."""

    id: str
    group: str
    expected: str  # "path:line: what" (the message up to its " Fix: ")
    docs: dict[str, str | bytes] = field(default_factory=dict)  # replaced or added pages
    bib: str | None = None  # the whole refs.bib, when the case is about it
    nav: str = NAV


def good_site() -> tuple[dict[str, str | bytes], dict[str, str], str]:
    return ({HOME: FRONT_ABOUT + HOME_BODY, TYPE: FRONT_TYPE + TYPE_BODY}, {BIB: ENTRY}, NAV)


def type_page(body: str = TYPE_BODY, front: str = FRONT_TYPE) -> dict[str, str | bytes]:
    return {TYPE: front + body}


def home(body: str) -> dict[str, str | bytes]:
    return {HOME: FRONT_ABOUT + HOME_BODY + body}


def front(**changes: str | None) -> str:
    """The type page's front matter with keys changed (None drops a key)."""
    keys = {"title": "Dystrophic calcinosis", "description": "Calcium in damaged tissue.",
            "kind": "type", "reviewed": "2026-01-01"}
    keys.update(changes)
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in keys.items() if v is not None) + "---\n"


# Lines in the type page: front matter 1-6; "# Dystrophic..." 8; "## Causes" 10; text 12.

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
    Case("bib-syntax-error", "bibliography", "bibliography/refs.bib:1: entry could not be read: Unexpectedly reached end of file (noticed on line 12)",
         bib=ENTRY.replace("  year    = {2020},\n", "  year    = {2020,\n")),
    Case("bib-duplicate-key", "bibliography", "bibliography/refs.bib:13: duplicate key 'traineau2020treatment': line 1 of this file has the same key", bib=ENTRY + "\n" + ENTRY),
    Case("bib-duplicate-doi", "bibliography", "bibliography/refs.bib:21: doi 10.1016/j.jaad.2019.07.006 of 'traineau2020calcinosis' is also in 'traineau2020treatment' (bibliography/refs.bib:1)",
         bib=ENTRY + "\n" + ENTRY.replace("traineau2020treatment", "traineau2020calcinosis")
         .replace("pmid    = {31302187},\n", "")),
    Case("bib-missing-field", "bibliography", "bibliography/refs.bib:1: @article 'traineau2020treatment' lacks the required field 'journal'", bib=ENTRY.replace("  journal = {Journal of the American Academy of Dermatology},\n", "")),
    Case("bib-bad-doi", "bibliography", "bibliography/refs.bib:9: doi 'https://doi.org/10.1016/j.jaad.2019.07.006' of 'traineau2020treatment' is not a bare DOI (10.NNNN/...)", bib=ENTRY.replace("10.1016/j.jaad.2019.07.006", "https://doi.org/10.1016/j.jaad.2019.07.006")),
    Case("bib-bad-pmid", "bibliography", "bibliography/refs.bib:10: pmid 'PMID31302187' of 'traineau2020treatment' is not a PubMed id (digits only)", bib=ENTRY.replace("31302187", "PMID31302187")),
    Case("bib-markup-in-field", "bibliography", "bibliography/refs.bib:3: field 'title' of 'traineau2020treatment' contains markup ('<')",
         bib=ENTRY.replace("a review of the literature", "a <i>review</i> of the literature")),
    # ── Citations ───────────────────────────────────────────────────────────────────────
    Case("cite-unknown-key", "citations", "docs/types/dystrophic-calcinosis.md:12: unknown citation key 'smith2019nothing'",
         docs=type_page(TYPE_BODY.replace("[@traineau2020treatment]", "[@traineau2020treatment; @smith2019nothing]"))),
    Case("cite-typo-with-suggestion", "citations", "docs/types/dystrophic-calcinosis.md:12: unknown citation key 'traineau2020treatmnt' (did you mean 'traineau2020treatment'?)",
         docs=type_page(TYPE_BODY.replace("[@traineau2020treatment]", "[@traineau2020treatmnt]"))),
    Case("cite-malformed", "citations", "docs/types/dystrophic-calcinosis.md:12: malformed citation '[@ traineau2020treatment]': a space after '@'",
         docs=type_page(TYPE_BODY.replace("[@traineau2020treatment]", "[@ traineau2020treatment]"))),
    Case("cite-locator", "citations", "docs/types/dystrophic-calcinosis.md:12: citation '[@traineau2020treatment, p. 318]' has a locator (', p. 318'), which the numeric AMA style cannot show: it would be lost",
         docs=type_page(TYPE_BODY.replace("[@traineau2020treatment]", "[@traineau2020treatment, p. 318]"))),
    Case("cite-uncited-clinical-section", "citations", "docs/types/dystrophic-calcinosis.md:14: section 'Outlook' has no citation",
         docs=type_page(TYPE_BODY + "\n## Outlook { #outlook }\n\nMost deposits stay the same size for years.\n")),
    Case("cite-unused-entry", "citations", "bibliography/refs.bib:13: reference 'reiter2011calcinosis' is not cited on any page",
         bib=ENTRY + "\n" + OTHER),
    # ── Metadata ────────────────────────────────────────────────────────────────────────
    Case("meta-missing-key", "metadata", "docs/types/dystrophic-calcinosis.md:1: missing required front-matter key 'description'", docs=type_page(front=front(description=None))),
    Case("meta-bad-date", "metadata", "docs/types/dystrophic-calcinosis.md:5: 'reviewed' must be a real date written YYYY-MM-DD (got '2026-02-30')", docs=type_page(front=front(reviewed="2026-02-30"))),
    Case("meta-unknown-kind", "metadata", "docs/types/dystrophic-calcinosis.md:4: 'kind' must be one of about, overview, type, condition, diagnosis, differential, treatment, patient (got 'disease')", docs=type_page(front=front(kind="disease"))),
    Case("meta-unknown-relation-id", "metadata", "docs/types/dystrophic-calcinosis.md:6: unknown page id 'calciphylaxsis' in 'see_also'",
         docs=type_page(front=front(see_also="[calciphylaxsis]"))),
    Case("meta-yaml-error", "metadata", "docs/types/dystrophic-calcinosis.md:2: front matter is not valid YAML: mapping values are not allowed in this context", docs=type_page(front=front(title="Dystrophic: calcinosis: [x"))),
    # ── Structured studies, and what a page keeps from its template ─────────────────────
    Case("meta-study-old-form", "metadata", "docs/treatment/minocycline.md:11: study 1 of therapy 'Minocycline' must be a mapping of key, design, patients and response (got 'traineau2020treatment')",
         docs=treatment_page("    studies: [traineau2020treatment]\n"), nav=NAV + f"  - {TREATMENT}\n"),
    Case("meta-study-unknown-design", "metadata", "docs/treatment/minocycline.md:13: 'design' of study 'traineau2020treatment' of therapy 'Minocycline' must be one of systematic-review, randomised-trial, cohort, case-control, case-series, case-report, narrative-review (got 'rct')",
         docs=treatment_page(STUDY.replace("systematic-review", "rct")), nav=NAV + f"  - {TREATMENT}\n"),
    Case("meta-study-patients-not-a-number", "metadata", "docs/treatment/minocycline.md:14: 'patients' of study 'traineau2020treatment' of therapy 'Minocycline' must be a whole number above 0 (got '288 patients')",
         docs=treatment_page(STUDY.replace("patients: 288", "patients: 288 patients")), nav=NAV + f"  - {TREATMENT}\n"),
    Case("meta-study-missing-response", "metadata", "docs/treatment/minocycline.md:12: study 'traineau2020treatment' of therapy 'Minocycline' is missing 'response'",
         docs=treatment_page(STUDY.replace("        response: Not to be used\n", "")), nav=NAV + f"  - {TREATMENT}\n"),
    Case("meta-placeholder-description", "metadata", "docs/types/dystrophic-calcinosis.md:3: 'description' is still the placeholder of make new-page",
         docs=type_page(front=front(description="Replace this with one sentence that sums up the page, at most 160 characters."))),
    Case("meta-example-relation", "metadata", "docs/types/dystrophic-calcinosis.md:6: 'see_also' is still the example from templates/type.md",
         docs=type_page(front=front(see_also="[home]   # example: name pages worth reading, or delete the line"))),
    Case("meta-template-comment", "metadata", "docs/types/dystrophic-calcinosis.md:14: placeholder comment from the template left in the page ('Typical sites, how the deposits look and...')",
         docs=type_page(TYPE_BODY + "\n<!-- Typical sites, how the deposits look and feel, their time course and\n     complications. -->\n")),
    # ── Links ───────────────────────────────────────────────────────────────────────────
    Case("link-broken-page", "links", "docs/index.md:12: link to 'types/missing.md' points to no page (docs/types/missing.md does not exist)", docs=home("\nSee [the missing page](types/missing.md).\n")),
    Case("link-broken-anchor", "links", "docs/index.md:12: link to 'types/dystrophic-calcinosis.md#cause' names no section of docs/types/dystrophic-calcinosis.md",
         docs=home("\nSee [the causes](types/dystrophic-calcinosis.md#cause).\n")),
    Case("link-orphan-page", "links", "docs/types/metastatic-calcinosis.md:1: page is linked from no other page (an orphan)",
         docs={"types/metastatic-calcinosis.md": front(title="Metastatic calcinosis")
               + "\n# Metastatic calcinosis\n\n## Causes { #causes }\n\nHigh calcium or phosphate "
               "in the blood [@traineau2020treatment].\n"},
         nav=NAV + "  - types/metastatic-calcinosis.md\n"),
    # ── Content policy ──────────────────────────────────────────────────────────────────
    Case("html-script", "content policy", "docs/index.md:12: raw HTML <script> is not allowed: pages must not run code of their own", docs=home("\n<script>alert('hi')</script>\n")),
    Case("html-iframe", "content policy", "docs/index.md:12: raw HTML <iframe> is not allowed: pages must not embed other sites or plugins", docs=home('\n<iframe src="https://example.org/video"></iframe>\n')),
    Case("html-object", "content policy", "docs/index.md:12: raw HTML <object> is not allowed: pages must not embed other sites or plugins", docs=home('\n<object data="movie.swf"></object>\n')),
    Case("html-embed", "content policy", "docs/index.md:12: raw HTML <embed> is not allowed: pages must not embed other sites or plugins", docs=home('\n<embed src="movie.swf">\n')),
    Case("html-style", "content policy", "docs/index.md:12: raw HTML <style> is not allowed: page-level CSS can hide or restyle any part of the site", docs=home("\n<style>.md-header { display: none }</style>\n")),
    Case("html-form", "content policy", "docs/index.md:12: raw HTML <form> is not allowed: pages must not collect input from readers",
         docs=home('\n<form action="https://example.org/collect"><input name="email"></form>\n')),
    Case("html-event-handler", "content policy", "docs/index.md:12: inline event handler 'onmouseover' in <span> is not allowed: it runs code", docs=home('\nA <span onmouseover="steal()">word</span>.\n')),
    Case("html-event-handler-attr-list", "content policy", "docs/index.md:12: inline event handler 'onclick' in an attribute list is not allowed: it runs code",
         docs=home('\nA [link](types/dystrophic-calcinosis.md){ onclick="steal()" }.\n')),
    Case("url-javascript", "content policy", "docs/index.md:12: link to a 'javascript:' URL is not allowed: it runs code", docs=home("\nA [link](javascript:alert(1)).\n")),
    Case("url-data", "content policy", "docs/index.md:12: link to a 'data:' URL is not allowed: it can carry hidden content or code", docs=home("\nA [link](data:text/html;base64,PHNjcmlwdD4=).\n")),
    Case("link-http", "content policy", "docs/index.md:12: external link 'http://example.org/article' uses http, not https", docs=home("\nSee [a source](http://example.org/article).\n")),
    Case("image-without-alt", "content policy", "docs/index.md:12: image '![](assets/images/figure.png)' has no alt text",
         docs={**home("\n![](assets/images/figure.png)\n"), "assets/images/figure.png": b"\x89PNG\r\n\x1a\n"}),
    Case("image-remote", "content policy", "docs/index.md:12: image 'https://example.org/hand.png' is loaded from another site", docs=home("\n![A hand](https://example.org/hand.png)\n")),
    Case("front-matter-markup", "content policy", "docs/types/dystrophic-calcinosis.md:2: front-matter value 'title' contains HTML markup ('<script>alert(1)</sc...')",
         docs=type_page(front=front(title="Dystrophic <script>alert(1)</script>"))),
    # ── Readability ─────────────────────────────────────────────────────────────────────
    Case("patient-page-too-hard", "readability", "docs/patients/what-is-calcinosis.md:1: reading grade 42.8 is above 8 for a patient page",
         docs={PATIENT: HARD_PATIENT, **home("\nA [plain guide](patients/what-is-calcinosis.md).\n")},
         nav=NAV + f"  - {PATIENT}\n"),
    # ── File-level faults ───────────────────────────────────────────────────────────────
    Case("file-not-utf8", "files", "docs/types/dystrophic-calcinosis.md:12: file is not valid UTF-8 (byte 0xe9 at offset 198)",
         docs={TYPE: (FRONT_TYPE + TYPE_BODY.replace("normal", "n\u00e9ormal")).encode("latin-1")}),
    Case("file-empty-page", "files", "docs/types/dystrophic-calcinosis.md:7: page has no content", docs={TYPE: FRONT_TYPE}),
    Case("file-duplicate-page-id", "files", "docs/types/dystrophic-calcinosis.md:1: duplicate page id 'dystrophic-calcinosis': docs/conditions/dystrophic-calcinosis.md has the same file name",
         docs={"conditions/dystrophic-calcinosis.md": FRONT_ABOUT.replace("Home", "Again") + "\n# Again\n\nText.\n"},
         nav=NAV + "  - conditions/dystrophic-calcinosis.md\n"),
]
