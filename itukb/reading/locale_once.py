"""Each translated message parsed once, not twice.

Sphinx's ``Locale`` transform (``sphinx.transforms.i18n``) walks a page's
messages twice.  The first pass parses every translation only to find the
new names of translated section titles and glossary terms; for any other
message it throws the result away.  The second pass parses the same
translation again, with the same arguments, and puts the result into the
page.  On the English build of 500 generated documents that doubled parsing
was a fifth of the build.

Sphinx offers no hook into the transform, so this module wraps its
module-level ``_publish_msgstr``: the result of a parse is kept until the
same text is asked for again at the same place of the same page, and then
handed out once instead of parsed again.  It is what the parse would give:
the same text, page and line, parsed by the same parser with the same
settings.  A result is handed out only while untouched (the first pass
moves the parsed nodes of a title it translates into the page; such a
result is parsed again); what is kept is dropped when the next page starts
(each page has settings of its own), so no page keeps another alive.  The
state is per process, so it is safe with ``-j 2``; nothing is pickled.
Warnings about a translation's markup are now reported once, not twice.
The wrapper is installed only over Sphinx's own function.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import i18n

_sphinx_publish_msgstr = i18n._publish_msgstr


class _Kept:
    """The parses of the page being translated, by (text, source, line)."""

    settings: ClassVar[Any] = None
    patches: ClassVar[dict[tuple[str, str, int], nodes.Element]] = {}


def _untouched(patch: nodes.Element) -> bool:
    return all(child.parent is patch for child in patch.children)


def publish_msgstr(source: str, source_path: str, source_line: int, *,
                   settings: Any, **context: Any) -> nodes.Element:
    if _Kept.settings is not settings:  # another page: what was kept is of no use
        _Kept.settings = settings
        _Kept.patches = {}
    key = (source, source_path, source_line)
    patch = _Kept.patches.pop(key, None)
    if patch is not None and _untouched(patch):
        return patch
    patch = _sphinx_publish_msgstr(source, source_path, source_line,
                                   settings=settings, **context)
    _Kept.patches[key] = patch
    return patch


def setup_locale_once(app: Sphinx) -> None:
    if i18n._publish_msgstr is _sphinx_publish_msgstr:
        i18n._publish_msgstr = publish_msgstr  # type: ignore[assignment]


def setup(app: Sphinx) -> dict[str, bool]:
    """Loadable on its own (``extensions = ["itukb.reading.locale_once"]``), as the tests do."""
    setup_locale_once(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
