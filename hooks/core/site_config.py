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
import re
from collections.abc import Callable, Iterator
from typing import Any

import yaml

from core.content_policy import strings
from core.html_policy import is_local, plain_text_findings, url_scheme
from core.problems import Problem
from core.settings import inside_repository, read as read_settings

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it: 20 times faster
TEXT_KEYS = ("site_name", "site_description", "site_author", "copyright", "repo_name")
_BAD_SCHEMES = ("javascript", "vbscript", "data", "file")
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
            node = yaml.compose(fh, Loader=_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return lines

    seen: set[int] = set()

    def walk(item: yaml.Node, path: Path) -> None:
        if id(item) in seen:  # an alias: the value was walked where its anchor is
            return
        seen.add(id(item))
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


# YAML tags mkdocs.yml may use. MkDocs reads it with PyYAML's full loader, where a tag such
# as !!python/object/apply runs code and !ENV publishes the build machine's environment,
# so anything else is refused before MkDocs reads the file (`raw_config_problems`).
ALLOWED_TAGS = frozenset({
    *(f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")),
    "tag:yaml.org,2002:python/name:pymdownx.superfences.fence_code_format",
})
# Settings that name a folder: each must be a relative path inside the repository.
FOLDER_SETTINGS: tuple[tuple[str, ...], ...] = (
    ("docs_dir",), ("theme", "custom_dir"), ("plugins", "*", "bibtex", "bib_file"),
    ("extra", "calcinosis", "bibliography"),
    ("markdown_extensions", "*", "pymdownx.snippets", "base_path"),
)


def raw_config_problems(config_file: str) -> list[Problem]:
    """What in mkdocs.yml must be refused before MkDocs reads it: a YAML tag outside
    ALLOWED_TAGS, `INHERIT` (another file's settings), and a folder setting outside the
    repository. The file is only composed (never constructed), so nothing in it runs."""
    name = os.path.basename(config_file)
    try:
        with open(config_file, encoding="utf-8") as fh:
            root = yaml.compose(fh, Loader=_LOADER)
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(name, 1, f"mkdocs.yml cannot be read ({exc.__class__.__name__})", "save it as UTF-8 text",
                        code="config.unreadable")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [Problem(name, (mark.line + 1) if mark else 1, f"mkdocs.yml is not valid YAML: "
                        f"{getattr(exc, 'problem', None) or exc}", "check the indentation and the quotes",
                        code="config.invalid-yaml")]
    problems: list[Problem] = []
    if root is None:
        return problems
    repeated = _repeated_nodes(root)
    if repeated:  # an alias (*name) can make a value contain itself: nothing below would end
        return [Problem(name, node.start_mark.line + 1, "mkdocs.yml repeats a value with an anchor and an alias "
                        "(&name, *name)", "write the value out where it is used", code="config.yaml-alias")
                for node in repeated]
    problems += _duplicate_keys(name, root)
    stack: list[yaml.Node] = [root]
    while stack:
        node = stack.pop()
        if node.tag not in ALLOWED_TAGS and not node.tag.startswith("tag:yaml.org,2002:python/name:pymdownx."):
            problems.append(Problem(name, node.start_mark.line + 1, f"mkdocs.yml uses the YAML tag '{node.tag}'",
                                    "write the value itself: tags that run code, read the environment or other "
                                    "files are not allowed", code="config.yaml-tag"))
        elif node.tag.startswith("tag:yaml.org,2002:python/name:") and node.tag not in ALLOWED_TAGS:
            problems.append(Problem(name, node.start_mark.line + 1, f"mkdocs.yml names Python code '{node.tag[30:]}'",
                                    "only pymdownx.superfences.fence_code_format may be named (for Mermaid)",
                                    code="config.python-name"))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == "INHERIT" and node is root:
                    problems.append(Problem(name, key.start_mark.line + 1, "mkdocs.yml inherits another file's "
                                            "settings (INHERIT)", "write the settings in mkdocs.yml itself",
                                            code="config.inherit"))
                stack += [key, value]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    base = os.path.realpath(os.path.dirname(os.path.abspath(config_file)))
    for path, line, value in _folder_values(root):
        if not inside_repository(base, value, links=path[-1] != "bib_file"):  # the inert plugin's empty file
            problems.append(Problem(name, line, f"'{'.'.join(path)}' names a folder outside the repository "
                                    f"('{value}')", "name a folder of the repository by its relative path",
                                    code="config.outside-folder"))
    return problems


def _repeated_nodes(root: yaml.Node) -> list[yaml.Node]:
    """The nodes reached twice: what an alias points to (the composed file is then no tree)."""
    seen: set[int] = set()
    repeated: dict[int, yaml.Node] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            repeated[id(node)] = node
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return sorted(repeated.values(), key=lambda n: n.start_mark.line)


def _key_identity(key: yaml.ScalarNode) -> object:
    """What a key is once YAML has read it: `1`, `01` and `0x1` are one key, and so are
    `on`, `yes` and `true` (YAML 1.1); a string is itself."""
    if key.tag == "tag:yaml.org,2002:str":
        return key.value
    try:
        return (key.tag, yaml.SafeLoader("").construct_object(key))
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        return (key.tag, key.value)


def _duplicate_keys(name: str, root: yaml.Node) -> list[Problem]:
    """A key written twice in one mapping: YAML keeps the last silently, so a block added at
    the end of mkdocs.yml would replace one above it without anyone seeing it in the file."""
    problems = []
    stack: list[tuple[yaml.Node, str]] = [(root, "")]
    while stack:
        node, path = stack.pop()
        if isinstance(node, yaml.MappingNode):
            first: dict[object, int] = {}
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    continue
                where, line, identity = f"{path}{key.value}", key.start_mark.line + 1, _key_identity(key)
                if identity in first:
                    problems.append(Problem(name, line, f"mkdocs.yml sets '{where}' twice (lines {first[identity]} "
                                            f"and {line}), and YAML keeps only the last",
                                            "write it once: merge the two into one", code="config.duplicate-key"))
                else:
                    first[identity] = line
                stack.append((value, where + "."))
        elif isinstance(node, yaml.SequenceNode):
            stack += [(item, f"{path.rstrip('.')}[{n}].") for n, item in enumerate(node.value)]
    return sorted(problems, key=lambda p: p.line)


def _folder_values(root: yaml.Node) -> Iterator[tuple[tuple[str, ...], int, str]]:
    """(setting, line, folder) of every FOLDER_SETTINGS value; `*` walks a list."""
    def walk(node: yaml.Node, pattern: tuple[str, ...], seen: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], int, str]]:
        if not pattern:
            values = node.value if isinstance(node, yaml.SequenceNode) else [node]
            for item in values:
                if isinstance(item, yaml.ScalarNode):
                    yield seen, item.start_mark.line + 1, str(item.value)
            return
        head, rest = pattern[0], pattern[1:]
        if head == "*" and isinstance(node, yaml.SequenceNode):
            for item in node.value:
                yield from walk(item, rest, seen)
        elif head == "*" and isinstance(node, yaml.MappingNode):  # a plugin or extension written as a mapping
            yield from walk(node, rest, seen)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == head:
                    yield from walk(value, rest, (*seen, head))
    for pattern in FOLDER_SETTINGS:
        yield from walk(root, pattern, ())


