"""A maintainer's mistakes fail the build with the file and line named."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html

ROOTS = Path(__file__).resolve().parent / "roots"


def build(srcdir: Path, outdir: Path, *, env: dict[str, str] | None = None,
          language: str | None = None) -> subprocess.CompletedProcess[str]:
    args = [sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "--keep-going", "-q"]
    if language:
        args += ["-D", f"language={language}"]
    return subprocess.run([*args, str(srcdir), str(outdir)], capture_output=True, text=True,
                          check=False, env=env)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "src"
    shutil.copytree(ROOTS / "test-frontmatter", target)
    return target


def test_valid_front_matter_builds(project: Path, tmp_path: Path) -> None:
    result = build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out/documents/letter.html").read_text(encoding="utf-8")
    assert "CL-99/1" in page and "27 April 2020" in page


def test_addressees_may_be_left_out(project: Path, tmp_path: Path) -> None:
    """A source that names no addressee gets no "Addressed to" row, not a guess."""
    page = project / "documents/letter.md"
    text = page.read_text(encoding="utf-8")
    assert "addressees:\n  - 成员国\n" in text
    page.write_text(text.replace("addressees:\n  - 成员国\n", ""), encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    root = html.parse(str(tmp_path / "out/documents/letter.html")).getroot()
    fields = [" ".join(dt.text_content().split()) for dt in root.cssselect(".kb-metadata dt")]
    assert "Issued by:" in fields and "Addressed to:" not in fields, fields
    assert not root.cssselect(".kb-addressees")


@pytest.mark.parametrize(("old", "new", "line", "expected"), [
    ("date: 2020-04-27\nplace", "date: 27/04/2020\nplace", 6, "field 'date'"),
    # looks like a date to PyYAML, which then fails without a line: must not crash
    ("date: 2020-04-27\nplace", "date: 2020-13-45\nplace", 6, "got '2020-13-45'"),
    ("kind: circular-letter\n", "", 1, "field 'kind' is missing"),
    ("kind: circular-letter", "kind: memo", 5, "unknown kind 'memo'"),
    # the line with the unclosed '[', not the next one, where PyYAML notices
    ("place: 日内瓦", "place: [日内瓦", 7, "malformed YAML"),
    ('version: "1.1"\n', 'version: "1.2"\n', 12, "latest history entry is 1.1"),
    ("    version: \"1.1\"", "    version: \"0.9\"", 17, "does not increase"),
    ("title: 测试通函", "title: 别的标题", 4, "differs from the page heading"),
    ("symbol: CL-99/1", "symbol: CL-99/1\nauthor: x", 4, "field 'author': unknown field"),
    # optional, but when given it names someone
    ("addressees:\n  - 成员国\n", "addressees: []\n", 9, "field 'addressees'"),
])
def test_front_matter_error_names_file_line_and_field(
    project: Path, tmp_path: Path, old: str, new: str, line: int, expected: str
) -> None:
    page = project / "documents/letter.md"
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert f"documents/letter.md:{line}:" in result.stderr, result.stderr
    assert expected in result.stderr, result.stderr


def test_every_front_matter_problem_is_reported_in_one_run(project: Path,
                                                           tmp_path: Path) -> None:
    page = project / "documents/letter.md"
    text = page.read_text(encoding="utf-8")
    for old, new in (("kind: circular-letter", "kind: memo"),
                     ("date: 2020-04-27\nplace", "date: 27/04/2020\nplace"),
                     ("    version: \"1.1\"", "    version: \"0.9\""),
                     ("issuer: 秘书长\n", "")):
        assert old in text
        text = text.replace(old, new, 1)
    page.write_text(text, encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    findings = [line for line in result.stderr.splitlines() if "[itukb.frontmatter]" in line]
    assert len(findings) == 4, result.stderr
    for where, what in ((":1:", "field 'issuer' is missing"), (":5:", "unknown kind 'memo'"),
                        (":6:", "field 'date'"), (":16:", "does not increase")):
        assert any(f"documents/letter.md{where}" in line and what in line
                   for line in findings), result.stderr


def test_placeholder_link_fails_the_build(project: Path, tmp_path: Path) -> None:
    page = project / "documents/letter.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n见[某网站](#)。\n", encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "documents/letter.md:26:" in result.stderr
    assert "placeholder link '#' on '某网站'" in result.stderr


@pytest.mark.parametrize("html", ['<span onclick="alert(1)">x</span>', "<script>x()</script>",
                                  '<iframe src="https://example.org/"></iframe>'])
def test_active_raw_html_fails_the_build(project: Path, tmp_path: Path, html: str) -> None:
    page = project / "documents/letter.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n见{html}。\n", encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "documents/letter.md:26:" in result.stderr, result.stderr
    assert "in the page: published HTML may not run scripts" in result.stderr


def test_unlabelled_heading_fails_the_build(project: Path, tmp_path: Path) -> None:
    page = project / "documents/letter.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n## 无标签的小节\n\n内容。\n",
                    encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "documents/letter.md:26:" in result.stderr
    assert "has no explicit label" in result.stderr
