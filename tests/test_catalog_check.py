"""``make check-po``: each check proven by a crafted catalog, and a good one that passes.

The crafted catalogs live in ``tests/data/catalogs``.  In the bad ones, a
comment ``# expect: CHECK`` (or ``# expect-warning: CHECK``) stands before
each entry a finding must point at; the tests require exactly those
findings, so a check that fires where it should not fails as surely as one
that stays silent.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from itukb.catalogs.findings import display_path

REPO = Path(__file__).resolve().parent.parent


def load_script(name: str) -> object:
    """A script of ``scripts/`` as a module, to call its ``main`` in-process."""
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


main = load_script("check_catalogs").main  # type: ignore[attr-defined]
DATA = REPO / "tests" / "data" / "catalogs"
GLOSSARY = REPO / "locale" / "glossary.tsv"
BAD = sorted((DATA / "bad" / "en" / "LC_MESSAGES").glob("*.po"))
FINDING = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+): (?:error|(?P<warning>warning)): \[(?P<check>[\w-]+)\] ")
MARKER = re.compile(r"#.*\bexpect(?P<warning>-warning)?: (?P<check>[a-z-]+)(?: @(?P<line>\d+))?")


def expected_findings(path: Path) -> set[tuple[int, str, bool]]:
    """(line, check, is_warning) for each ``# expect:`` marker of a crafted catalog."""
    lines = path.read_text(encoding="utf-8").split("\n")
    expected = set()
    for number, text in enumerate(lines, start=1):
        marker = MARKER.match(text)
        if marker is None:
            continue
        if marker.group("line"):
            target = int(marker.group("line"))
        else:  # the entry's first line that is neither a comment nor msgctxt
            target = next(n for n, t in enumerate(lines[number:], start=number + 1)
                          if not t.startswith("#") and not t.startswith("msgctxt"))
        expected.add((target, marker.group("check"), bool(marker.group("warning"))))
    return expected


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    code = main([str(arg) for arg in args])
    return code, capsys.readouterr().out


def reported(output: str, path: Path) -> set[tuple[int, str, bool]]:
    found = set()
    for line in output.splitlines():
        match = FINDING.match(line)
        if match and match.group("path") == display_path(path):
            found.add((int(match.group("line")), match.group("check"),
                       bool(match.group("warning"))))
    return found


def test_good_catalog_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run(capsys, "--glossary", GLOSSARY, DATA / "good")
    assert code == 0, output
    assert output.strip() == "1 catalogs checked: 0 errors, 0 warnings"


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_each_bad_catalog_reports_exactly_its_findings(
    capsys: pytest.CaptureFixture[str], path: Path
) -> None:
    expected = expected_findings(path)
    assert expected, f"{path.name} has no '# expect:' markers"
    code, output = run(capsys, "--glossary", GLOSSARY, path)
    assert reported(output, path) == expected, output
    assert code == (1 if any(not warning for _, _, warning in expected) else 0), output


def test_finding_quotes_the_source_message(capsys: pytest.CaptureFixture[str]) -> None:
    path = DATA / "bad" / "en" / "LC_MESSAGES" / "numbers.po"
    _, output = run(capsys, path)
    assert (f"{display_path(path)}:16: error: [numbers] number(s) of the source missing from the "
            'translation: 20 (msgid "第CL-20/20号通函")') in output


def test_glossary_is_only_enforced_when_given(capsys: pytest.CaptureFixture[str]) -> None:
    path = DATA / "bad" / "en" / "LC_MESSAGES" / "glossary.po"
    code, output = run(capsys, "--threshold", "en=0", path)
    assert code == 0, output
    assert "[glossary]" not in output


def test_threshold_counts_fuzzy_as_untranslated(capsys: pytest.CaptureFixture[str]) -> None:
    path = DATA / "bad" / "en" / "LC_MESSAGES" / "progress.po"
    code, output = run(capsys, path)
    assert code == 1
    assert "[threshold] en is 33.3% translated (1 of 3; 1 fuzzy, 1 untranslated), below the " \
           "required 100%" in output
    code, output = run(capsys, "--threshold", "en=30", path)
    assert code == 0, output
    assert "warning: [untranslated] not translated yet" in output
    assert "[threshold]" not in output


