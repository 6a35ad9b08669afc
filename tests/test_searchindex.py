"""A word no page contains any more leaves the search index on an incremental build.

Sphinx keeps such a word with an empty list of pages; the index must be the
one a clean build writes, and the word must not be offered to readers.
Both ways of dropping it are tested: in memory, as the index is pruned, and
reading the written index back (what a Sphinx without the indexer's word
tables gets).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.search import js_index
from sphinx.testing.util import SphinxTestApp

from itukb import searchindex

WORD = "Zanzibarian"  # a word only the edit removes


def terms(outdir: Path) -> dict[str, object]:
    data = js_index.loads((outdir / "searchindex.js").read_text(encoding="utf-8"))
    return data["terms"]


def build(src: Path, out: Path) -> Path:
    app = SphinxTestApp("html", srcdir=src, builddir=out)
    try:
        app.build()
    finally:
        app.cleanup()
    return Path(app.outdir)


@pytest.mark.parametrize("in_memory", [True, False], ids=["in-memory", "read-back"])
def test_a_removed_word_leaves_the_index(rootdir: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         in_memory: bool) -> None:
    if not in_memory:  # as if Sphinx had renamed the indexer's tables
        monkeypatch.setattr(searchindex, "_TABLES", ("_no_such_table",))
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-catalog-status", src)
    page = src / "partial.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + f"\n{WORD} 一词只在这里出现。\n", encoding="utf-8")
    outdir = build(src, tmp_path / "out")
    assert WORD.lower() in {word.lower() for word in terms(outdir)}

    page.write_text(original, encoding="utf-8")
    incremental = build(src, tmp_path / "out")
    assert not [w for w in terms(incremental) if w.lower().startswith(WORD.lower()[:6])]
    assert all(pages != [] for pages in terms(incremental).values())

    clean = build(src, tmp_path / "clean")
    assert (incremental / "searchindex.js").read_bytes() == \
        (clean / "searchindex.js").read_bytes()
