"""Per-language site settings, applied once the language is known.

``sphinx-build -D language=en`` overrides ``language`` after ``conf.py`` has
run, so ``conf.py`` cannot branch on it.  These settings are applied on
``config-inited`` instead, when the final language is visible.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError, ExtensionError

from itukb.jieba_cache import initialize as initialize_jieba
from itukb.languages import SOURCE_LANGUAGE, label, site_language

PACKAGE = Path(__file__).parent


def apply_language_settings(app: Sphinx, config: Config) -> None:
    try:
        language = site_language(config.language)
    except ValueError as err:
        raise ConfigError(str(err)) from err
    config.html_title = label("site_title", language)
    config.html_short_title = label("site_title", language)
    config.project = label("site_title", language)
    config.templates_path = [_from_confdir(app, PACKAGE / "templates"), *config.templates_path]
    config.html_static_path = [*config.html_static_path, _from_confdir(app, PACKAGE / "static")]
    if config.template_bridge is None:
        config.template_bridge = "itukb.theme_i18n.LocalisingTemplateLoader"
    if language == SOURCE_LANGUAGE:
        config.html_search_language = "zh"
        options = dict(config.html_search_options or {})
        # loaded by require_jieba; an empty 'dict' stops Sphinx loading one itself
        options.setdefault("dict", "")
        config.html_search_options = options


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


def search_dictionary(app: Sphinx) -> Path:
    """The jieba user dictionary: ``dict`` of html_search_options, else ours."""
    given = app.config.html_search_options.get("dict")
    return Path(app.confdir, given or app.config.kb_search_dictionary)


def require_jieba(app: Sphinx) -> None:
    """Without jieba, Sphinx indexes no Chinese words at all: fail instead."""
    if site_language(app.config.language) != SOURCE_LANGUAGE or app.builder.format != "html":
        return
    try:
        import jieba
    except ImportError as err:
        raise ExtensionError(
            "jieba is not installed: the Chinese search index would be empty. "
            "Install the project's dependencies (make html does this in .venv)."
        ) from err
    jieba.setLogLevel(logging.WARNING)  # its progress messages are not build output
    dictionary = search_dictionary(app)
    if not dictionary.is_file():
        raise ConfigError(f"search dictionary {dictionary} does not exist (kb_search_dictionary)")
    initialize_jieba(jieba, Path(app.doctreedir))
    if not app.config.html_search_options.get("dict"):
        jieba.load_userdict(str(dictionary))


def setup_site(app: Sphinx) -> None:
    app.add_config_value(
        "kb_search_dictionary", "locale/search-terms.txt", "html", types=[str],
        description="jieba user dictionary (relative to the conf dir) of terms the "
                    "Chinese search index must keep whole, e.g. 数字化转型")
    app.connect("config-inited", apply_language_settings, priority=100)
    app.connect("builder-inited", require_jieba)
    app.add_css_file("itukb.css")
    app.add_js_file("itukb.js")