def line_finder(config_file: str) -> Callable[..., int]:
    """`at(*path)`: the line of a key of mkdocs.yml, or of its nearest parent that has one."""
    lines = config_lines(config_file)

    def at(*path: Any) -> int:
        while path:
            if path in lines:
                return lines[path]
            path = path[:-1]
        return 1

    return at


def check_config(config: Any, config_file: str) -> list[Problem]:
    """Every site-wide text and link of a loaded MkDocs config."""
    at = line_finder(config_file)
    name = os.path.basename(config_file)

    problems: list[Problem] = []
    for key in TEXT_KEYS:
        value = config.get(key)
        if isinstance(value, str) and plain_text_findings(value):
            problems.append(Problem(name, at(key), f"'{key}' contains {plain_text_findings(value)[0].what}",
                                    _TEXT_FIX, code="config.markup"))
    for path, title, target in nav_items(config.get("nav") or []):
        if title is not None and plain_text_findings(title):
            problems.append(Problem(name, at("nav", *path), f"nav title '{_short(title)}' contains "
                                    f"{plain_text_findings(title)[0].what}", _TEXT_FIX, code="config.markup"))
        if target is not None and not nav_target_allowed(target):
            problems.append(Problem(name, at("nav", *path), f"nav link '{_short(target)}' is not allowed",
                                    _LINK_FIX, code="config.nav-link"))
        elif target is not None and url_scheme(target) is None and target.endswith(".md") \
                and not os.path.isfile(os.path.join(str(config.get("docs_dir") or "docs"), target)):
            problems.append(Problem(name, at("nav", *path), f"nav entry '{target}' names no page "
                                    f"(docs/{target} does not exist)",
                                    "correct the path (relative to docs/) or remove the entry",
                                    code="config.nav-missing-page"))
    extra = dict(config.get("extra") or {})  # MkDocs gives a Mapping, not a dict
    problems += read_settings(extra, {}, name, at, root=os.path.dirname(os.path.abspath(config_file)))[1]
    for path, value in strings(extra, ("extra",)):
        found = plain_text_findings(value)
        if found:
            problems.append(Problem(name, at(*path), f"'{'.'.join(map(str, path))}' contains {found[0].what}",
                                    _TEXT_FIX, code="config.markup"))
        scheme = url_scheme(value)
        # A value with spaces may be prose that happens to hold a colon ("Note: ..."); a
        # scheme that runs code is refused whatever follows it.
        if scheme is not None and scheme not in ("https", "mailto") \
                and (" " not in value.strip() or scheme in _BAD_SCHEMES):
            problems.append(Problem(name, at(*path), f"'{'.'.join(map(str, path))}' is a '{scheme}:' address",
                                    "use an https:// address", code="config.extra-url"))
    if extra.get("analytics"):
        problems.append(Problem(name, at("extra", "analytics"), "'extra.analytics' would send every reader's "
                                "visits to another host", "remove it: the site collects nothing about its readers",
                                code="config.analytics"))
    for key in ("extra_css", "extra_javascript"):
        for index, item in enumerate(config.get(key) or []):
            address = item if isinstance(item, str) else str(getattr(item, "path", item))
            if not is_local(address):
                problems.append(Problem(name, at(key, index), f"'{key}' loads '{_short(address)}' from another host",
                                        _LOCAL_FIX, code="config.remote-asset"))
    for key in ("repo_url", "edit_uri"):
        value = config.get(key)
        if isinstance(value, str) and value and not (is_local(value) or url_scheme(value) == "https"):
            problems.append(Problem(name, at(key), f"'{key}' is not an https:// address ('{_short(value)}')",
                                    "use the https:// address of the repository", code="config.not-https"))
    theme = config.get("theme")
    problems += theme_name_problems(theme, name, at)
    for key in ("favicon", "logo"):
        value = theme.get(key) if theme is not None and hasattr(theme, "get") else None
        if isinstance(value, str) and value and not is_local(value):
            problems.append(Problem(name, at("theme", key), f"'theme.{key}' loads '{_short(value)}' from another host",
                                    _LOCAL_FIX, code="config.remote-asset"))
    font = theme.get("font") if theme is not None and hasattr(theme, "get") else False
    if font:
        problems.append(Problem(name, at("theme", "font"), "'theme.font' makes every page load fonts from "
                                "Google Fonts", "set 'font: false' (the system fonts are used)",
                                code="config.google-fonts"))
    return problems


