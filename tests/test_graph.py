"""The relation graph and what it generates: Related pages, overview tables, review notices."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from core import overview
from core.graph import build_graph
from core.pages import Site, build_site
from core.project import Project
from core.pages import relative_url
from core.related import related_html
from core.reviews import insert_after_title, review_due, review_html

FRONT = "---\ntitle: {title}\ndescription: A test page.\nkind: {kind}\nreviewed: 2026-01-01\n{extra}---\n\n# {title}\n\nText.\n"

PAGES = {
    "index.md": ("Home", "about", "see_also: [overview]\n"),
    "overview.md": ("At a glance", "overview", ""),
    "about/editorial-policy.md": ("Editorial policy", "about", ""),
    "types/dystrophic-calcinosis.md": ("Dystrophic calcinosis", "type", ""),
    "types/metastatic-calcinosis.md": ("Metastatic calcinosis", "type", ""),
    "conditions/systemic-sclerosis.md": ("Systemic sclerosis", "condition", "causes: [dystrophic-calcinosis]\n"),
    "conditions/chronic-kidney-disease.md": (
        "Chronic kidney disease", "condition",
        "causes: [metastatic-calcinosis, dystrophic-calcinosis]\nsee_also: [systemic-sclerosis]\n"),
    "diagnosis/differential-diagnosis.md": (
        "Differential diagnosis", "differential", "distinguishes: [dystrophic-calcinosis, metastatic-calcinosis]\n"),
    "treatment/warfarin.md": ("Warfarin", "treatment", (
        "therapies:\n  - name: Low-dose warfarin\n    indications: [dystrophic-calcinosis, systemic-sclerosis]\n"
        "    evidence: 1b\n    direction: against\n    studies:\n      - key: traineau2020treatment\n"
        "        design: systematic-review\n        patients: 288\n        response: Not to be used\n"
        "    caution: Bleeding risk | not recommended.\n")),
    "treatment/diltiazem.md": ("Diltiazem", "treatment", (
        "therapies:\n  - name: Diltiazem\n    indications: [dystrophic-calcinosis]\n"
        "    evidence: \"4\"\n    direction: for\n    studies:\n"
        "      - {key: a2020x, design: case-series, patients: 17, response: 9 of 17 partial response}\n"
        "      - {key: b2021y, design: narrative-review, response: Among the agents tried}\n"
        "      - {key: c2022z, design: cohort, patients: 0, response: Left out (no patients)}\n")),
    "patients/what-is-calcinosis.md": ("What is calcinosis?", "patient", "topics: [dystrophic-calcinosis]\n"),
}
NAV = ["index.md", "overview.md", "types/dystrophic-calcinosis.md", "types/metastatic-calcinosis.md",
       "conditions/systemic-sclerosis.md", "conditions/chronic-kidney-disease.md",
       "diagnosis/differential-diagnosis.md", "treatment/diltiazem.md", "treatment/warfarin.md",
       "patients/what-is-calcinosis.md", "about/editorial-policy.md"]


def make() -> tuple[Site, Project]:
    site, problems = build_site([
        (uri, FRONT.format(title=t, kind=k, extra=e).encode()) for uri, (t, k, e) in PAGES.items()])
    assert problems == []
    return site, Project(root="/p", docs_dir="/p/docs", bib_dir="/p/b", includes_dir="/p/i", nav=NAV,
                         today=dt.date(2026, 11, 21))


def test_inverse_relations_are_derived() -> None:
    graph = build_graph(*make())
    assert sorted(graph.sources("dystrophic-calcinosis", "causes")) == ["chronic-kidney-disease", "systemic-sclerosis"]
    assert graph.ordered(graph.sources("dystrophic-calcinosis", "causes")) == [
        "systemic-sclerosis", "chronic-kidney-disease"]  # nav order
    assert graph.targets("chronic-kidney-disease", "causes") == ["metastatic-calcinosis", "dystrophic-calcinosis"]
    assert set(graph.sources("dystrophic-calcinosis", "indications")) == {"warfarin", "diltiazem"}


def related(graph, page_id: str) -> str:  # noqa: ANN001
    """The page's related-pages list, its links made as MkDocs makes them (directory URLs)."""
    def href(uri: str) -> str:
        url = "./" if uri == "index.md" else uri.removesuffix(".md") + "/"
        return relative_url(url, graph.pages[page_id].src_uri.removesuffix(".md") + "/")
    return related_html(graph, page_id, href)


