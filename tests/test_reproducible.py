"""Two clean builds of the same commit are byte for byte the same.

Built from two copies at different paths, at different times, one serial
and one with ``-j 2`` and another hash seed: every file of the site (pages,
the Pagefind search index, ``kb.json``, ``.buildinfo``, static files) must match.
"""

from __future__ import annotations

import time
from pathlib import Path

from kbcontent import documents
from kbcopy import copy_knowledge_base, differences, make, needs_venv, tree_digest

pytestmark = needs_venv

EPOCH = "1700000000"  # 2023-11-14 22:13:20 UTC


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    first = copy_knowledge_base(tmp_path / "one")
    # at the same depth, so that the path from each to the itukb package (installed
    # from this checkout) is the same, as it is in two clones with their own .venv
    second = copy_knowledge_base(tmp_path / "two")
    result = make(first, "html", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stdout + result.stderr
    time.sleep(1.1)  # another second on the clock
    result = make(second, "html", "JOBS=2",
                  env={"SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "12345"})
    assert result.returncode == 0, result.stdout + result.stderr
    one = tree_digest(first / "_build" / "html")
    other = tree_digest(second / "_build" / "html")
    for language in ("zh_CN", "en"):
        for name in ("pagefind/pagefind-entry.json", "kb.json", ".buildinfo",
                     *(f"{d.docname}.html" for d in documents())):
            assert f"{language}/{name}" in one
    assert differences(one, other) == []


def test_source_date_epoch_on_the_make_command_line_is_honoured(tmp_path: Path) -> None:
    root = copy_knowledge_base(tmp_path / "kb")
    result = make(root, "gettext", f"SOURCE_DATE_EPOCH={EPOCH}")
    assert result.returncode == 0, result.stdout + result.stderr
    template = (root / "_build/gettext/about.pot").read_text(encoding="utf-8")
    assert '"POT-Creation-Date: 2023-11-14 22:13+0000\\n"' in template
