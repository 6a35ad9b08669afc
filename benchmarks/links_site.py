"""Generate a large bilingual site shaped like ours, with link defects planted.

Pages copy the structure furo and the itukb extension give a real page:
head with stylesheets, scripts and hreflang links, an SVG sprite, the
navigation tree (with ``href="#"`` on the current page), the language
switcher, an article of labelled sections with headerlinks, dense
cross-page links with fragments, footnotes and their back-links, the local
table of contents (``#`` on its top entry), the back-to-top button and the
previous/next links.  Some ids are Chinese and are linked percent-encoded,
as Sphinx writes them, some carry accented letters: correct links a checker
must not report.

Next to the HTML the build's source maps are written
(``doctrees/<lang>/itukb-sourcemap``), as the itukb extension would, so the
checker maps findings to lines.  Every planted defect is listed in the
returned manifest with the page, the href, the finding code our checker
should give and the source line it should name.

Usage as a script: python benchmarks/links_site.py OUTDIR [--pages N]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import quote

LANGUAGES = ("zh_CN", "en")
HREFLANG = {"zh_CN": "zh-CN", "en": "en"}
PAGES_PER_SECTION = 50
SECTIONS_PER_PAGE = 8
ASSETS = ("_static/pygments.css", "_static/styles/furo.css", "_static/copybutton.css",
          "_static/itukb.css", "_static/styles/furo-extensions.css")
SCRIPTS = ("_static/documentation_options.js", "_static/doctools.js",
           "_static/sphinx_highlight.js", "_static/scripts/furo.js",
           "_static/clipboard.min.js", "_static/copybutton.js", "_static/itukb.js")
SVG_IDS = ("svg-toc", "svg-menu", "svg-arrow-right", "svg-sun", "svg-moon")
#: a label written in composed form on the page, linked in decomposed form
ACCENTED = "résolution"


@dataclass
class Defect:
    code: str
    page: str
    href: str
    line: int | None


@dataclass
class Page:
    """One page of one language, built up before being written."""

    language: str
    name: str  # 's03/p017' or 's03/index'
    title: str
    labels: list[str]
    content_links: list[tuple[str, int]] = field(default_factory=list)
    extra_ids: list[tuple[str, int]] = field(default_factory=list)


def _rel(from_name: str, to_path: str) -> str:
    depth = from_name.count("/")
    return "../" * depth + to_path


def _label(name: str, section: int) -> str:
    return f"{name.replace('/', '-')}-sec{section}"


class Generator:
    def __init__(self, out: Path, pages: int, seed: int) -> None:
        self.out = out
        self.rng = random.Random(seed)
        self.sections = max(1, pages // PAGES_PER_SECTION)
        self.names = []
        for s in range(self.sections):
            self.names.append(f"s{s:02d}/index")
            self.names += [f"s{s:02d}/p{p:03d}" for p in range(PAGES_PER_SECTION - 1)]
        self.names = ["index", *self.names][:pages]
        self.number = {name: i for i, name in enumerate(self.names)}
        self.defects: list[Defect] = []
        self.zh_only = "s00/stray"
        self.twin_only_anchor = "zh-only-anchor"

    # -- content plan -----------------------------------------------------

    def labels(self, name: str) -> list[str]:
        labels = [_label(name, i) for i in range(SECTIONS_PER_PAGE)]
        number = self.number.get(name, 0)
        labels[1] = f"目标-{number}"  # Chinese label, linked percent-encoded
        labels[2] = f"{ACCENTED}-{number}"
        return labels

    def plan_links(self, name: str, language: str) -> list[tuple[str, int]]:
        """(href, source line) of the article's links, defects not included."""
        rng = random.Random(f"{name}")  # same links in both languages: twins pair up
        links = []
        line = 10
        for section in range(SECTIONS_PER_PAGE):
            line += 4
            for _ in range(4):
                other = rng.choice(self.names)
                labels = self.labels(other)
                # mostly ASCII labels; now and then the Chinese one, percent-encoded as
                # Sphinx writes it, or the accented one
                pick = rng.choice((0, 3, 4, 5, 6, 7)) if rng.random() > 0.05 else rng.choice((1, 2))
                target = labels[pick]
                if pick == 1:
                    target = quote(target)
                links.append((_rel(name, other + ".html") + "#" + target, line))
                line += 1
            own = self.labels(name)[rng.randrange(SECTIONS_PER_PAGE)]
            links.append(("#" + own, line))
            line += 1
            if section == 3:
                links.append(("https://www.itu.int/en/Pages/default.aspx", line))
                links.append(("mailto:kb@example.org", line))
        return links

    # -- defects ------------------------------------------------------------

    def plant(self) -> dict[tuple[str, str], list[tuple[str, int]]]:
        """Defective links to add, by (language, page): (href, line)."""
        rng = self.rng
        plants: dict[tuple[str, str], list[tuple[str, int]]] = {}
        # names[1] and names[2] are the wrong targets of the switcher and hreflang defects
        pool = self.names[3:]
        chosen = rng.sample(pool, 40)

        def add(language: str, name: str, href: str, code: str, line: int = 900) -> None:
            plants.setdefault((language, name), []).append((href, line))
            self.defects.append(Defect(code, f"{language}/{name}.html", href, line))

        for i, name in enumerate(chosen[:3]):
            add(LANGUAGES[i % 2], name, _rel(name, "s99/gone.html"), "missing-file", 901 + i)
        for i, name in enumerate(chosen[3:6]):
            other = pool[(i * 7) % len(pool)]
            add(LANGUAGES[i % 2], name, _rel(name, other + ".html#no-such-anchor"),
                "missing-anchor", 910 + i)
        for i, name in enumerate(chosen[6:8]):
            add(LANGUAGES[i % 2], name, "#also-missing", "missing-anchor", 920 + i)
        for i, name in enumerate(chosen[8:10]):
            other = chosen[10 + i]
            add(LANGUAGES[i % 2], name, _rel(name, other + ".html#id7"), "generated-anchor",
                930 + i)
        for i, name in enumerate(chosen[12:14]):
            other = chosen[14 + i]
            add(LANGUAGES[i % 2], name, _rel(name, other + ".html#unlabelled-heading"),
                "unlabelled-heading", 940 + i)
        add("zh_CN", chosen[16], "#", "placeholder-link", 950)
        add("en", chosen[17], "javascript:void(0)", "placeholder-link", 951)
        add("zh_CN", chosen[18], "", "placeholder-link", 952)
        for i, name in enumerate(chosen[19:21]):
            add("en", name, "../" * (name.count("/") + 1) + f"zh_CN/{chosen[30 + i]}.html",
                "leaves-language", 960 + i)
        add("en", chosen[21], "../" * 4 + "outside.html", "outside-site", 970)
        twin_target = chosen[22]
        add("zh_CN", chosen[23], _rel(chosen[23], f"{twin_target}.html#{self.twin_only_anchor}"),
            "twin-anchor-missing", 980)
        self.twin_target = twin_target
        self.generated_targets = set(chosen[10:12])
        self.unlabelled_targets = set(chosen[14:16])
        self.duplicate_pages = {("zh_CN", chosen[24]), ("en", chosen[25])}
        self.image_missing = {("en", chosen[26]), ("zh_CN", chosen[27])}
        self.switcher_wrong = ("en", chosen[28])
        self.hreflang_wrong = ("zh_CN", chosen[29])
        for language, name in sorted(self.duplicate_pages):
            # reported at the first definition: the section's label, line 12
            self.defects.append(Defect("duplicate-id", f"{language}/{name}.html", "", 12))
        for language, name in sorted(self.image_missing):
            self.defects.append(Defect("missing-file", f"{language}/{name}.html",
                                       _rel(name, "_images/missing.png"), None))
        language, name = self.switcher_wrong
        self.defects.append(Defect("switcher-mismatch", f"{language}/{name}.html",
                                   _rel(name, f"../zh_CN/{self.names[1]}.html"), None))
        language, name = self.hreflang_wrong
        self.defects.append(Defect("hreflang-mismatch", f"{language}/{name}.html",
                                   _rel(name, f"../en/{self.names[2]}.html"), None))
        stray = f"zh_CN/{self.zh_only}.html"
        self.defects.append(Defect("unpaired-page", stray, "", None))
        # its hreflang link to the English twin
        self.defects.append(Defect("missing-file", stray, f"../../en/{self.zh_only}.html", None))
        return plants

    # -- rendering ------------------------------------------------------------

    def render(self, language: str, name: str, links: list[tuple[str, int]]) -> str:
        up = "../" * name.count("/")
        other = "en" if language == "zh_CN" else "zh_CN"
        labels = self.labels(name) if name != self.zh_only else []
        parts = ['<!doctype html>\n<html class="no-js" lang="',
                 HREFLANG[language], '">\n<head><meta charset="utf-8">\n',
                 '<meta name="viewport" content="width=device-width,initial-scale=1">\n']
        for lang in LANGUAGES:
            target = f"{up}../{lang}/{name}.html"
            if (language, name) == self.hreflang_wrong and lang == "en":
                target = f"{up}../en/{self.names[2]}.html"
            parts.append(f'<link rel="alternate" hreflang="{HREFLANG[lang]}" href="{target}">\n')
        parts.append(f'<link rel="alternate" hreflang="x-default" href="{up}../index.html">\n')
        parts.append(f'<link rel="index" title="Index" href="{up}index.html">'
                     f'<link rel="search" title="Search" href="{up}index.html">\n')
        parts.append(f"<title>{escape(self.title(name, language))}</title>\n")
        for asset in ASSETS:
            parts.append(f'<link rel="stylesheet" type="text/css" href="{up}{asset}?v=1a2b3c" />\n')
        parts.append("<style>body{--color-code-background:#f2f2f2;}</style></head>\n<body>\n")
        parts.append('<svg xmlns="http://www.w3.org/2000/svg" style="display: none;">\n')
        for svg in SVG_IDS:
            parts.append(f'<symbol id="{svg}" viewBox="0 0 24 24"><title>{svg}</title>'
                         '<path d="M4 20h4l10.5 -10.5a2.8 2.8 0 1 0 -4 -4l-10.5 10.5v4"/>'
                         "</symbol>\n")
        parts.append("</svg>\n")
        parts.append('<input type="checkbox" class="sidebar-toggle" id="__navigation">\n'
                     '<a class="skip-to-content muted-link" href="#furo-main-content">Skip</a>\n')
        parts.append('<div class="page"><header class="mobile-header"><div class="header-left">'
                     '<span class="icon"><svg><use href="#svg-menu"></use></svg></span></div>'
                     f'<div class="header-center"><a href="{up}index.html"><div class="brand">'
                     "Knowledge base</div></a></div></header>\n")
        parts.append('<aside class="sidebar-drawer"><div class="sidebar-container">'
                     f'<a class="sidebar-brand" href="{up}index.html">KB</a>'
                     f'<form class="sidebar-search-container" method="get" action="{up}index.html"'
                     ' role="search"><input class="sidebar-search" name="q"></form>'
                     '<div class="sidebar-tree">\n<ul>\n')
        section = name.split("/")[0]
        for s in range(self.sections):
            index = f"s{s:02d}/index"
            if index not in self.names:
                continue
            cls = "current reference internal" if index == name else "reference internal"
            href = "#" if index == name else _rel(name, index + ".html")
            parts.append(f'<li class="toctree-l1"><a class="{cls}" href="{href}">'
                         f"{escape(self.title(index, language))}</a>")
            if f"s{s:02d}" == section:
                parts.append(f'<input class="toctree-checkbox" id="toctree-checkbox-{s}" '
                             'type="checkbox"/><ul>\n')
                for sibling in self.names:
                    if sibling.startswith(section + "/p"):
                        current = sibling == name
                        cls = "current reference internal" if current else "reference internal"
                        href = "#" if current else _rel(name, sibling + ".html")
                        parts.append(f'<li class="toctree-l2"><a class="{cls}" href="{href}">'
                                     f"{escape(self.title(sibling, language))}</a></li>\n")
                parts.append("</ul>")
            parts.append("</li>\n")
        parts.append('</ul>\n</div></div></aside>\n<div class="main"><div class="content">'
                     '<div class="article-container">\n<a href="#" class="back-to-top '
                     'muted-link"><span>Back to top</span></a>\n'
                     '<article role="main" id="furo-main-content">\n')
        switch_target = f"{up}../{other}/{name}.html"
        if (language, name) == self.switcher_wrong:
            switch_target = f"{up}../zh_CN/{self.names[1]}.html"
        if name != self.zh_only:
            parts.append('<nav class="kb-language-switcher" aria-label="Other language">'
                         f'<a class="kb-switch-link" href="{switch_target}">'
                         f'{"English" if other == "en" else "中文"}</a></nav>\n')
        page_id = name.replace("/", "-")
        parts.append(f'<section id="{page_id}">\n<h1>{escape(self.title(name, language))}'
                     f'<a class="headerlink" href="#{page_id}">¶</a></h1>\n')
        if (language, name) in self.image_missing:
            parts.append(f'<p><img alt="chart" src="{up}_images/missing.png" /></p>\n')
        if name in self.generated_targets:
            parts.append('<p id="id7">An element with a docutils-generated id.</p>\n')
        if name in self.unlabelled_targets:
            parts.append('<section id="unlabelled-heading">\n<h2>Heading without label'
                         '<a class="headerlink" href="#unlabelled-heading">¶</a></h2>\n'
                         "<p>Linked to, but not labelled.</p>\n</section>\n")
        if name == self.twin_target and language == "zh_CN":
            parts.append(f'<p id="{self.twin_only_anchor}">只在中文页面上的锚点。</p>\n')
        if (language, name) in self.duplicate_pages:
            parts.append(f'<p id="{labels[0]}">A second element with the same id.</p>\n')
        per_section = max(1, len(links) // max(1, len(labels) or 1))
        for index, label in enumerate(labels or ["only"]):
            parts.append(f'<section id="{label}">\n<h2>{escape(self.title(name, language))} — '
                         f'{index}<a class="headerlink" href="#{label}">¶</a></h2>\n<p>')
            chunk = links[index * per_section:(index + 1) * per_section] if labels else links
            if index == len(labels) - 1:
                chunk = links[index * per_section:]
            for number, (href, _line) in enumerate(chunk):
                text = "链接" if language == "zh_CN" else "link"
                parts.append(f'See <a class="reference internal" href="{escape(href)}">'
                             f"<span>{text} {number}</span></a>. ")
            parts.append(f'A sentence with a note<a class="footnote-reference brackets" '
                         f'href="#footnote-{index}" id="fnref-{index}">{index}</a>.</p>\n'
                         "</section>\n")
        parts.append('<aside class="footnote-list brackets">\n')
        for index in range(len(labels) or 1):
            parts.append(f'<aside class="footnote brackets" id="footnote-{index}">'
                         f'<span class="label"><a role="doc-backlink" href="#fnref-{index}">'
                         f"{index}</a></span><p>Note {index}.</p></aside>\n")
        parts.append("</aside>\n</section>\n</article>\n</div>\n<footer>"
                     '<div class="related-pages">')
        position = self.number.get(name, 1)
        for step, cls in ((1, "next-page"), (-1, "prev-page")):
            neighbour = self.names[(position + step) % len(self.names)]
            parts.append(f'<a class="{cls}" href="{_rel(name, neighbour + ".html")}">'
                         f"{escape(self.title(neighbour, language))}</a>")
        parts.append('</div><div class="bottom-of-page">Made with '
                     '<a href="https://github.com/pradyunsg/furo">Furo</a></div></footer>\n'
                     '</div>\n<aside class="toc-drawer"><div class="toc-tree"><ul>\n'
                     f'<li><a class="reference internal" href="#">'
                     f"{escape(self.title(name, language))}</a><ul>\n")
        for label in labels:
            parts.append(f'<li><a class="reference internal" href="#{label}">{label}</a></li>\n')
        parts.append("</ul></li></ul></div></aside></div></div>\n")
        for script in SCRIPTS:
            parts.append(f'<script src="{up}{script}?v=9f8e7d"></script>\n')
        parts.append("</body>\n</html>\n")
        return "".join(parts)

    def title(self, name: str, language: str) -> str:
        number = name.replace("/", " ")
        return f"文献 {number}" if language == "zh_CN" else f"Document {number}"

    def sourcemap(self, language: str, name: str, links: list[tuple[str, int]]) -> str:
        labels = self.labels(name)
        anchors: dict[str, list[int]] = {name.replace("/", "-"): [1]}
        for index, label in enumerate(labels):
            anchors.setdefault(label, []).append(12 + index * 6)
        if (language, name) in self.duplicate_pages:
            anchors[labels[0]].append(700)
        if name in self.unlabelled_targets:
            anchors["unlabelled-heading"] = [800]
        record = {
            "version": 1, "docname": name, "page": name + ".html",
            "source": f"docs/{name}.md", "catalog": None,
            "links": [[href, line, False] for href, line in links]
            + [[f"#footnote-{i}", 13 + i * 6, False] for i in range(len(labels))]
            + [[f"#fnref-{i}", 200 + i, False] for i in range(len(labels))],
            "anchors": anchors,
            "labels": labels,
            "toctrees": [],
        }
        return json.dumps(record, ensure_ascii=False)

    def write(self) -> list[Defect]:
        if self.out.exists():
            shutil.rmtree(self.out)
        html = self.out / "html"
        plants = self.plant()
        for language in LANGUAGES:
            maps = self.out / "doctrees" / language / "itukb-sourcemap"
            names = [*self.names, self.zh_only] if language == "zh_CN" else self.names
            for name in names:
                links = [] if name == self.zh_only else self.plan_links(name, language)
                links += plants.get((language, name), [])
                # planted links go after the others, so their lines sort last
                page = html / language / f"{name}.html"
                page.parent.mkdir(parents=True, exist_ok=True)
                page.write_text(self.render(language, name, links), encoding="utf-8")
                if name != self.zh_only:
                    path = maps / f"{name}.json"
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(self.sourcemap(language, name, links), encoding="utf-8")
            for asset in (*ASSETS, *SCRIPTS):
                path = html / language / asset
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text("/* asset */\n", encoding="utf-8")
        (html / "index.html").write_text(
            '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>KB</title>'
            '<link rel="alternate" hreflang="zh-CN" href="zh_CN/index.html">'
            '<link rel="alternate" hreflang="en" href="en/index.html">'
            '<link rel="alternate" hreflang="x-default" href="index.html"></head><body>'
            '<a href="zh_CN/index.html">中文</a> <a href="en/index.html">English</a>'
            "</body></html>\n", encoding="utf-8")
        manifest = [d.__dict__ for d in self.defects]
        (self.out / "planted.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1),
                                               encoding="utf-8")
        return self.defects


def generate(out: Path, pages: int = 2000, seed: int = 7) -> list[Defect]:
    """Write the site under ``out/html`` (source maps under ``out/doctrees``)."""
    return Generator(out, pages, seed).write()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=2000, help="pages per language")
    args = parser.parse_args()
    defects = generate(args.out, args.pages)
    print(f"wrote {args.pages} pages per language to {args.out / 'html'}, "
          f"{len(defects)} planted defects")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
