"""Make the theme's hard-coded interface text translatable.

Furo writes some interface text straight into its templates, in English
(its issue 434): the ``aria-label`` of the navigation, contents and colour
theme buttons.  A Chinese reader using a screen reader would hear English.
This template loader rewrites such literal attributes into gettext calls as
templates are loaded, so they are looked up in the ``sphinx`` catalog like
the rest of the interface (``locale/<lang>/LC_MESSAGES/sphinx.po``).
The sidebar's "Toggle navigation of <title>", which furo writes from Python,
is translated where :mod:`itukb.pages.navigation` draws the tree.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jinja2 import Environment
from sphinx.jinja2glue import BuiltinTemplateLoader

#: attributes read aloud or shown to readers, written as plain literals
_LITERAL_ATTRIBUTE = re.compile(r'\b(aria-label|title|placeholder)="([^"{}<>]*[A-Za-z][^"{}<>]*)"')
#: SVG symbol titles, which screen readers announce
_LITERAL_SVG_TITLE = re.compile(r"<title>([A-Za-z][^<{}]*)</title>")
#: the page's language on <html> (furo's base.html, Sphinx's layout.html), which
#: gets the writing direction of a right-to-left language (itukb.i18n)
_HTML_LANG = re.compile(r'(<html\b[^>]*?lang="\{\{ language \}\}")')


def _quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace("'", "\\'")


def localise_literals(source: str) -> str:
    """Wrap literal reader-facing attribute values in ``_()``."""

    def wrap(match: re.Match[str]) -> str:
        attribute, text = match.groups()
        return f"{attribute}=\"{{{{ _('{_quote(text)}') }}}}\""

    source = _LITERAL_ATTRIBUTE.sub(wrap, source)
    source = _HTML_LANG.sub(r'\1{% if kb_dir %} dir="{{ kb_dir }}"{% endif %}', source, count=1)
    return _LITERAL_SVG_TITLE.sub(lambda m: f"<title>{{{{ _('{_quote(m[1])}') }}}}</title>", source)


class LocalisingTemplateLoader(BuiltinTemplateLoader):
    """Sphinx's template bridge, with literal interface text made translatable."""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if template.lstrip("!").endswith(".html"):
            source = localise_literals(source)
        return source, filename, uptodate

