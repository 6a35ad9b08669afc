"""The meta description, OpenGraph and Twitter tags of every page.

``sphinxext-opengraph`` writes the ``og:`` tags; this module feeds it:

* ``og:title`` and ``og:description`` come from the page's title and
  :mod:`itukb.pages.descriptions`, passed as the page's own ``og:`` fields.  They
  are escaped here because the extension only escapes double quotes, and a
  title or a translation may hold ``&`` or ``<``;
* ``<meta name="description">`` is written here, for the same reason (the
  extension's own is turned off);
* ``og:url`` is under the language's folder of ``kb_baseurl`` (and absent
  without one: OpenGraph requires an absolute URL); ``og:locale``
  is the build's language and ``og:locale:alternate`` every other language of
  the site; ``twitter:card`` is ``summary`` (Twitter reads the ``og:`` tags).

Picture cards are off: they need matplotlib and fonts for Chinese, and
would make a PNG per page per build.
"""

from __future__ import annotations

import contextlib
import io
import re
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from itukb.pages.descriptions import description_of
from itukb.pages.siteurls import og_locale, site_languages

_OG_URL = re.compile(r'<meta property="og:url" content="[^"]*" />\n?')


def configure(app: Sphinx, config: Config) -> None:
    """Per-language settings, once ``language`` and the base URL are final."""
    config.ogp_site_url = config.html_baseurl if config.kb_baseurl else ""
    config.ogp_social_cards = {"enable": False}
    config.ogp_enable_meta_description = False
    config.ogp_type = "website"
    language = config.language or ""
    tags = [f'<meta property="og:locale" content="{escape(og_locale(language))}" />']
    tags += [f'<meta property="og:locale:alternate" content="{escape(og_locale(other))}" />'
             for other in site_languages(config) if other != language]
    tags.append('<meta name="twitter:card" content="summary" />')
    config.ogp_custom_meta_tags = tags


def page_tags(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
              doctree: nodes.document | None) -> None:
    """Before the OpenGraph extension runs: this page's description and title, escaped."""
    if doctree is None or pagename not in app.env.found_docs:
        return
    description = description_of(app.env, pagename)
    title = app.env.titles.get(pagename)
    # a copy: context["meta"] is the environment's own record of the page
    fields = dict(context.get("meta") or {})
    if title is not None:
        fields["og:title"] = escape(title.astext())
    if description:
        fields["og:description"] = escape(description)
        context["metatags"] = (context.get("metatags", "") +
                               f'<meta name="description" content="{escape(description)}">\n')
    context["meta"] = fields


def drop_relative_url(app: Sphinx, pagename: str, templatename: str,
                      context: dict[str, Any], doctree: nodes.document | None) -> None:
    """Without a base URL the extension writes a relative ``og:url``, which OpenGraph
    does not allow: a local build has none."""
    if not app.config.kb_baseurl and "og:url" in context.get("metatags", ""):
        context["metatags"] = _OG_URL.sub("", context["metatags"])


def setup_social(app: Sphinx) -> None:
    # the extension prints a line on import when matplotlib (picture cards) is absent
    with contextlib.redirect_stdout(io.StringIO()):
        app.setup_extension("sphinxext.opengraph")
    app.connect("config-inited", configure, priority=120)
    app.connect("html-page-context", page_tags, priority=450)
    app.connect("html-page-context", drop_relative_url, priority=600)
