"""Declaring the objects documents cite: resolutions, revisions, goals, targets...

Each object is declared once, by a directive placed directly under the
heading of its section, e.g.::

    (res-200-rev-dubai-2018)=
    ## 第200号决议（2018年，迪拜，修订版）

    ```{kb:revision} res-200-2018
    :resolution: res-200
    :adopted: 2018
    ```

The section's explicit label is the object's anchor, and the section's
heading is its name.  The name is recorded *after* Sphinx's ``Locale``
transform, so in the English build it is the translated heading: link text
generated from it is in the page's language without any English living
outside the catalogs.  A target's identity includes its revision
(``res-200-2018:3.1`` is not ``res-200-2014:3.1``).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from itukb.blocks.backlinks import backlinks_placeholder
from itukb.blocks.relations import note_relations
from itukb.model.relations import relation_ids, with_article
from itukb.store.domain import get_domain

logger = logging.getLogger(__name__)

NUMBER = re.compile(r"^\d+(?:\.\d+)*(?:\.[A-Z])?$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ADOPTED = re.compile(r"^\d{4}(?:-\d{2}-\d{2})?$")
OPTION = re.compile(r"^\s*:([a-z][a-z-]*):")


class kb_object(nodes.Invisible, nodes.Element):
    """Marks where an object was declared; removed once its name is recorded."""


class ObjectDirective(SphinxDirective):
    """Declare one object of ``kind``; see the module docstring."""

    kind = ""
    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}
    #: options naming another object of the kind the option is named for
    #: (``:revision: res-200-2018`` names a revision), checked by
    #: :func:`check_object_references` once everything is read
    references: ClassVar[tuple[str, ...]] = ()

    def object_id(self) -> str:
        return self.arguments[0]

    def validate(self) -> str | None:
        """A problem with the arguments or options, or None."""
        return None if SLUG.match(self.arguments[0]) else (
            f"{self.kind} id {self.arguments[0]!r} is not a lower-case ASCII slug")

    def fields(self) -> dict[str, Any]:
        return {key: self.options[key] for key in self.option_spec if key in self.options}

    def option_lines(self) -> dict[str, int]:
        """The file line of each option given, so a later check can point at it."""
        lines: dict[str, int] = {}
        for offset, text in enumerate(self.block_text.splitlines()):
            match = OPTION.match(text)
            if match and match.group(1) in self.options:
                lines.setdefault(match.group(1), self.lineno + offset)
        return lines

    def run(self) -> list[nodes.Node]:
        problem = self.validate()
        if problem:
            logger.warning(problem, location=self.get_location(), type="itukb",
                           subtype="object")
            return []
        record = {"kind": self.kind, "docname": self.env.docname, "line": self.lineno,
                  "anchor": "", "name": "", **self.fields(),
                  # build-internal (leading "_", left out of kb.json)
                  "_option_lines": self.option_lines()}
        marker = kb_object(object_id=self.object_id(), record=record)
        self.set_source_info(marker)
        relations = note_relations(self.env, "object", self.object_id())
        self.set_source_info(relations)
        backlinks = backlinks_placeholder(self.env, self.object_id())
        self.set_source_info(backlinks)
        return [marker, relations, backlinks]


class ResolutionDirective(ObjectDirective):
    kind = "resolution"
    option_spec: ClassVar[dict[str, Any]] = {"number": directives.unchanged_required}

    def validate(self) -> str | None:
        if "number" not in self.options:
            return "resolution needs a :number: option"
        return super().validate()


class RevisionDirective(ObjectDirective):
    kind = "revision"
    option_spec: ClassVar[dict[str, Any]] = {
        "resolution": directives.unchanged_required,
        "adopted": directives.unchanged_required,
        "supersedes": relation_ids,  # checked by itukb.store.relations once all is read
    }
    references = ("resolution",)

    def validate(self) -> str | None:
        for option in ("resolution", "adopted"):
            if option not in self.options:
                return f"revision needs a :{option}: option"
        if not ADOPTED.match(self.options["adopted"]):
            return f"revision :adopted: {self.options['adopted']!r} is not YYYY or YYYY-MM-DD"
        return super().validate()


class AgendaDirective(ObjectDirective):
    kind = "agenda"
    option_spec: ClassVar[dict[str, Any]] = {"revision": directives.unchanged_required}
    references = ("revision",)


class NumberedDirective(ObjectDirective):
    """Goals and targets: numbered within one revision of a resolution."""

    option_spec: ClassVar[dict[str, Any]] = {"revision": directives.unchanged_required}
    references = ("revision",)

    def object_id(self) -> str:
        prefix = "goal-" if self.kind == "goal" else ""
        return f"{self.options['revision']}:{prefix}{self.arguments[0]}"

    def validate(self) -> str | None:
        if "revision" not in self.options:
            return f"{self.kind} needs a :revision: option naming the revision it belongs to"
        if not NUMBER.match(self.arguments[0]):
            return f"{self.kind} number {self.arguments[0]!r} is not like 3.5"
        return None

    def fields(self) -> dict[str, Any]:
        return {**super().fields(), "number": self.arguments[0]}


class GoalDirective(NumberedDirective):
    kind = "goal"


class TargetDirective(NumberedDirective):
    kind = "target"


class EventDirective(ObjectDirective):
    kind = "event"
    option_spec: ClassVar[dict[str, Any]] = {
        "start": directives.unchanged,
        "end": directives.unchanged,
        "postponed-to": relation_ids,  # checked by itukb.store.relations once all is read
        "replaced-by": relation_ids,
    }


class RecordObjects(SphinxTransform):
    """Record each declared object with its anchor and its (translated) name."""

    # after Locale (20) so the heading is in the build's language, and after
    # StableAnchors (700) so the section's id is its explicit label
    default_priority = 720

    def apply(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        for marker in list(self.document.findall(kb_object)):
            record = dict(marker["record"])
            section = marker.parent
            if not isinstance(section, nodes.section) or not section["ids"]:
                logger.warning(
                    f"{record['kind']} {marker['object_id']!r} must be declared directly "
                    "under a labelled heading, which becomes its name and anchor",
                    location=marker, type="itukb", subtype="object")
                marker.parent.remove(marker)
                continue
            record["anchor"] = section["ids"][0]
            record["name"] = section[0].astext()
            domain.note_object(marker["object_id"], record, marker)
            section["classes"].append(f"kb-{record['kind']}")
            marker.parent.remove(marker)


DIRECTIVES: tuple[type[ObjectDirective], ...] = (
    ResolutionDirective, RevisionDirective, AgendaDirective,
    GoalDirective, TargetDirective, EventDirective,
)


def check_object_references(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """A ``:resolution:`` or ``:revision:`` naming no such object: file and line.

    Otherwise a target declared under a mistyped revision would be published
    as belonging to nothing, and citations of it would fail far from the
    cause.  Run on ``env-get-updated``, which every build emits, so the error
    repeats until it is fixed, like :func:`itukb.store.relations.check_relations`.
    """
    domain = get_domain(env)
    references = {directive.kind: directive.references for directive in DIRECTIVES}
    for obj_id, record in sorted(domain.objects.items()):
        for option in references.get(record["kind"], ()):
            named = record.get(option)
            if named is None:
                continue
            other = domain.objects.get(named)
            if other is not None and other["kind"] == option:
                continue
            problem = (f"names unknown {option} {named!r}" if other is None
                       else f"must name {with_article(option)}; {named!r} is "
                       f"{with_article(other['kind'])}")
            known = sorted(k for k, v in domain.objects.items() if v["kind"] == option)
            hint = f" (known: {', '.join(known)})" if known else ""
            line = record.get("_option_lines", {}).get(option, record["line"])
            logger.warning(f"{record['kind']} {obj_id!r}: ':{option}:' {problem}{hint}",
                           location=(record["docname"], line), type="itukb",
                           subtype="object")
    return []


def setup_objects(app: Sphinx) -> None:
    app.add_node(kb_object)
    for directive in DIRECTIVES:
        app.add_directive_to_domain("kb", directive.kind, directive)
    app.add_transform(RecordObjects)
    app.connect("env-get-updated", check_object_references, priority=450)
