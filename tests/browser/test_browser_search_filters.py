"""The search page's filters, result details and language switch, as a reader uses them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from kb_browser import Traffic
from kb_search import knowledge_base, read_results, search, wait_for_results
from kbwords import format_date, kind_name, words
from playwright.sync_api import Page

from itukb.build.search_facets import FACET_LABELS

pytestmark = pytest.mark.browser

#: a query that finds pages of every kind, in each language
BROAD = {"en": "ITU", "zh_CN": "国际电联"}


def facets(page: Page) -> dict[str, list[str]]:
    """Facet name -> its values as shown, e.g. {"Kind": ["Circular letter (1)", ...]}."""
    return page.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll('#kb-search-facets fieldset')].map(f => [
            f.querySelector('legend').textContent,
            [...f.querySelectorAll('label')].map(l => l.textContent.trim())]))""")


def choose(page: Page, traffic: Traffic, name: str, value: str) -> None:
    page.locator(f"#kb-search-facets input[name={name}][value='{value}']").check()
    wait_for_results(page, traffic, f"filtered by {name}={value}")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_filters_are_in_the_page_language_and_combine(
    page: Page, traffic: Traffic, site: Path, language: str
) -> None:
    documents = knowledge_base(site, language)["documents"]
    search(page, traffic, language, BROAD[language])
    shown = facets(page)
    labels = {key: words(language).gettext(value) for key, value in FACET_LABELS.items()}
    for name in ("kind", "year", "cites"):
        assert labels[name] in shown, shown
    kinds = {kind_name(d["metadata"]["kind"], language) for d in documents}
    assert kinds <= {value.rsplit(" (", 1)[0] for value in shown[labels["kind"]]}

    letter = documents[0]
    kind = kind_name(letter["metadata"]["kind"], language)
    year = letter["metadata"]["date"][:4]
    choose(page, traffic, "kind", kind)
    results = read_results(page, traffic)
    assert results and all(kind in r.info for r in results), results
    choose(page, traffic, "year", year)
    combined = read_results(page, traffic)
    expected = {f"{language}/{d['url']}" for d in documents
                if kind_name(d["metadata"]["kind"], language) == kind
                and d["metadata"]["date"].startswith(year)}
    assert {r.page for r in combined} <= expected and f"{language}/{letter['url']}" in {
        r.page for r in combined}
    query = parse_qs(urlsplit(page.url).query)
    assert query["kind"] == [kind] and query["year"] == [year]  # a link to this search
    assert not traffic.problems(), traffic.problems()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_revision_status_filter(page: Page, traffic: Traffic, site: Path, language: str) -> None:
    kb = knowledge_base(site, language)
    resolution = next(o for o in kb["objects"] if o["kind"] == "resolution")
    search(page, traffic, language, resolution["metadata"]["number"])
    superseded = words(language).gettext(FACET_LABELS["superseded"])
    choose(page, traffic, "status", superseded)
    pages = {r.page for r in read_results(page, traffic)}
    assert f"{language}/{resolution['url'].split('#')[0]}" in pages


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_document_result_shows_its_kind_and_date(
    page: Page, traffic: Traffic, site: Path, language: str
) -> None:
    for document in knowledge_base(site, language)["documents"]:
        results = search(page, traffic, language, document["title"])
        found = next(r for r in results if r.page == f"{language}/{document['url']}")
        assert kind_name(document["metadata"]["kind"], language) in found.info
        date = dt.date.fromisoformat(document["metadata"]["date"])
        assert format_date(date, language) in found.info


def test_the_language_switcher_keeps_the_query(page: Page, traffic: Traffic) -> None:
    search(page, traffic, "en", "CL-20/20")
    with page.expect_navigation():
        page.locator("nav.kb-switcher-content a.kb-switch-link[hreflang=zh-CN]").click()
    assert urlsplit(page.url).path.endswith("/zh_CN/search.html")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["CL-20/20"]
    wait_for_results(page, traffic, "the symbol in Chinese")
    assert read_results(page, traffic)
    assert page.locator("form[role=search] input[name=q]").input_value() == "CL-20/20"
    assert not traffic.problems(), traffic.problems()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_results_and_filters_have_no_serious_accessibility_problems(
    page: Page, traffic: Traffic, axe_source: str, language: str
) -> None:
    search(page, traffic, language, BROAD[language])
    page.add_script_tag(content=axe_source)
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => `${v.impact}: ${v.id} at ${v.nodes.slice(0, 3).map(n => n.target)}`)""")
    assert not found, found
