"""Keep an incremental build's search index the same as a clean build's.

On an incremental build Sphinx loads the previous ``searchindex.js`` and
drops the re-read pages from each word's list, but keeps every word, even
one no page contains any more.  A word that left the site (a paragraph
reworded, a page that failed to read its translation) stays in the index
with an empty list: search still finds nothing for it, but the index is no
longer the one a clean build writes, and grows with every edit.  Words
with no page left are removed here, once the index is written, so that the
output of an incremental build is byte for byte that of a clean one.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.search import js_index


def drop_words_without_pages(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    path = Path(app.outdir, getattr(app.builder, "searchindex_filename", "searchindex.js"))
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    data = js_index.loads(text)
    changed = False
    for key in ("terms", "titleterms"):
        words = data.get(key)
        if not isinstance(words, dict):
            continue
        kept = {word: pages for word, pages in words.items() if pages != []}
        if len(kept) != len(words):
            data[key] = kept
            changed = True
    if changed:
        path.write_text(js_index.dumps(data), encoding="utf-8")


def setup_searchindex(app: Sphinx) -> None:
    # after Sphinx's own build-finished handlers; the index is dumped before any of them
    app.connect("build-finished", drop_words_without_pages, priority=900)
