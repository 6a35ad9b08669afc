"""The words the build writes itself, through gettext, as Sphinx extensions do.

Labels, notices, link texts and table headings are messages of the
``itukb`` catalog (``locale/<lang>/LC_MESSAGES/itukb.po``), written in
English (the msgids, like Sphinx's own) and translated by translators like
the pages are; ``make update-po`` extracts them from the calls below
(Babel's extractor, keywords ``_``, ``N_``, ``C_`` and ``NC_``).  :func:`_` gives a
word in the build's language (``sphinx.locale``); :func:`words_in` gives
the words of any language, for the few places that show several languages
at once (the root 404 page).

Words named by a key (a relation, a kind) are looked up in
:mod:`itukb.i18n.names`.
"""

from __future__ import annotations

import string

from sphinx.locale import get_translation, get_translator

from itukb.i18n.config import CATALOG
from itukb.i18n.names import KINDS, LABELS, N_, SOURCE_LANGUAGE_NAMES

__all__ = ["C_", "N_", "_", "between", "kind_name", "label", "source_language_name"]

_gettext = get_translation(CATALOG)


def _(message: str) -> str:
    """``message`` in the build's language."""
    return str(_gettext(message))


def C_(context: str, message: str) -> str:
    """``message`` in the build's language, told apart from the same English by ``context``."""
    return get_translator(CATALOG).pgettext(context, message)


def between(template: str, first: str = "first", second: str = "second") -> str:
    """What a translated ``template`` puts between its two placeholders.

    Some words are what separates two pieces the build writes as nodes
    (two sentences: a space in English, nothing in Chinese).  An empty
    translation means "not translated" to gettext, so such a word is
    written as a template, ``"{first} {second}"``, and the text between the
    placeholders is taken out of its translation.
    """
    fields = [name for _text, name, _spec, _conv in string.Formatter().parse(template) if name]
    if fields != [first, second]:  # a translation that lost its placeholders
        return ""
    return template.split("{" + first + "}", 1)[1].split("{" + second + "}", 1)[0]


def label(key: str) -> str:
    """The interface word ``key`` in the build's language."""
    return _(LABELS[key])


def kind_name(kind: str) -> str:
    """The reader-facing name of a document kind."""
    return _(KINDS[kind])


def source_language_name(code: str) -> str:
    """The name of a source document's language, in the build's language."""
    return _(SOURCE_LANGUAGE_NAMES[code])

