"""Untranslated Chinese on an English page is marked ``lang="zh-CN"``.

An English page partly untranslated shows those passages in Chinese (with a
notice, :mod:`itukb.store.translation_status`).  Without a language tag, screen
readers read them with English rules and browsers pick English fonts and
line breaking.  Sphinx's ``Locale`` transform leaves ``translated = False``
on every node it found no translation for (empty or fuzzy entries); this
transform, running right after it, gives those nodes docutils' class
``language-zh-CN``, which the HTML writer turns into ``lang="zh-CN"``.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from itukb.i18n.config import hreflang, site_language, source_language

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


class MarkUntranslated(SphinxTransform):
    """Tag the passages ``Locale`` left in the source language with that language."""

    default_priority = 21  # right after Locale (20)

    def apply(self, **kwargs: Any) -> None:
        source = source_language(self.config)
        if site_language(self.config) == source:
            return
        language_class = f"language-{hreflang(source)}"
        for node in self.document.findall(nodes.Element):
            if node.get("translated") is False and _CJK.search(node.astext()):
                classes = node.setdefault("classes", [])
                if language_class not in classes:
                    classes.append(language_class)


def setup_untranslated(app: Sphinx) -> None:
    app.add_transform(MarkUntranslated)
