"""The files at the site's root, beside the language chooser (``make html``).

* ``sitemap.xml``: a sitemaps.org index of each language's sitemap, each
  with the newest ``lastmod`` found in it (so it is as reproducible as they are);
* ``robots.txt``: lets every crawler in and names the sitemap index;
* ``index.html``, the language chooser copied from ``docs/_root``: with a
  base URL, its ``hreflang`` alternates are made absolute and it gets a
  canonical link, like every other page;
* ``404.html``: what GitHub Pages and Read the Docs serve for any missing
  URL of the site: the not-found message in every language and links, by
  absolute path, to each language's home and to the language chooser.

Without a base URL there are no sitemaps (they need absolute URLs), and
``robots.txt`` names none.  Sphinx is not needed: this runs after the
languages are published.

Usage: python -m itukb.build.rootfiles SITE [--base-url URL] LANG [LANG...]
"""

from __future__ import annotations

import argparse
import re
import sys
from html import escape
from pathlib import Path
from xml.etree import ElementTree

from itukb.pages.notfound import not_found_text
from itukb.pages.siteurls import SITEMAP_FILENAME as FILENAME
from itukb.pages.siteurls import SITEMAP_NS, base_path, hreflang

_ALTERNATE = re.compile(r'<link\b[^>]*\bhreflang="[^"]*"[^>]*>')
_HREF = re.compile(r'\bhref="([^"]*)"')


def absolute_chooser(page: str, base: str) -> str:
    """The chooser with absolute ``hreflang`` alternates and a canonical link."""
    def absolute(match: re.Match[str]) -> str:
        href = match.group(1)
        if "://" in href:
            return match.group(0)
        url = base if href in ("", "index.html", "./") else f"{base}{href}"
        return f'href="{escape(url)}"'

    page = _ALTERNATE.sub(lambda tag: _HREF.sub(absolute, tag.group(0)), page)
    if 'rel="canonical"' not in page:
        page = page.replace("</head>", f'  <link rel="canonical" href="{escape(base)}">\n</head>',
                            1)
    return page


def newest_lastmod(sitemap: Path) -> str | None:
    """The latest ``lastmod`` of a sitemap (ISO dates compare as text)."""
    found = [element.text or "" for element in
             ElementTree.parse(sitemap).iter(f"{{{SITEMAP_NS}}}lastmod")]
    return max(found) if found else None


def sitemap_index(site: Path, base: str, languages: list[str]) -> bytes | None:
    """The index of the languages' sitemaps; None when none was written."""
    ElementTree.register_namespace("", SITEMAP_NS)
    root = ElementTree.Element(f"{{{SITEMAP_NS}}}sitemapindex")
    for language in languages:
        sitemap = site / language / FILENAME
        if not sitemap.is_file():
            continue
        entry = ElementTree.SubElement(root, f"{{{SITEMAP_NS}}}sitemap")
        ElementTree.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = \
            f"{base}{language}/{FILENAME}"
        lastmod = newest_lastmod(sitemap)
        if lastmod:
            ElementTree.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = lastmod
    if not len(root):
        return None
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(base: str, has_sitemap: bool) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if has_sitemap:
        lines.append(f"Sitemap: {base}{FILENAME}")
    return "\n".join(lines) + "\n"


def not_found_page(base: str, languages: list[str]) -> str:
    """The root 404 page: every language's message and links by absolute path."""
    root = base_path(base)
    first = languages[0]
    titles = " · ".join(dict.fromkeys(not_found_text(lang)[0] for lang in languages))
    sections = []
    for language in languages:
        title, text, home, chooser = not_found_text(language)
        tag = escape(hreflang(language))
        sections.append(
            f'  <section lang="{tag}">\n    <h2>{escape(title)}</h2>\n'
            f"    <p>{escape(text)}</p>\n"
            f'    <p><a href="{escape(root)}{escape(language)}/index.html" hreflang="{tag}">'
            f"{escape(home)}</a> · "
            f'<a href="{escape(root)}index.html">{escape(chooser)}</a></p>\n  </section>')
    body = "\n".join(sections)
    return (f'<!DOCTYPE html>\n<html lang="{escape(hreflang(first))}">\n<head>\n'
            f'  <meta charset="utf-8">\n'
            f'  <meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'  <meta name="robots" content="noindex">\n'
            f'  <link rel="icon" href="{escape(root)}{escape(first)}/_static/itukb-icon.svg" '
            f'type="image/svg+xml">\n'
            f"  <title>404 · {escape(titles)}</title>\n"
            "  <style>body { font-family: system-ui, sans-serif; max-width: 40rem; "
            "margin: 4rem auto; padding: 0 1rem; line-height: 1.6; }</style>\n"
            f"</head>\n<body>\n<main>\n  <h1>404</h1>\n{body}\n</main>\n</body>\n</html>\n")


def write_root_files(site: Path, base: str, languages: list[str]) -> list[str]:
    """Write the root files into ``site``; returns their names."""
    base = base.strip().rstrip("/") + "/" if base.strip() else ""
    written = []
    index = sitemap_index(site, base, languages) if base else None
    target = site / FILENAME
    if index is not None:
        target.write_bytes(index)
        written.append(FILENAME)
    elif target.exists():
        target.unlink()  # the last build with a base URL wrote it
    chooser = site / "index.html"
    if base and chooser.is_file():
        chooser.write_text(absolute_chooser(chooser.read_text(encoding="utf-8"), base),
                           encoding="utf-8")
    (site / "robots.txt").write_text(robots_txt(base, index is not None), encoding="utf-8")
    (site / "404.html").write_text(not_found_page(base, languages), encoding="utf-8")
    return [*written, "robots.txt", "404.html"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the published site, e.g. _build/html")
    parser.add_argument("--base-url", default="", help="the site's URL (KB_BASEURL)")
    parser.add_argument("languages", nargs="+", help="the site's languages, source first")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"error: {args.site}: no site to write the root files into", file=sys.stderr)
        return 1
    write_root_files(args.site, args.base_url, args.languages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
