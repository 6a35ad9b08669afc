"""Where the site is published: the base URL and the list of the site's languages.

``make html KB_BASEURL=https://example.org/kb/`` passes ``kb_baseurl``, the
URL of the folder holding the language chooser and one folder per language.
Empty (the default) keeps a local build relative: no canonical link, relative
``hreflang`` links and ``kb.json`` URLs, and no sitemaps (sitemaps.org requires
absolute URLs).  With it, Sphinx's own ``html_baseurl`` is set to the
language's folder, so that Sphinx writes the canonical link of every page.

The languages are not fixed here: ``conf.py`` declares them as
``kb_languages`` (:mod:`itukb.i18n.config` reads them), so a language added
there gets its ``hreflang`` alternates, sitemap entries, ``og:locale`` and
root files without a change to the code.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from itukb.i18n.config import hreflang as hreflang
from itukb.i18n.config import site_languages as site_languages

#: each language's sitemap, and the index of them at the root (sitemaps.org 0.9)
SITEMAP_FILENAME = "sitemap.xml"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def og_locale(language: str) -> str:
    """The OpenGraph locale of a language folder name (``zh-CN`` -> ``zh_CN``)."""
    return language.replace("-", "_")


def site_base(config: Config) -> str:
    """The site's base URL ending in ``/``, or '' for a relative (local) build."""
    base = (getattr(config, "kb_baseurl", "") or "").strip()
    return base.rstrip("/") + "/" if base else ""


def base_path(base: str) -> str:
    """The path of a base URL, ending in ``/`` (``/`` when there is none).

    Pages that are served at any URL (the 404 pages) link by this path.
    """
    path = urlsplit(base).path if base else "/"
    return path.rstrip("/") + "/"


def page_path(language: str, docname: str, suffix: str = ".html") -> str:
    """A page's path from the site's root folder."""
    return f"{language}/{docname}{suffix}"


def absolute(config: Config, language: str, path: str) -> str:
    """``path`` (below the ``language`` folder) as an absolute URL; '' without a base URL."""
    base = site_base(config)
    return f"{base}{language}/{path}" if base else ""


def relative_to_root(from_page: str) -> str:
    """From a page of a language folder, the relative way up to the site's root."""
    return "../" * (from_page.count("/") + 1)


def root_relative(prefix: str, href: str) -> str:
    """``href`` written on a page at the top of a language folder, made root-absolute.

    ``prefix`` is that folder's absolute path (``/kb/en/``); links that are
    already absolute, fragments and other schemes are kept.
    """
    if not href or href.startswith(("#", "/", "mailto:", "data:")) or "://" in href:
        return href
    return posixpath.normpath(posixpath.join(prefix, href)) + ("/" if href.endswith("/") else "")


def apply_base_url(app: Sphinx, config: Config) -> None:
    """``html_baseurl`` is the language's own folder under ``kb_baseurl``."""
    from sphinx.errors import ConfigError

    base = site_base(config)
    parts = urlsplit(base)
    if base and (parts.scheme not in ("http", "https") or not parts.netloc
                 or parts.query or parts.fragment):
        raise ConfigError(f"kb_baseurl (KB_BASEURL) must be the site's absolute http(s) URL, "
                          f"e.g. https://example.org/kb/; got {base!r}")
    config.kb_baseurl = base
    if base and config.language:
        config.html_baseurl = f"{base}{config.language}/"


def setup_siteurls(app: Sphinx) -> dict[str, Any]:
    app.add_config_value(
        "kb_baseurl", "", "html", types=[str],
        description="URL of the published site's root (the language chooser), e.g. "
                    "https://example.org/kb/; empty for a local, relative build")
    app.connect("config-inited", apply_base_url, priority=90)
    return {}
