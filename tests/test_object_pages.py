"""Object pages read in order: status line, text, relations, timeline, "Cited by".

Expectations come from the site's own ``kb.json`` and pages, never from
today's counts: which revisions a resolution has, which targets each declares,
which paragraphs cite an object.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html

LANGUAGES = ("zh_CN", "en")


def export(site: Path, language: str) -> dict:
    return json.loads((site / language / "kb.json").read_text(encoding="utf-8"))


def section(site: Path, language: str, url: str) -> html.HtmlElement:
    page, _, anchor = url.partition("#")
    root = html.parse(str(site / language / page)).getroot()
    return root.xpath(f'//section[@id="{anchor}"]')[0]


def own_blocks(element: html.HtmlElement) -> list[str]:
    """The classes of a section's own children, in order, up to its first subsection."""
    out = []
    for child in element:
        if child.tag == "section":
            break
        out.append(child.get("class") or child.tag)
    return out


@pytest.mark.parametrize("language", LANGUAGES)
def test_status_first_then_text_then_cited_by(site: Path, language: str) -> None:
    objects = export(site, language)["objects"]
    checked = 0
    for obj in objects:
        blocks = own_blocks(section(site, language, obj["url"]))
        # [h1/h2..., status?, text..., relations?, timeline?, backlinks?]
        derived = [i for i, c in enumerate(blocks) if "kb-relations" in c
                   or "kb-backlinks" in c or "kb-timeline" in c]
        status = [i for i, c in enumerate(blocks) if "kb-status" in c]
        text = [i for i, c in enumerate(blocks) if c in ("p", "docutils container")
                or c.startswith("admonition")]
        if status:
            assert status == [1], (obj["id"], blocks)  # right under the heading
        if derived and text:
            assert max(text) < min(derived), (obj["id"], blocks)
            checked += 1
        if obj["cited_by"]:
            assert any("kb-backlinks" in c for c in blocks), obj["id"]
    assert checked, "no object with text and derived blocks"


@pytest.mark.parametrize("language", LANGUAGES)
def test_relations_are_shown_once(site: Path, language: str) -> None:
    for obj in export(site, language)["objects"]:
        element = section(site, language, obj["url"])
        status = " ".join(" ".join(element.xpath('./div[contains(@class, "kb-status")]//a/@href')))
        listed = element.xpath('./div[contains(@class, "kb-relations")]//a/@href')
        assert not (set(listed) & set(status.split())), (obj["id"], listed, status)


@pytest.mark.parametrize("language", LANGUAGES)
def test_cited_by_quotes_the_citing_sentence_and_links_to_it(site: Path, language: str) -> None:
    for obj in export(site, language)["objects"]:
        if not obj["cited_by"]:
            continue
        element = section(site, language, obj["url"])
        quotes = element.xpath(
            './div[contains(@class, "kb-backlinks")]//p[contains(@class, "kb-quote")]/a')
        page_dir = obj["url"].rpartition("/")[0]
        hrefs = sorted({q.get("href") for q in quotes})
        expected = sorted({"../" * bool(page_dir) * (page_dir.count("/") + 1) + c["url"]
                           for c in obj["cited_by"]})
        assert hrefs == expected, obj["id"]
        for quote in quotes:
            target_page, _, anchor = quote.get("href").rpartition("/")[2].partition("#")
            citing = next(c for c in obj["cited_by"]
                          if c["url"].endswith(f"{target_page}#{anchor}"))
            paragraph = html.parse(str(site / language / citing["url"].partition("#")[0])) \
                .getroot().xpath(f'//*[@id="{anchor}"]')[0]
            for mark in paragraph.xpath('.//*[contains(@class, "footnote-reference")]'):
                mark.drop_tree()  # footnote marks mean nothing out of their page
            said = " ".join(quote.text_content().split()).strip("“”").rstrip("…")
            assert said and said in " ".join(paragraph.text_content().split()), (said, anchor)


@pytest.mark.parametrize("language", LANGUAGES)
def test_resolution_timeline_compares_declared_targets(site: Path, language: str) -> None:
    objects = export(site, language)["objects"]
    resolutions = [o for o in objects if o["kind"] == "resolution"]
    checked = 0
    for resolution in resolutions:
        revisions = sorted((o for o in objects if o["kind"] == "revision"
                            and o["metadata"]["resolution"] == resolution["id"]),
                           key=lambda o: o["metadata"]["adopted"])
        steps = section(site, language, resolution["url"]).xpath(
            './div[contains(@class, "kb-timeline")]//li[contains(@class, "kb-timeline-step")]')
        if len(revisions) < 2:
            assert steps == []
            continue
        assert [s.xpath('.//p[contains(@class, "kb-timeline-head")]/a')[0].text_content()
                for s in steps] == [r["title"] for r in revisions]
        before: set[str] | None = None
        for revision, step in zip(revisions, steps, strict=True):
            mine = {o["metadata"]["number"] for o in objects if o["kind"] == "target"
                    and o["metadata"]["revision"] == revision["id"]}

            def listed(change: str, step: html.HtmlElement = step) -> set[str]:
                return {a.text_content() for a in step.xpath(
                    f'.//p[contains(@class, "kb-change-{change}")]/a')}

            if before is None:
                assert listed("declared") == mine
            elif mine:
                assert listed("added") == mine - before, revision["id"]
                assert listed("dropped") == before - mine, revision["id"]
                both = [listed(c) for c in ("changed", "kept", "unknown")]
                assert set().union(*both) == mine & before
                assert sum(map(len, both)) == len(mine & before)
                checked += 1
            else:  # nothing recorded is not "all dropped"
                assert listed("dropped") == set()
                assert step.xpath('.//p[not(@class)]')
            before = mine if mine else before
    if not checked:
        pytest.skip("no resolution has two revisions with declared targets")
