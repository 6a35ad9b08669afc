"""Generate a synthetic knowledge base of N documents, in Chinese with English catalogs.

The site has the shape of ours (``docs/`` with a home page, a document list
grouped by year, documents by kind, the traceability matrix, the change log, resolution
pages declaring revisions and targets) and the same conventions: documents
with complete front matter, every heading below the title labelled, and
citations through our roles: ``{target}`r.k``` (the revision in force at
the document's date), ``{resolution}`N@2018``` and ``{document}`id```.

The English catalogs (``locale/en/LC_MESSAGES/<page>.po``) are written
directly with polib from the same message table the pages are written from,
so every message is translated, roles and numbers are kept, and the
glossary is respected: the English build is complete and ``make check-po``
passes.  If a page's messages ever stopped matching what Sphinx extracts,
``make update-po`` would turn them untranslated and the check would fail,
which the benchmark runs and reports.

The same knowledge base can be written as a plain Sphinx + MyST user would
write it (``plain=True``), the anchor the benchmark compares our build with:
the citations become ``{ref}`` links to the same labels (a target cited
without a revision links to the revision in force at the document's date,
as our role resolves it) and ``{doc}`` links, our directives (objects,
document lists, the matrix, the change log) are left out, the front matter
stays as MyST reads it, and the catalogs hold the same translations of the
messages such a site has.  :func:`plain_conf` is its ``conf.py``.

Usage as a script: python benchmarks/kb_site.py OUTDIR [--documents N] [--plain]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import polib

from itukb.catalogs.policy import WRAP_WIDTH

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kb_content import (
    FIRST_YEAR,
    FRONT,
    HEADER,
    KINDS,
    PARAGRAPHS,
    RESOLUTIONS,
    REVISIONS,
    SECTIONS,
    TARGETS_PER_REVISION,
    TOPICS,
    YEARS,
    document_id,
    plain_links,
    resolution_number,
)

REPO = Path(__file__).resolve().parent.parent

@dataclass
class Page:
    """One MyST page and the English of each of its messages."""

    docname: str
    lines: list[str] = field(default_factory=list)
    #: a document's date, which a plain page's links depend on
    date: dt.date | None = None
    messages: dict[str, str] = field(default_factory=dict)

    def text(self, zh: str, en: str) -> None:
        """A line that is one message (a paragraph, a heading's text follows its marks)."""
        self.lines += [zh, ""]
        self.message(zh, en)

    def heading(self, level: int, label: str, zh: str, en: str) -> None:
        if label:
            self.lines.append(f"({label})=")
        self.lines += [f"{'#' * level} {zh}", ""]
        self.message(zh, en)

    def message(self, zh: str, en: str) -> None:
        self.messages.setdefault(zh, en)

    def raw(self, *lines: str) -> None:
        self.lines += [*lines, ""]


class KnowledgeBase:
    """The plan of a synthetic knowledge base of ``documents`` documents.

    With ``plain``, the pages a plain Sphinx + MyST user would write (see the
    module's docstring); the same documents, text and labels.
    """

    def __init__(self, documents: int, seed: int = 8, plain: bool = False) -> None:
        self.count = documents
        self.plain = plain
        self.rng = random.Random(seed)
        # the objects cited are a fixed set, as ITU's resolutions are; documents grow
        self.resolutions = RESOLUTIONS
        self.pages: list[Page] = []

    # -- pages ----------------------------------------------------------------

    def document_date(self, number: int) -> dt.date:
        day = (number * 37) % 365
        return dt.date(FIRST_YEAR + number % YEARS, 1, 1) + dt.timedelta(days=day)

    def target_number(self) -> str:
        return f"{self.rng.randrange(self.resolutions) + 1}." \
               f"{self.rng.randrange(TARGETS_PER_REVISION) + 1}"

    def document(self, number: int) -> Page:
        doc_id = document_id(number)
        kind = KINDS[number % len(KINDS)]
        topic, topic_en = TOPICS[number % len(TOPICS)]
        date = self.document_date(number)
        yy = date.year % 100
        if kind == "circular-letter":
            symbol = f"CL-{yy:02d}/{number}"
            title = (f"第{symbol}号通函：关于{topic}", f"Circular Letter {symbol}: on {topic_en}")
        elif kind == "press-release":
            symbol = f"PR-{date.year}/{number}"
            title = (f"新闻稿{symbol}：{topic}", f"Press release {symbol}: {topic_en}")
        else:
            symbol = ""
            zh_kind, en_kind = {"report": ("报告", "Report"), "web-page": ("网页", "Web page"),
                                "joint-statement": ("联合声明", "Joint statement")}[kind]
            title = (f"{zh_kind}第{number}号：{topic}", f"{en_kind} no. {number}: {topic_en}")
        page = Page(f"documents/{doc_id}")
        page.date = date
        page.raw("---", f"id: {doc_id}", *([f"symbol: {symbol}"] if symbol else []),
                 f"title: {title[0]}", f"kind: {kind}", f"date: {date.isoformat()}",
                 f"place: {FRONT['place'][0]}", f"issuer: {FRONT['issuer'][0]}",
                 "addressees:", f"  - {FRONT['addressee-1'][0]}",
                 f"  - {FRONT['addressee-2'][0]}", "language: zh", 'version: "1.0"',
                 "history:", "  - date: 2026-11-23", '    version: "1.0"',
                 f"    change: {FRONT['change'][0]}", "---")
        if not self.plain:  # shown by our metadata box; plain MyST shows no front matter
            for zh, en in FRONT.values():
                page.message(zh, en)
        page.heading(1, "", *title)
        values = {"topic": topic, "topic_en": topic_en, "year": date.year}
        self._paragraph(page, 0, number, values)
        for section, (slug, zh, en) in enumerate(SECTIONS):
            page.heading(2, f"{doc_id}-{slug}", zh, en)
            for template in range(1 + 2 * section, 3 + 2 * section):
                self._paragraph(page, template % len(PARAGRAPHS), number, values)
        return page

    def _paragraph(self, page: Page, template: int, number: int, values: dict) -> None:
        fields = {
            **values, "t1": self.target_number(), "t2": self.target_number(),
            "t3": self.target_number(), "res": resolution_number(
                self.rng.randrange(self.resolutions) + 1),
            # an earlier document when there is one, so citations go both ways over time
            "doc": document_id(self.rng.randrange(max(number, 1)) if number else 1 % self.count),
            "n": number + template,
        }
        zh, en = PARAGRAPHS[template]
        zh, en = zh.format(**fields), en.format(**fields)
        if self.plain:
            assert page.date is not None
            zh, en = plain_links(zh, page.date), plain_links(en, page.date)
        page.text(zh, en)

    def ours(self, page: Page, *lines: str) -> None:
        """A directive of ours, which a plain site does without."""
        if not self.plain:
            page.raw(*lines)

    def resolution(self, index: int) -> Page:
        number = resolution_number(index)
        topic, topic_en = TOPICS[index % len(TOPICS)]
        page = Page(f"resolutions/res-{number}")
        page.heading(1, f"res-{number}", f"第{number}号决议：{topic}",
                     f"Resolution {number}: {topic_en}")
        self.ours(page, f"```{{kb:resolution}} res-{number}", f":number: {number}", "```")
        page.text(f"第{number}号决议涉及{topic}，经两次修订。",
                  f"Resolution {number} concerns {topic_en} and has been revised twice.")
        for suffix, adopted, zh, en in REVISIONS:
            revision = f"res-{number}-{suffix}"
            page.heading(2, revision, f"第{number}号决议（{zh}）",
                         f"Resolution {number} ({en})")
            self.ours(page, f"```{{kb:revision}} {revision}", f":resolution: res-{number}",
                     f":adopted: {adopted}", "```")
            for k in range(1, TARGETS_PER_REVISION + 1):
                target = f"{index}.{k}"
                page.heading(3, f"{revision}-target-{index}-{k}", f"具体目标{target}",
                             f"Target {target}")
                self.ours(page, f"```{{kb:target}} {target}", f":revision: {revision}", "```")
                year, share = int(suffix) + 10, 10 * k
                page.text(f"到{year}年，将{topic}的水平提高{share}%。",
                          f"By {year}, raise the level of {topic_en} by {share}%.")
        return page

    def index_pages(self) -> list[Page]:
        home = Page("index")
        home.heading(1, "", "合成知识库", "Synthetic knowledge base")
        home.text(f"本知识库为性能测试而生成，共收录{self.count}份文献。",
                  f"This knowledge base was generated to measure performance; it holds "
                  f"{self.count} documents.")
        home.heading(2, "home-latest", "最新文献", "Latest documents")
        self.ours(home, "```{document-list}", ":limit: 5", "```")
        home.raw("```{toctree}", ":hidden:", ":caption: 文献", "",
                 "documents/index", "browse/by-kind", "browse/matrix", "changelog", "```")
        home.message("文献", "Documents")
        home.raw("```{toctree}", ":hidden:", ":caption: 决议与目标", ":glob:", "",
                 "resolutions/*", "```")
        home.message("决议与目标", "Resolutions and targets")
        documents = Page("documents/index")
        documents.heading(1, "documents", "文献", "Documents")
        documents.text("下列文献按日期排列，最新的在前。",
                       "The documents below are listed by date, the most recent first.")
        self.ours(documents, "```{document-list}", ":group-by: year", "```")
        documents.raw("```{toctree}", ":hidden:", ":glob:", "", "*", "```")
        by_kind = Page("browse/by-kind")
        by_kind.heading(1, "documents-by-kind", "按类型浏览文献", "Documents by kind")
        self.ours(by_kind, "```{document-list}", ":group-by: kind", "```")
        matrix = Page("browse/matrix")
        matrix.heading(1, "traceability-matrix", "引用对照表", "Traceability matrix")
        self.ours(matrix, "```{traceability-matrix}", "```")
        changelog = Page("changelog")
        changelog.heading(1, "changelog", "更新记录", "Change log")
        self.ours(changelog, "```{change-log}", "```")
        return [home, documents, by_kind, matrix, changelog]

    def all_pages(self) -> list[Page]:
        pages = self.index_pages()
        pages += [self.resolution(i) for i in range(1, self.resolutions + 1)]
        pages += [self.document(n) for n in range(self.count)]
        return pages


def write_page(out: Path, page: Page) -> None:
    path = out / "docs" / f"{page.docname}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(page.lines), encoding="utf-8")
    catalog = polib.POFile(wrapwidth=WRAP_WIDTH)
    catalog.metadata = dict(HEADER)
    for zh, en in page.messages.items():
        catalog.append(polib.POEntry(msgid=zh, msgstr=en))
    po = out / "locale" / "en" / "LC_MESSAGES" / f"{page.docname}.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    catalog.save(str(po))


def generate(out: Path, documents: int, seed: int = 8, plain: bool = False) -> list[str]:
    """Write the site into ``out`` (docs/ and locale/); the docnames written."""
    if out.exists():
        shutil.rmtree(out)
    pages = KnowledgeBase(documents, seed, plain).all_pages()
    for page in pages:
        write_page(out, page)
    # the language chooser, the glossary, the theme's Chinese interface text and the
    # build's Chinese words are ours
    (out / "docs" / "_root").mkdir()
    shutil.copy(REPO / "docs" / "_root" / "index.html", out / "docs" / "_root" / "index.html")
    shutil.copy(REPO / "locale" / "glossary.tsv", out / "locale" / "glossary.tsv")
    ui = out / "locale" / "zh_CN" / "LC_MESSAGES"
    ui.mkdir(parents=True)
    for catalog in ("sphinx.po", "itukb.po"):
        shutil.copy(REPO / "locale" / "zh_CN" / "LC_MESSAGES" / catalog, ui / catalog)
    return [page.docname for page in pages]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--plain", action="store_true",
                        help="the pages as plain Sphinx + MyST (see the module's docstring)")
    args = parser.parse_args()
    names = generate(args.out, args.documents, plain=args.plain)
    print(f"{len(names)} pages written to {args.out}")


if __name__ == "__main__":
    main()
