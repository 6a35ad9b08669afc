"""A small bilingual site built with the project's own Makefile and conf.py, to attack.

``tests/roots/test-security`` holds ``docs/`` and ``locale/`` of a few pages
and their English catalogs; :func:`make_site` puts the checkout's
``Makefile``, ``conf.py`` and ``pyproject.toml`` beside them, so ``make
html`` there runs exactly as in the knowledge base, in seconds.
:func:`scan` reads every file of a built site the way a browser would and
lists what could run, style, submit or leak there.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from kbcopy import REPO, VENV

ROOT = REPO / "tests" / "roots" / "test-security"
#: the content of a file outside the project that the attacks try to publish
SECRET = "SECRET-OF-THE-BUILD-MACHINE-7f3a"


def make_site(target: Path) -> Path:
    """A copy of the test site at ``target``, with the checkout's build files."""
    shutil.copytree(ROOT, target)
    for name in ("Makefile", "conf.py", "pyproject.toml"):
        shutil.copy2(REPO / name, target / name)
    stamp = VENV / ".installed-stamp"
    if stamp.exists():  # make must not install again
        older = min((target / "pyproject.toml").stat().st_mtime, stamp.stat().st_mtime - 1)
        os.utime(target / "pyproject.toml", (older, older))
    return target


def outside_file(base: Path) -> Path:
    """A file of 'the build machine', outside the project at ``base/project``."""
    secret = base / "machine" / "secret.txt"
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_text(f"{SECRET}\n", encoding="utf-8")
    return secret


#: URL attributes a browser follows or loads
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "xlink:href",
                   "background", "srcset")
_SAFE_SCHEMES = ("http", "https", "mailto")
#: elements no content area may hold: they run, style, submit, embed or redirect
_ACTIVE_ELEMENTS = ("script", "style", "form", "input", "button", "textarea", "select",
                    "iframe", "frame", "object", "embed", "svg", "math", "base", "link", "meta")
#: where content from pages and translations is written (furo): the article, the
#: previous/next links, the sidebar tree, the table of contents, the title
_CONTENT = ("//article", "//*[contains(@class, 'related-pages')]",
            "//*[contains(@class, 'sidebar-tree')]", "//*[contains(@class, 'toc-tree')]",
            "//head/title")
#: what the theme itself puts there: icons and the sidebar's expand switches
_THEME_PARTS = ("//*[contains(@class, 'related-pages')]//svg"
                " | //*[contains(@class, 'sidebar-tree')]//input[@class='toctree-checkbox']"
                " | //*[contains(@class, 'sidebar-tree')]//label//svg")
#: the search page's form of filters, as its template writes it
_SEARCH_FORM = "//div[@id='kb-search']//form[@id='kb-search-facets'][not(*)]"


def _scheme(url: str) -> str:
    # browsers drop ASCII tab and newline anywhere in a URL, and leading spaces
    cleaned = re.sub(r"[\t\n\r]", "", url).strip(" \x00-\x1f").lower()
    found = re.match(r"([a-z][a-z0-9+.-]*):", cleaned)
    return found.group(1) if found else ""


def scan(site: Path) -> list[str]:
    """Everything under ``site`` that could run, style, submit, load from elsewhere or leak."""
    import lxml.html

    findings = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        name = path.relative_to(site).as_posix()
        if SECRET.encode() in data:
            findings.append(f"{name}: content of a file outside the project")
        if path.suffix != ".html" or not data.strip():
            continue
        tree = lxml.html.fromstring(data)
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            for attribute, value in element.attrib.items():
                if attribute.lower().startswith("on"):
                    findings.append(f"{name}: event handler {attribute}= on <{element.tag}>")
                if attribute.lower() in _URL_ATTRIBUTES:
                    scheme = _scheme(value)
                    if scheme and scheme not in _SAFE_SCHEMES:
                        findings.append(f"{name}: {scheme}: URL in <{element.tag} {attribute}>")
                    if element.tag in ("img", "script", "iframe", "embed", "source") and \
                            attribute == "src" and (scheme or value.startswith("//")):
                        findings.append(f"{name}: <{element.tag}> loaded from {value}")
            if element.tag == "meta" and element.get("http-equiv"):
                findings.append(f"{name}: <meta http-equiv={element.get('http-equiv')}>")
        icons = set(tree.xpath(_THEME_PARTS))
        if name.endswith("/search.html"):
            # the search page's own filter form (its template's): empty until its script runs
            icons |= set(tree.xpath(_SEARCH_FORM))
        for area in _CONTENT:
            for container in tree.xpath(area):
                for element in container.iter():
                    if not isinstance(element.tag, str) or element in icons or \
                            any(parent in icons for parent in element.iterancestors()):
                        continue
                    if element.tag in _ACTIVE_ELEMENTS:
                        findings.append(f"{name}: <{element.tag}> in page content")
                    if "style" in element.attrib:
                        findings.append(f"{name}: style= in page content")
    return sorted(set(findings))
