"""The source map the build writes for the link checker, in serial and parallel builds.

The project in tests/data/links/project has enough pages for Sphinx to read
and write them in parallel with ``-j 2``; the maps must be the same either
way, and name the lines an editor wrote each link and anchor on.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PROJECT = REPO / "tests" / "data" / "links" / "project"


def build(out: Path, jobs: int) -> None:
    for language in ("zh_CN", "en"):
        result = subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", str(jobs),
             "-D", f"language={language}", "-d", str(out / "doctrees" / language),
             str(PROJECT), str(out / "html" / language)],
            capture_output=True, text=True, check=False, timeout=300)
        assert result.returncode == 0, result.stderr
    # the language chooser at the root, as `make html` copies it
    shutil.copy(REPO / "docs" / "_root" / "index.html", out / "html" / "index.html")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    outs = {}
    for jobs in (1, 2):
        out = tmp_path_factory.mktemp(f"sourcemap-j{jobs}")
        build(out, jobs)
        outs[jobs] = out
    return outs


def maps(out: Path, language: str) -> dict[str, dict]:
    folder = out / "doctrees" / language / "itukb-sourcemap"
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("*.json")}


def test_parallel_build_writes_the_same_maps(builds: dict[int, Path]) -> None:
    serial, parallel = maps(builds[1], "en"), maps(builds[2], "en")
    assert sorted(serial) == ["index", *(f"page-{i}" for i in range(1, 7))]
    assert serial == parallel


def test_map_names_the_line_of_each_link_and_anchor(builds: dict[int, Path]) -> None:
    record = maps(builds[2], "zh_CN")["page-1"]
    assert record["source"] == str(PROJECT / "page-1.md")
    assert record["links"] == [
        ["page-2.html#page-2-part", 7, False],
        # MyST gives inline markup the line its paragraph starts on
        ["#footnote-n1", 9, False],
        ["index.html#home", 9, False],
        ["#fnref-n1", 12, False],  # the footnote's back-link, where the footnote is
    ]
    assert record["anchors"]["page-1-part"] == [5]
    assert record["labels"] == ["page-1", "page-1-part"]
    assert maps(builds[2], "zh_CN")["index"]["toctrees"] == [4]


def test_checker_passes_the_parallel_build(builds: dict[int, Path]) -> None:
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "check_links.py"),
                             "--no-baseline", str(builds[2] / "html")],
                            capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
