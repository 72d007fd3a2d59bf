"""The page templates are valid pages of their kind whose only faults are their placeholders, and
the conventions page documents the schema."""

from __future__ import annotations

import datetime as dt

import pytest

from core import metadata, overview, page_shape
from core.crossrefs import scan
from core.pages import build_site
from core.project import Project
from sitebuild import ROOT

TEMPLATES = ROOT / "templates"
CONVENTIONS = ROOT / "docs" / "about" / "conventions.md"
# Planned ids (the site map) that the templates' relations name, with their kinds.
PLANNED = {
    "dystrophic-calcinosis": ("types", "type"),
    "metastatic-calcinosis": ("types", "type"),
    "idiopathic-calcinosis": ("types", "type"),
    "iatrogenic-calcinosis": ("types", "type"),
    "calciphylaxis": ("types", "type"),
    "classification": ("types", "overview"),
    "systemic-sclerosis": ("conditions", "condition"),
    "dermatomyositis": ("conditions", "condition"),
    "hyperparathyroidism": ("conditions", "condition"),
    "chronic-kidney-disease": ("conditions", "condition"),
    "differential-diagnosis": ("diagnosis", "differential"),
    "editorial-policy": ("about", "about"),
}
STUB = "---\ntitle: {id}\ndescription: A stub.\nkind: {kind}\nreviewed: 2026-01-01\n{extra}---\n\n# {id}\n"


@pytest.mark.parametrize("kind", metadata.KINDS)
def test_template_is_a_valid_page_of_its_kind_until_written(kind: str) -> None:
    text = (TEMPLATES / f"{kind}.md").read_text(encoding="utf-8")
    stubs = [
        (f"{folder}/{pid}.md", STUB.format(id=pid, kind=k, extra="").encode())
        for pid, (folder, k) in PLANNED.items()
    ]
    site, problems = build_site([*stubs, (f"new/new-{kind}-page.md", text.encode())])
    project = Project(root="/p", docs_dir="/p/docs", bib_dir="/p/b", includes_dir="/p/i", today=dt.date.today())
    page = site.pages[f"new-{kind}-page"]
    assert page.kind == kind
    assert [str(p) for p in problems + metadata.check(site, project) if p.path == page.path] == []
    # What keeps it from being published as it is: each example line and each guidance comment.
    left = [p for p in page_shape.check(site, project, frozenset()) if p.path == page.path]
    examples = [n for n, line in enumerate(text.split("\n"), 1) if "   # example" in line]
    comments = [n for n, line in enumerate(text.split("\n"), 1) if "<!--" in line]
    assert examples and comments
    assert sorted(p.line for p in left) == examples + comments
    assert all("still the example from" in p.what or "placeholder comment" in p.what for p in left)
    # Held to its shape, it has every section it requires: they only lack their text.
    shaped = [p for p in page_shape.check(site, project, frozenset(page_shape.SHAPED_KINDS)) if p.path == page.path]
    assert all("has no text" in p.what for p in shaped if p not in left)
    anchors, links = scan(page)
    assert links == [], "templates hold no links: their place under docs/ is not known"
    sections = [line for line in page.front.body.splitlines() if line.startswith("## ")]
    assert sections and all(line.endswith("}") for line in sections), "every ## heading has an explicit id"
    assert "[@" not in text, "the conventions page shows templates as code, where a citation would be rendered"


def test_conventions_page_shows_every_template() -> None:
    text = CONVENTIONS.read_text(encoding="utf-8")
    for kind in metadata.KINDS:
        assert f'--8<-- "{kind}.md"' in text, kind


def test_conventions_page_documents_every_key_and_value() -> None:
    text = CONVENTIONS.read_text(encoding="utf-8")
    keys = {*metadata.COMMON_KEYS, *metadata.THERAPY_KEYS, *metadata.STUDY_KEYS, *metadata.STUDY_DESIGNS,
            *metadata.RELATIONS, *metadata.KINDS,
            *metadata.EVIDENCE_LEVELS, *metadata.DIRECTIONS, *metadata.HIDE_VALUES, *overview.KNOWN}
    for kind_keys in metadata.KIND_KEYS.values():
        keys.update(kind_keys)
    missing = sorted(key for key in keys if f"`{key}`" not in text)
    assert missing == []
