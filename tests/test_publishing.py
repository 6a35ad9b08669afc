"""The real knowledge base built for publishing (``make html KB_BASEURL=...``).

What search engines, social sites and feed readers read: canonical links,
absolute ``hreflang`` alternates, absolute ``kb.json`` URLs, sitemaps (checked
with an XML Schema of the sitemaps.org protocol, ``tests/data/sitemap-0.9.xsd``),
descriptions and OpenGraph tags in each page's language, Atom feeds (read
with feedparser), the 404 pages, and the whole site through the link check.
Expectations come from ``docs/`` and ``locale/``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import polib
import pytest
import yaml
from kbwords import format_date
from lxml import etree, html

from itukb.build.rootfiles import write_root_files
from itukb.pages.descriptions import SUBJECT
from itukb.sitecheck.run import check_built_site
from tests.conftest import LANGUAGES, REPO, build_site

BASE = "https://example.org/kb/"
SITEMAPS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SCHEMA = etree.XMLSchema(etree.parse(str(REPO / "tests" / "data" / "sitemap-0.9.xsd")))
HREFLANG = {"zh_CN": "zh-CN", "en": "en"}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("published")
    results = build_site(out, extra=("-D", f"kb_baseurl={BASE}"))
    for language, result in results.items():
        assert result.returncode == 0, f"{language}:\n{result.stderr}"
    write_root_files(out / "html", BASE, list(LANGUAGES))
    return out / "html"


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def documents() -> dict[str, dict]:
    """docname -> front matter, for every document page of the knowledge base."""
    found = {}
    for path in sorted((REPO / "docs" / "documents").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            found[f"documents/{path.stem}"] = front_matter(path)
    return found


def pages(site: Path, language: str) -> list[str]:
    """Every page built from a source page (not search, index or 404)."""
    sources = sorted(p.relative_to(REPO / "docs").with_suffix("").as_posix()
                     for p in (REPO / "docs").rglob("*.md") if "_root" not in p.parts)
    return [name for name in sources if (site / language / f"{name}.html").is_file()]


def head(page: Path) -> html.HtmlElement:
    return html.parse(str(page)).getroot()


def local(site: Path, url: str) -> Path:
    assert url.startswith(BASE), url
    path = urlsplit(url).path[len(urlsplit(BASE).path):]
    return site / (path or "index.html")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_a_canonical_link_and_absolute_alternates(published: Path,
                                                                 language: str) -> None:
    names = pages(published, language)
    assert "index" in names and len(names) > 5
    for name in names:
        root = head(published / language / f"{name}.html")
        assert root.xpath("//link[@rel='canonical']/@href") == [f"{BASE}{language}/{name}.html"]
        alternates = dict(zip(root.xpath("//link[@rel='alternate'][@hreflang]/@hreflang"),
                              root.xpath("//link[@rel='alternate'][@hreflang]/@href"),
                              strict=True))
        expected = {HREFLANG[lang]: f"{BASE}{lang}/{name}.html" for lang in LANGUAGES}
        assert alternates == {**expected, "x-default": BASE}, name


def test_the_language_chooser_names_every_language_by_absolute_url(published: Path) -> None:
    root = head(published / "index.html")
    assert root.xpath("//link[@rel='canonical']/@href") == [BASE]
    alternates = dict(zip(root.xpath("//link[@rel='alternate'][@hreflang]/@hreflang"),
                          root.xpath("//link[@rel='alternate'][@hreflang]/@href"), strict=True))
    assert alternates == {**{HREFLANG[lang]: f"{BASE}{lang}/index.html" for lang in LANGUAGES},
                          "x-default": BASE}


@pytest.mark.parametrize("language", LANGUAGES)
def test_kb_json_urls_are_absolute_and_lead_to_built_pages(published: Path,
                                                           language: str) -> None:
    export = json.loads((published / language / "kb.json").read_text(encoding="utf-8"))
    urls = [entry["url"] for entry in export["documents"] + export["objects"]]
    assert len(export["documents"]) == len(documents())
    for url in urls:
        assert url.startswith(f"{BASE}{language}/"), url
        assert local(published, url.partition("#")[0]).is_file(), url


def test_sitemaps_follow_the_protocol_and_list_every_page_with_its_alternates(
        published: Path) -> None:
    index = etree.parse(str(published / "sitemap.xml"))
    SCHEMA.assertValid(index)
    locs = [e.text for e in index.iter(f"{SITEMAPS}loc")]
    assert locs == [f"{BASE}{language}/sitemap.xml" for language in LANGUAGES]
    robots = (published / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {BASE}sitemap.xml" in robots and "User-agent: *" in robots
    for language, loc in zip(LANGUAGES, locs, strict=True):
        sitemap = etree.parse(str(local(published, loc)))
        SCHEMA.assertValid(sitemap)
        urls = sitemap.findall(f"{SITEMAPS}url")
        listed = [u.findtext(f"{SITEMAPS}loc") for u in urls]
        assert listed == [f"{BASE}{language}/{name}.html"
                          for name in sorted(pages(published, language))]
        for url in urls:
            loc = url.findtext(f"{SITEMAPS}loc")
            links = {link.get("hreflang"): link.get("href")
                     for link in url.findall(f"{XHTML}link")}
            page = loc[len(f"{BASE}{language}/"):]
            assert links == {**{HREFLANG[lang]: f"{BASE}{lang}/{page}" for lang in LANGUAGES},
                             "x-default": BASE}
            # lastmod is the date the page itself shows as last changed
            shown = head(local(published, loc)).xpath("//span[@class='kb-last-changed']")
            lastmod = url.findtext(f"{SITEMAPS}lastmod")
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod or ""), loc
            if shown:
                date = format_date(dt.date.fromisoformat(lastmod), language)
                assert date in shown[0].text_content(), (loc, lastmod)
        dates = [u.findtext(f"{SITEMAPS}lastmod") for u in urls]
        assert [e.text for e in index.iter(f"{SITEMAPS}lastmod")][
            LANGUAGES.index(language)] == max(dates)


def _subject(language: str, docname: str, record: dict) -> str | None:
    """The subject line of a document's source, translated for English."""
    source = (REPO / "docs" / f"{docname}.md").read_text(encoding="utf-8")
    line = next((ln for ln in source.splitlines() if SUBJECT.match(ln)), None)
    if line is None or language == "zh_CN":
        return SUBJECT.match(line).group("subject").strip() if line else None
    catalog = polib.pofile(str(REPO / "locale" / language / "LC_MESSAGES" / f"{docname}.po"))
    entry = catalog.find(line.strip())
    assert entry is not None and entry.msgstr, (docname, line)
    return SUBJECT.match(entry.msgstr).group("subject").strip()


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_are_described_in_their_language_with_social_tags(published: Path,
                                                                 language: str) -> None:
    others = sorted(lang for lang in LANGUAGES if lang != language)
    for name in pages(published, language):
        root = head(published / language / f"{name}.html")
        description = root.xpath("//meta[@name='description']/@content")
        assert len(description) == 1 and description[0].strip(), name
        assert root.xpath("//meta[@property='og:description']/@content") == description
        assert root.xpath("//meta[@property='og:url']/@content") == \
            root.xpath("//link[@rel='canonical']/@href")
        title = root.xpath("//meta[@property='og:title']/@content")
        assert title and title[0] in root.findtext(".//title"), name
        assert root.xpath("//meta[@property='og:locale']/@content") == [language]
        assert sorted(root.xpath("//meta[@property='og:locale:alternate']/@content")) == others
        assert root.xpath("//meta[@name='twitter:card']/@content") == ["summary"]
        # taken from the page as its reader sees it, so in the page's language
        article = " ".join(root.xpath("string(//article)").split())
        assert description[0].removesuffix("…") in article, (name, description)
    for docname, record in documents().items():
        subject = _subject(language, docname, record)
        if subject:
            root = head(published / language / f"{docname}.html")
            assert root.xpath("//meta[@name='description']/@content") == [subject]


