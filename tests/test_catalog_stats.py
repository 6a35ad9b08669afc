"""``make stats``: progress per catalog and in total, fuzzy counted as not translated."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data" / "catalogs"
PROGRESS = DATA / "bad" / "en" / "LC_MESSAGES" / "progress.po"

_spec = importlib.util.spec_from_file_location("po_stats", REPO / "scripts" / "po_stats.py")
assert _spec and _spec.loader
po_stats = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(po_stats)


def test_json_counts_fuzzy_as_not_translated(capsys: pytest.CaptureFixture[str]) -> None:
    assert po_stats.main(["--json", str(PROGRESS), str(DATA / "good")]) == 0
    report = json.loads(capsys.readouterr().out)
    progress, good = report["catalogs"]
    assert progress["path"].endswith("progress.po")
    assert {key: progress[key] for key in
            ("language", "translated", "fuzzy", "untranslated", "obsolete", "total",
             "percent")} == {"language": "en", "translated": 1, "fuzzy": 1,
                             "untranslated": 1, "obsolete": 1, "total": 3, "percent": 33.33}
    assert good["percent"] == 100.0 and good["obsolete"] == 1
    total = report["languages"]["en"]
    assert total["translated"] == 1 + good["translated"]
    assert total["total"] == 3 + good["total"]


def test_table_shows_each_catalog_and_the_total(capsys: pytest.CaptureFixture[str]) -> None:
    assert po_stats.main([str(PROGRESS)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["catalog", "translated", "fuzzy", "untranslated", "obsolete",
                                "done"]
    assert lines[1].split()[1:] == ["1", "1", "1", "1", "33.3%"]
    assert lines[2].split()[:4] == ["total", "en", "(1", "catalogs)"]


def test_language_filter_and_bad_catalog(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "en" / "LC_MESSAGES" / "broken.po"
    broken.parent.mkdir(parents=True)
    broken.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    assert po_stats.main(["--json", "-l", "fr", str(tmp_path)]) == 0
    assert json.loads(capsys.readouterr().out)["catalogs"] == []
    assert po_stats.main([str(tmp_path)]) == 1
    assert f"{broken}:2: error: [syntax] string not closed" in capsys.readouterr().err
