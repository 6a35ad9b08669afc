"""Publishing on a small project (``tests/roots/test-publishing``) and the hosting files.

Hostile titles, symbols and paragraphs are escaped in every tag and feed;
the languages come from ``kb_languages`` (a third one gets its alternates);
an incremental build re-writes descriptions and feeds; ``-j 2`` writes the
same bytes; a build without a base URL stays relative and writes no sitemap;
the hosting configurations parse and run make targets that exist.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest
import yaml
from lxml import etree, html

from tests.conftest import REPO, build_root

ROOT = REPO / "tests" / "roots" / "test-publishing"
BASE = "https://example.org/kb/"
HOSTILE_TITLE = "A & B \"C\" <E> 'D'"
HOSTILE_TEXT = ("First paragraph with \"quotes\", an ampersand & and "
                "<script>alert(1)</script> as text.")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    return src


def build(src: Path, out: Path, *extra: str) -> None:
    result = build_root(src, out, "-D", f"kb_baseurl={BASE}", *extra)
    assert result.returncode == 0, result.stderr


def page(out: Path, name: str) -> html.HtmlElement:
    return html.parse(str(out / f"{name}.html")).getroot()


def test_hostile_text_is_escaped_in_tags_and_feeds(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(project, out)
    root = page(out, "documents/hostile")
    assert root.xpath("//meta[@property='og:title']/@content") == [HOSTILE_TITLE]
    assert root.xpath("//meta[@name='description']/@content") == [HOSTILE_TEXT]
    assert root.xpath("//meta[@property='og:description']/@content") == [HOSTILE_TEXT]
    assert not root.xpath("//head//script[contains(., 'alert')]")
    raw = (out / "documents" / "hostile.html").read_text(encoding="utf-8")
    assert "<script>alert" not in raw and '"C"' not in raw.split("<body")[0]
    feed = feedparser.parse((out / "documents.atom").read_bytes())
    assert not feed.bozo
    entry = next(e for e in feed.entries if e.link.endswith("/hostile.html"))
    assert entry.title == f"X-1/2 & \"Q\" · {HOSTILE_TITLE}"
    assert entry.summary == HOSTILE_TEXT
    changes = feedparser.parse((out / "changelog.atom").read_bytes())
    assert not changes.bozo
    assert 'Written with "quotes" & <angles>.' in [c.summary for c in changes.entries]


def test_descriptions_skip_boxes_and_prefer_the_subject_line(project: Path,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(project, out)
    describe = {name: page(out, name).xpath("//meta[@name='description']/@content")
                for name in ("documents/letter", "documents/plain")}
    assert describe == {"documents/letter": ["A meeting to postpone"],
                        "documents/plain": ["The running text of the plain page is its "
                                            "description."]}


def test_the_languages_come_from_the_configuration(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(project, out, "-D", "kb_languages=en,zh_CN,fr")
    root = page(out, "documents/letter")
    hreflangs = root.xpath("//link[@rel='alternate'][@hreflang]/@hreflang")
    assert hreflangs == ["en", "zh-CN", "fr", "x-default"]
    assert root.xpath("//link[@hreflang='fr']/@href") == [f"{BASE}fr/documents/letter.html"]
    assert sorted(root.xpath("//meta[@property='og:locale:alternate']/@content")) == \
        ["fr", "zh_CN"]
    sitemap = etree.parse(str(out / "sitemap.xml"))
    alternates = sitemap.xpath("//*[local-name()='link'][@hreflang='fr']/@href")
    assert f"{BASE}fr/documents/letter.html" in alternates


def test_an_incremental_build_rewrites_descriptions_and_feeds(project: Path,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(project, out)
    letter = project / "documents" / "letter.md"
    letter.write_text(letter.read_text(encoding="utf-8").replace(
        "Subject: A meeting to postpone", "Subject: A meeting moved to May"), encoding="utf-8")
    plain = project / "documents" / "plain.md"
    plain.write_text(plain.read_text(encoding="utf-8").replace("date: 2020-05-06",
                                                              "date: 2023-05-06", 1),
                     encoding="utf-8")
    build(project, out)
    assert page(out, "documents/letter").xpath("//meta[@name='description']/@content") == \
        ["A meeting moved to May"]
    feed = feedparser.parse((out / "documents.atom").read_bytes())
    assert [e.link.rsplit("/", 1)[1] for e in feed.entries] == \
        ["plain.html", "hostile.html", "letter.html"]
    assert feed.entries[2].summary == "A meeting moved to May"
    rebuilt = tmp_path / "clean"
    build(project, rebuilt)
    for name in ("documents.atom", "changelog.atom", "sitemap.xml", "documents/letter.html"):
        assert (out / name).read_bytes() == (rebuilt / name).read_bytes(), name


def test_parallel_builds_write_the_same_feeds_and_sitemap(project: Path,
                                                          tmp_path: Path) -> None:
    build(project, tmp_path / "serial", "-j", "1")
    build(project, tmp_path / "parallel", "-j", "2")
    for name in ("documents.atom", "changelog.atom", "sitemap.xml", "404.html",
                 "documents/hostile.html"):
        assert (tmp_path / "serial" / name).read_bytes() == \
            (tmp_path / "parallel" / name).read_bytes(), name


def test_an_empty_feed_is_dated_by_source_date_epoch(project: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    for document in (project / "documents").glob("*.md"):
        document.unlink()
    index = project / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("documents/*\n", ""),
                     encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build(project, tmp_path / "out")
    feed = feedparser.parse((tmp_path / "out" / "documents.atom").read_bytes())
    assert not feed.bozo and feed.entries == []
    assert feed.feed.updated == "2023-11-14T22:13:20+00:00"


def test_a_local_build_stays_relative(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(project, out)  # with a base URL, then without: the sitemap must go
    result = build_root(project, out)
    assert result.returncode == 0, result.stderr
    root = page(out, "documents/letter")
    assert root.xpath("//link[@rel='canonical']") == []
    assert root.xpath("//meta[@property='og:url']") == []
    assert root.xpath("//meta[@property='og:title']/@content") == ["Letter CL-1/2 on a meeting"]
    assert root.xpath("//link[@hreflang='en']/@href") == ["../../en/documents/letter.html"]
    assert not (out / "sitemap.xml").exists()
    feed = feedparser.parse((out / "documents.atom").read_bytes())
    assert not feed.bozo and feed.entries[0].link == "documents/hostile.html"
    assert (out / "kb.json").read_text(encoding="utf-8").count('"url": "documents/') == 3


def test_a_base_url_that_is_not_an_absolute_url_fails_the_build(project: Path,
                                                                 tmp_path: Path) -> None:
    result = build_root(project, tmp_path / "out", "-D", "kb_baseurl=example.org/kb")
    assert result.returncode != 0
    assert "kb_baseurl (KB_BASEURL) must be the site's absolute http(s) URL" in result.stderr
    assert "'example.org/kb/'" in result.stderr


# -- hosting -----------------------------------------------------------------------


def make_targets() -> set[str]:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-zA-Z_-]+):", makefile, re.MULTILINE))


def make_commands(lines: list[str]) -> list[list[str]]:
    return [words[1:] for line in lines for words in [shlex.split(line)]
            if words and words[0] == "make"]


def dry_run(arguments: list[str], env: dict[str, str]) -> str:
    """What ``make`` would run with these arguments (variables as the host sets them)."""
    expanded = [re.sub(r"\$(\w+)|\$\{(\w+)\}", lambda m: env[m.group(1) or m.group(2)], arg)
                for arg in arguments]
    expanded = [arg for arg in expanded if not arg.startswith("SOURCE_DATE_EPOCH")]
    result = subprocess.run(["make", "-n", "--no-print-directory", "-C", str(REPO),
                             "VENV=.venv-none", *expanded], capture_output=True, text=True,
                            check=False)
    return result.stdout


def test_read_the_docs_builds_like_make_html_into_its_output_folder() -> None:
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    commands = make_commands(config["build"]["commands"])
    assert [c[0] for c in commands] == ["html"] and "html" in make_targets()
    assert any("unshallow" in line for line in config["build"]["commands"])
    output = dry_run(commands[0], {"READTHEDOCS_OUTPUT": "/rtd-out",
                                   "READTHEDOCS_CANONICAL_URL": BASE})
    assert "itukb.build.publish /rtd-out/staging /rtd-out/html zh_CN en" in output
    for language in ("zh_CN", "en"):
        assert (f'-D language={language} ' in output and f'-D kb_baseurl="{BASE}"' in output
                and f"/rtd-out/staging/{language}" in output)


def test_github_pages_builds_with_history_checks_and_publishes_main() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml")
                              .read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key 'on' as true
    assert triggers["push"]["branches"] == ["main"]
    steps = workflow["jobs"]["build"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    runs = [s["run"] for s in steps if "run" in s]
    commands = make_commands(runs)
    assert [c[0] for c in commands] == ["check"] and "check" in make_targets()
    output = dry_run(commands[0], {})
    assert "scripts/check_links.py --base-url" in output
    upload = next(s for s in steps if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "_build/html"
    assert any("deploy-pages" in s.get("uses", "")
               for s in workflow["jobs"]["deploy"]["steps"])


def test_make_html_reads_the_languages_from_conf_py_once(tmp_path: Path) -> None:
    """The makes ``make html`` runs for each language get them from the first one."""
    log = tmp_path / "conf-reads"
    python = tmp_path / "python"
    python.write_text(f'#!/bin/sh\necho read >> "{log}"\nexec python3 "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    output = dry_run(["html", f"PYTHON={python}"], {})
    assert "-D language=zh_CN " in output and "-D language=en " in output
    assert "kb_languages=zh_CN,en " in output
    assert log.read_text(encoding="utf-8").splitlines() == ["read"]
