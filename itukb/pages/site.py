"""Per-language site settings, applied once the language is known.

``sphinx-build -D language=en`` overrides ``language`` after ``conf.py`` has
run, so ``conf.py`` cannot branch on it.  These settings are applied on
``config-inited`` instead, when the final language is visible.
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from itukb.i18n.config import site_language
from itukb.i18n.words import label

PACKAGE = Path(__file__).parents[1]


def apply_language_settings(app: Sphinx, config: Config) -> None:
    try:
        site_language(config)
    except ValueError as err:
        raise ConfigError(str(err)) from err
    config.html_title = label("site_title")
    config.html_short_title = label("site_title")
    config.project = label("site_title")
    config.templates_path = [_from_confdir(app, PACKAGE / "templates"), *config.templates_path]
    config.html_static_path = [*config.html_static_path, _from_confdir(app, PACKAGE / "static")]
    if config.template_bridge is None:
        config.template_bridge = "itukb.pages.theme_i18n.LocalisingTemplateLoader"


def _from_confdir(app: Sphinx, path: Path) -> str:
    """``path`` relative to the configuration directory, which Sphinx resolves it from.

    Sphinx records a hash of the configuration in ``.buildinfo``; with
    absolute paths in it, two checkouts of the same commit would write
    different output.
    """
    try:
        return os.path.relpath(path, app.confdir)
    except ValueError:  # another drive, on Windows
        return str(path)


def setup_site(app: Sphinx) -> None:
    app.connect("config-inited", apply_language_settings, priority=100)
    app.add_css_file("itukb.css")
    app.add_js_file("itukb.js")
