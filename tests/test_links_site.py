"""The internal link check on the real site, built once per session.

The site must pass: every link and anchor resolves in both languages, the
languages pair up.  Damaging a copy of the build shows that a finding names
the line an editor must change: the MyST page, or the catalog entry when
only the translation carries the broken link.
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


def check(site: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *extra, str(site)], capture_output=True,
                          text=True, check=False, cwd=REPO, timeout=120)


@pytest.fixture
def damaged(site: Path, tmp_path: Path) -> Path:
    """A copy of the built site (and its source maps) to break."""
    shutil.copytree(site, tmp_path / "html")
    shutil.copytree(site.parent / "doctrees", tmp_path / "doctrees",
                    ignore=shutil.ignore_patterns("*.doctree", "*.pickle"))
    return tmp_path / "html"


def cross_page_link(root: Path, language: str, *, translated: bool) -> tuple[str, list]:
    """A page of ``language`` and a link an editor wrote on it to an anchor of another page.

    Written by an editor: the MyST line the source map gives for it names the
    anchor (a ``{ref}`` names its label).  Links the build generates, such
    as "cited by" lists, are passed over.
    """
    maps = root.parent / "doctrees" / language / "itukb-sourcemap"
    for path in sorted(maps.rglob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        lines = Path(record["source"]).read_text(encoding="utf-8").splitlines()
        for link in record["links"]:
            href, line, is_translated = link
            if "#" in href and not href.startswith(("#", "http", "mailto")) and line \
                    and is_translated == translated and href.split("#")[1] in lines[line - 1]:
                return record["page"], link
    pytest.fail(f"no link of the {language} build maps to a MyST line naming its anchor")


def test_real_site_passes(site: Path) -> None:
    result = check(site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 findings" in result.stdout


def test_missing_anchor_is_reported_at_every_use_with_its_myst_line(damaged: Path) -> None:
    page, (href, line, _) = cross_page_link(damaged, "zh_CN", translated=False)
    target = (Path("zh_CN") / page).parent / href.split("#")[0]
    fragment = href.split("#")[1]
    target_file = damaged / target
    target_file.write_text(target_file.read_text(encoding="utf-8").replace(
        f'id="{fragment}"', 'id="renamed-anchor"'), encoding="utf-8")
    result = check(damaged, "--no-baseline")
    assert result.returncode == 1
    findings = [text for text in result.stdout.splitlines() if ": missing-anchor: " in text
                and f"#{fragment}'" in text]
    uses = subprocess.run(["grep", "-rl", f"#{fragment}\"", str(damaged / "zh_CN")],
                          capture_output=True, text=True, check=False).stdout.split()
    assert len(findings) >= len(uses) >= 1  # every page that links to it
    source = f"docs/{page[:-len('.html')]}.md:{line}: missing-anchor: "
    assert any(text.startswith(source) for text in findings), findings


def test_link_broken_only_in_the_translation_points_at_the_catalog(damaged: Path) -> None:
    page, (href, line, _) = cross_page_link(damaged, "en", translated=True)
    broken = href + "-typo"
    built = damaged / "en" / page
    built.write_text(built.read_text(encoding="utf-8").replace(
        f'href="{href}"', f'href="{broken}"', 1), encoding="utf-8")
    sourcemap = damaged.parent / "doctrees" / "en" / "itukb-sourcemap" / (page[:-5] + ".json")
    sourcemap.write_text(sourcemap.read_text(encoding="utf-8").replace(
        json.dumps(href), json.dumps(broken), 1), encoding="utf-8")
    result = check(damaged, "--no-baseline")
    assert result.returncode == 1
    finding = next(text for text in result.stdout.splitlines() if broken in text)
    catalog = f"locale/en/LC_MESSAGES/{page[:-5]}.po"
    assert finding.startswith(catalog + ":"), finding
    assert f"(translation of docs/{page[:-5]}.md:{line})" in finding
    number = int(finding.split(":")[1])
    assert (REPO / catalog).read_text(encoding="utf-8").splitlines()[number - 1].startswith(
        "msgstr")
