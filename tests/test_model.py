"""The knowledge model without a build: revisions in force, relations, document rules, memos."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from itukb.i18n.names import KINDS, SOURCE_LANGUAGE_NAMES
from itukb.model.document import (
    DOCUMENT_KINDS,
    SOURCE_LANGUAGES,
    is_document_page,
    version_key,
)
from itukb.model.relations import RelationIndex, current_of, declarations, find_cycles
from itukb.model.revisions import CitationError, NotInForce, ObjectIndex, in_force, resolve
from itukb.store.memo import Lifetime, Memo


class Recorded:
    """Objects and documents as the domain records them."""

    def __init__(self, objects: dict[str, dict[str, Any]],
                 documents: dict[str, dict[str, Any]] | None = None) -> None:
        self.objects = objects
        self.documents = documents or {}

    def document_by_id(self, doc_id: str) -> dict[str, Any] | None:
        return next((r for r in self.documents.values() if r["id"] == doc_id), None)


def _revision(resolution: str, adopted: str, **more: Any) -> dict[str, Any]:
    return {"kind": "revision", "resolution": resolution, "adopted": adopted,
            "docname": "res", "anchor": f"rev-{adopted}", "line": 1, **more}


def _target(revision: str, number: str) -> dict[str, Any]:
    return {"kind": "target", "revision": revision, "number": number, "docname": "res",
            "anchor": f"{revision}-t{number}", "line": 1}


RECORDED = Recorded({
    "res-1": {"kind": "resolution", "number": "1", "docname": "res", "anchor": "res-1",
              "line": 1},
    "res-1-2014": _revision("res-1", "2014-11-06"),
    "res-1-2018": _revision("res-1", "2018"),
    "t-2014-1": _target("res-1-2014", "1.1"),
    "t-2018-1": _target("res-1-2018", "1.1"),
    "t-2018-2": _target("res-1-2018", "2.2"),
})
INDEX = ObjectIndex.build(RECORDED.objects)


def test_the_revision_in_force_follows_the_date() -> None:
    assert in_force(INDEX, "res-1", dt.date(2016, 1, 1)) == "res-1-2014"
    assert in_force(INDEX, "res-1", dt.date(2019, 1, 1)) == "res-1-2018"
    assert in_force(INDEX, "res-1", None) == "res-1-2018"  # undated pages: the latest


def test_a_year_only_adoption_in_the_citing_year_is_ambiguous() -> None:
    with pytest.raises(CitationError, match=r"ambiguous.*@res-1-2018"):
        in_force(INDEX, "res-1", dt.date(2018, 6, 1))


def test_before_the_first_revision_nothing_is_in_force() -> None:
    with pytest.raises(CitationError, match="no revision of res-1 was in force"):
        in_force(INDEX, "res-1", dt.date(2010, 1, 1))


def test_a_target_means_the_one_of_the_revision_in_force() -> None:
    assert resolve(RECORDED, INDEX, "target", "1.1", dt.date(2016, 1, 1)).object_id == "t-2014-1"
    assert resolve(RECORDED, INDEX, "target", "1.1", dt.date(2020, 1, 1)).object_id == "t-2018-1"
    assert resolve(RECORDED, INDEX, "target", "1.1@2014", None).object_id == "t-2014-1"


def test_a_target_missing_from_the_revision_in_force_says_where_it_exists() -> None:
    with pytest.raises(NotInForce, match="exists in: res-1-2018"):
        resolve(RECORDED, INDEX, "target", "2.2", dt.date(2016, 1, 1))


def test_a_resolution_by_number_means_its_revision_in_force() -> None:
    found = resolve(RECORDED, INDEX, "resolution", "1", dt.date(2016, 1, 1))
    assert (found.object_id, found.anchor) == ("res-1-2014", "rev-2014-11-06")


def test_unknown_objects_are_errors() -> None:
    with pytest.raises(CitationError, match="unknown resolution '7'"):
        resolve(RECORDED, INDEX, "resolution", "7", None)
    with pytest.raises(CitationError, match="unknown document 'nope'"):
        resolve(RECORDED, INDEX, "document", "nope", None)


def test_relations_are_derived_both_ways_and_followed_to_the_end() -> None:
    objects = {
        "r-a": _revision("res-1", "2010", supersedes=[]),
        "r-b": _revision("res-1", "2014", supersedes=["r-a"]),
        "r-c": _revision("res-1", "2018", supersedes=["r-b"]),
    }
    found = declarations(objects, {})
    index = RelationIndex.build(found, lambda relation, target: objects[target]["kind"])
    assert index.rows[("object", "r-a")] == [("rel_superseded_by", ("object", "r-b"),
                                              "supersedes")]
    assert current_of(index, ("object", "r-a")) == ("object", "r-c")


def test_a_relation_to_something_unknown_is_left_out_of_the_graph() -> None:
    objects = {"r-b": _revision("res-1", "2014", supersedes=["gone"])}
    index = RelationIndex.build(declarations(objects, {}), lambda relation, target: None)
    assert index.rows == {} and index.newer == {}


def test_cycles_are_found_once_from_their_smallest_member() -> None:
    a, b, c = ("object", "a"), ("object", "b"), ("object", "c")
    assert find_cycles({b: [c], c: [a], a: [b]}) == [[a, b, c]]
    assert find_cycles({a: [b], b: [c]}) == []


def test_versions_compare_number_by_number() -> None:
    assert version_key("1.10") > version_key("1.9")
    assert sorted(["1.10", "1.2", "1.9"], key=version_key) == ["1.2", "1.9", "1.10"]


def test_document_pages_are_those_under_the_document_folders() -> None:
    assert is_document_page("documents/cl-20-20", ["documents"])
    assert not is_document_page("documents/index", ["documents"])
    assert not is_document_page("resolutions/res-200", ["documents"])


def test_a_memo_keeps_a_value_until_its_lifetime_ends() -> None:
    memo, calls = Memo(), []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert memo.get(Lifetime.READ, "n", compute) == 1
    assert memo.get(Lifetime.READ, "n", compute) == 1
    memo.forget(Lifetime.OBJECTS)
    assert memo.get(Lifetime.READ, "n", compute) == 1
    memo.forget(Lifetime.READ)
    assert memo.get(Lifetime.READ, "n", compute) == 2
    memo.forget()
    assert memo.get(Lifetime.READ, "n", compute) == 3


def test_every_kind_and_source_language_of_the_model_has_a_name() -> None:
    assert sorted(KINDS) == sorted(DOCUMENT_KINDS)
    assert sorted(SOURCE_LANGUAGE_NAMES) == sorted(SOURCE_LANGUAGES)
