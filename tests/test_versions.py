"""Versions and relations: version box, last-changed date, change log, supersedes...

Built from ``tests/roots/test-versions`` (copied outside any git checkout, so
dates come from the front matter unless a test makes a repository) and from
the real site for the bilingual texts.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from kbcontent import documents, translated
from kbwords import format_date
from lxml import html

from tests.conftest import REPO, assert_serial_equals_parallel, build_root, build_site

ROOT = Path(__file__).resolve().parent / "roots" / "test-versions"


def build(src: Path, out: Path, language: str = "en") -> subprocess.CompletedProcess[str]:
    return build_root(src, out, "-D", f"language={language}")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    return src


def texts(page: Path, selector: str) -> list[str]:
    root = html.parse(str(page)).getroot()
    return [" ".join(el.text_content().split()) for el in root.cssselect(selector)]


def box(page: Path, section: str, css: str) -> list[tuple[str, list[str]]]:
    """Text and link targets of the ``css`` blocks directly in ``section``."""
    root = html.parse(str(page)).getroot()
    return [(" ".join(el.text_content().split()), [a.get("href") for a in el.iter("a")])
            for el in root.xpath(f'//section[@id="{section}"]/div[contains(@class, "{css}")]')]


# -- the test project, in both languages ----------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("versions")
    src = tmp / "src"
    shutil.copytree(ROOT, src)
    outs = {}
    for language in ("en", "zh_CN"):
        result = build(src, tmp / language, language)
        assert result.returncode == 0, result.stderr
        outs[language] = tmp / language
    return outs


def test_version_box_shows_version_date_and_change_log_link(built: dict[str, Path]) -> None:
    en = box(built["en"] / "documents/old.html", "old", "kb-version-box")
    assert en == [("Version 1.1 · Last updated: 3 February 2012 · Change log",
                   ["../changelog.html#change-doc-old-v1-1"])]
    zh = box(built["zh_CN"] / "documents/old.html", "old", "kb-version-box")
    assert zh == [("版本1.1 · 最后更新：2012年2月3日 · 更新记录",
                   ["../changelog.html#change-doc-old-v1-1"])]
    changelog = html.parse(str(built["en"] / "changelog.html")).getroot()
    assert changelog.xpath('//li[@id="change-doc-old-v1-1"]')



def footer(page: Path) -> str:
    return " ".join(html.parse(str(page)).getroot().xpath('string(//div[@class="footer"])')
                    .split())


def test_footer_date_without_history_comes_from_front_matter(built: dict[str, Path]) -> None:
    assert "Last updated on 3 February 2012." in footer(built["en"] / "documents/old.html")
    assert "2012年2月3日" in footer(built["zh_CN"] / "documents/old.html")
    assert "Last updated" not in footer(built["en"] / "objects.html")  # no history at all


def test_change_log_lists_every_entry_newest_first(built: dict[str, Path]) -> None:
    assert texts(built["en"] / "changelog.html", ".kb-changelog li") == [
        "8 July 2014 · Cancelling document · Version 1.0: Cancellation written.",
        "6 May 2013 · Fixing document · Version 1.0: Fix written.",
        "3 February 2012 · Old document · Version 1.1: Proofread.",
        "1 January 2012 · Old document · Version 1.0: Written.",
    ]
    assert texts(built["zh_CN"] / "changelog.html", ".kb-changelog li")[0] == \
        "2014年7月8日 · Cancelling document · 版本1.0：Cancellation written."


def test_supersedes_is_shown_on_both_sides_with_the_latest_version(
    built: dict[str, Path]
) -> None:
    page = built["en"] / "objects.html"
    # the first text is not called a revision, nor the latest one the text in force
    assert box(page, "res-1-2000", "kb-notice") == [(
        "Superseded This text has been superseded by Resolution 1 (Rev. 2010). "
        "Latest version in this knowledge base: Resolution 1 (Rev. 2020).",
        ["#res-1-2010", "later.html#res-1-2020"])]
    # every superseded text names the latest version, the next-to-last one too
    assert box(page, "res-1-2010", "kb-notice") == [(
        "Superseded This text has been superseded by Resolution 1 (Rev. 2020), the latest "
        "version in this knowledge base.", ["later.html#res-1-2020"])]
    # relations are shown once: what the status line says is not repeated below
    assert box(page, "res-1-2010", "kb-relations") == [(
        "Related Supersedes: Resolution 1 (2000)", ["#res-1-2000"])]
    assert box(built["en"] / "later.html", "res-1-2020", "kb-notice") == [(
        "Latest version This is the latest version in this knowledge base.", [])]
    assert box(built["en"] / "later.html", "res-1-2020", "kb-relations") == [
        ("Related Supersedes: Resolution 1 (Rev. 2010)", ["objects.html#res-1-2010"])]
    zh = built["zh_CN"] / "objects.html"
    assert box(zh, "res-1-2000", "kb-notice")[0][0] == (
        "已被取代 本文本已被Resolution 1 (Rev. 2010)取代。"
        "本知识库收录的最新版本：Resolution 1 (Rev. 2020)。")
    assert box(zh, "res-1-2010", "kb-notice")[0][0] == (
        "已被取代 本文本已被Resolution 1 (Rev. 2020)取代；后者是本知识库收录的最新版本。")
    assert box(zh, "res-1-2000", "kb-relations") == []


def test_postponed_and_replaced_events(built: dict[str, Path]) -> None:
    page = built["en"] / "objects.html"
    assert box(page, "ev-a", "kb-notice") == [(
        "Postponed This event was postponed to Event B. It was replaced by Event C.",
        ["#ev-b", "#ev-c"])]
    assert box(page, "ev-b", "kb-relations") == [("Related Postponed from: Event A", ["#ev-a"])]
    assert box(page, "ev-c", "kb-relations") == [("Related Replaces: Event A", ["#ev-a"])]
    zh = built["zh_CN"] / "objects.html"
    assert box(zh, "ev-b", "kb-relations")[0][0] == "关联 由以下活动推迟而来：Event A"


def test_amends_and_cancels_between_documents(built: dict[str, Path]) -> None:
    old = built["en"] / "documents/old.html"
    assert box(old, "old", "kb-notice") == [
        ("Cancelled This document has been cancelled by Cancelling document.", ["stop.html"])]
    assert box(old, "old", "kb-relations") == [
        ("Related Amended by: Fixing document", ["fix.html"])]
    assert box(built["en"] / "documents/fix.html", "fix", "kb-relations") == [
        ("Related Amends: Old document", ["old.html"])]
    assert box(built["en"] / "documents/fix.html", "fix", "kb-notice") == []
    export = json.loads((built["en"] / "kb.json").read_text(encoding="utf-8"))
    doc_old = next(d for d in export["documents"] if d["id"] == "doc-old")
    assert doc_old["relations"] == [
        {"relation": "amended-by", "id": "doc-fix", "url": "documents/fix.html"},
        {"relation": "cancelled-by", "id": "doc-stop", "url": "documents/stop.html"}]
    assert doc_old["metadata"]["cancels"] == [] and "_relation_lines" not in doc_old["metadata"]
    revision = next(o for o in export["objects"] if o["id"] == "res-1-2010")
    assert revision["relations"] == [
        {"relation": "supersedes", "id": "res-1-2000", "url": "objects.html#res-1-2000"},
        {"relation": "superseded-by", "id": "res-1-2020", "url": "later.html#res-1-2020"}]
    assert revision["metadata"]["supersedes"] == ["res-1-2000"]
    zh = built["zh_CN"] / "documents/old.html"
    assert box(zh, "old", "kb-notice")[0][0] == "已废止 本文献已被Cancelling document废止。"
    assert box(zh, "old", "kb-relations")[0][0] == "关联 被以下文献修正：Fixing document"


# -- errors ----------------------------------------------------------------------


@pytest.mark.parametrize(("page", "old", "new", "line", "message"), [
    ("objects.md", ":supersedes: res-1-2000", ":supersedes: nope", 25,
     "':supersedes:' names unknown revision 'nope'"),
    ("objects.md", ":supersedes: res-1-2000", ":supersedes: Res_X", 25,
     "Invalid option value for 'supersedes': Res_X: Res_X is not a lower-case ASCII slug"),
    ("objects.md", ":replaced-by: ev-c", ":replaced-by: res-1", 33,
     "':replaced-by:' must name an event; 'res-1' is a resolution"),
    ("objects.md", ":adopted: 2000\n", ":adopted: 2000\n:supersedes: res-1-2020\n", 17,
     "cycle in 'supersedes': res-1-2000 → res-1-2020 → res-1-2010 → res-1-2000"),
    ("objects.md", "```{kb:event} ev-b\n", "```{kb:event} ev-b\n:postponed-to: ev-b\n", 40,
     "cycle in 'postponed-to': ev-b → ev-b"),
    ("objects.md", "```{kb:event} ev-b\n", "```{kb:event} ev-b\n:postponed-to: ev-a\n", 32,
     "cycle in 'postponed-to': ev-a → ev-b → ev-a"),
    ("later.md", ":supersedes: res-1-2010\n```\n",
     ":supersedes: res-1-2010\n```\n\n(r30)=\n## R30\n\n```{kb:revision} res-1-2030\n"
     ":resolution: res-1\n:adopted: 2030\n:supersedes: res-1-2010\n```\n", 19,
     "'res-1-2010' is superseded by both res-1-2020 and res-1-2030"),
    ("documents/fix.md", "  - doc-old", "  - doc-nope", 12,
     "front matter field 'amends' names unknown document 'doc-nope'"),
    ("documents/fix.md", "amends:\n  - doc-old", "amends: doc-old", 12,
     "front matter field 'amends': expected a list of document ids"),
    ("documents/stop.md", "  - doc-old", "  - doc-stop", 12,
     "cycle in 'cancels': doc-stop → doc-stop"),
    ("documents/old.md", "  - date: 2012-02-03", "  - date: 2011-12-31", 16,
     "date 2011-12-31 is earlier than the entry before it"),
    ("objects.md", "```{kb:event} ev-c\n```\n", "```{kb:event} ev-c\n```\n\n"
     "````{note}\n```{kb:event} ev-z\n```\n````\n", 49,
     "must be declared directly under a labelled heading"),
])
def test_bad_relation_or_history_fails_with_file_and_line(
    project: Path, tmp_path: Path, page: str, old: str, new: str, line: int, message: str
) -> None:
    path = project / page
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert f"{page}:{line}:" in result.stderr, result.stderr
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "Exception" not in result.stderr


def test_broken_relation_keeps_failing_an_unchanged_rebuild(project: Path, tmp_path: Path) -> None:
    page = project / "objects.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        ":supersedes: res-1-2000", ":supersedes: nope"), encoding="utf-8")
    for _ in range(2):  # the second build re-reads nothing
        result = build(project, tmp_path / "out")
        assert result.returncode != 0
        assert "objects.md:25:" in result.stderr and "unknown revision 'nope'" in result.stderr


# -- incremental builds ------------------------------------------------------------


def test_history_change_updates_change_log_without_a_clean_build(
    project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert build(project, out).returncode == 0
    page = project / "documents/fix.md"
    page.write_text(page.read_text(encoding="utf-8")
                    .replace('version: "1.0"\namends', 'version: "1.1"\namends')
                    .replace("    change: Fix written.\n", "    change: Fix written.\n"
                             "  - date: 2015-09-10\n    version: \"1.1\"\n"
                             "    change: Typo corrected.\n"), encoding="utf-8")
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    assert texts(out / "changelog.html", ".kb-changelog li")[0] == \
        "10 September 2015 · Fixing document · Version 1.1: Typo corrected."
    assert box(out / "documents/fix.html", "fix", "kb-version-box")[0][0] == \
        "Version 1.1 · Last updated: 10 September 2015 · Change log"


def test_new_relation_rewrites_the_other_page(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(project, out).returncode == 0
    later = project / "later.md"
    later.write_text(later.read_text(encoding="utf-8").replace(":supersedes: res-1-2010\n", ""),
                     encoding="utf-8")
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    page = out / "objects.html"  # its source did not change
    assert box(page, "res-1-2010", "kb-notice") == [(
        "Latest version This is the latest version in this knowledge base.", [])]
    assert box(page, "res-1-2000", "kb-notice") == [(
        "Superseded This text has been superseded by Resolution 1 (Rev. 2010), the latest "
        "version in this knowledge base.", ["#res-1-2010"])]


def test_object_index_lists_revisions_in_order_of_adoption(project: Path,
                                                           tmp_path: Path) -> None:
    # names whose alphabetical order is not the order of adoption
    renamed = {"objects.md": ("(Rev. 2010)", "(Rev. Zurich, 2010)"),
               "later.md": ("(Rev. 2020)", "(Rev. Athens, 2020)")}
    for page, (old, new) in renamed.items():
        path = project / page
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert texts(tmp_path / "out/kb-objects.html", "section#revision li > a") == [
        "Resolution 1 (2000)", "Resolution 1 (Rev. Zurich, 2010)",
        "Resolution 1 (Rev. Athens, 2020)"]


def test_parallel_build_matches_serial_build(project: Path, tmp_path: Path) -> None:
    assert_serial_equals_parallel(project, tmp_path)


# -- the last-changed date from git ------------------------------------------------


def git(cwd: Path, *args: str, date: str | None = None) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    if date:
        env.update(GIT_AUTHOR_DATE=f"{date}T12:00:00Z", GIT_COMMITTER_DATE=f"{date}T12:00:00Z")
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                    "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                   cwd=cwd, env=env, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_last_changed_comes_from_git_and_follows_new_commits(
    project: Path, tmp_path: Path
) -> None:
    git(project, "init", "-q")
    git(project, "add", "index.md", "objects.md", "later.md", "changelog.md", "conf.py",
        "documents/old.md", "documents/fix.md")
    git(project, "commit", "-q", "-m", "first", date="2021-03-04")
    out = tmp_path / "out"
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    assert "Last updated: 4 March 2021" in texts(out / "documents/old.html", ".kb-version-box")[0]
    assert "Last updated on 4 March 2021." in footer(out / "objects.html")
    # untracked: the front matter's latest history entry
    assert "Last updated: 8 July 2014" in texts(out / "documents/stop.html",
                                                 ".kb-version-box")[0]
    assert "Last updated on 8 July 2014." in footer(out / "documents/stop.html")
    # a commit that changes no source file still changes the date shown
    (project / "notes.txt").write_text("x\n", encoding="utf-8")
    page = project / "documents/old.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    assert build(project, out).returncode == 0  # re-read while modified: still 4 March
    assert "4 March 2021" in texts(out / "documents/old.html", ".kb-version-box")[0]
    git(project, "add", "documents/old.md")
    git(project, "commit", "-q", "-m", "second", date="2022-05-06")
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    assert "Last updated: 6 May 2022" in texts(out / "documents/old.html", ".kb-version-box")[0]
    assert "Last updated on 6 May 2022." in footer(out / "documents/old.html")
    assert "4 March 2021" in texts(out / "documents/fix.html", ".kb-version-box")[0]
    assert "Last updated on 4 March 2021." in footer(out / "objects.html")
    # a page re-written only because its date changed (objects.md is committed as read)
    objects = project / "objects.md"
    objects.write_text(objects.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    assert build(project, out).returncode == 0
    git(project, "add", "objects.md")
    git(project, "commit", "-q", "-m", "third", date="2023-08-09")
    assert build(project, out).returncode == 0
    assert "Last updated on 9 August 2023." in footer(out / "objects.html")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_translated_page_changes_when_its_catalog_does(project: Path, tmp_path: Path) -> None:
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "first", date="2021-03-04")
    catalog = project / "locale/en/LC_MESSAGES/documents/fix.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                       'msgid "Text."\nmsgstr "Translated text."\n\n'
                       'msgid "Fix written."\nmsgstr "Fix drafted."\n', encoding="utf-8")
    git(project, "add", str(catalog))
    git(project, "commit", "-q", "-m", "translate", date="2023-01-02")
    en, zh = build(project, tmp_path / "en"), build(project, tmp_path / "zh", "zh_CN")
    assert en.returncode == 0 and zh.returncode == 0, en.stderr + zh.stderr
    assert "Translated text." in (tmp_path / "en/documents/fix.html").read_text(encoding="utf-8")
    assert "Last updated: 2 January 2023" in texts(tmp_path / "en/documents/fix.html",
                                                    ".kb-version-box")[0]
    assert "最后更新：2021年3月4日" in texts(tmp_path / "zh/documents/fix.html",
                                          ".kb-version-box")[0]
    assert "Last updated: 4 March 2021" in texts(tmp_path / "en/documents/old.html",
                                                  ".kb-version-box")[0]
    # the change log shows each change text as the page's readers see it
    assert "6 May 2013 · Fixing document · Version 1.0: Fix drafted." in texts(
        tmp_path / "en/changelog.html", ".kb-changelog li")
    assert "2013年5月6日 · Fixing document · 版本1.0：Fix written." in texts(
        tmp_path / "zh/changelog.html", ".kb-changelog li")


# -- the real site ------------------------------------------------------------------


def real_revisions(site: Path, language: str) -> dict[str, dict]:
    export = json.loads((site / language / "kb.json").read_text(encoding="utf-8"))
    return {o["id"]: o for o in export["objects"] if o["kind"] == "revision"}


def test_real_superseded_texts_name_their_successor_and_the_latest(site: Path) -> None:
    for language in ("zh_CN", "en"):
        revisions = real_revisions(site, language)
        successor = {ident: r["id"] for ident, o in revisions.items()
                     for r in o.get("relations", []) if r["relation"] == "superseded-by"}
        if not successor:
            pytest.skip("no revision in the knowledge base is superseded")
        for ident, obj in revisions.items():
            page, _, anchor = obj["url"].partition("#")
            notice = box(site / language / page, anchor, "kb-notice")
            if ident not in successor:
                # the end of a chain says that it is the latest version, naming nothing
                assert [hrefs for _, hrefs in notice] in ([], [[]]), ident
                continue
            latest = ident
            while latest in successor:
                latest = successor[latest]
            named = [successor[ident]] + ([latest] if latest != successor[ident] else [])
            [(text, hrefs)] = notice
            assert [h.partition("#")[2] for h in hrefs] == [
                revisions[i]["url"].partition("#")[2] for i in named], (language, ident)
            assert all(revisions[i]["title"] in text for i in named), (language, text)


def test_real_object_index_lists_revisions_in_order_of_adoption(site: Path) -> None:
    for language in ("zh_CN", "en"):
        revisions = real_revisions(site, language).values()
        adopted = sorted(revisions, key=lambda o: (o["metadata"]["resolution"],
                                                   o["metadata"]["adopted"], o["id"]))
        assert texts(site / language / "kb-objects.html",
                     "section#revision code.kb-object-id") == [o["id"] for o in adopted]


#: relation options of the directives, and what the other side shows
DECLARED = {"supersedes": "superseded-by", "postponed-to": "postponed-from",
            "replaced-by": "replaces"}
DIRECTIVE = re.compile(r"^```\{kb:\w+\} (\S+)\n((?::[\w-]+: .*\n)*)", re.MULTILINE)


def declared_relations() -> list[tuple[str, str, str]]:
    """(object, option, other object) for every relation declared in docs/."""
    found = []
    for page in sorted((REPO / "docs").rglob("*.md")):
        for match in DIRECTIVE.finditer(page.read_text(encoding="utf-8")):
            for option in match.group(2).splitlines():
                name, _, value = option[1:].partition(": ")
                if name in DECLARED:
                    found += [(match.group(1), name, other)
                              for other in re.split(r"[\s,]+", value.strip()) if other]
    return found


def test_real_site_relations_in_both_languages(site: Path) -> None:
    """Every relation declared in docs/ is shown on both sides, in kb.json and on the page."""
    relations = declared_relations()
    for language in ("en", "zh_CN"):
        export = json.loads((site / language / "kb.json").read_text(encoding="utf-8"))
        objects = {o["id"]: o for o in export["objects"]}
        for subject, option, other in relations:
            assert {"relation": option, "id": other, "url": objects[other]["url"]} in \
                objects[subject]["relations"]
            assert {"relation": DECLARED[option], "id": subject,
                    "url": objects[subject]["url"]} in objects[other]["relations"]
            # the notice: on the superseded revision, on the event that moved
            shown, seen = (other, subject) if option == "supersedes" else (subject, other)
            page_url, _, anchor = objects[shown]["url"].partition("#")
            notices = box(site / language / page_url, anchor, "kb-notice")
            assert notices, (language, shown)
            assert any(href.endswith("#" + objects[seen]["url"].partition("#")[2])
                       for _, hrefs in notices for href in hrefs), (language, shown, seen)
            assert objects[seen]["title"] in notices[0][0]


def test_real_change_log_is_translated_and_linked_from_home(site: Path) -> None:
    """Every history entry of every document is in the change log, translated."""
    entries = [(document, entry) for document in documents() for entry in document.meta.history]
    for language in ("en", "zh_CN"):
        log = texts(site / language / "changelog.html", ".kb-changelog li")
        assert len(log) == len(entries)
        for _document, entry in entries:
            change = entry.change if language == "zh_CN" else translated(entry.change)
            assert any(change in line and entry.version in line for line in log), change
        home = html.parse(str(site / language / "index.html")).getroot()
        assert home.xpath('//section[@id="home-browse"]//a[starts-with(@href, "changelog.html")]')
        for document in documents():
            depth = "../" * document.docname.count("/")
            anchor = f"change-{document.meta.id}-v{document.meta.version.replace('.', '-')}"
            page = html.parse(str(site / language / f"{document.docname}.html")).getroot()
            assert page.cssselect(f'.kb-version-box a[href="{depth}changelog.html#{anchor}"]')
            log_page = html.parse(str(site / language / "changelog.html")).getroot()
            assert log_page.xpath(f'//*[@id="{anchor}"]')


def test_site_builds_outside_a_git_checkout(tmp_path: Path) -> None:
    """A tarball of the repository: no history, so dates come from the front matter."""
    copy = tmp_path / "tarball"
    for name in ("docs", "locale"):
        shutil.copytree(REPO / name, copy / name, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(REPO / "conf.py", copy / "conf.py")
    results = build_site(tmp_path / "out", languages=("en",), srcdir=copy / "docs",
                         confdir=copy)
    assert results["en"].returncode == 0, results["en"].stderr
    for document in documents():
        page = tmp_path / f"out/html/en/{document.docname}.html"
        latest = document.meta.history[-1]
        assert texts(page, ".kb-version-box") == [
            f"Version {document.meta.version} · Last updated: "
            f"{format_date(latest.date, 'en')} · Change log"]
