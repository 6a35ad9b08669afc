"""Document pages: validate their front matter and show it as a metadata block.

The block is inserted into the doctree *before* Sphinx's ``Locale`` transform
(priority 20).  Values written by people (place, issuer, addressees, history
notes) therefore become ordinary translatable messages, located at their
front matter line in the catalogs, while labels, dates and kinds are generated
in the build's language and never reach a translator.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from itukb.blocks.relations import note_relations
from itukb.blocks.versionbox import version_box_placeholder
from itukb.i18n.dates import format_date
from itukb.i18n.words import kind_name, label, source_language_name
from itukb.model.document import RELATION_FIELDS, DocumentMeta, FrontMatterErrors, is_document_page
from itukb.model.frontmatter import read_front_matter
from itukb.store.domain import get_domain

logger = logging.getLogger(__name__)


class DocumentMetadata(SphinxTransform):
    """Validate a document page's front matter, record it, and render it."""

    default_priority = 15  # before Locale (20), so rendered values are translatable

    def apply(self, **kwargs: object) -> None:
        docname = self.env.docname
        if not is_document_page(docname, self.config.kb_document_dirs):
            return
        path = Path(self.env.doc2path(docname))
        try:
            meta = read_front_matter(path)
        except FrontMatterErrors as err:
            for problem in err.problems:
                logger.warning(str(problem), location=(docname, problem.line),
                               type="itukb", subtype="frontmatter")
            # what the right fields decide is still checked in this run, not the next:
            # the title against the heading, and citations against the date
            partial = err.partial
            self._check_title(docname, partial.get("title"), partial.get("lines", {}))
            if partial.get("date") is not None:
                get_domain(self.env).note_refused_date(docname, partial["date"].isoformat())
            return
        section = self._check_title(docname, meta.title, meta.lines)
        if section is None:
            return
        record = meta.as_json()
        record["docname"] = docname
        # build-internal (leading "_", left out of kb.json): where relations are declared
        record["_relation_lines"] = {f: meta.lines[f] for f in RELATION_FIELDS
                                     if f in meta.lines}
        get_domain(self.env).note_document(docname, record, section)
        # title, then notice and relations, version box, metadata
        section.insert(1, self._block(meta, str(path)))
        section.insert(1, version_box_placeholder(self.env))
        section.insert(1, note_relations(self.env, "document", meta.id))

    def _check_title(self, docname: str, title: str | None,
                     lines: dict[str, int]) -> nodes.section | None:
        """The page's first section, once its heading is checked against ``title``."""
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None or not isinstance(section[0], nodes.title):
            logger.warning("document page has no '# title' heading", location=(docname, 1),
                           type="itukb", subtype="frontmatter")
            return None
        heading = section[0].astext()
        if title is not None and heading != title:
            logger.warning(
                f"front matter field 'title' ({title!r}) differs from the page "
                f"heading ({heading!r}); make them the same",
                location=(docname, lines.get("title", 1)), type="itukb",
                subtype="frontmatter")
        return section

    def _block(self, meta: DocumentMeta, source: str) -> nodes.container:
        language = self.config.language
        fields = nodes.field_list(classes=["kb-metadata-fields"])

        def add(key: str, *body: nodes.Node) -> None:
            fields.append(nodes.field("", nodes.field_name("", label(key)),
                                  nodes.field_body("", *body)))

        def fixed(text: str) -> nodes.paragraph:
            # no .source: Sphinx never offers generated text for translation
            return nodes.paragraph(text, text)

        def written(text: str, line: int) -> nodes.paragraph:
            para = nodes.paragraph(text, text)
            para.source, para.line = source, line
            return para

        if meta.symbol:
            add("symbol", fixed(meta.symbol))
        add("kind", fixed(kind_name(meta.kind)))
        add("date", fixed(format_date(meta.date, language)))
        add("place", written(meta.place, meta.lines["place"]))
        add("issuer", written(meta.issuer, meta.lines["issuer"]))
        if meta.addressees:  # none when the source names none
            addressees = nodes.bullet_list(classes=["kb-addressees"])
            for name in meta.addressees:
                addressees += nodes.list_item("", written(name, meta.lines["addressees"]))
            add("addressees", addressees)
        add("language", fixed(source_language_name(meta.language)))
        add("version", fixed(meta.version))
        history = nodes.bullet_list(classes=["kb-history"])
        for entry in reversed(meta.history):
            stamp = f"{format_date(entry.date, language)} · {entry.version}"
            history += nodes.list_item(
                "", nodes.paragraph(stamp, "", nodes.strong(stamp, stamp)),
                written(entry.change, entry.line))
        add("history", history)
        block = nodes.container(classes=["kb-metadata"], ids=["document-metadata"])
        block += nodes.rubric(label("metadata"), label("metadata"))
        block += fields
        return block


def setup_metadata(app: Sphinx) -> None:
    app.add_config_value("kb_document_dirs", ["documents"], "env", types=[list],
                         description="top-level source folders whose pages are documents")
    app.add_transform(DocumentMetadata)
