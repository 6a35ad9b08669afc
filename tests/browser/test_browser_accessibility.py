"""axe-core in the real page: no serious or critical accessibility violation."""

from __future__ import annotations

from typing import Literal

import pytest
from kb_browser import Traffic
from kbcontent import cited_target, newest_document
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

#: a home page, a document and an object that documents cite, in each language
_CITED = cited_target()
PAGES = [f"{language}/{page}" for language in ("zh_CN", "en")
         for page in ("index.html", f"{newest_document().docname}.html",
                      _CITED[2].split("#")[0] if _CITED else "kb-objects.html")]
BLOCKING = {"serious", "critical"}


def violations(page: Page, axe_source: str) -> list[dict[str, object]]:
    page.add_script_tag(content=axe_source)
    return page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_violations(
    page: Page, axe_source: str, path: str, scheme: Literal["light", "dark"]
) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(path)
    found = [v for v in violations(page, axe_source) if v["impact"] in BLOCKING]
    assert not found, "\n".join(f"{v['impact']}: {v['id']} ({v['help']}) at {v['nodes']}"
                                for v in found)


def test_language_chooser_has_no_serious_violations(
    chooser: tuple[Page, Traffic], axe_source: str
) -> None:
    page, _ = chooser
    found = [v for v in violations(page, axe_source) if v["impact"] in BLOCKING]
    assert not found, found
