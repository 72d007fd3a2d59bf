"""Check the site-wide texts and links of mkdocs.yml, as the pages are checked.

Why: the theme prints nav titles, the site name, the copyright line and `extra:` values
into every page unescaped, and follows the nav links and extra stylesheets as they are
(core/site_config.py says what is refused). Each problem is reported with its line in
mkdocs.yml, and the values are made harmless for the rest of the build, so a failed
build leaves nothing of them in site/.
"""

from __future__ import annotations

import html
import logging
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from core import site_config
from core.problems import report
from core.project import project_root

log = logging.getLogger("mkdocs.hooks.site_config")


@event_priority(90)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config_file = config.config_file_path or "mkdocs.yml"
    # `make` runs the raw check before MkDocs reads mkdocs.yml (tools/check.py --config-only);
    # here it fails a build started another way, once MkDocs has read the file.
    # A refused file is not read further: an alias can make a value contain itself.
    problems = site_config.raw_config_problems(config_file) or site_config.check_config(config, config_file)
    if report(problems, log):
        _inside_the_repository(config)
        config["nav"] = site_config.neutralised_nav(config["nav"])
        for key in site_config.TEXT_KEYS:
            if isinstance(config.get(key), str):
                config[key] = html.escape(config[key])
        config["extra"] = {}
        config["extra_css"] = [p for p in config["extra_css"] if site_config.is_local(str(p))]
        config["extra_javascript"] = []
        config["theme"]["font"] = False
        for key in ("favicon", "logo"):
            if config["theme"].get(key) and not site_config.is_local(str(config["theme"][key])):
                config["theme"][key] = None
        if config.get("repo_url") and site_config.url_scheme(config["repo_url"]) != "https":
            config["repo_url"] = None
        if site_config.theme_name_problems(config["theme"], "", lambda *path: 1):
            config["theme"]["language"] = "en"
            config["theme"]["icon"] = {}
    return config


def _inside_the_repository(config: MkDocsConfig) -> None:
    """Folder settings that point outside the repository are set back to the repository's
    own folders before MkDocs reads any file, so a refused mkdocs.yml publishes nothing
    from elsewhere."""
    root = os.path.realpath(project_root(config))

    def inside(path: str) -> bool:
        real = os.path.realpath(os.path.join(root, path))  # a symbolic link may lead anywhere
        return real == root or real.startswith(root + os.sep)

    if not inside(config["docs_dir"]):
        config["docs_dir"] = os.path.join(root, "docs")
    snippets = config.mdx_configs.get("pymdownx.snippets")
    if snippets and snippets.get("base_path"):
        base = snippets["base_path"]
        snippets["base_path"] = [b for b in ([base] if isinstance(base, str) else base) if inside(str(b))]
    custom = config["theme"].custom_dir
    if custom and not inside(custom):
        config["theme"].dirs = [d for d in config["theme"].dirs if d != custom]