def theme_folders(theme: Any) -> list[str]:
    """The folders the theme's templates are found in: the custom_dir, then the theme's own."""
    dirs = getattr(theme, "dirs", None)
    return [str(d) for d in dirs] if isinstance(dirs, list) else []


def theme_name_problems(theme: Any, name: str, at: Any) -> list[Problem]:
    """`theme.language` and `theme.icon.*` name files of the theme: one that does not exist
    (a misspelling, a path with '..') ends the build in a Jinja traceback."""
    if theme is None or not hasattr(theme, "get"):
        return []
    folders = theme_folders(theme)

    def exists(*parts: str) -> bool:
        return any(os.path.isfile(os.path.join(folder, *parts)) for folder in folders)

    problems: list[Problem] = []
    language = theme.get("language")
    if isinstance(language, str) and (not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*", language)
                                      or (folders and not exists("partials", "languages", f"{language}.html"))):
        problems.append(Problem(name, at("theme", "language"), f"'theme.language' is not a language of the theme "
                                f"('{_short(language)}')", "write a language code the theme has, such as 'en'",
                                code="config.theme-language"))
    icons = theme.get("icon") or {}
    for key, value in (icons.items() if hasattr(icons, "items") else []):
        if not isinstance(value, str):
            continue
        if not re.fullmatch(r"[a-z0-9-]+(?:/[a-z0-9-]+)+", value) or (folders and not exists(".icons", f"{value}.svg")):
            problems.append(Problem(name, at("theme", "icon", key), f"'theme.icon.{key}' names no icon of the theme "
                                    f"('{_short(value)}')", "copy the icon's name from the theme's icon search, "
                                    "e.g. 'fontawesome/brands/github'", code="config.theme-icon"))
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
