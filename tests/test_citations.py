"""Typed citations: resolution, backlinks, derived pages, errors, incremental, parallel."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from lxml import html

from tests.conftest import assert_serial_equals_parallel
from tests.conftest import build_root as build

ROOT = Path(__file__).resolve().parent / "roots" / "test-citations"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    return src


@pytest.fixture
def built(project: Path, tmp_path: Path) -> Path:
    result = build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    return tmp_path / "out"


def links(page: Path, section: str) -> dict[str, str]:
    root = html.parse(str(page)).getroot()
    return {a.text_content(): a.get("href")
            for a in root.xpath(f'//section[@id="{section}"]/p//a')}


def backlinks(page: Path, section: str) -> list[str]:
    root = html.parse(str(page)).getroot()
    boxes = root.xpath(f'//section[@id="{section}"]/div[contains(@class, "kb-backlinks")]')
    assert len(boxes) <= 1
    return [a.get("href") for box in boxes
            for a in box.xpath('.//p[contains(@class, "kb-quote")]//a')]


def test_citation_resolves_to_revision_in_force_at_document_date(built: Path) -> None:
    old = links(built / "documents/a.html", "doc-a-body")
    assert old["Target 1.1"] == "../objects.html#res-9-2010-t-1-1"
    assert old["Resolution 9 (2010)"] == "../objects.html#res-9-2010"
    new = links(built / "documents/b.html", "doc-b-body")
    assert new["Target 1.1"] == "../objects.html#res-9-2015-t-1-1"
    assert new["Resolution 9 (Rev. 2015)"] == "../objects.html#res-9-2015"
    assert new["Event one"] == "../objects.html#event-1"


def test_explicit_revision_overrides_the_date(built: Path) -> None:
    root = html.parse(str(built / "documents/b.html")).getroot()
    history = root.xpath('//section[@id="doc-b-history"]/p//a')[0]
    assert history.get("href") == "../objects.html#res-9-2010-t-1-1"


def test_backlinks_point_at_the_citing_paragraph(built: Path) -> None:
    objects = built / "objects.html"
    assert backlinks(objects, "res-9-2010-t-1-1") == [
        "documents/b.html#doc-b-history-cite-1", "documents/a.html#doc-a-body-cite-1"]
    assert backlinks(objects, "res-9-2015-t-1-1") == ["documents/b.html#doc-b-body-cite-1"]
    assert backlinks(objects, "res-9-2015-t-2-2") == []
    page = html.parse(str(built / "documents/a.html")).getroot()
    assert page.xpath('//p[@id="doc-a-body-cite-1"]')


def test_document_lists_what_it_cites(built: Path) -> None:
    root = html.parse(str(built / "documents/b.html")).getroot()
    cites = [a.text_content() for a in root.cssselect(".kb-cites a")]
    assert cites == ["Target 1.1", "Resolution 9 (Rev. 2015)", "Event one", "Target 1.1"]


def test_matrix_and_export(built: Path) -> None:
    root = html.parse(str(built / "matrix.html")).getroot()
    header = [th.text_content().strip() for th in root.cssselect("table.kb-matrix thead th")]
    assert header[0] == "Document" and "Target 1.1" in header
    rows = root.cssselect("table.kb-matrix tbody tr")
    assert len(rows) == 2
    export = json.loads((built / "kb.json").read_text(encoding="utf-8"))
    target = next(o for o in export["objects"] if o["id"] == "res-9-2015:1.1")
    assert target["kind"] == "target" and target["url"] == "objects.html#res-9-2015-t-1-1"
    assert target["cited_by"] == [{"id": "doc-b", "url": "documents/b.html#doc-b-body-cite-1"}]
    doc_a = next(d for d in export["documents"] if d["id"] == "doc-a")
    assert doc_a["metadata"]["date"] == "2012-01-01"
    assert {c["id"] for c in doc_a["cites"]} == {"res-9-2010:1.1", "res-9-2010", "ev-1"}
    assert (built / "kb.schema.json").is_file()


def test_object_index_lists_every_object(built: Path) -> None:
    root = html.parse(str(built / "kb-objects.html")).getroot()
    text = root.text_content()
    for name in ("Old target 1.1", "New target 1.1", "Resolution 9 (Rev. 2015)", "Event one",
                 "Document a"):
        assert name in text


@pytest.mark.parametrize(("page", "add", "line", "message"), [
    ("documents/a.md", "See {target}`9.9`.", 27, "unknown target '9.9'"),
    ("documents/a.md", "See {event}`nope`.", 27, "unknown event 'nope'"),
    ("documents/a.md", "See {target}`2.2@res-9-2010`.", 27, "res-9-2010 has no target 2.2"),
    ("documents/a.md", "See {target}`2.2`.", 27, "target 2.2 is not in the revision in force"),
    ("objects.md", "(dup)=\n## Dup\n\n```{kb:event} ev-1\n```", 57,
     "duplicate object id 'ev-1'"),
    ("objects.md", "(t9)=\n## T\n\n```{kb:target} 9.1\n:revision: res-9-2099\n```", 58,
     "target 'res-9-2099:9.1': ':revision:' names unknown revision 'res-9-2099' (known: "),
    ("objects.md", "(r9)=\n## R\n\n```{kb:revision} res-9-2099\n:resolution: ev-1\n"
     ":adopted: 2099\n```", 58, "':resolution:' must name a resolution; 'ev-1' is an event"),
])
def test_bad_citation_fails_with_file_and_line(
    project: Path, tmp_path: Path, page: str, add: str, line: int, message: str
) -> None:
    path = project / page
    path.write_text(path.read_text(encoding="utf-8") + "\n" + add + "\n", encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert f"{page}:{line}:" in result.stderr, result.stderr
    assert message in result.stderr, result.stderr


def test_refused_front_matter_does_not_cascade_into_citation_errors(
    project: Path, tmp_path: Path
) -> None:
    """With its date refused, a page's dated citations are not each reported again."""
    (project / "objects.md").write_text(
        (project / "objects.md").read_text(encoding="utf-8")
        + "\n(old-3-3)=\n## Old 3.3\n\n```{kb:target} 3.3\n:revision: res-9-2010\n```\n",
        encoding="utf-8")
    page = project / "documents/a.md"
    text = page.read_text(encoding="utf-8") + "\nSee {target}`3.3` and {target}`9.9`.\n"
    page.write_text(text, encoding="utf-8")
    dated = build(project, tmp_path / "dated")
    assert "unknown target '9.9'" in dated.stderr and "3.3" not in dated.stderr, dated.stderr
    page.write_text(text.replace("date: 2012-01-01", "date: someday"), encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "documents/a.md:5:" in result.stderr and "field 'date'" in result.stderr
    assert "unknown target '9.9'" in result.stderr, result.stderr  # a real error stays
    assert "target 3.3 is not in the revision in force" not in result.stderr, result.stderr


def test_every_problem_of_a_page_in_one_run(project: Path, tmp_path: Path) -> None:
    """A wrong version does not hide a title unlike the heading or an out-of-revision target.

    The date is right, so the citations are checked against it in the same run.
    """
    page = project / "documents/a.md"
    text = page.read_text(encoding="utf-8")
    text = text.replace('version: "1.0"\nhistory', 'version: "1.1"\nhistory')
    text = text.replace("title: Document a", "title: Document A")
    page.write_text(text + "\nSee {target}`2.2`.\n", encoding="utf-8")
    lines = text.split("\n")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    for line, words in ((lines.index('version: "1.1"') + 1, "field 'version'"),
                        (lines.index("title: Document A") + 1, "differs from the page heading"),
                        (len(lines) + 1, "target 2.2 is not in the revision in force")):
        assert any(f"documents/a.md:{line}:" in x and words in x
                   for x in result.stderr.splitlines()), (words, result.stderr)


def test_citation_in_a_revision_year_is_ambiguous(project: Path, tmp_path: Path) -> None:
    page = project / "documents/a.md"
    page.write_text(page.read_text(encoding="utf-8").replace("2012-01-01", "2015-06-01"),
                    encoding="utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "documents/a.md:23:" in result.stderr
    assert "ambiguous citation" in result.stderr and "@res-9-2015" in result.stderr


def test_incremental_build_updates_backlinks_matrix_and_lists(
    project: Path, built: Path
) -> None:
    page = project / "documents/a.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("This cites {target}`1.1` and", "This cites")
                    .replace("title: Document a", "title: Document A2")
                    .replace("# Document a", "# Document A2"), encoding="utf-8")
    result = build(project, built)
    assert result.returncode == 0, result.stderr
    assert backlinks(built / "objects.html", "res-9-2010-t-1-1") == [
        "documents/b.html#doc-b-history-cite-1"]
    matrix = (built / "matrix.html").read_text(encoding="utf-8")
    assert "Document A2" in matrix
    page.write_text(text + "\nAnd {target}`2.2@res-9-2015`.\n", encoding="utf-8")
    assert build(project, built).returncode == 0
    assert backlinks(built / "objects.html", "res-9-2015-t-2-2") == [
        "documents/a.html#doc-a-body-cite-3"]


def test_parallel_build_matches_serial_build(project: Path, tmp_path: Path) -> None:
    for n in range(8):
        source = (project / "documents/a.md").read_text(encoding="utf-8")
        (project / f"documents/extra{n}.md").write_text(
            source.replace("doc-a", f"doc-x{n}").replace("Document a", f"Document x{n}"),
            encoding="utf-8")
    assert_serial_equals_parallel(project, tmp_path)
