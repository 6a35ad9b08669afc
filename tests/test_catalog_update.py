"""``make update-po``: regenerate the templates, merge them, lose no translation.

Each test extracts the messages of a tiny Chinese project with Sphinx's
gettext builder (as ``make gettext`` does), merges them with
``scripts/update_po.py``, plays the translator with polib, edits the
source and merges again, then looks at the catalog a translator would open.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

REPO = Path(__file__).resolve().parent.parent
ROOT = REPO / "tests" / "roots" / "test-catalog-update"

_spec = importlib.util.spec_from_file_location("update_po", REPO / "scripts" / "update_po.py")
assert _spec and _spec.loader
update_po = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(update_po)

TRANSLATIONS = {
    "国际电联文献": "ITU documents",
    "本知识库收录国际电联的文献。": "This knowledge base collects ITU documents.",
    "2020年4月27日，国际电联宣布推迟举办2020数字世界展。":
        "On 27 April 2020, ITU announced the postponement of Digital World 2020.",
    "联系人：秘书长办公室": "Contact: Office of the Secretary-General",
    "通函": "Circular letter",
    "尊敬的先生/女士，": "Dear Sir/Madam,",
    "顺致敬意！": "Yours faithfully,",
}


class Project:
    """A copy of the test root, its templates and its English catalogs."""

    def __init__(self, base: Path) -> None:
        self.source = base / "docs"
        self.templates = base / "gettext"
        self.locale = base / "locale"
        shutil.copytree(ROOT, self.source)

    def catalog(self, name: str = "index") -> Path:
        return self.locale / "en" / "LC_MESSAGES" / f"{name}.po"

    def extract(self) -> None:
        """``make gettext``: a fresh set of templates."""
        shutil.rmtree(self.templates, ignore_errors=True)
        result = subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-W", str(self.source),
             str(self.templates), "-d", str(self.templates.parent / "doctrees")],
            capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr

    def update(self, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
        code = update_po.main(["--pot-dir", str(self.templates), "--locale-dir",
                               str(self.locale), "-l", "en"])
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    def translate_everything(self) -> None:
        for path in self.catalog().parent.glob("*.po"):
            po = polib.pofile(str(path))
            for entry in po:
                entry.msgstr = TRANSLATIONS[entry.msgid]
            po.save()

    def edit(self, page: str, old: str, new: str) -> None:
        path = self.source / f"{page}.md"
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Project:
    """The project extracted, merged into new catalogs and fully translated."""
    project = Project(tmp_path)
    project.extract()
    code, output = project.update(capsys)
    assert code == 0, output
    assert "created" in output
    project.translate_everything()
    return project


def entry(path: Path, msgid: str, *, obsolete: bool = False) -> polib.POEntry:
    po = polib.pofile(str(path))
    found = [e for e in po if e.msgid == msgid and e.obsolete == obsolete]
    assert len(found) == 1, f"{msgid!r} not found in {path}"
    return found[0]


def test_new_catalogs_hold_every_message(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    project = Project(tmp_path)
    project.extract()
    code, output = project.update(capsys)
    assert code == 0, output
    po = polib.pofile(str(project.catalog()))
    assert [e.msgid for e in po] == list(TRANSLATIONS)[:4]
    assert po.metadata["Language"] == "en"
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert all(not e.translated() for e in po)


def test_new_catalogs_have_the_projects_header(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """No gettext boilerplate, no fuzzy header, nothing ``make check-po`` warns about."""
    project = Project(tmp_path)
    project.extract()
    code, output = project.update(capsys)
    assert code == 0, output
    text = project.catalog().read_text(encoding="utf-8")
    for boilerplate in ("SOME DESCRIPTIVE TITLE", "FIRST AUTHOR", "YEAR-MO-DA", "PACKAGE",
                        "LANGUAGE <LL@li.org>"):
        assert boilerplate not in text
    assert text.startswith("# English translation of docs/index.md")
    po = polib.pofile(str(project.catalog()))
    assert not po.metadata_is_fuzzy
    assert po.metadata["PO-Revision-Date"] == po.metadata["POT-Creation-Date"]
    project.translate_everything()
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "check_catalogs.py"),
                             str(project.locale)], capture_output=True, text=True, check=False)
    assert "[header]" not in result.stdout, result.stdout
    assert result.returncode == 0, result.stdout


def test_changed_paragraph_keeps_translation_as_fuzzy_with_previous_source(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    old = "本知识库收录国际电联的文献。"
    new = "本知识库收录国际电联的各类文献。"
    project.edit("index", old, new)
    project.extract()
    code, output = project.update(capsys)
    assert code == 0
    assert "1 changed (fuzzy, previous source as #| msgid)" in output
    changed = entry(project.catalog(), new)
    assert changed.fuzzy
    assert changed.previous_msgid == old
    assert changed.msgstr == TRANSLATIONS[old]
    text = project.catalog().read_text(encoding="utf-8")
    assert f'#, fuzzy\n#| msgid "{old}"\nmsgid "{new}"' in text
    # the rest is untouched and still translated
    unchanged = entry(project.catalog(), "联系人：秘书长办公室")
    assert not unchanged.fuzzy and unchanged.msgstr == TRANSLATIONS["联系人：秘书长办公室"]


def test_removed_paragraph_is_kept_as_obsolete_and_comes_back(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    removed = "联系人：秘书长办公室"
    project.edit("index", f"{removed}\n", "")
    project.extract()
    code, output = project.update(capsys)
    assert code == 0
    assert "1 removed (kept as obsolete #~)" in output
    kept = entry(project.catalog(), removed, obsolete=True)
    assert kept.msgstr == TRANSLATIONS[removed]
    assert f'#~ msgid "{removed}"' in project.catalog().read_text(encoding="utf-8")
    project.edit("index", "```{toctree}", f"{removed}\n\n```{{toctree}}")
    project.extract()
    code, output = project.update(capsys)
    assert "1 restored from obsolete" in output
    back = entry(project.catalog(), removed)
    assert back.msgstr == TRANSLATIONS[removed] and not back.fuzzy


def test_new_paragraph_is_untranslated(project: Project,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    project.edit("letter", "顺致敬意！", "此致。\n\n顺致敬意！")
    project.extract()
    code, output = project.update(capsys)
    assert code == 0
    assert "1 new" in output
    added = entry(project.catalog("letter"), "此致。")
    assert added.msgstr == "" and not added.fuzzy


def test_updating_twice_changes_nothing(project: Project,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    project.edit("index", "本知识库收录", "本知识库现收录")
    project.extract()
    project.update(capsys)
    before = {p: p.read_bytes() for p in project.locale.rglob("*.po")}
    project.extract()  # a new POT-Creation-Date, the same messages
    code, output = project.update(capsys)
    assert code == 0
    assert "en: 0 written or reported, 2 unchanged" in output
    assert {p: p.read_bytes() for p in project.locale.rglob("*.po")} == before


def test_renamed_page_gets_the_old_translations_for_review(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    (project.source / "letter.md").rename(project.source / "circular.md")
    project.edit("index", "letter\n", "circular\n")
    project.extract()
    code, output = project.update(capsys)
    assert code == 0
    assert "3 from other catalogs (fuzzy)" in output
    assert "kept" in output and "letter.po: no template for it" in output
    borrowed = entry(project.catalog("circular"), "顺致敬意！")
    assert borrowed.fuzzy and borrowed.msgstr == TRANSLATIONS["顺致敬意！"]
    assert project.catalog("letter").exists()


def test_changed_source_fails_the_check_until_reviewed(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.edit("index", "本知识库收录", "本知识库现收录")
    project.extract()
    project.update(capsys)
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "check_catalogs.py"),
                             str(project.locale)], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 1
    assert "[fuzzy] needs review" in result.stdout
    assert "kept as '#| msgid'" in result.stdout


def test_malformed_catalog_stops_the_update_and_names_the_line(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    path = project.catalog()
    lines = path.read_text(encoding="utf-8").split("\n")
    broken = next(i for i, line in enumerate(lines) if line.startswith("msgstr") and i > 10)
    lines[broken] = 'msgstr "unterminated'
    path.write_text("\n".join(lines), encoding="utf-8")
    before = path.read_bytes()
    project.edit("index", "本知识库收录", "本知识库现收录")
    project.extract()
    code, output = project.update(capsys)
    assert code == 1
    assert f"{path}:{broken + 1}: error: [syntax] string not closed" in output
    assert "nothing written" in output
    assert path.read_bytes() == before
