"""Sphinx extension for the bilingual ITU document knowledge base.

Each feature lives in its own module with its own ``setup_*`` function;
this module only wires them together, and imports them only when Sphinx
loads the extension.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    # imported here, not at the top: the command-line tools of the package
    # (itukb.publish after every build, the catalog and link checks) need none
    # of Sphinx, and importing it and every feature cost each of them 0.3 s
    from itukb.anchors import setup_anchors
    from itukb.catalog_guard import setup_catalog_guard
    from itukb.citations import setup_citations
    from itukb.derived import setup_derived
    from itukb.descriptions import setup_descriptions
    from itukb.doclist import setup_doclist
    from itukb.domain import KnowledgeBaseDomain, localise_index_title
    from itukb.editorial import setup_editorial
    from itukb.encoding_guard import setup_encoding_guard
    from itukb.export import setup_export
    from itukb.feeds import setup_feeds
    from itukb.file_guard import setup_file_guard
    from itukb.gettext_incremental import setup_gettext_incremental
    from itukb.heap import setup_heap
    from itukb.html_guard import setup_html_guard
    from itukb.i18n import setup_i18n
    from itukb.linkguard import setup_linkguard
    from itukb.locale_once import setup_locale_once
    from itukb.metadata import setup_metadata
    from itukb.myst_reuse import setup_myst_reuse
    from itukb.navigation import setup_navigation
    from itukb.notfound import setup_notfound
    from itukb.objectpage import setup_objectpage
    from itukb.objects import setup_objects
    from itukb.reading import setup_reading
    from itukb.relations import setup_relations
    from itukb.search import setup_search
    from itukb.site import setup_site
    from itukb.sitemaps import setup_sitemaps
    from itukb.siteurls import setup_siteurls
    from itukb.social import setup_social
    from itukb.sourcemap import setup_sourcemap
    from itukb.status_page import setup_status_page
    from itukb.switcher import setup_switcher
    from itukb.translated_nodes import setup_translated_nodes
    from itukb.translation_notice import setup_translation_notice
    from itukb.translation_status import setup_translation_status
    from itukb.untranslated import setup_untranslated
    from itukb.versions import setup_versions

    app.add_domain(KnowledgeBaseDomain)
    app.connect("html-page-context", localise_index_title)
    setup_i18n(app)
    setup_site(app)
    setup_metadata(app)
    setup_editorial(app)
    setup_anchors(app)
    setup_objects(app)
    setup_objectpage(app)
    setup_relations(app)
    setup_versions(app)
    setup_citations(app)
    setup_doclist(app)
    setup_derived(app)
    setup_export(app)
    setup_switcher(app)
    setup_navigation(app)
    setup_linkguard(app)
    setup_html_guard(app)
    setup_file_guard(app)
    setup_encoding_guard(app)
    setup_sourcemap(app)
    setup_translation_status(app)
    setup_translation_notice(app)
    setup_status_page(app)
    setup_untranslated(app)
    setup_catalog_guard(app)
    setup_search(app)
    setup_heap(app)
    setup_translated_nodes(app)
    # publishing: base URL, descriptions and social tags, sitemaps, feeds, 404 pages
    setup_siteurls(app)
    setup_descriptions(app)
    setup_social(app)
    setup_sitemaps(app)
    setup_feeds(app)
    setup_notfound(app)
    setup_myst_reuse(app)
    setup_locale_once(app)
    setup_gettext_incremental(app)
    # reading: print, citable paragraphs, citations, parallel text
    setup_reading(app)
    return {
        "version": __version__,
        # bump when the shape of the kb domain's data changes
        "env_version": 9,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
