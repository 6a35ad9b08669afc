"""The internal link check on a generated site with every kind of defect planted.

The generator (``benchmarks/links_site.py``, also used by ``make bench``)
writes pages shaped like furo's, with their chrome, and the source maps the
build would write; it lists each defect it planted with the source line a
finding must name.  The check must report each one, at that line, and
nothing else.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "check_links.py"
sys.path.insert(0, str(REPO / "benchmarks"))

from links_site import Defect, generate  # noqa: E402 - a sibling folder, not a package


def check(site: Path, *extra: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *extra, str(site)],
                          capture_output=True, text=True, check=False, cwd=cwd or site.parent,
                          timeout=120)


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Defect]]:
    out = tmp_path_factory.mktemp("links-site")
    defects = generate(out, pages=150)
    return out, defects


def test_every_planted_defect_is_found_at_its_line_and_nothing_else(
    planted: tuple[Path, list[Defect]],
) -> None:
    out, defects = planted
    result = check(out / "html", "--format", "json", "--no-baseline")
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    got = {(f["code"], f["page"], f["href"] or ""): f for f in findings}
    expected = {(d.code, d.page, d.href): d for d in defects}
    assert sorted(got) == sorted(expected)
    for key, defect in expected.items():
        if defect.line is not None:
            assert got[key]["line"] == defect.line, key
            assert got[key]["file"] == f"docs/{defect.page.split('/', 1)[1][:-5]}.md"


@pytest.fixture(scope="module")
def human_report(planted: tuple[Path, list[Defect]]) -> str:
    out, _ = planted
    return check(out / "html", "--no-baseline").stdout


@pytest.mark.parametrize("code", [
    "missing-file", "missing-anchor", "duplicate-id", "generated-anchor", "unlabelled-heading",
    "unpaired-page", "twin-anchor-missing", "placeholder-link", "leaves-language",
    "outside-site", "switcher-mismatch", "hreflang-mismatch",
])
def test_each_kind_of_defect_is_named_in_the_human_report(
    planted: tuple[Path, list[Defect]], human_report: str, code: str,
) -> None:
    _, defects = planted
    lines = [line for line in human_report.splitlines() if f": {code}: " in line]
    wanted = [d for d in defects if d.code == code]
    assert len(lines) == len(wanted)
    for defect in wanted:
        where = (f"docs/{defect.page.split('/', 1)[1][:-5]}.md:{defect.line}: " if defect.line
                 else "")
        assert any((line.startswith(where) and f"html/{defect.page}]" in line)
                   or line.startswith(f"html/{defect.page}: ") for line in lines), defect


def test_chrome_that_points_at_the_page_itself_is_not_a_placeholder(
    planted: tuple[Path, list[Defect]],
) -> None:
    out, defects = planted
    result = check(out / "html", "--format", "json", "--no-baseline")
    placeholders = [f for f in json.loads(result.stdout)["findings"]
                    if f["code"] == "placeholder-link"]
    # every page has '#' in its navigation tree, local TOC and back-to-top button;
    # only the three planted in articles are reported
    assert len(placeholders) == sum(d.code == "placeholder-link" for d in defects) == 3


def test_one_worker_and_two_find_the_same(planted: tuple[Path, list[Defect]]) -> None:
    out, _ = planted
    serial = check(out / "html", "--format", "json", "--no-baseline", "--jobs", "1")
    parallel = check(out / "html", "--format", "json", "--no-baseline", "--jobs", "2")
    assert json.loads(serial.stdout) == json.loads(parallel.stdout)


def test_github_annotations_point_at_source_lines(planted: tuple[Path, list[Defect]]) -> None:
    out, defects = planted
    result = check(out / "html", "--format", "github", "--no-baseline")
    assert result.returncode == 1
    defect = next(d for d in defects if d.code == "missing-anchor")
    source = f"docs/{defect.page.split('/', 1)[1][:-5]}.md"
    assert any(line.startswith(f"::error file={source},line={defect.line},"
                               "title=links%3A missing-anchor::")
               for line in result.stdout.splitlines())


def test_baseline_excuses_until_it_expires(planted: tuple[Path, list[Defect]],
                                          tmp_path: Path) -> None:
    out, defects = planted
    excused = next(d for d in defects if d.code == "outside-site")
    baseline = tmp_path / "baseline.toml"
    entry = (f'[[exception]]\ncode = "outside-site"\npage = "{excused.page}"\n'
             f'reason = "target moves with the next release"\n')
    baseline.write_text(entry + "expires = 2999-12-31\n", encoding="utf-8")
    result = check(out / "html", "--baseline", str(baseline))
    assert ": outside-site: " not in result.stdout
    assert f"{len(defects) - 1} finding(s)" in result.stdout
    baseline.write_text(entry + "expires = 2000-01-01\n", encoding="utf-8")
    result = check(out / "html", "--baseline", str(baseline))
    assert result.returncode == 1
    assert ": outside-site: " in result.stdout
    assert f"{baseline}:1: baseline-expired: " in result.stdout


def test_baseline_entry_matching_nothing_is_reported(planted: tuple[Path, list[Defect]],
                                                    tmp_path: Path) -> None:
    out, _ = planted
    baseline = tmp_path / "baseline.toml"
    baseline.write_text('[[exception]]\ncode = "missing-file"\npage = "en/nowhere.html"\n'
                        'reason = "fixed long ago"\nexpires = 2999-12-31\n', encoding="utf-8")
    result = check(out / "html", "--baseline", str(baseline))
    assert f"{baseline}:1: baseline-unused: " in result.stdout


@pytest.mark.parametrize(("text", "line", "message"), [
    ('[[exception]]\ncode = "x"\npage = "en/a.html"\nexpires = 2999-01-01\n', 1,
     "lacks reason"),
    ('[[exception]]\ncode = "x"\npage = "a"\nreason = "r"\nexpires = 2999-01-01\n\n'
     '[[exception]]\ncode = "x"\npage = "a"\nreason = "r"\nexpires = "soon"\n', 7,
     "expires must be a date"),
    ('[[exception]]\ncode = "x"\npage = "a"\nreason = "r"\nexpires = 2999-01-01\nwho = 1\n', 1,
     "unknown key(s) who"),
])
def test_malformed_baseline_names_file_and_line(planted: tuple[Path, list[Defect]],
                                                tmp_path: Path, text: str, line: int,
                                                message: str) -> None:
    out, _ = planted
    baseline = tmp_path / "baseline.toml"
    baseline.write_text(text, encoding="utf-8")
    result = check(out / "html", "--baseline", str(baseline))
    assert result.returncode == 2
    assert f"{baseline}:{line}: " in result.stderr and message in result.stderr


def test_unreadable_source_map_names_the_file(planted: tuple[Path, list[Defect]],
                                              tmp_path: Path) -> None:
    out, _ = planted
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    broken = copy / "doctrees" / "en" / "itukb-sourcemap" / "s00" / "p000.json"
    broken.write_text("{not json", encoding="utf-8")
    result = check(copy / "html", "--no-baseline")
    assert result.returncode == 2
    assert str(broken) in result.stderr


def test_missing_site_is_a_clear_error(tmp_path: Path) -> None:
    result = check(tmp_path / "html", "--no-baseline")
    assert result.returncode == 2
    assert "no built site here (run 'make html' first)" in result.stderr