def test_related_block_of_a_type_page() -> None:
    graph = build_graph(*make())
    assert related(graph, "dystrophic-calcinosis") == (
        "<ul>\n"
        '<li><strong>Conditions:</strong> <a href="../../conditions/systemic-sclerosis/">Systemic sclerosis</a>, '
        '<a href="../../conditions/chronic-kidney-disease/">Chronic kidney disease</a></li>\n'
        '<li><strong>Differential diagnosis:</strong> '
        '<a href="../../diagnosis/differential-diagnosis/">Differential diagnosis</a></li>\n'
        '<li><strong>Treatments:</strong> <a href="../../treatment/diltiazem/">Diltiazem</a>, '
        '<a href="../../treatment/warfarin/">Warfarin</a></li>\n'
        '<li><strong>Patient guides:</strong> <a href="../../patients/what-is-calcinosis/">What is calcinosis?</a>'
        "</li>\n</ul>"
    )


def test_related_block_keeps_see_also_apart_and_shows_it_on_both_pages() -> None:
    graph = build_graph(*make())
    assert related(graph, "systemic-sclerosis") == (
        "<ul>\n"
        '<li><strong>Types:</strong> <a href="../../types/dystrophic-calcinosis/">Dystrophic calcinosis</a></li>\n'
        '<li><strong>Treatments:</strong> <a href="../../treatment/warfarin/">Warfarin</a></li>\n'
        '<li><strong>See also:</strong> <a href="../chronic-kidney-disease/">Chronic kidney disease</a></li>\n'
        "</ul>"
    )
    assert related(graph, "overview") == '<ul>\n<li><strong>See also:</strong> <a href="../">Home</a></li>\n</ul>'
    assert related(graph, "editorial-policy") == ""


def test_related_titles_are_escaped_and_marked_up() -> None:
    graph = build_graph(*make())
    graph.pages["warfarin"].meta["title"] = "Warfarin <b>& CKD</b>"
    listing = related_html(graph, "systemic-sclerosis", lambda uri: uri,
                           lambda text: text.replace("CKD", '<abbr title="Chronic kidney disease">CKD</abbr>'))
    assert ('<a href="treatment/warfarin.md">Warfarin &lt;b&gt;&amp; <abbr title="Chronic kidney disease">CKD'
            '</abbr>&lt;/b&gt;</a>') in listing


def links(graph, from_uri: str) -> overview.Links:  # noqa: ANN001
    """Links as the site makes them (directory URLs), from the page `from_uri`."""
    def href(uri: str) -> str:
        url = "./" if uri == "index.md" else uri.removesuffix(".md") + "/"
        return relative_url(url, "./" if from_uri == "index.md" else from_uri.removesuffix(".md") + "/")
    return overview.Links(href=href, cite=lambda keys: "{" + ",".join(keys) + "}")


def rows(table: str) -> list[str]:
    """Each row of a generated table on one line: its cells joined by ' | '."""
    return [" | ".join(re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row))
            for row in re.findall(r"<tr>\n(.*?)\n</tr>", table, re.S)]


def test_condition_type_matrix() -> None:
    graph = build_graph(*make())
    table = overview.condition_type_matrix(graph, links(graph, "overview.md"))
    assert table.startswith('<div class="generated-table condition-type-matrix">\n<table>\n<thead>\n<tr>\n'
                            '<th>Condition</th>\n<th style="text-align: center;">')
    assert rows(table) == [
        'Condition | <a href="../types/dystrophic-calcinosis/">Dystrophic</a> '
        '| <a href="../types/metastatic-calcinosis/">Metastatic</a>',
        '<a href="../conditions/systemic-sclerosis/">Systemic sclerosis</a> | Yes | ',
        '<a href="../conditions/chronic-kidney-disease/">Chronic kidney disease</a> | Yes | Yes',
    ]


def test_treatments_by_indication() -> None:
    graph = build_graph(*make())
    assert rows(overview.treatments_by_indication(graph, links(graph, "overview.md"))) == [
        'Indication | Treatment | <a href="../about/editorial-policy/#evidence-levels">Evidence level</a> | Direction',
        '<a href="../types/dystrophic-calcinosis/">Dystrophic calcinosis</a> '
        '| <a href="../treatment/warfarin/">Low-dose warfarin</a> | 1b | <strong>Against</strong>',
        '<a href="../types/dystrophic-calcinosis/">Dystrophic calcinosis</a> '
        '| <a href="../treatment/diltiazem/">Diltiazem</a> | 4 | For',
        '<a href="../conditions/systemic-sclerosis/">Systemic sclerosis</a> '
        '| <a href="../treatment/warfarin/">Low-dose warfarin</a> | 1b | <strong>Against</strong>',
    ]


