"""The front-matter schema (hooks/core/metadata.py): one test per rule, exact messages."""

from __future__ import annotations

import datetime as dt

from core import metadata
from core.pages import build_site
from core.project import Project

TODAY = dt.date(2026, 11, 21)
PROJECT = Project(root="/p", docs_dir="/p/docs", bib_dir="/p/bibliography", includes_dir="/p/includes",
                  today=TODAY)
# Lines: 1 '---', 2 title, 3 description, 4 kind, 5 reviewed, 6... extra keys.
TEMPLATE = "---\ntitle: {title}\ndescription: {description}\nkind: {kind}\nreviewed: {reviewed}\n{extra}---\n\n# {title}\n\nText.\n"

TARGETS = {
    "types/dystrophic-calcinosis.md": ("type", ""),
    "types/metastatic-calcinosis.md": ("type", ""),
    "conditions/systemic-sclerosis.md": ("condition", "causes: [dystrophic-calcinosis]\n"),
}


# A valid `studies:` block of a therapy (lines 11-15 of a one-therapy treatment page).
STUDIES = ("    studies:\n      - key: robertson2003treatment\n        design: case-series\n        patients: 9\n"
           "        response: 8 of 9 improved\n")


def page(kind: str, extra: str = "", *, title: str = "A page", description: str = "A test page.",
         reviewed: str = "2026-01-01") -> str:
    return TEMPLATE.format(kind=kind, extra=extra, title=title, description=description, reviewed=reviewed)


def check(src_uri: str, text: str) -> list[str]:
    """The problems of one page placed among valid target pages."""
    sources = [(uri, page(kind, extra).encode()) for uri, (kind, extra) in TARGETS.items()]
    sources.append((src_uri, text.encode()))
    site, problems = build_site(sources)
    return [str(p) for p in sorted(problems + metadata.check(site, PROJECT))]


def test_valid_pages_of_every_kind_pass() -> None:
    pages = {
        "about/a.md": page("about", "see_also: [systemic-sclerosis]\nhide: [toc]\n"),
        "overview.md": page("overview"),
        "diagnosis/d.md": page("diagnosis", "applies_to: [dystrophic-calcinosis, systemic-sclerosis]\n"),
        "diagnosis/dd.md": page("differential", "distinguishes: [dystrophic-calcinosis]\n"),
        "patients/p.md": page("patient", "topics: [systemic-sclerosis, dystrophic-calcinosis]\n"),
        "treatment/t.md": page("treatment", "therapies:\n  - name: Diltiazem\n    indications: [dystrophic-calcinosis]\n"
                                            "    evidence: 4\n    direction: for\n" + STUDIES),
    }
    for uri, text in pages.items():
        assert check(uri, text) == [], uri


def test_missing_required_key() -> None:
    text = "---\ntitle: A\ndescription: A page.\nkind: type\n---\n\n# A\n"
    assert check("types/a.md", text) == [
        "docs/types/a.md:1: missing required front-matter key 'reviewed'. "
        "Fix: add 'reviewed:' to the front matter (copy the keys from templates/type.md) [frontmatter.missing-key]"
    ]


def test_missing_required_relation() -> None:
    assert check("conditions/c.md", page("condition")) == [
        "docs/conditions/c.md:1: missing required front-matter key 'causes' (a condition page must have it). "
        "Fix: add 'causes:' to the front matter (copy the keys from templates/condition.md), "
        "or 'mimics:' for a condition that only looks like calcinosis [frontmatter.missing-key]"
    ]


def test_unknown_key_with_suggestion() -> None:
    assert check("types/a.md", page("type", "sea_also: [metastatic-calcinosis]\n")) == [
        "docs/types/a.md:6: unknown front-matter key 'sea_also'. Fix: did you mean 'see_also'? the keys of a type "
        "page are title, description, kind, aliases, reviewed, see_also, hide, sites; see docs/about/conventions.md [frontmatter.unknown-key]"
    ]


def test_relation_written_on_the_wrong_side() -> None:
    assert check("types/a.md", page("type", "causes: [systemic-sclerosis]\n")) == [
        "docs/types/a.md:6: 'causes' is not a key of a type page (only condition pages have it). "
        "Fix: write this relation on the condition pages instead: the type page's list is generated from them [frontmatter.wrong-kind-key]"
    ]


