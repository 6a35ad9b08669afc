"""Parse translated messages without rebuilding the MyST parser for each one.

Sphinx's ``Locale`` transform parses every translated message of a page as a
small document of its own (``sphinx.transforms.i18n._publish_msgstr``),
asking the registry for a new source parser each time.  With MyST that cost
far more than the parsing: for each message

* ``MystParser.parse`` built a new markdown-it parser with every MyST plugin
  and a new renderer (which lists its own methods with ``inspect``), and
* the renderer's ``setup_render`` evaluates ``options.get("document",
  make_document())``: the fallback document is made, and thrown away, even
  though a document is always given, and making it builds docutils' default
  settings from an ``OptionParser`` (about 70 ``add_option`` calls).

Profiled on the English build of 500 generated documents (18,000 messages)
these were 36 s of the 48 s spent translating; the English build took 2.4
times the Chinese one for the same pages.  Sphinx offers no hook for either,
so this module

* registers :class:`ReusingMystParser` (Sphinx's ``add_source_parser`` with
  ``override``), which keeps one markdown-it parser per process for the
  project's MyST configuration and reuses it for every text parsed with that
  configuration.  Pages whose front matter changes the configuration (a
  ``myst:`` key) and a parse started while the shared parser is busy (a
  directive parsing a nested document) get a parser of their own, as before;
  the shared parser forgets the document once it has rendered it, so it
  keeps no page alive.  Each process builds its own, so it is safe with
  ``-j 2`` (forked readers), and nothing of it is pickled into the
  environment, so incremental builds are unaffected.
* replaces ``make_document`` in myst's renderer module with one that builds
  the default settings of each parser class once per process and gives every
  document its own deep copy of them: the same document, settings and all,
  as before, without the ``OptionParser``.  It is replaced only if it is still
  myst's own function, so a myst release that changes it is left alone.

The output is unchanged: ``benchmarks/compare_outputs.py`` compares builds
before and after byte for byte.
"""

from __future__ import annotations

import copy
from typing import Any

from docutils import nodes
from docutils.frontend import Values, get_default_settings
from docutils.parsers.rst import Parser as RSTParser
from docutils.utils import new_document
from myst_parser.config.main import (
    MdParserConfig,
    TopmatterReadError,
    merge_file_level,
    read_topmatter,
)
from myst_parser.mdit_to_docutils import base as myst_base
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning
from sphinx.application import Sphinx


class _SharedParser:
    """The process's markdown-it parser for one MyST configuration."""

    def __init__(self, config: MdParserConfig) -> None:
        self.config = config
        self.parser = create_md_parser(config, SphinxRenderer)
        # what the renderer holds between renders; the rest is one render's state
        self.renderer_keys = frozenset(vars(self.parser.renderer))
        self.busy = False

    def render(self, text: str, document: nodes.document) -> None:
        self.busy = True
        try:
            self.parser.options["document"] = document
            self.parser.render(text)
        finally:
            # the page (and through its settings the environment) must not be
            # kept alive by the shared parser until the next message
            self.parser.options.pop("document", None)
            renderer = vars(self.parser.renderer)
            for key in [key for key in renderer if key not in self.renderer_keys]:
                del renderer[key]
            self.busy = False


_shared: _SharedParser | None = None


class ReusingMystParser(MystParser):
    """MyST's Sphinx parser, with one markdown-it parser reused across texts.

    The same steps as ``MystParser.parse``; only where the markdown-it parser
    comes from differs (see the module's docstring).
    """

    def parse(self, inputstring: str, document: nodes.document) -> None:
        global _shared
        config: MdParserConfig = document.settings.env.myst_config
        global_config = config
        try:
            topmatter = read_topmatter(inputstring)
        except TopmatterReadError:
            pass  # reported during the render, as MystParser does
        else:
            if topmatter:
                def warning(wtype: Any, msg: str) -> None:
                    create_warning(document, msg, wtype, line=1, append_to=document)

                config = merge_file_level(config, topmatter, warning)
        if config is global_config:
            if _shared is None or _shared.config is not config:
                _shared = _SharedParser(config)
            if not _shared.busy:
                _shared.render(inputstring, document)
                return
        parser = create_md_parser(config, SphinxRenderer)
        parser.options["document"] = document
        parser.render(inputstring)


#: per parser class: its default settings, and the names of those that are not
#: immutable values (lists, objects), which each document gets its own copy of
_default_settings: dict[type, tuple[Values, tuple[str, ...]]] = {}
_IMMUTABLE = (str, int, float, bool, type(None), tuple, frozenset)
_myst_make_document = myst_base.make_document


def make_document(source_path: str = "notset", parser_cls: type = RSTParser) -> nodes.document:
    """A new document with the parser class's default settings, built once per class.

    Each document gets settings of its own, as with myst's function: a copy of
    the defaults whose mutable values are copied too (a deep copy of the whole
    cost more than the copying of the few that need it).
    """
    cached = _default_settings.get(parser_cls)
    if cached is None:
        defaults = get_default_settings(parser_cls)
        mutable = tuple(name for name, value in vars(defaults).items()
                        if not isinstance(value, _IMMUTABLE))
        cached = _default_settings[parser_cls] = (defaults, mutable)
    defaults, mutable = cached
    settings = copy.copy(defaults)
    for name in mutable:
        setattr(settings, name, copy.deepcopy(getattr(defaults, name)))
    return new_document(source_path, settings=settings)


def setup_myst_reuse(app: Sphinx) -> None:
    app.add_source_parser(ReusingMystParser, override=True)
    if myst_base.make_document is _myst_make_document:
        myst_base.make_document = make_document


def setup(app: Sphinx) -> dict[str, bool]:
    """Loadable on its own (``extensions = ["itukb.reading.myst_reuse"]``), as the tests do."""
    setup_myst_reuse(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
