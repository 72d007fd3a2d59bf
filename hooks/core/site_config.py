"""The site-wide texts and links of mkdocs.yml, held to the same rules as the pages.

Why: the theme prints the nav titles, the site name, the copyright line and `extra:`
values on every page without escaping them, and follows the nav's links and the
extra stylesheets and scripts as they are. So a pull request that changes mkdocs.yml
could put `<img onerror=...>` into every page, a `javascript:` link into the nav, or a
stylesheet, font or analytics script from another host into every reader's browser.
Here each of those values is checked, with its line in mkdocs.yml; `neutralised`
returns the config values made harmless, so a failed build leaves nothing of them in
site/.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterator
from typing import Any

import yaml

from core.content_policy import strings
from core.html_policy import plain_text_findings, url_scheme
from core.problems import Problem

TEXT_KEYS = ("site_name", "site_description", "site_author", "copyright")
Path = tuple[Any, ...]

_TEXT_FIX = "write plain text: the theme prints this value into every page without escaping it"
_LINK_FIX = ("link to a page by its file (types/x.md) or to an https:// address; "
             "nothing else may be in the nav")
_LOCAL_FIX = "save the file under docs/assets/ and name it by its path: pages load nothing from other hosts"


def config_lines(config_file: str) -> dict[Path, int]:
    """The 1-based line of every key and list item of mkdocs.yml, by path. The YAML is
    only composed, not constructed, so MkDocs' own tags (`!ENV`, `!!python/name:`) need
    no constructor; an unreadable file gives no lines (MkDocs reports it)."""
    lines: dict[Path, int] = {}
    try:
        with open(config_file, encoding="utf-8") as fh:
            node = yaml.compose(fh, Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return lines

    def walk(item: yaml.Node, path: Path) -> None:
        if isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                sub = (*path, key.value if isinstance(key, yaml.ScalarNode) else "?")
                lines[sub] = key.start_mark.line + 1  # a repeated key: the last one wins, as in MkDocs
                walk(value, sub)
        elif isinstance(item, yaml.SequenceNode):
            for index, value in enumerate(item.value):
                lines[(*path, index)] = value.start_mark.line + 1
                walk(value, (*path, index))

    if node is not None:
        walk(node, ())
    return lines


def check_config(config: Any, config_file: str) -> list[Problem]:
    """Every site-wide text and link of a loaded MkDocs config."""
    lines = config_lines(config_file)
    name = os.path.basename(config_file)

    def at(*path: Any) -> int:
        while path:
            if path in lines:
                return lines[path]
            path = path[:-1]
        return 1

    problems: list[Problem] = []
    for key in TEXT_KEYS:
        value = config.get(key)
        if isinstance(value, str) and plain_text_findings(value):
            problems.append(Problem(name, at(key), f"'{key}' contains {plain_text_findings(value)[0].what}",
                                    _TEXT_FIX))
    for path, title, target in nav_items(config.get("nav") or []):
        if title is not None and plain_text_findings(title):
            problems.append(Problem(name, at("nav", *path), f"nav title '{_short(title)}' contains "
                                    f"{plain_text_findings(title)[0].what}", _TEXT_FIX))
        if target is not None and not nav_target_allowed(target):
            problems.append(Problem(name, at("nav", *path), f"nav link '{_short(target)}' is not allowed",
                                    _LINK_FIX))
        elif target is not None and url_scheme(target) is None and target.endswith(".md") \
                and not os.path.isfile(os.path.join(str(config.get("docs_dir") or "docs"), target)):
            problems.append(Problem(name, at("nav", *path), f"nav entry '{target}' names no page "
                                    f"(docs/{target} does not exist)",
                                    "correct the path (relative to docs/) or remove the entry"))
    extra = dict(config.get("extra") or {})  # MkDocs gives a Mapping, not a dict
    for path, value in strings(extra, ("extra",)):
        found = plain_text_findings(value)
        if found:
            problems.append(Problem(name, at(*path), f"'{'.'.join(map(str, path))}' contains {found[0].what}",
                                    _TEXT_FIX))
        scheme = url_scheme(value)
        if scheme is not None and scheme not in ("https", "mailto") and " " not in value.strip():
            problems.append(Problem(name, at(*path), f"'{'.'.join(map(str, path))}' is a '{scheme}:' address",
                                    "use an https:// address"))
    if extra.get("analytics"):
        problems.append(Problem(name, at("extra", "analytics"), "'extra.analytics' would send every reader's "
                                "visits to another host", "remove it: the site collects nothing about its readers"))
    for key in ("extra_css", "extra_javascript"):
        for index, item in enumerate(config.get(key) or []):
            path = item if isinstance(item, str) else getattr(item, "path", str(item))
            if url_scheme(path) is not None or path.startswith("//"):
                problems.append(Problem(name, at(key, index), f"'{key}' loads '{_short(path)}' from another host",
                                        _LOCAL_FIX))
    theme = config.get("theme")
    font = theme.get("font") if theme is not None and hasattr(theme, "get") else False
    if font:
        problems.append(Problem(name, at("theme", "font"), "'theme.font' makes every page load fonts from "
                                "Google Fonts", "set 'font: false' (the system fonts are used)"))
    return problems


def nav_items(nav: Any, path: Path = ()) -> Iterator[tuple[Path, str | None, str | None]]:
    """(path in the nav, title or None, link or None) of every nav entry."""
    items = nav if isinstance(nav, list) else [nav]
    for index, item in enumerate(items):
        sub = (*path, index)
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, list):
                    yield (*sub, title), str(title), None
                    yield from nav_items(value, (*sub, title))
                else:
                    yield (*sub, title), str(title), str(value)
        elif isinstance(item, str):
            yield sub, None, item


def nav_target_allowed(target: str) -> bool:
    """A nav link is a page of the site (by its file or a relative path) or an https page."""
    scheme = url_scheme(target)
    if scheme is None:
        return not target.strip().startswith("//")
    return scheme == "https"


def neutralised_nav(nav: Any) -> Any:
    """The nav with every title escaped and every refused link replaced by '#'."""
    if isinstance(nav, list):
        return [neutralised_nav(item) for item in nav]
    if isinstance(nav, dict):
        return {html.escape(str(title)): (neutralised_nav(value) if isinstance(value, list)
                                          else (value if nav_target_allowed(str(value)) else "#"))
                for title, value in nav.items()}
    return nav if not isinstance(nav, str) or nav_target_allowed(nav) else "#"


def _short(text: str, width: int = 50) -> str:
    return text if len(text) <= width else text[:width] + "..."