def test_unknown_kind() -> None:
    assert check("types/a.md", page("types")) == [
        "docs/types/a.md:4: 'kind' must be one of about, overview, type, condition, diagnosis, differential, "
        "treatment, patient (got 'types'). Fix: use one of these kinds; see docs/about/conventions.md for what "
        "each is for [frontmatter.unknown-kind]"
    ]


def test_title_must_be_text() -> None:
    assert check("types/a.md", page("type", title="[A]")) == [
        "docs/types/a.md:2: 'title' must be text (got ['A']). Fix: write 'title: ' followed by a short text [frontmatter.not-text]"
    ]


def test_description_too_long() -> None:
    long = "A " + "very " * 40 + "long description."
    assert check("types/a.md", page("type", description=long)) == [
        f"docs/types/a.md:3: 'description' is {len(long)} characters long (at most 160). "
        "Fix: shorten it: it is the page's one-sentence summary in search results [frontmatter.description]"
    ]


def test_description_is_one_sentence() -> None:
    assert check("types/a.md", page("type", description="First sentence. Second sentence.")) == [
        "docs/types/a.md:3: 'description' must be one sentence. "
        "Fix: keep one sentence that sums up the page; move the rest into the page itself [frontmatter.description]"
    ]
    assert check("types/a.md", page("type", description="Mimics, e.g. Gout and xanthoma, vs. Calcinosis.")) == []
    assert check("types/a.md", page("type", description="No full stop")) == [
        "docs/types/a.md:3: 'description' must be a sentence ending with a full stop. Fix: end the description with '.' [frontmatter.description]"
    ]


def test_bad_date() -> None:
    assert check("types/a.md", page("type", reviewed="21/11/2026")) == [
        "docs/types/a.md:5: 'reviewed' must be a real date written YYYY-MM-DD (got '21/11/2026'). "
        "Fix: write the date of the last clinical review, e.g. 'reviewed: 2026-11-21' [frontmatter.bad-date]"
    ]


def test_impossible_date() -> None:
    assert check("types/a.md", page("type", reviewed="2026-02-30")) == [
        "docs/types/a.md:5: 'reviewed' must be a real date written YYYY-MM-DD (got '2026-02-30'). "
        "Fix: write the date of the last clinical review, e.g. 'reviewed: 2026-11-21' [frontmatter.bad-date]"
    ]


def test_date_in_the_future() -> None:
    assert check("types/a.md", page("type", reviewed="2026-11-22")) == [
        "docs/types/a.md:5: 'reviewed' is 2026-11-22, a date in the future. "
        "Fix: write the date of the last clinical review, 2026-11-21 at the latest [frontmatter.future-date]"
    ]


def test_unknown_id() -> None:
    assert check("conditions/c.md", page("condition", "causes:\n  - metastatic-calcinosis\n  - dystrophic-calcinsis\n")) == [
        "docs/conditions/c.md:8: unknown page id 'dystrophic-calcinsis' in 'causes'. "
        "Fix: did you mean 'dystrophic-calcinosis'? a page id is a file name under docs/ without '.md' [relations.unknown-id]"
    ]


def test_wrong_target_kind() -> None:
    assert check("conditions/c.md", page("condition", "causes: [systemic-sclerosis]\n")) == [
        "docs/conditions/c.md:6: 'causes' names 'systemic-sclerosis', a condition page, but it takes type pages. "
        "Fix: name only type pages here (the calcinosis types this condition leads to) [relations.wrong-kind]"
    ]


def test_a_page_is_checked_again_when_a_page_it_names_changes_kind() -> None:
    """metadata.check keeps each page's problems by its text (a `mkdocs serve` rebuild checks only
    the pages that changed), and by every page's id and kind, which its relations are checked against."""
    relating = ("conditions/c.md", page("condition", "causes: [dystrophic-calcinosis]\n").encode())
    targets = [(uri, page(kind, extra).encode()) for uri, (kind, extra) in TARGETS.items()]
    site, _ = build_site([*targets, relating])
    assert metadata.check(site, PROJECT) == []
    renamed = [(uri, page("condition" if "dystrophic" in uri else kind, extra).encode())
               for uri, (kind, extra) in TARGETS.items()]
    site, _ = build_site([*renamed, relating])
    assert [str(p) for p in metadata.check(site, PROJECT) if p.path == "docs/conditions/c.md"] == [
        "docs/conditions/c.md:6: 'causes' names 'dystrophic-calcinosis', a condition page, but it takes type pages. "
        "Fix: name only type pages here (the calcinosis types this condition leads to) [relations.wrong-kind]"]


