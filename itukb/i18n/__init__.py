"""The languages layer: which languages the site has, and the words and dates it writes.

* :mod:`itukb.i18n.config`: the site's languages, declared once (``kb_languages``,
  which the Makefile sets), and what CLDR says of each (name, direction);
* :mod:`itukb.i18n.names`: the words named by a key (labels, kinds), as English msgids;
* :mod:`itukb.i18n.words`: the extension's words through gettext (``itukb`` catalog),
  in the build's language;
* :mod:`itukb.i18n.catalog`: finding, checking and compiling those catalogs;
* :mod:`itukb.i18n.dates`: dates and numbers, formatted by Babel;
* :mod:`itukb.i18n.in_language`: the words of any language (the root 404 page, tests).

This package imports nothing else of ``itukb`` but :mod:`itukb.catalogs`, and of
Sphinx only :mod:`sphinx.locale`; this module only wires it into a build (and
turns a broken catalog into Sphinx's configuration error).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from itukb.i18n.config import DEFAULT_LANGUAGES, site_language, text_direction

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def add_text_direction(app: Sphinx, pagename: str, templatename: str,
                       context: dict[str, Any], doctree: Any) -> None:
    """``dir="rtl"`` on ``<html>`` for a language written right to left (Arabic);
    nothing for the others, whose direction is the default."""
    if text_direction(site_language(app.config)) == "rtl":
        context["kb_dir"] = "rtl"


def register(app: Sphinx, config: object) -> None:
    """The build language's catalogs handed to Sphinx; a broken one stops the build
    with its file and line, as a configuration error (no traceback)."""
    from sphinx.errors import ConfigError

    from itukb.i18n.catalog import WordCatalogError, register_catalogs

    try:
        register_catalogs(app, config)
    except WordCatalogError as err:
        raise ConfigError(str(err)) from err


def note_word_catalogs(app: Sphinx, doctree: Any) -> None:
    """Each page read depends on the build language's ``itukb.po``: Sphinx reads
    every page again when a word changes (the words are written into them).

    Not for the gettext builder: its templates hold the pages' own text and
    none of the build's words, so a changed word must not make ``make
    update-po`` extract the whole site again.
    """
    if app.builder.name == "gettext":
        return
    from itukb.i18n.catalog import word_catalogs

    config = app.config
    for path in word_catalogs(Path(app.srcdir), list(config.locale_dirs), site_language(config)):
        app.env.note_dependency(str(path))


def setup_i18n(app: Sphinx) -> None:

    app.add_config_value(
        "kb_languages", list(DEFAULT_LANGUAGES), "html", types=[list, tuple, str],
        description="the site's languages, source language first (make passes "
                    "SOURCE_LANG and TARGET_LANGS)")
    app.connect("config-inited", register, priority=50)
    app.connect("doctree-read", note_word_catalogs)
    app.connect("html-page-context", add_text_direction)
