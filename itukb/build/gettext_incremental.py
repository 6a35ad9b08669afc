"""``make gettext`` extracts only the pages that changed since the last extraction.

Sphinx's gettext builder counts every page as out of date on every run: even
with its saved environment, which re-reads only the pages that changed, it
then resolves every page again (running every post-transform and our
``doctree-resolved`` handlers) to collect messages it already wrote.  At
2,000 documents ``make update-po`` took a minute after a one-line edit.

With one template per page (``gettext_compact = False``), a page's template
depends on that page alone, so :class:`IncrementalMessageCatalogBuilder`
(registered over Sphinx's ``gettext`` builder) writes the templates of the
pages Sphinx re-read in this run (changed, added, or depending on a changed
page, as the environment decides), and of pages whose template is missing;
the others are up to date on disk.  A first run, a changed configuration or
a new version of the extension makes the environment re-read every page,
so every template is written, as before.  Templates of pages that no
longer exist are deleted, so ``make update-po`` reports their catalogs as
orphans instead of merging stale templates.  With ``gettext_compact`` on
(one template for several pages), a template needs every page, and every
page is extracted, as Sphinx does.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.gettext import MessageCatalogBuilder
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain

logger = logging.getLogger(__name__)


class IncrementalMessageCatalogBuilder(MessageCatalogBuilder):
    """Sphinx's ``gettext`` builder, writing only the templates of re-read pages."""

    def _template(self, docname: str) -> Path:
        return Path(self.outdir, f"{docname_to_domain(docname, self.config.gettext_compact)}.pot")

    def get_outdated_docs(self) -> set[str]:
        if self.config.gettext_compact:
            return super().get_outdated_docs()
        # the pages Sphinx re-reads are added to these by Builder.build
        return {docname for docname in self.env.found_docs
                if not self._template(docname).is_file()}

    def finish(self) -> None:
        super().finish()
        if self.config.gettext_compact:
            return
        kept = {self._template(docname) for docname in self.env.found_docs}
        kept |= {Path(self.outdir, f"{domain}.pot") for domain in self.catalogs}
        for template in sorted(Path(self.outdir).rglob("*.pot")):
            if template not in kept:
                logger.info("removing %s: its page is gone", template)
                template.unlink()


def setup_gettext_incremental(app: Sphinx) -> None:
    app.add_builder(IncrementalMessageCatalogBuilder, override=True)
