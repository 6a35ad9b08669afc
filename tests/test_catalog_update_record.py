"""``make update-po`` parses only the catalogs that changed since the last update.

The record of the last update (``itukb/catalogs/update_record.py``) must
never change what an update writes: each test runs the same steps with the
record and without it and requires the same catalogs, byte for byte.  The
templates are brought up to date as ``make gettext`` does, writing only those
whose messages changed and deleting those of removed pages, so that the
record, kept beside them, survives as it does in a real checkout.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import itukb.catalogs.update as update
from tests.test_catalog_update import TRANSLATIONS, Project, entry

_CREATION = re.compile(r'^"POT-Creation-Date: .*\n', re.MULTILINE)
_DATES = re.compile(r'^"(?:POT-Creation|PO-Revision)-Date: .*\n', re.MULTILINE)


class RecordedProject(Project):
    """A project whose templates are extracted incrementally, keeping the record."""

    def extract(self) -> None:
        scratch = self.templates.with_name("gettext-scratch")
        templates, self.templates = self.templates, scratch
        try:
            super().extract()
        finally:
            self.templates = templates
        self.templates.mkdir(exist_ok=True)
        fresh = {p.relative_to(scratch): p for p in scratch.rglob("*.pot")}
        for relative, path in fresh.items():
            target = self.templates / relative
            text = path.read_text(encoding="utf-8")
            if not target.exists() or (_CREATION.sub("", target.read_text(encoding="utf-8"))
                                       != _CREATION.sub("", text)):
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        for old in self.templates.rglob("*.pot"):
            if old.relative_to(self.templates) not in fresh:
                old.unlink()

    def record(self) -> Path:
        return self.templates / ".update-po-en.json"

    def catalogs(self) -> dict[str, str]:
        """Every catalog's text, but for the dates of its header: the two projects
        compared are extracted at different times."""
        return {p.relative_to(self.locale).as_posix():
                _DATES.sub("", p.read_text(encoding="utf-8"))
                for p in sorted(self.locale.rglob("*.po"))}


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The catalogs an update parses."""
    parsed: list[Path] = []
    original = update.read_catalog

    def counting(path: Path) -> update.Catalog:
        parsed.append(path)
        return original(path)

    monkeypatch.setattr(update, "read_catalog", counting)
    return parsed


def recorded_project(base: Path, capsys: pytest.CaptureFixture[str]) -> RecordedProject:
    """Extracted, merged, translated by hand and merged again: the record is up to date."""
    project = RecordedProject(base)
    project.extract()
    assert project.update(capsys)[0] == 0
    project.translate_everything()
    assert project.update(capsys)[0] == 0
    assert project.record().is_file()
    return project


def test_an_update_with_nothing_changed_parses_no_catalog(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], reads: list[Path]) -> None:
    project = recorded_project(tmp_path, capsys)
    before = project.catalogs()
    reads.clear()
    code, output = project.update(capsys)
    assert code == 0 and "en: 0 written or reported, 2 unchanged" in output
    assert reads == []
    assert project.catalogs() == before


def test_an_edited_page_parses_its_catalog_and_writes_what_a_full_update_writes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], reads: list[Path]) -> None:
    with_record = recorded_project(tmp_path / "a", capsys)
    without = recorded_project(tmp_path / "b", capsys)
    for project in (with_record, without):
        project.edit("index", "本知识库收录", "本知识库现收录")
        project.extract()
    without.record().unlink()
    reads.clear()
    code, output = with_record.update(capsys)
    assert code == 0 and "updated" in output and "index.po" in output
    assert [p.name for p in reads] == ["index.po"]
    assert without.update(capsys)[0] == 0
    assert with_record.catalogs() == without.catalogs()
    assert entry(with_record.catalog(), "本知识库现收录国际电联的文献。").fuzzy


def test_a_renamed_page_borrows_from_catalogs_known_only_by_the_record(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], reads: list[Path]) -> None:
    with_record = recorded_project(tmp_path / "a", capsys)
    without = recorded_project(tmp_path / "b", capsys)
    for project in (with_record, without):
        (project.source / "letter.md").rename(project.source / "circular.md")
        project.edit("index", "letter\n", "circular\n")
        project.extract()
    without.record().unlink()
    reads.clear()
    code, output = with_record.update(capsys)
    assert code == 0 and "3 from other catalogs (fuzzy)" in output
    # letter.po, now without a template, and index.po, whose toctree changed, are read;
    # the translations borrowed come from letter.po
    assert "letter.po" in {p.name for p in reads}
    assert without.update(capsys)[0] == 0
    assert with_record.catalogs() == without.catalogs()
    borrowed = entry(with_record.catalog("circular"), "顺致敬意！")
    assert borrowed.fuzzy and borrowed.msgstr == TRANSLATIONS["顺致敬意！"]


def test_a_catalog_broken_by_hand_is_read_and_reported_despite_the_record(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = recorded_project(tmp_path, capsys)
    path = project.catalog("letter")
    lines = path.read_text(encoding="utf-8").split("\n")
    broken = next(i for i, line in enumerate(lines) if line.startswith("msgstr") and i > 10)
    lines[broken] = 'msgstr "unterminated'
    path.write_text("\n".join(lines), encoding="utf-8")
    code, output = project.update(capsys)
    assert code == 1
    assert f"{path}:{broken + 1}: error: [syntax] string not closed" in output


def test_a_record_from_other_merge_code_or_unreadable_is_ignored(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], reads: list[Path]) -> None:
    project = recorded_project(tmp_path, capsys)
    record = json.loads(project.record().read_text(encoding="utf-8"))
    for damaged in (json.dumps({**record, "code": "other"}), "{not json"):
        project.record().write_text(damaged, encoding="utf-8")
        reads.clear()
        assert project.update(capsys)[0] == 0
        assert len(reads) == len(list(project.catalog().parent.glob("*.po")))
    shutil.rmtree(project.templates)
    project.extract()
    reads.clear()
    assert project.update(capsys)[0] == 0
    assert reads, "a record deleted with the templates: everything is read again"
