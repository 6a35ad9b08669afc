"""Reading aids: the print style sheet and the script that makes paragraphs citable.

Kept apart from :mod:`itukb.pages.site` (the theme set-up) so that each reading
feature can be found by its name: print (``itukb-print.css``), citable
paragraphs and the ready citation (``itukb-reading.js``, :mod:`itukb.pages.citation`).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from itukb.pages.citation import setup_citation
from itukb.pages.parallel import setup_parallel
from itukb.reading.paragraphs import setup_paragraphs


def setup_reading_aids(app: Sphinx) -> None:
    setup_paragraphs(app)
    setup_citation(app)
    setup_parallel(app)
    app.add_js_file("itukb-reading.js")
    # media="print": a reader's screen never downloads what only paper needs to apply
    app.add_css_file("itukb-print.css", media="print")
