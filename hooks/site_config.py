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

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from core import site_config
from core.problems import report

log = logging.getLogger("mkdocs.hooks.site_config")


@event_priority(90)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    problems = site_config.check_config(config, config.config_file_path or "mkdocs.yml")
    if report(problems, log):
        config["nav"] = site_config.neutralised_nav(config["nav"])
        for key in site_config.TEXT_KEYS:
            if isinstance(config.get(key), str):
                config[key] = html.escape(config[key])
        config["extra"] = {}
        config["extra_css"] = [p for p in config["extra_css"] if site_config.url_scheme(str(p)) is None]
        config["extra_javascript"] = []
        config["theme"]["font"] = False
    return config