def test_relation_must_be_a_list() -> None:
    assert check("conditions/c.md", page("condition", "causes: dystrophic-calcinosis\n")) == [
        "docs/conditions/c.md:6: 'causes' must be a list of page ids (got 'dystrophic-calcinosis'). "
        "Fix: write 'causes: [page-id, other-page-id]' with the file names of type pages, without '.md' [relations.not-a-list]"
    ]


def test_required_relation_must_name_a_page() -> None:
    assert check("conditions/c.md", page("condition", "causes: []\n")) == [
        "docs/conditions/c.md:6: 'causes' names no page. "
        "Fix: name at least one type page: the calcinosis types this condition leads to [relations.empty]"
    ]


def test_relation_names_a_page_twice_or_itself() -> None:
    assert check("types/a.md", page("type", "see_also: [a, metastatic-calcinosis, metastatic-calcinosis]\n")) == [
        "docs/types/a.md:6: 'see_also' names 'metastatic-calcinosis' twice. Fix: remove the second one [relations.duplicate]",
        "docs/types/a.md:6: 'see_also' names the page itself ('a'). Fix: remove it [relations.self]",
    ]


THERAPY = "therapies:\n  - name: Low-dose warfarin\n{lines}"


def treatment(lines: str) -> str:
    return page("treatment", THERAPY.format(lines=lines))


def test_therapy_missing_key() -> None:
    text = treatment("    indications: [dystrophic-calcinosis]\n    evidence: 1b\n    direction: against\n")
    assert check("treatment/w.md", text) == [
        "docs/treatment/w.md:7: therapy 'Low-dose warfarin' is missing 'studies'. "
        "Fix: add 'studies:' to the therapy (see templates/treatment.md) [therapies.missing-key]"
    ]


def test_therapy_evidence_and_direction_values() -> None:
    text = treatment("    indications: [dystrophic-calcinosis]\n    evidence: 3\n    direction: mixed\n" + STUDIES)
    assert check("treatment/w.md", text) == [
        "docs/treatment/w.md:9: 'evidence' of therapy 'Low-dose warfarin' must be one of 1a, 1b, 2a, 2b, 3a, 3b, 4, 5 "
        "(got 3). Fix: use the level of the best study, on the scale in docs/about/editorial-policy.md#evidence-levels [therapies.evidence]",
        "docs/treatment/w.md:10: 'direction' of therapy 'Low-dose warfarin' must be one of for, uncertain, against "
        "(got 'mixed'). Fix: say whether the evidence is for, against or uncertain about the therapy "
        "(docs/about/editorial-policy.md#evidence-levels) [therapies.direction]",
    ]


def test_therapy_indication_of_the_wrong_kind_and_unknown_key() -> None:
    text = treatment("    indications: [dystrophic-calcinosis, overview]\n    evidence: 1b\n    direction: against\n"
                     + STUDIES + "    level: 1b\n")
    sources = {"overview.md": page("overview")}
    site, _ = build_site([*((u, t.encode()) for u, t in sources.items()),
                          *((u, page(k, e).encode()) for u, (k, e) in TARGETS.items()),
                          ("treatment/w.md", text.encode())])
    assert [str(p) for p in sorted(metadata.check(site, PROJECT))] == [
        "docs/treatment/w.md:8: 'indications' of therapy 'Low-dose warfarin' names 'overview', an overview page, "
        "but it takes type or condition pages. Fix: name only type or condition pages here "
        "(the types and conditions a therapy is used for) [relations.wrong-kind]",
        "docs/treatment/w.md:16: unknown key 'level' in therapy 'Low-dose warfarin'. "
        "Fix: a therapy has name, indications, evidence, direction, studies, caution [therapies.unknown-key]",
    ]


# ── Studies ─────────────────────────────────────────────────────────────────────────
# In `studied(...)`, line 11 is 'studies:', 12 the first study's '- key:', 13 design,
# 14 patients, 15 response; a second study starts on line 16.
W = "docs/treatment/w.md"


