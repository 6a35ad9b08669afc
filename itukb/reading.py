"""Reading aids: the print style sheet and the script that makes paragraphs citable.

Kept apart from :mod:`itukb.site` (the theme set-up) so that each reading
feature can be found by its name: print (``itukb-print.css``), citable
paragraphs and the ready citation (``itukb-reading.js``, :mod:`itukb.citation`).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from itukb.citation import setup_citation
from itukb.paragraphs import setup_paragraphs
from itukb.parallel import setup_parallel


def setup_reading(app: Sphinx) -> None:
    setup_paragraphs(app)
    setup_citation(app)
    setup_parallel(app)
    app.add_js_file("itukb-reading.js")
    # media="print": a reader's screen never downloads what only paper needs to apply
    app.add_css_file("itukb-print.css", media="print")
