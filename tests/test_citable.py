"""Citable: an anchor on every paragraph, the same in both languages, and a ready citation.

Expectations come from the built pages and ``kb.json``: which paragraphs a
page has, its title, metadata and version.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html

LANGUAGES = ("zh_CN", "en")


def documents(site: Path, language: str) -> list[dict]:
    return json.loads((site / language / "kb.json").read_text(encoding="utf-8"))["documents"]


def running_paragraphs(page: Path) -> list[html.HtmlElement]:
    """Paragraphs of the article's running text: in sections and their lists."""
    root = html.parse(str(page)).getroot()
    return root.xpath('//article//section/p | //article//section/ul/li/p'
                      ' | //article//section/ol/li/p')


def test_every_paragraph_has_an_anchor_the_same_in_both_languages(site: Path) -> None:
    for document in documents(site, "en"):
        ids = {}
        for language in LANGUAGES:
            paragraphs = running_paragraphs(site / language / document["url"])
            assert paragraphs, document["id"]
            missing = [" ".join(p.text_content().split())[:60] for p in paragraphs
                       if not p.get("id")]
            assert missing == [], (language, document["id"], missing)
            ids[language] = [p.get("id") for p in paragraphs]
            assert len(set(ids[language])) == len(ids[language])
        assert ids["zh_CN"] == ids["en"], document["id"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_document_offers_a_ready_citation(site: Path, language: str) -> None:
    for document in documents(site, language):
        root = html.parse(str(site / language / document["url"])).getroot()
        [box] = root.cssselect("#cite-this-document")
        # a literal block, which sphinx-copybutton gives a copy button
        [text] = [" ".join(pre.text_content().split())
                  for pre in box.cssselect("div.highlight pre")]
        meta = {" ".join(dt.text_content().split()).rstrip(":："): " ".join(
                    dd.text_content().split())
                for dt, dd in zip(root.cssselect(".kb-metadata dt"),
                                  root.cssselect(".kb-metadata dd"), strict=True)}
        issuer = meta["Issued by" if language == "en" else "发文方"]
        date = meta["Date" if language == "en" else "日期"]
        version = document["metadata"]["version"]
        title = " ".join(root.cssselect("article h1")[0].text_content().split()).rstrip("#¶ ")
        for part in (issuer, title, date, version):
            assert part in text, (document["id"], part, text)
        if document["metadata"].get("symbol"):
            assert document["metadata"]["symbol"] in text
        # a local build leaves the address and the date read to the browser
        assert "[URL]" in text and "[date]" in text
        # kept out of the search index: it repeats the page's own title and metadata
        assert "no-search" in box.get("class")
