"""``make gettext`` (and so ``make update-po``) extracts only the pages that changed.

A small generated knowledge base is extracted, then one document is edited
and it is extracted again: Sphinx reports writing the template of that page
alone (and of the list of documents, whose table of contents lists it).
Then one document is removed and one added: the removed page's template is
gone, and the templates are the same bytes as those of an extraction from
nothing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from kb_site import document_id, generate


def make_gettext(kb: Path, builddir: str) -> str:
    """``make gettext`` on the generated site, Sphinx's report not silenced."""
    result = subprocess.run(
        ["make", "--no-print-directory", "gettext", f"SOURCEDIR={kb / 'docs'}",
         f"LOCALEDIR={kb / 'locale'}", f"BUILDDIR={kb / builddir}",
         "SPHINXOPTS=-n -W --keep-going -j 1"],
        capture_output=True, text=True, check=False, cwd=REPO,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_COLOR": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def templates(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in directory.rglob("*.pot")}


def test_extraction_writes_changed_pages_only_and_equals_a_fresh_one(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    generate(kb, 6)
    make_gettext(kb, "_build")
    pages = kb / "docs" / "documents"
    edited, removed, added = document_id(2), document_id(5), document_id(6)
    with (pages / f"{edited}.md").open("a", encoding="utf-8") as page:
        page.write("\n补充一段新的文字。\n")
    report = make_gettext(kb, "_build")
    written = set(re.findall(r"writing message catalogs\.\.\. \[[ 0-9]+%\] (\S+)", report))
    assert written == {f"documents/{edited}", "documents/index"}, report
    assert "补充一段新的文字。" in (kb / "_build" / "gettext" / "documents" / f"{edited}.pot"
                              ).read_text(encoding="utf-8")

    (pages / f"{removed}.md").unlink()
    # a new document: a copy of another under its own id and labels
    source = (pages / f"{document_id(1)}.md").read_text(encoding="utf-8")
    (pages / f"{added}.md").write_text(source.replace(document_id(1), added), encoding="utf-8")
    make_gettext(kb, "_build")
    after = templates(kb / "_build" / "gettext")
    assert f"documents/{removed}.pot" not in after
    assert f"documents/{added}.pot" in after

    make_gettext(kb, "_build-fresh")
    assert after == templates(kb / "_build-fresh" / "gettext")


def test_merged_catalogs_do_not_make_the_next_extraction_read_everything(
        tmp_path: Path) -> None:
    """``make update-po`` rewrites catalogs (translations and the build's words); the
    templates hold neither, so the extraction after it reads no page again."""
    kb = tmp_path / "kb"
    generate(kb, 4)
    make_gettext(kb, "_build")
    changed = [*(kb / "locale").rglob("*.po")]
    assert changed, "the generated site has catalogs"
    for catalog in changed:  # as a merge or a translator leaves them: newer, other bytes
        catalog.write_text(catalog.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    report = make_gettext(kb, "_build")
    assert re.search(r"updating environment: 0 added, 0 changed, 0 removed", report), report
    assert re.findall(r"writing message catalogs\.\.\. \[[ 0-9]+%\] (\S+)", report) == []