def test_evidence_table_has_a_row_per_study() -> None:
    graph = build_graph(*make())
    uri = "treatment/treatment-overview.md"
    table = overview.evidence_table(graph, links(graph, uri))
    assert rows(table) == [
        'Treatment | Indications | <a href="../../about/editorial-policy/#evidence-levels">Evidence level</a> '
        "| Direction | Design | Patients | Response | Caution",
        '<a href="../diltiazem/">Diltiazem</a> | <a href="../../types/dystrophic-calcinosis/">Dystrophic calcinosis</a> '
        "| 4 | For | Case series | 17 | 9 of 17 partial response {a2020x} | ",
        "Narrative review |  | Among the agents tried {b2021y}",
        '<a href="../warfarin/">Low-dose warfarin</a> | <a href="../../types/dystrophic-calcinosis/">Dystrophic '
        'calcinosis</a>, <a href="../../conditions/systemic-sclerosis/">Systemic sclerosis</a> | 1b '
        "| <strong>Against</strong> | Systematic review | 288 | Not to be used {traineau2020treatment} "
        "| Bleeding risk | not recommended.",
    ]
    # The therapy's own cells span its studies; an invalid study (no patients) is left out.
    assert ('<tr>\n<td rowspan="2"><a href="../diltiazem/">Diltiazem</a></td>\n'
            '<td rowspan="2"><a href="../../types/dystrophic-calcinosis/">Dystrophic calcinosis</a></td>\n'
            '<td rowspan="2" style="text-align: center;">4</td>\n<td rowspan="2">For</td>\n'
            '<td>Case series</td>\n<td style="text-align: center;">17</td>\n'
            '<td>9 of 17 partial response {a2020x}</td>\n<td rowspan="2"></td>\n</tr>\n'
            '<tr>\n<td>Narrative review</td>\n<td style="text-align: center;"></td>\n'
            '<td>Among the agents tried {b2021y}</td>\n</tr>\n') in table
    assert overview.studies(graph, [overview.EVIDENCE]) == ["a2020x", "b2021y", "traineau2020treatment"]
    assert overview.studies(graph, [overview.MATRIX]) == []


def test_a_therapy_without_valid_studies_keeps_its_row() -> None:
    graph = build_graph(*make())
    graph.therapies[:] = [dataclasses.replace(t, studies=()) if t.page == "diltiazem" else t for t in graph.therapies]
    assert rows(overview.evidence_table(graph, links(graph, "treatment/treatment-overview.md")))[1] == (
        '<a href="../diltiazem/">Diltiazem</a> | <a href="../../types/dystrophic-calcinosis/">Dystrophic calcinosis</a> '
        "| 4 | For |  |  |  | ")


def test_table_text_is_escaped_and_marked_up() -> None:
    graph = build_graph(*make())
    graph.pages["warfarin"].meta["title"] = "Warfarin <b>"
    graph.therapies[:] = [t if t.page != "warfarin" else dataclasses.replace(t, caution="Avoid in CKD & <i>x</i>")
                          for t in graph.therapies]
    table = overview.evidence_table(graph, overview.Links(
        href=lambda uri: uri, mark_up=lambda text: text.replace("CKD", "<abbr>CKD</abbr>")))
    assert "<td>Avoid in <abbr>CKD</abbr> &amp; &lt;i&gt;x&lt;/i&gt;</td>" in table
    assert '<td rowspan="2"><a href="treatment/diltiazem.md">Diltiazem</a></td>' in table
    assert "<td>9 of 17 partial response [@a2020x]</td>" in table  # without a citation mark: as written


def test_markers_are_replaced_outside_code_only() -> None:
    text = "Intro.\n\n<!-- generate: condition-type-matrix -->\n\n```\n<!-- generate: evidence-table -->\n```\n"
    out, names = overview.expand(text)
    assert names == [overview.MATRIX]
    assert f"\n{overview.place(overview.MATRIX)}\n" in out
    assert "```\n<!-- generate: evidence-table -->\n```" in out
    assert overview.expand("<!-- generate: reference-list -->\n") == ("<!-- generate: reference-list -->\n", [])


