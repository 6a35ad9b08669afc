"""Sphinx extension for the bilingual ITU document knowledge base.

This module only wires the features together; each lives in its own module,
in the layer it belongs to (see ARCHITECTURE.md):

- ``model``: the knowledge model, plain Python (front matter, revisions, relations);
- ``i18n``: the site's languages and the words the build writes (gettext, Babel);
- ``catalogs``: reading and checking translation catalogs;
- ``store``: the ``kb`` domain, the build's memo, and what is derived from them;
- ``derived``: the engine that keeps derived blocks right; it knows no block;
- ``blocks``: each derived block, registering itself with the engine;
- ``reading``: directives, roles and transforms recording pages into the store;
- ``guards``: refusing unsafe or broken input where it was written;
- ``pages``: what every written page gets (navigation, switcher, notices, reading aids);
- ``build``: publishing, search, sitemaps, feeds, the export and command-line tools.

Lower layers never import higher ones.  The features are imported only when
Sphinx loads the extension: the command-line tools of the package
(``itukb.build.publish`` after every build, the catalog and link checks) need
none of Sphinx, and importing it and every feature cost each of them 0.3 s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    from itukb.blocks.backlinks import setup_backlinks
    from itukb.blocks.changelog import setup_changelog
    from itukb.blocks.cites import setup_cites
    from itukb.blocks.doclist import setup_doclist
    from itukb.blocks.matrix import setup_matrix
    from itukb.blocks.relations import setup_relations_block
    from itukb.blocks.timeline import setup_timeline
    from itukb.blocks.versionbox import setup_version_box
    from itukb.build.export import setup_export
    from itukb.build.feeds import setup_feeds
    from itukb.build.gettext_incremental import setup_gettext_incremental
    from itukb.build.heap import setup_heap
    from itukb.build.search import setup_search
    from itukb.build.sitemaps import setup_sitemaps
    from itukb.build.sourcemap import setup_sourcemap
    from itukb.derived.engine import setup_engine
    from itukb.guards.catalog_guard import setup_catalog_guard
    from itukb.guards.encoding_guard import setup_encoding_guard
    from itukb.guards.file_guard import setup_file_guard
    from itukb.guards.html_guard import setup_html_guard
    from itukb.guards.linkguard import setup_linkguard
    from itukb.i18n import setup_i18n
    from itukb.pages.descriptions import setup_descriptions
    from itukb.pages.document_order import setup_document_order
    from itukb.pages.navigation import setup_navigation
    from itukb.pages.notfound import setup_notfound
    from itukb.pages.reading_aids import setup_reading_aids
    from itukb.pages.site import setup_site
    from itukb.pages.siteurls import setup_siteurls
    from itukb.pages.social import setup_social
    from itukb.pages.status_page import setup_status_page
    from itukb.pages.switcher import setup_switcher
    from itukb.pages.translation_notice import setup_translation_notice
    from itukb.pages.untranslated import setup_untranslated
    from itukb.reading.anchors import setup_anchors
    from itukb.reading.citations import setup_citations
    from itukb.reading.editorial import setup_editorial
    from itukb.reading.locale_once import setup_locale_once
    from itukb.reading.metadata import setup_metadata
    from itukb.reading.myst_reuse import setup_myst_reuse
    from itukb.reading.objectpage import setup_objectpage
    from itukb.reading.objects import setup_objects
    from itukb.reading.translated_nodes import setup_translated_nodes
    from itukb.store.domain import KnowledgeBaseDomain, localise_index_title
    from itukb.store.memo import setup_memo
    from itukb.store.relations import setup_relations
    from itukb.store.translation_status import setup_translation_status

    # the order of these calls is the order of handlers of the same event and
    # priority (and of transforms of the same priority): keep it when adding one
    app.add_domain(KnowledgeBaseDomain)
    app.connect("html-page-context", localise_index_title)
    setup_memo(app)
    setup_i18n(app)
    setup_site(app)
    # reading pages into the store
    setup_metadata(app)
    setup_editorial(app)
    setup_anchors(app)
    setup_objects(app)
    setup_objectpage(app)
    setup_relations(app)
    setup_citations(app)
    setup_document_order(app)
    # derived blocks, drawn in this order, and the engine that keeps them right
    setup_backlinks(app)
    setup_cites(app)
    setup_doclist(app)
    setup_matrix(app)
    setup_relations_block(app)
    setup_timeline(app)
    setup_version_box(app)
    setup_changelog(app)
    setup_engine(app)
    setup_export(app)
    # every written page, guards, translations
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
    # the English build's speed: one MyST parser, each message parsed once
    setup_myst_reuse(app)
    setup_locale_once(app)
    setup_gettext_incremental(app)
    # reading aids: print, citable paragraphs, citations, parallel text
    setup_reading_aids(app)
    return {
        "version": __version__,
        # bump when the shape of the kb domain's data changes
        "env_version": 10,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
