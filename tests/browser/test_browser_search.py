"""Search relevance, typed into the sidebar box the way a reader does, in each language.

What each query should find first is read from the built ``kb.json`` (the
object a number or name means, the documents citing it, a document's symbol),
so the expectations follow the knowledge base.  Every search is also held to
what any result list owes a reader: each page once, links that lead to a page
and anchor that exist, text in the page's language only, and excerpts without
interface text or footnote marks.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from kb_browser import Traffic
from kb_search import Result, knowledge_base, search
from lxml import html
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
FOOTNOTE_MARK = re.compile(r"\[\d+\]")
#: text of the interface that must never be indexed: the language switcher, heading marks
INTERFACE = ("中文", "English", "¶")
WTISD_21 = "wtisd-21"  # the document whose theme is digital transformation
CIRCULAR = "cl-20-20"
CIRCULAR_ANNEX = "cl-20-20-annex-1"


def page_of(url: str) -> str:
    return url.split("#", 1)[0]


def ids_of(site: Path, path: str) -> set[str]:
    return set(html.parse(str(site / path)).getroot().xpath("//@id"))


def check_results(site: Path, language: str, results: list[Result]) -> None:
    """What every result list owes a reader."""
    pages = [r.page for r in results]
    assert len(pages) == len(set(pages)), f"a page is listed twice: {pages}"
    for result in results:
        for url in (result.page, *result.sections):
            assert url.startswith(f"{language}/"), url
            path, _, anchor = url.partition("#")
            assert (site / path).is_file(), f"{url}: no such page"
            assert not anchor or anchor in ids_of(site, path), f"{url}: no such anchor"
        heading = html.parse(str(site / result.page)).getroot().xpath("string(//h1)")
        assert result.title == heading.rstrip("¶").strip(), result
        for text in result.texts():
            if language == "en":
                assert not CJK.search(text), f"Chinese in an English result: {text!r}"
            assert not FOOTNOTE_MARK.search(text), f"a footnote mark: {text!r}"
            for word in INTERFACE:
                assert word not in text, f"interface text {word!r}: {text!r}"


def run(page: Page, traffic: Traffic, site: Path, language: str, query: str) -> list[Result]:
    results = search(page, traffic, language, query)
    assert results, f"{query!r} found nothing"
    check_results(site, language, results)
    assert not traffic.problems(), traffic.problems()
    return results


def by_id(kb: dict[str, Any], key: str, ident: str) -> dict[str, Any]:
    return next(item for item in kb[key] if item["id"] == ident)


def target(kb: dict[str, Any], number: str) -> dict[str, Any]:
    """The target ``number`` of the newest revision that has one (the one readers mean)."""
    found = [o for o in kb["objects"] if o["kind"] == "target"
             and o["metadata"]["number"] == number]
    return max(found, key=lambda o: o["metadata"]["revision"])


@pytest.mark.parametrize(("language", "query"), [
    ("en", "digital transformation"), ("zh_CN", "数字化转型")])
def test_a_theme_finds_the_document_whose_theme_it_is(
    page: Page, traffic: Traffic, site: Path, language: str, query: str
) -> None:
    kb = knowledge_base(site, language)
    results = run(page, traffic, site, language, query)
    assert results[0].page == f"{language}/{by_id(kb, 'documents', WTISD_21)['url']}"


@pytest.mark.parametrize(("language", "query"), [
    ("en", "Resolution 200"), ("zh_CN", "第200号决议")])
def test_a_resolution_comes_first_with_its_revisions(
    page: Page, traffic: Traffic, site: Path, language: str, query: str
) -> None:
    kb = knowledge_base(site, language)
    resolution = next(o for o in kb["objects"] if o["kind"] == "resolution"
                      and o["metadata"]["number"] == "200")
    revisions = [f"{language}/{o['url']}" for o in kb["objects"] if o["kind"] == "revision"
                 and o["metadata"]["resolution"] == resolution["id"]]
    results = run(page, traffic, site, language, query)
    assert results[0].page == f"{language}/{page_of(resolution['url'])}"
    assert sorted(results[0].sections) == sorted(revisions)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_circular_letter_symbol_finds_the_letter_and_its_annex_first(
    page: Page, traffic: Traffic, site: Path, language: str
) -> None:
    kb = knowledge_base(site, language)
    letter = by_id(kb, "documents", CIRCULAR)
    results = run(page, traffic, site, language, letter["metadata"]["symbol"])
    expected = {f"{language}/{d['url']}" for d in (letter, by_id(kb, "documents", CIRCULAR_ANNEX))}
    assert {r.page for r in results[:2]} == expected


@pytest.mark.parametrize(("language", "query"), [
    ("en", "3.5"), ("en", "Target 3.5"), ("zh_CN", "3.5"), ("zh_CN", "具体目标3.5")])
def test_a_target_number_finds_the_target_then_the_documents_citing_it(
    page: Page, traffic: Traffic, site: Path, language: str, query: str
) -> None:
    kb = knowledge_base(site, language)
    wanted = target(kb, "3.5")
    citing = {f"{language}/{page_of(c['url'])}" for c in wanted["cited_by"]}
    assert citing, "nothing cites target 3.5 any more: choose another target"
    results = run(page, traffic, site, language, query)
    assert results[0].page == f"{language}/{page_of(wanted['url'])}"
    assert results[0].sections[0] == f"{language}/{wanted['url']}"
    assert {r.page for r in results[1:1 + len(citing)]} == citing


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_document_symbol_finds_its_document_first(
    page: Page, traffic: Traffic, site: Path, language: str
) -> None:
    documents = [d for d in knowledge_base(site, language)["documents"]
                 if d["metadata"].get("symbol")]
    assert documents
    for document in documents:
        results = run(page, traffic, site, language, document["metadata"]["symbol"])
        assert results[0].page == f"{language}/{document['url']}", document["id"]
        assert document["metadata"]["symbol"] in results[0].info


# queries a reader of ITU documents types: places, people, events, revisions
@pytest.mark.parametrize(("language", "query", "event_or_document"), [
    ("en", "Hanoi", "itu-digital-world-2021"),
    ("zh_CN", "河内", "itu-digital-world-2021"),
    ("en", "Busan", "res-200-2014"),
    ("zh_CN", "釜山", "res-200-2014"),
    ("en", "WSIS Forum", "wsis-forum-2021"),
    ("zh_CN", "信息社会世界峰会论坛", "wsis-forum-2021"),
    ("en", "Houlin Zhao", CIRCULAR),
    ("zh_CN", "赵厚麟", CIRCULAR),
    ("en", "WTISD", "wtisd"),
])
def test_names_of_places_people_and_events_find_their_page(
    page: Page, traffic: Traffic, site: Path, language: str, query: str, event_or_document: str
) -> None:
    kb = knowledge_base(site, language)
    item = next(i for i in (*kb["objects"], *kb["documents"]) if i["id"] == event_or_document)
    results = run(page, traffic, site, language, query)
    path = page_of(item["url"])
    assert results[0].page == f"{language}/{path}"
    anchor = item["url"].partition("#")[2]
    top = html.parse(str(site / language / path)).getroot().xpath("//h1/parent::section/@id")
    if anchor and anchor not in top:  # a section of the page: listed under it
        assert f"{language}/{item['url']}" in results[0].sections, results[0]
