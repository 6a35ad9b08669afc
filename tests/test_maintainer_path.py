"""The maintainer's and the translator's path, followed to the letter on a copy.

README's "Adding a document" and CONTRIBUTING.md's steps, as commands: write
the page, ``make update-po``, fill the new entries, ``make html``,
``make check``, then run the tests of the real knowledge base on the copy
(they take their expectations from its ``docs/`` and ``locale/``, so a new
document must need no test edited).  The second walk edits translations and
a Chinese sentence, with its history entry and a new version.

The copy reuses this checkout's ``.venv``; the content tests run on the site
the copy's ``make html`` built (``KB_SITE``), not on a build of their own,
and ``make check`` re-uses that build (its ``make html`` is incremental).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from kbcontent import documents
from kbcopy import REPO, VENV, copy_knowledge_base, make, needs_venv

pytestmark = needs_venv

#: the tests of the real knowledge base, run again on the edited copy
CONTENT_TESTS = (
    "tests/test_site.py",
    "tests/test_versions.py::test_real_site_relations_in_both_languages",
    "tests/test_versions.py::test_real_change_log_is_translated_and_linked_from_home",
    "tests/test_reader_fixes.py::test_object_index_is_titled_in_each_language",
    "tests/test_reader_fixes.py::test_previous_and_next_follow_the_documents_by_date",
    "tests/test_reader_fixes.py::test_every_page_links_the_translation_status_and_no_empty_index",
    "tests/test_reader_fixes.py::test_language_switch_on_the_search_page_keeps_the_query",
    "tests/test_catalog_status.py::test_real_site_status_matches_its_notices",
    "tests/test_links_site.py::test_real_site_passes",
)


def run(result: subprocess.CompletedProcess[str]) -> str:
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    return output


def content_tests(root: Path) -> None:
    """The copy's own tests of its content, on the site its ``make html`` built."""
    shutil.copytree(REPO / "tests", root / "tests", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "browser"))
    result = subprocess.run(
        [str(VENV / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider",
         *CONTENT_TESTS],
        cwd=root, capture_output=True, text=True, check=False,
        env={**os.environ, "KB_SITE": str(root / "_build" / "html"), "KB_VENV": str(VENV)})
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def fill(catalog: Path, translations: dict[str, str]) -> None:
    """Translate every empty or fuzzy entry, as a translator would, from ``translations``."""
    po = polib.pofile(str(catalog), wrapwidth=78)
    for entry in po:
        if entry.obsolete or (entry.msgstr and not entry.fuzzy):
            continue
        entry.msgstr = translations[entry.msgid]
        if entry.fuzzy:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
    po.save()


def later_year(root: Path) -> int:
    """A year after every date the knowledge base mentions, so any revision is in force."""
    years = [int(y) for page in (root / "docs").rglob("*.md")
             for y in re.findall(r"\b(?:19|20)\d\d\b", page.read_text(encoding="utf-8"))]
    return max(years) + 1


def a_target(root: Path) -> str:
    """``3.5@res-200-2018``: the first target declared, with its revision."""
    for page in sorted((root / "docs").rglob("*.md")):
        found = re.search(r"```\{kb:target\} (\S+)\n(?::[\w-]+: .*\n)*?:revision: (\S+)",
                          page.read_text(encoding="utf-8"))
        if found:
            return f"{found.group(1)}@{found.group(2)}"
    pytest.skip("the knowledge base declares no target")


def a_resolution(root: Path) -> str:
    for page in sorted((root / "docs").rglob("*.md")):
        found = re.search(r"```\{kb:resolution\} \S+\n(?::[\w-]+: .*\n)*?:number: (\S+)",
                          page.read_text(encoding="utf-8"))
        if found:
            return found.group(1)
    pytest.skip("the knowledge base declares no resolution")


def test_adding_a_document_as_the_readme_says(tmp_path: Path) -> None:
    root = copy_knowledge_base(tmp_path / "kb")
    year = later_year(root)
    other = min(documents(), key=lambda d: d.docname).meta.id
    target, resolution = a_target(root), a_resolution(root)
    body = f"本页引用{{target}}`{target}`、{{resolution}}`{resolution}`和{{document}}`{other}`。"
    (root / "docs/documents/added-letter.md").write_text(f"""---
id: added-letter
title: 新增的示例通函
kind: circular-letter
date: {year}-06-01
place: 日内瓦
issuer: 编辑部
addressees:
  - 全体读者
language: zh
version: "1.0"
history:
  - date: {year}-06-02
    version: "1.0"
    change: 首次录入。
---

# 新增的示例通函

{body}

(added-letter-annex)=
## 附录

附录没有内容。
""", encoding="utf-8")
    run(make(root, "update-po"))
    catalog = root / "locale/en/LC_MESSAGES/documents/added-letter.po"
    fill(catalog, {
        "新增的示例通函": "An added example letter",
        "日内瓦": "Geneva",
        "编辑部": "The editors",
        "全体读者": "All readers",
        "首次录入。": "First transcription.",
        body: f"This page cites {{target}}`{target}`, {{resolution}}`{resolution}` and "
              f"{{document}}`{other}`.",
        "附录": "Appendix",
        "附录没有内容。": "The appendix is empty.",
    })
    run(make(root, "html"))
    run(make(root, "check"))
    content_tests(root)


def test_improving_translations_and_correcting_a_sentence(tmp_path: Path) -> None:
    root = copy_knowledge_base(tmp_path / "kb")
    # an editors' sentence (the transcribed text must stay as its source has it)
    noted = [d for d in documents() if ":::{editorial-note}\n" in d.source]
    if not noted:
        pytest.skip("no document has an editorial note to correct")
    document = noted[0]
    page = root / document.path.relative_to(REPO)
    catalog = root / "locale/en/LC_MESSAGES" / f"{document.docname}.po"
    # a translator improves every translation of one catalog that ends a sentence
    po = polib.pofile(str(catalog))
    improved = 0
    for entry in po:
        if entry.msgstr.endswith(".") and not entry.obsolete:
            entry.msgstr = entry.msgstr[:-1] + " (reviewed)."
            improved += 1
    assert improved
    po.save()
    # the maintainer corrects a sentence of the page, with a history entry and a version
    text = page.read_text(encoding="utf-8")
    note = text.split(":::{editorial-note}\n", 1)[1].split("\n:::", 1)[0]
    sentence = next(line for line in note.split("\n") if line.endswith("。"))
    version = document.meta.version.split(".")
    new_version = ".".join([*version[:-1], str(int(version[-1]) + 1)])
    history_end = text.index("\n---", 3)
    last = document.meta.history[-1]
    text = (text[:history_end] +
            f'\n  - date: {last.date.year + 1}-01-01\n    version: "{new_version}"\n'
            "    change: 核对一句。" + text[history_end:])
    text = text.replace(f'version: "{document.meta.version}"\nhistory:',
                        f'version: "{new_version}"\nhistory:', 1)
    page.write_text(text.replace(sentence, sentence[:-1] + "（已核对）。", 1), encoding="utf-8")
    run(make(root, "update-po"))
    po = polib.pofile(str(catalog))
    changed = next(e for e in po if e.msgid == sentence[:-1] + "（已核对）。")
    assert changed.fuzzy and changed.previous_msgid == sentence  # the old translation kept
    fill(catalog, {changed.msgid: changed.msgstr[:-1] + " (checked).",
                   "核对一句。": "One sentence checked."})
    run(make(root, "html"))
    run(make(root, "check"))
    content_tests(root)