@pytest.mark.parametrize("language", LANGUAGES)
def test_feeds_list_documents_newest_first_and_the_change_log(published: Path,
                                                              language: str) -> None:
    page = head(published / language / "about.html")
    feeds = page.xpath("//link[@rel='alternate'][@type='application/atom+xml']/@href")
    assert len(feeds) == 2
    parsed = {}
    for href in feeds:
        path = (published / language / href).resolve()
        assert path.is_file(), href
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, (href, feed.get("bozo_exception"))
        parsed[path.name] = feed
    docs = documents()
    entries = parsed["documents.atom"].entries
    by_date = sorted(docs.values(), key=lambda r: (str(r["date"]), r["id"]), reverse=True)
    assert [e.link for e in entries] == [f"{BASE}{language}/documents/{r['id']}.html"
                                        for r in by_date]
    for entry, record in zip(entries, by_date, strict=True):
        assert entry.published.startswith(str(record["date"]))
        assert entry.summary.strip() and entry.title.strip()
        if record.get("symbol"):
            assert record["symbol"] in entry.title
        shown = head(local(published, entry.link)).findtext(".//title")
        assert entry.title.split(" · ")[-1] in shown
    history = sum(len(r["history"]) for r in docs.values())
    changes = parsed["changelog.atom"].entries
    assert len(changes) == history
    dates = [c.updated for c in changes]
    assert dates == sorted(dates, reverse=True)
    for change in changes:
        target, _, anchor = change.link.partition("#")
        assert anchor and f'id="{anchor}"' in local(published, target).read_text("utf-8")
    newest = max(e.updated for e in entries)
    assert parsed["documents.atom"].feed.updated == newest


def test_404_pages_link_by_absolute_path_and_the_whole_site_passes_the_link_check(
        published: Path) -> None:
    base_path = urlsplit(BASE).path
    for page in [published / "404.html", *(published / lang / "404.html" for lang in LANGUAGES)]:
        root = head(page)
        links = root.xpath("//@href | //@src")
        assert links, page
        for link in links:
            if link.startswith(("#", "https://", "http://")):
                continue
            assert link.startswith(base_path), (page, link)  # works from any depth
            target = published / link[len(base_path):].partition("?")[0].partition("#")[0]
            assert target.is_file(), (page, link)
        homes = [f"{base_path}{lang}/index.html" for lang in LANGUAGES]
        if page.parent == published:
            assert set(homes) | {f"{base_path}index.html"} <= set(links)
    result = check_built_site(published, LANGUAGES, doctrees=published.parent / "doctrees",
                              base=BASE)
    assert result.findings == []
