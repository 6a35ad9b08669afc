"""One sitemap per language: ``<lang>/sitemap.xml`` (sitemaps.org 0.9).

Every page of the language, with its ``lastmod`` (the page's last-changed
date, :func:`itukb.store.versions.last_changed`, from git) and an
``xhtml:link rel="alternate"`` for each language of the site and for
``x-default`` (the language chooser), the same set as the page's own
``<link hreflang>``.  The sitemap index and ``robots.txt`` at the root are
written by :mod:`itukb.build.rootfiles` once every language is built.

Written only when the base URL is set (sitemaps.org requires absolute URLs);
a build without one removes the sitemap an earlier build left.

Why not sphinx-sitemap, which the project prefers for the job: it lists the
pages a build *writes* (it collects them in ``html-page-context``), so an
incremental build that re-writes one page publishes a sitemap of one page;
it lists them in the order the writers finished, which differs between two
``-j 2`` builds, so the file is not reproducible; and its ``lastmod`` comes
only from sphinx-last-updated-by-git, a second reading of the history that
gives commit times, not the last-changed dates the pages themselves show.
Here the list comes from the environment (every page, every build), sorted,
with the same dates as the pages.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from sphinx.application import Sphinx

from itukb.pages.siteurls import (
    SITEMAP_FILENAME as FILENAME,
)
from itukb.pages.siteurls import (
    SITEMAP_NS,
    absolute,
    hreflang,
    site_base,
    site_languages,
)
from itukb.store.domain import get_domain
from itukb.store.versions import last_changed

XHTML_NS = "http://www.w3.org/1999/xhtml"


def sitemap_xml(entries: list[tuple[str, str | None, list[tuple[str, str]]]]) -> bytes:
    """A ``urlset`` of (loc, lastmod, [(hreflang, href)...]) entries, as UTF-8 bytes."""
    ElementTree.register_namespace("", SITEMAP_NS)
    ElementTree.register_namespace("xhtml", XHTML_NS)
    root = ElementTree.Element(f"{{{SITEMAP_NS}}}urlset")
    for loc, lastmod, alternates in entries:
        url = ElementTree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ElementTree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = loc
        if lastmod:
            ElementTree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = lastmod
        for lang, href in alternates:
            ElementTree.SubElement(url, f"{{{XHTML_NS}}}link",
                                   {"rel": "alternate", "hreflang": lang, "href": href})
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    config = app.config
    base = site_base(config)
    target = Path(app.outdir, FILENAME)
    if not base:
        target.unlink(missing_ok=True)  # from a build that had a base URL
        return
    domain = get_domain(app.env)
    languages = site_languages(config)
    suffix = config.html_file_suffix or ".html"
    entries = []
    for docname in sorted(app.env.found_docs):
        path = f"{docname}{suffix}"
        changed = last_changed(domain, docname)
        alternates = [(hreflang(lang), absolute(config, lang, path)) for lang in languages]
        alternates.append(("x-default", base))
        entries.append((absolute(config, config.language, path),
                        changed[0] if changed else None, alternates))
    target.write_bytes(sitemap_xml(entries))


def setup_sitemaps(app: Sphinx) -> None:
    app.connect("build-finished", write_sitemap)