def test_unknown_marker_is_an_error_with_its_line() -> None:
    site, project = make()
    page = site.pages["overview"]
    page.front.body = "# At a glance\n\n<!-- generate: evidence-tabel -->\n"
    assert [str(p) for p in overview.check(site, project)] == [
        "docs/overview.md:9: unknown generated-content marker 'evidence-tabel'. Fix: use one of: "
        "<!-- generate: condition-type-matrix -->, <!-- generate: treatments-by-indication -->, "
        "<!-- generate: evidence-table -->, <!-- generate: reference-list -->, <!-- generate: abbreviations -->, "
        "<!-- generate: evidence-map -->, <!-- generate: where-it-appears --> [generate.unknown-marker]"
    ]


def test_review_due_after_three_years() -> None:
    assert not review_due(dt.date(2023, 11, 21), dt.date(2026, 11, 21))
    assert review_due(dt.date(2023, 11, 20), dt.date(2026, 11, 21))
    assert not review_due(dt.date(2024, 2, 29), dt.date(2027, 2, 28))
    assert review_due(dt.date(2024, 2, 29), dt.date(2027, 3, 1))


def test_review_line_and_placement() -> None:
    today = dt.date(2026, 11, 21)
    fresh = review_html(dt.date(2026, 1, 5), today, "../about/editorial-policy/#review-dates")
    assert fresh == ('<p class="page-reviewed"><a href="../about/editorial-policy/#review-dates">Last reviewed</a>: '
                     '<time datetime="2026-01-05">5 January 2026</time></p>')
    due = review_html(dt.date(2022, 3, 1), today, None)
    assert due == (
        '<p class="page-reviewed">Last reviewed: <time datetime="2022-03-01">1 March 2022</time></p>\n'
        '<div class="admonition warning">\n<p class="admonition-title">Review due</p>\n'
        "<p>This page was last reviewed on 1 March 2022, more than 3 years ago. "
        "Newer evidence may have changed what it says.</p>\n</div>"
    )
    assert insert_after_title("\n# Title\n\nText.\n", "X\n") == "\n# Title\n\nX\n\nText.\n"
    assert insert_after_title("Text.\n", "X\n") == "X\n\nText.\n"
    assert insert_after_title("# Title\nText.\n", "X\n") == "# Title\n\nX\n\nText.\n"
    assert review_html("2026-02-30", today, None) == ""


def test_the_review_notice_is_what_markdown_would_make_of_it() -> None:
    import markdown

    expected = markdown.markdown(
        'Last reviewed: <time datetime="2022-03-01">1 March 2022</time>\n{ .page-reviewed }\n\n'
        '!!! warning "Review due"\n    This page was last reviewed on 1 March 2022, more than 3 years ago. '
        "Newer evidence may have changed what it says.\n", extensions=["admonition", "attr_list"])
    assert review_html(dt.date(2022, 3, 1), dt.date(2026, 11, 21), None) == expected


def test_a_look_alike_condition_is_grouped_apart_and_marked_in_the_matrix() -> None:
    site, project = make()
    extra = [("conditions/aho.md", FRONT.format(
        title="Albright hereditary osteodystrophy", kind="condition",
        extra="mimics: [metastatic-calcinosis]\n").encode())]
    site, problems = build_site([*((p.src_uri, p.text.encode()) for p in site.pages.values()), *extra])
    assert problems == []
    graph = build_graph(site, project)
    assert related(graph, "metastatic-calcinosis").splitlines()[1:3] == [
        '<li><strong>Conditions:</strong> <a href="../../conditions/chronic-kidney-disease/">Chronic kidney disease'
        "</a></li>",
        '<li><strong>Differential diagnosis:</strong> <a href="../../diagnosis/differential-diagnosis/">'
        "Differential diagnosis</a></li>",
    ]
    assert ('<li><strong>Look-alikes:</strong> <a href="../../conditions/aho/">Albright hereditary osteodystrophy'
            "</a></li>") in related(graph, "metastatic-calcinosis")
    assert related(graph, "aho").splitlines()[1] == (
        '<li><strong>Look-alikes:</strong> <a href="../../types/metastatic-calcinosis/">Metastatic calcinosis</a></li>')
    matrix = rows(overview.condition_type_matrix(graph, links(graph, "overview.md")))
    assert '<a href="../conditions/aho/">Albright hereditary osteodystrophy</a> |  | Look-alike' in matrix
