"""``make html`` publishes only a good build, and keeps incremental builds incremental."""

from __future__ import annotations

from pathlib import Path

import pytest
from kbcontent import REPO, documents, plain_sentence
from kbcopy import copy_knowledge_base, differences, make, needs_venv, tree_digest

pytestmark = needs_venv

#: a sentence of a page that is not a document, to change; and a document to break
_FOUND = plain_sentence()
assert _FOUND is not None, "no page outside docs/documents/ has a plain sentence"
PAGE, SENTENCE = _FOUND[0].relative_to(REPO).as_posix(), _FOUND[1]
CHANGED = SENTENCE[:-1] + "，已修改。"
BUILT_PAGE = PAGE.removeprefix("docs/").removesuffix(".md") + ".html"
DOCUMENT = min(documents(), key=lambda d: d.docname)
DOC_PATH = DOCUMENT.path.relative_to(REPO).as_posix()
DATE_LINE = f"date: {DOCUMENT.meta.date.isoformat()}"


@pytest.fixture
def built(tmp_path: Path) -> Path:
    root = copy_knowledge_base(tmp_path / "kb")
    result = make(root, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_failed_build_leaves_the_last_good_site(built: Path) -> None:
    before = tree_digest(built / "_build/html")
    # a good change and a fault: the good one must not reach readers either
    edit(built / PAGE, SENTENCE, CHANGED)
    edit(built / DOC_PATH, DATE_LINE, "date: 2020-13-45")
    result = make(built, "html")
    assert result.returncode != 0
    assert "html-zh_CN: build failed; _build/html/zh_CN still holds the last good build" \
        in result.stderr
    assert differences(before, tree_digest(built / "_build/html")) == []
    page = (built / "_build/html/zh_CN" / BUILT_PAGE).read_text(encoding="utf-8")
    assert SENTENCE in page
    # Sphinx did write the staged copy: that is what the swap keeps from readers
    staged = (built / "_build/staging/zh_CN" / BUILT_PAGE).read_text(encoding="utf-8")
    assert CHANGED in staged
    # the next build reports the fault again, though it wrote the pages already
    again = make(built, "html")
    assert again.returncode != 0
    line = DOCUMENT.source.split("\n").index(DATE_LINE) + 1
    assert f"{DOC_PATH}:{line}:" in again.stderr


def test_incremental_build_after_a_swap_writes_only_what_changed(built: Path) -> None:
    def times(tree: Path) -> dict[str, int]:
        return {p.relative_to(tree).as_posix(): p.stat().st_mtime_ns
                for p in tree.rglob("*.html")}

    published, staged = times(built / "_build/html"), times(built / "_build/staging")
    edit(built / PAGE, SENTENCE, CHANGED)
    result = make(built, "html")
    assert result.returncode == 0, result.stdout + result.stderr
    published_after = times(built / "_build/html")
    staged_after = times(built / "_build/staging")
    for language in ("zh_CN", "en"):
        own = f"{language}/{BUILT_PAGE}"
        assert published_after[own] != published[own]
        untouched = [name for name in published if name.startswith(f"{language}/documents/")
                     or name.startswith(f"{language}/events/")]
        assert untouched
        for name in untouched:
            assert staged_after[name] == staged[name], f"Sphinx rewrote {name}"
            assert published_after[name] == published[name], f"{name} was published again"
    assert "published _build/html/en: " in result.stdout
    assert CHANGED in (built / "_build/html/zh_CN" / BUILT_PAGE).read_text(encoding="utf-8")