def studied(studies: str) -> list[str]:
    text = treatment("    indications: [dystrophic-calcinosis]\n    evidence: 4\n    direction: for\n"
                     "    studies:\n" + studies)
    return check("treatment/w.md", text)


def study(key: str = "robertson2003treatment", design: str = "case-series", patients: str = "9",
          response: str = "8 of 9 improved", extra: str = "") -> str:
    """One study's lines; a field given as "None" is left out."""
    fields = [f"{name}: {value}" for name, value in
              (("key", key), ("design", design), ("patients", patients), ("response", response)) if value != "None"]
    return "".join(("      - " if i == 0 else "        ") + f + "\n" for i, f in enumerate(fields)) + extra


def test_valid_studies_pass() -> None:
    assert studied(study() + study("traineau2020treatment", "systematic-review", "288", "Not to be used")) == []
    assert studied(study("boulman2005calcinosis", "narrative-review", "None", "No agent reduced calcinosis")) == []


def test_studies_in_the_old_list_form() -> None:
    text = treatment("    indications: [dystrophic-calcinosis]\n    evidence: 4\n    direction: for\n"
                     "    studies: [robertson2003treatment]\n")
    assert check("treatment/w.md", text) == [
        f"{W}:11: study 1 of therapy 'Low-dose warfarin' must be a mapping of key, design, patients and response "
        "(got 'robertson2003treatment'). Fix: write '- key: robertson2003treatment' and indent 'design:', "
        "'patients:' and 'response:' under it (see templates/treatment.md) [therapies.study-not-a-mapping]"
    ]


def test_studies_must_be_a_list() -> None:
    text = treatment("    indications: [dystrophic-calcinosis]\n    evidence: 4\n    direction: for\n    studies: []\n")
    assert check("treatment/w.md", text) == [
        f"{W}:11: 'studies' of therapy 'Low-dose warfarin' must list one or more studies (got []). "
        "Fix: write each study as '- key: ...' with its design, patients and response under it "
        "(see templates/treatment.md) [therapies.studies-not-a-list]"
    ]


def test_study_unknown_design_lists_the_designs() -> None:
    assert studied(study(design="rct")) == [
        f"{W}:13: 'design' of study 'robertson2003treatment' of therapy 'Low-dose warfarin' must be one of "
        "systematic-review, randomised-trial, cohort, case-control, case-series, case-report, narrative-review "
        "(got 'rct'). Fix: use the design the source reports [therapies.study-design]"
    ]
    assert studied(study(design="case-serie"))[0].endswith("(got 'case-serie'). Fix: did you mean 'case-series'? "
                                                            "use the design the source reports "
                                                            "[therapies.study-design]")


def test_study_patients_must_be_a_positive_number() -> None:
    fix = "Fix: write the number of patients the source studied, as a number, e.g. 'patients: 9' [therapies.study-patients]"
    name = "'patients' of study 'robertson2003treatment' of therapy 'Low-dose warfarin'"
    assert studied(study(patients="nine")) == [f"{W}:14: {name} must be a whole number above 0 (got 'nine'). {fix}"]
    assert studied(study(patients="0")) == [f"{W}:14: {name} must be a whole number above 0 (got 0). {fix}"]
    assert studied(study(patients="9.5")) == [f"{W}:14: {name} must be a whole number above 0 (got 9.5). {fix}"]
    assert studied(study(patients="true")) == [f"{W}:14: {name} must be a whole number above 0 (got True). {fix}"]


def test_study_missing_fields() -> None:
    assert studied(study(patients="None", response="None")) == [
        f"{W}:12: study 'robertson2003treatment' of therapy 'Low-dose warfarin' is missing 'patients'. "
        "Fix: write the number of patients the source studied, as a number, e.g. 'patients: 9' [therapies.study-missing-key]",
        f"{W}:12: study 'robertson2003treatment' of therapy 'Low-dose warfarin' is missing 'response'. "
        "Fix: write the main result as the source gives it, in a few words, e.g. 'response: 8 of 9 improved' [therapies.study-missing-key]",
    ]
    assert studied(study(key="None", design="None")) == [
        f"{W}:12: study 1 of therapy 'Low-dose warfarin' is missing 'design'. Fix: add 'design:' with the design "
        "the source reports: one of systematic-review, randomised-trial, cohort, case-control, case-series, "
        "case-report, narrative-review [therapies.study-missing-key]",
        f"{W}:12: study 1 of therapy 'Low-dose warfarin' is missing 'key'. "
        "Fix: write the BibTeX key of the study as in bibliography/*.bib, e.g. 'key: traineau2020treatment' [therapies.study-missing-key]",
    ]


