"""The sections a fixture page of a shaped kind must have (type, condition, treatment).

The build holds those pages to the shape of their template (hooks/core/page_shape.py):
every `##` section of templates/<kind>.md, with its id. Fixture sites that build such
pages append `sections(kind)` to them; the titles and ids are read from the templates
through core.page_shape, so there is no second list to keep in step.
"""

from __future__ import annotations

from core import page_shape

CITE = "traineau2020treatment"


def required(kind: str) -> list[tuple[str, str]]:
    """(title, id) of every required section of a kind, in the template's order; none for a
    kind without a standard shape."""
    if kind not in page_shape.SHAPED_KINDS:
        return []
    return [(s.title, s.id) for s in page_shape.load_templates()[kind].sections]


def sections(kind: str, cite: str = CITE, skip: tuple[str, ...] = ()) -> str:
    """The Markdown of the required sections of a kind (but the ids in `skip`), each a
    blank line, its heading, a blank line and one sentence citing `cite`; it starts with a
    blank line, to follow a page's last line."""
    return "".join(f"\n## {title} {{ #{sid} }}\n\nThe review covers this [@{cite}].\n"
                   for title, sid in required(kind) if sid not in skip)


def complete(kind: str, body: str, cite: str = CITE) -> str:
    """`body` followed by the required sections of its kind that it does not already have
    (by `{ #id }`)."""
    return body + sections(kind, cite, tuple(sid for _, sid in required(kind) if f"{{ #{sid} }}" in body))
