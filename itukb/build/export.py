"""A machine-readable export of the knowledge base: ``<outdir>/kb.json``.

One file per language build, listing every document and object with its
metadata, its URL (relative to the language's root, or absolute under
``kb_baseurl`` when the site's address is known) and its links both ways,
so other tools can use the knowledge base without scraping HTML.  The
format is described by ``kb.schema.json``, written beside it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from itukb.i18n.config import site_language, site_languages
from itukb.model.relations import object_key
from itukb.pages.siteurls import absolute
from itukb.store.citing import backlinks_data, cites_data, resolved_citations
from itukb.store.domain import get_domain
from itukb.store.relations import relations_data

SCHEMA = Path(__file__).parents[1] / "data" / "kb.schema.json"
#: the list of languages in the schema's ``language`` property
_LANGUAGE_ENUM = re.compile(r'("language": \{"enum": )\[[^\]]*\]')
FORMAT_VERSION = 1


def _url(app: Sphinx, docname: str, anchor: str = "") -> str:
    uri = app.builder.get_target_uri(docname)
    uri = absolute(app.config, app.config.language, uri) or uri
    return f"{uri}#{anchor}" if anchor else uri


def build_export(app: Sphinx) -> dict[str, Any]:
    env = app.env
    domain = get_domain(env)
    resolved_citations(domain)  # warm the cache once for all entries below

    def cites(docname: str) -> list[dict[str, Any]]:
        return [{"id": row["object_id"], "kind": row["kind"],
                 "url": _url(app, row["docname"], row["anchor"])}
                for row in cites_data(domain, docname) if not row.get("error")]

    def cited_by(object_id: str) -> list[dict[str, Any]]:
        return [{"id": domain.documents[row["docname"]]["id"],
                 "url": _url(app, row["docname"], row["anchor"])}
                for row in backlinks_data(domain, object_id)]

    def relations(kind: str, ident: str) -> list[dict[str, Any]]:
        return [{"relation": row["label"].removeprefix("rel_").replace("_", "-"),
                 "id": row["id"], "url": _url(app, row["docname"], row["anchor"])}
                for row in relations_data(domain, object_key(kind, ident))["rows"]]

    documents = []
    for docname, record in sorted(domain.documents.items()):
        title = env.titles[docname].astext() if docname in env.titles else record["title"]
        metadata = {k: v for k, v in record.items()
                    if k not in ("docname", "id", "title") and not k.startswith("_")}
        documents.append({"id": record["id"], "kind": "document", "title": title,
                          "url": _url(app, docname), "metadata": metadata,
                          "cites": cites(docname), "cited_by": cited_by(record["id"]),
                          "relations": relations("document", record["id"])})
    objects = []
    for object_id, record in sorted(domain.objects.items()):
        fields = {k: v for k, v in record.items()
                  if k not in ("kind", "docname", "anchor", "line", "name")
                  and not k.startswith("_")}
        objects.append({"id": object_id, "kind": record["kind"], "title": record["name"],
                        "url": _url(app, record["docname"], record["anchor"]),
                        "metadata": fields, "cited_by": cited_by(object_id),
                        "relations": relations(record["kind"], object_id)})
    return {"format": FORMAT_VERSION, "language": site_language(app.config),
            "documents": documents, "objects": objects}


def dump_export(data: dict[str, Any]) -> str:
    """The export as JSON, one document or object a line.

    Lines keep the file readable and its diffs small; each line is encoded
    by the json module's C encoder, which ``indent`` would turn off (several
    times slower, seconds on every build of thousands of documents).
    """
    def compact(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    parts = []
    for key in sorted(data):
        value = data[key]
        if isinstance(value, list):
            items = ",\n".join(compact(item) for item in value)
            parts.append(f"{compact(key)}: [\n{items}\n]" if value else f"{compact(key)}: []")
        else:
            parts.append(f"{compact(key)}: {compact(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def write_export(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    (outdir / "kb.json").write_text(dump_export(build_export(app)), encoding="utf-8")
    schema = with_languages(SCHEMA.read_text(encoding="utf-8"), site_languages(app.config))
    (outdir / "kb.schema.json").write_text(schema, encoding="utf-8")


def with_languages(schema: str, languages: tuple[str, ...]) -> str:
    """The schema with the site's own languages as the values ``language`` may take."""
    return _LANGUAGE_ENUM.sub(lambda m: m[1] + json.dumps(list(languages)), schema, count=1)


def setup_export(app: Sphinx) -> None:
    app.connect("build-finished", write_export)