def test_bad_glossary_names_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    glossary = tmp_path / "glossary.tsv"
    glossary.write_text("# terms\n国际电联\tITU\n数字化转型 digital transformation\n",
                        encoding="utf-8")
    code = main(["--glossary", str(glossary), str(DATA / "good")])
    assert code == 1
    assert f"{display_path(glossary)}:3: expected 'Chinese<TAB>English<TAB>note'" in \
        capsys.readouterr().err


def test_language_comes_from_the_directory(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Chinese in a zh_CN catalog is expected; the same catalog in en is not."""
    source = DATA / "bad" / "en" / "LC_MESSAGES" / "chinese.po"
    target = tmp_path / "zh_CN" / "LC_MESSAGES" / "chinese.po"
    target.parent.mkdir(parents=True)
    target.write_text(source.read_text(encoding="utf-8").replace("Language: en",
                                                                 "Language: zh_CN"),
                      encoding="utf-8")
    code, output = run(capsys, target)
    assert code == 0, output


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_at_least_as_strict_as_msgfmt(capsys: pytest.CaptureFixture[str]) -> None:
    """Every crafted catalog ``msgfmt --check`` refuses, the checker refuses too."""
    crafted = [*BAD, DATA / "good" / "en" / "LC_MESSAGES" / "good.po"]
    refused = [path for path in crafted if subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)],
        capture_output=True, check=False).returncode != 0]
    assert len(refused) >= 6, "the crafted catalogs no longer exercise msgfmt's checks"
    passed = [path.name for path in refused
              if run(capsys, "--threshold", "en=0", path)[0] == 0]
    assert not passed, f"msgfmt --check refuses these but the checker passes them: {passed}"


def test_large_catalog_gives_the_same_report_in_parallel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A catalog split between processes is reported exactly as when checked whole."""
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en",
                   "MIME-Version": "1.0"}
    filler = " The event was held in Geneva and brought together ITU Member States." * 3
    for number in range(4500):
        translation = f"Resolution {number}: ITU, 27 April 2020.{filler}"
        if number in (5, 2251, 4498):
            translation = translation.replace(str(number), str(number + 1), 1)
        po.append(polib.POEntry(msgid=f"第{number}号决议：国际电联，2020年4月27日。"
                                      + "会议在日内瓦举行，国际电联成员国参加了会议。" * 3,
                                msgstr=translation))
    path = tmp_path / "en" / "LC_MESSAGES" / "big.po"
    path.parent.mkdir(parents=True)
    po.save(str(path))
    assert path.stat().st_size > 1 << 20  # large enough to be split
    whole = run(capsys, "--jobs", "1", "--glossary", GLOSSARY, path)
    split = run(capsys, "--jobs", "2", "--glossary", GLOSSARY, path)
    assert whole == split
    assert whole[0] == 1
    assert sorted(check for _, check, _ in reported(whole[1], path)) == [
        "header", "numbers", "numbers", "numbers"]
    # a message defined twice, far apart, is found across the slices too
    po.append(polib.POEntry(msgid=po[5].msgid, msgstr=po[5].msgstr))
    po.save(str(path))
    code, output = run(capsys, "--jobs", "2", path)
    assert code == 1
    assert "[syntax] duplicate message: already defined on line" in output


def test_real_catalogs_pass() -> None:
    """The project's own catalogs, as ``make check-po`` runs it."""
    result = subprocess.run(
        [sys.executable, "scripts/check_catalogs.py", "--glossary", "locale/glossary.tsv",
         "locale"], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_translators_guide_lists_the_whole_glossary() -> None:
    """CONTRIBUTING.md shows translators the same glossary the checker enforces."""
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = {line for line in guide.splitlines() if line.startswith("| ")}
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            chinese, english, *note = line.split("\t")
            forms = " / ".join(form.strip() for form in english.split("|"))
            rows.append(f"| {chinese} | {forms} | {note[0] if note else ''} |")
    missing = [row for row in rows if row not in table]
    assert not missing, "CONTRIBUTING.md's glossary table lacks:\n" + "\n".join(missing)
