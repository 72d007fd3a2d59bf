"""Parse a page's YAML front matter ourselves, keeping the line of every key.

MkDocs swallows front-matter YAML errors and keeps no line numbers; our checks need both
to say `docs/x.md:4: ...`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from core.problems import Problem

# The same delimiters MkDocs accepts (mkdocs.utils.meta).
_FRONT = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.DOTALL)

Path = tuple[Any, ...]


@dataclass
class FrontMatter:
    """The parsed front matter of one page, with 1-based file lines."""

    meta: dict[str, Any] = field(default_factory=dict)
    lines: dict[Path, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    present: bool = False
    refused: bool = False  # YAML of a shape no page needs (aliases, deep nesting): not read at all

    def line(self, *path: Any) -> int:
        """Line of a key (or list item) given as a path, e.g. `line("therapies", 0, "evidence")`.

        Falls back to the nearest enclosing key, then to line 1.
        """
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that refuses duplicate keys instead of silently keeping the last."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}'", key_node.start_mark
            )
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    """A date-shaped value that is no real date (2026-02-30) stays text for the checks to
    report, instead of a ValueError traceback from PyYAML."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _walk(node: yaml.Node, path: Path, offset: int, out: dict[Path, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            sub = (*path, key_node.value)
            out[sub] = key_node.start_mark.line + offset
            _walk(value_node, sub, offset, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            sub = (*path, i)
            out[sub] = item.start_mark.line + offset
            _walk(item, sub, offset, out)


MAX_DEPTH = 8  # the deepest real front matter (therapies > item > studies > item) is 4


def _shape_problem(yaml_text: str, path: str, offset: int) -> Problem | None:
    """Refuse, from the YAML events alone (linear in the text, no recursion), what no page
    needs and what would make reading the front matter slow or impossible: anchors and
    aliases (`&a`, `*a`: nine lines can make a billion values, and `&a [*a]` a list that
    contains itself), nesting deeper than MAX_DEPTH, and keys that are not plain text."""
    depth = 0
    expect_key: list[bool | None] = []  # per open container: mapping, whether the next node is a key; list, None
    try:
        for event in yaml.parse(yaml_text, Loader=_BaseLoader):
            line = event.start_mark.line + offset
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                name = getattr(event, "anchor", None) or ""
                return Problem(path, line, f"front matter uses a YAML anchor or alias ('{name}')",
                               "write each value out in full: anchors (&name) and aliases (*name) are not allowed",
                               code="frontmatter.yaml-alias")
            is_node = isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent))
            if is_node and expect_key and expect_key[-1] is not None:
                if expect_key[-1] and isinstance(event, yaml.ScalarEvent) and event.value == "<<" \
                        and not event.style:  # plain, as the merge key is written
                    return Problem(path, line, "front matter uses a YAML merge key ('<<')",
                                   "write each key out in full under its own name", code="frontmatter.yaml-merge-key")
                if expect_key[-1] and not isinstance(event, yaml.ScalarEvent):
                    return Problem(path, line, "front matter has a key that is not plain text",
                                   "write each key as a plain word followed by ':' (no '? ' keys, lists or "
                                   "mappings as keys)", code="frontmatter.complex-key")
                expect_key[-1] = not expect_key[-1]
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return Problem(path, line, f"front matter is nested more than {MAX_DEPTH} levels deep",
                                   "flatten it: no front-matter key needs more than four levels",
                                   code="frontmatter.too-deep")
                expect_key.append(True if isinstance(event, yaml.MappingStartEvent) else None)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
                expect_key.pop()
    except yaml.YAMLError:
        return None  # parse_front_matter reports the syntax error with its line
    return None


def parse_front_matter(text: str, path: str) -> tuple[FrontMatter, list[Problem]]:
    """Split `text` into front matter and body; report YAML errors with their file line."""
    match = _FRONT.match(text)
    if not match:
        return FrontMatter(body=text, body_line=1), []
    yaml_text = match.group(1) or ""
    body = text[match.end():]
    body_line = text[: match.end()].count("\n") + 1
    # The YAML starts on file line 2; yaml marks are 0-based.
    offset = 2
    front = FrontMatter(body=body, body_line=body_line, present=True)
    shape = _shape_problem(yaml_text, path, offset)
    if shape is not None:
        front.refused = True
        return front, [shape]
    loader = _Loader(yaml_text)
    try:
        # Compose once: the node tree gives the lines, and the values are built from it.
        node = loader.get_single_node()
        meta = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        # The context mark is where the broken construct began (an unclosed '[' or '{'): the
        # line to fix; the problem mark is where the parser gave up, often a line below.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + offset if mark else 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return front, [
            Problem(
                path,
                line,
                f"front matter is not valid YAML: {reason}",
                "check the indentation and quote values that contain ':' or '#'", code="frontmatter.invalid-yaml",
            )
        ]
    finally:
        loader.dispose()
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return front, [
            Problem(path, 2, "front matter must be a mapping of 'key: value' lines",
                    "write one 'key: value' per line between the two '---' lines", code="frontmatter.not-mapping")
        ]
    front.meta = meta
    if node is not None:
        _walk(node, (), offset, front.lines)
    return front, []


def is_date(value: Any) -> bool:
    """True for a YAML date such as 2026-11-21 (not a datetime, not a string)."""
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
