"""Translated nodes belong to their page, not to the scratch document of their message.

Sphinx's ``Locale`` transform parses each translation as a small document of
its own and moves the nodes it gets into the page; some of them (the
citations' ``pending_xref`` and their text) keep pointing at that scratch
document.  Its settings hold the build environment, so every English page's
pickled doctree carried a copy of the whole environment as it was when the
page was read: doctrees grew with each page read (6.8 GB of doctrees and a
quadratic English build at 2,000 documents).  Once the page is read, every
node is pointed at the page itself.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


def adopt_nodes(app: Sphinx, doctree: nodes.document) -> None:
    for node in doctree.findall(nodes.Node):
        if node.__dict__.get("_document") not in (None, doctree):
            node.document = doctree


def setup_translated_nodes(app: Sphinx) -> None:
    app.connect("doctree-read", adopt_nodes)
