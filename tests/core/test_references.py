"""The references a multirequest request is offered: derived from the earlier results' types."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.forms.references import ResultPath, fitting_first, references
from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema


@pytest.fixture(scope="module")
def schema(real_schema_path: Path) -> Schema:
    return load_schema(real_schema_path)


def offered(schema: Schema, *calls: tuple[str, str]) -> dict[str, ResultPath]:
    return {p.reference: p for p in references(schema, calls)}


@pytest.mark.parametrize(
    ("calls", "reference", "type_label", "kind"),
    [
        # A list response: its count, then its objects' properties, read-only ones included.
        ([("media", "list")], "{1:result:totalCount}", "int", "int"),
        ([("media", "list")], "{1:result:objects:0:id}", "string", "string"),
        ([("media", "list")], "{1:result:objects:0:name}", "string", "string"),
        ([("media", "list")], "{1:result:objects:0:createdAt}", "int", "int"),
        # Inherited from KalturaBaseEntry / KalturaPlayableEntry, and an int enum.
        ([("media", "list")], "{1:result:objects:0:duration}", "int", "int"),
        ([("media", "list")], "{1:result:objects:0:mediaType}", "KalturaMediaType", "int"),
        ([("media", "list")], "{1:result:objects:0:status}", "KalturaEntryStatus", "string"),
        # A scalar result is the result itself.
        ([("session", "start")], "{1:result}", "string", "string"),
        ([("user", "loginByLoginId")], "{1:result}", "string", "string"),
        # An object result; names in any case; numbered by the request.
        ([("system", "ping"), ("MEDIA", "ADD")], "{2:result:id}", "string", "string"),
        ([("system", "ping"), ("media", "add")], "{1:result}", "bool", "bool"),
        ([("category", "add")], "{1:result:parentId}", "int", "int"),
        # An array result: its first item.
        ([("baseentry", "getByIds")], "{1:result:0:id}", "string", "string"),
        # An array of a scalar-wrapping object, nested in an object.
        ([("media", "get")], "{1:result:multiLingual_name:0:value}", "string", "string"),
    ],
)
def test_an_earlier_result_offers_its_paths(
    schema: Schema, calls: list[tuple[str, str]], reference: str, type_label: str, kind: str
) -> None:
    found = offered(schema, *calls)[reference]
    assert (found.type_label, found.kind) == (type_label, kind)


@pytest.mark.parametrize(
    ("calls", "absent"),
    [
        ([("media", "delete")], "{1:result}"),  # no result
        ([("media", "list")], "{1:result:objects}"),  # an array is not a value to type
        ([("media", "list")], "{1:result}"),  # nor is an object
        ([("media", "nosuch")], "{1:result}"),  # a call the schema lacks offers nothing
        ([("nosuch", "list")], "{1:result}"),
        ([("media", "list")], "{2:result:totalCount}"),  # only the requests given
    ],
)
def test_what_is_not_a_value_is_not_offered(
    schema: Schema, calls: list[tuple[str, str]], absent: str
) -> None:
    assert absent not in offered(schema, *calls)


def test_recursive_types_end_and_stay_few(schema: Schema) -> None:
    """Every action of the schema: a bounded list, no path reopening a type it is inside."""
    sizes = [len(references(schema, [(s.id, a.name)])) for s in schema.services for a in s.actions]
    assert 0 < max(sizes) < 400
    # KalturaDetachedResponseProfile holds relatedProfiles of its own type: opened once.
    profile = offered(schema, ("responseprofile", "add"))
    assert "{1:result:relatedProfiles:0:name}" in profile
    assert not [r for r in profile if r.count("relatedProfiles") > 1]


def test_the_call_labels_each_path(schema: Schema) -> None:
    found = offered(schema, ("session", "start"), ("media", "list"))
    assert found["{1:result}"].call == "session.start"
    assert found["{2:result:totalCount}"].call == "media.list"


@pytest.mark.parametrize(
    ("field_kind", "first_kinds"),
    [("int", {"int"}), ("float", {"float", "int"}), ("string", {"string"})],
)
def test_paths_that_fit_the_field_come_first_and_all_are_offered(
    schema: Schema, field_kind: str, first_kinds: set[str]
) -> None:
    paths = references(schema, [("media", "list")])
    ordered = fitting_first(paths, field_kind)
    assert sorted(ordered, key=lambda p: p.reference) == sorted(paths, key=lambda p: p.reference)
    fitting = [p for p in ordered if p.kind in first_kinds]
    assert ordered[: len(fitting)] == fitting
    assert 0 < len(fitting) < len(paths)