def test_study_response_is_short_text() -> None:
    name = "'response' of study 'robertson2003treatment' of therapy 'Low-dose warfarin'"
    assert studied(study(response="[8, 9]")) == [
        f"{W}:15: {name} must be text (got [8, 9]). Fix: write the main result as the source gives it, "
        "in a few words, e.g. 'response: 8 of 9 improved' [therapies.study-response]"
    ]
    long = "Eight of nine patients improved " + "a great deal " * 5 + "within months of starting."
    assert studied(study(response=long)) == [
        f"{W}:15: {name} is {len(long)} characters long (at most 80). "
        "Fix: shorten it to the main result; the details belong in the page's Evidence section "
        "[therapies.study-response-too-long]"
    ]


def test_study_key_twice_and_unknown_field() -> None:
    assert studied(study() + study(extra="        size: 9\n")) == [
        f"{W}:16: therapy 'Low-dose warfarin' lists the study 'robertson2003treatment' twice. "
        "Fix: remove the second one [therapies.study-twice]",
        f"{W}:20: unknown key 'size' in study 'robertson2003treatment' of therapy 'Low-dose warfarin'. "
        "Fix: a study has key, design, patients, response [therapies.study-unknown-key]",
    ]
    assert studied(study(key="[a]")) == [
        f"{W}:12: 'key' of study 1 of therapy 'Low-dose warfarin' must be a citation key (got ['a']). "
        "Fix: write the BibTeX key of the study as in bibliography/*.bib, e.g. 'key: traineau2020treatment' [therapies.study-key]"
    ]


def test_study_keys_for_the_citation_check() -> None:
    assert metadata.study_keys([{"key": "a2020x"}, "b2021y", {"key": 3}, {"key": "c2022z", "design": "cohort"}]) == [
        (0, "a2020x"), (3, "c2022z")]
    assert metadata.study_keys("a2020x") == []


def test_no_front_matter() -> None:
    assert check("types/a.md", "# A\n\nText.\n") == [
        "docs/types/a.md:1: page has no front matter. Fix: start the file with a '---' block holding title, "
        "description, kind and reviewed (copy one of the templates in templates/) [frontmatter.missing]"
    ]


def test_yaml_error_is_reported_once_with_its_line() -> None:
    text = "---\ntitle: A\ndescription: A page.\nkind: type\nreviewed: 2026-01-01\nsee_also: [a, b\n---\n\n# A\n"
    problems = check("types/a.md", text)
    assert len(problems) == 1, problems
    assert problems[0].startswith("docs/types/a.md:6: front matter is not valid YAML: ")


def test_duplicate_id_is_reported() -> None:
    problems = check("diagnosis/systemic-sclerosis.md", page("diagnosis"))
    assert problems == [
        "docs/diagnosis/systemic-sclerosis.md:1: duplicate page id 'systemic-sclerosis': "
        "docs/conditions/systemic-sclerosis.md has the same file name. "
        "Fix: page ids are file names and must be unique across docs/: rename one file [page.duplicate-id]"
    ]


def test_a_look_alike_condition_names_mimics_instead_of_causes() -> None:
    assert check("conditions/c.md", page("condition", "mimics: [dystrophic-calcinosis]\n")) == []
    assert check("conditions/c.md", page("condition", "causes: []\nmimics: [dystrophic-calcinosis]\n")) == []


def test_mimics_must_name_type_pages() -> None:
    assert check("conditions/c.md", page("condition", "mimics: [systemic-sclerosis]\n")) == [
        "docs/conditions/c.md:6: 'mimics' names 'systemic-sclerosis', a condition page, but it takes type pages. "
        "Fix: name only type pages here (the calcinosis types this condition looks like without causing them) [relations.wrong-kind]"
    ]
