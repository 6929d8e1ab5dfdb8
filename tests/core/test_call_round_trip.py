"""form → call → wire → call → form is the identity, for every action of 22.15.0 filled with
every kind of value (`golden_calls`), for a multirequest per service, and for maps."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.forms.form_calls import SubRequest, read_call, read_multirequest, split_multirequest
from app.forms.form_writing import form_of
from app.forms.wire_reading import read_wire, read_wire_multirequest
from app.protocol.call import (
    Array,
    Call,
    Empty,
    EnumConst,
    FilePart,
    Loose,
    Map,
    MultiRequest,
    Null,
    Object,
    Reference,
    Scalar,
    Unknown,
    Value,
)
from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema, parse_schema
from app.protocol.wire import to_wire
from tests.core.golden_calls import CONFIG, Form, forms, multirequests
from tests.core.test_encoding import MAP_SCHEMA


@pytest.fixture(scope="module")
def schema(real_schema_path: Path) -> Schema:
    return load_schema(real_schema_path)


def _uploads(form: Form, prefix: str = "") -> tuple[FilePart, ...]:
    return tuple(FilePart(prefix + u.name, u.filename, u.content) for u in form.files)


def _kinds(value: Value, seen: set[str]) -> None:
    seen.add(type(value).__name__)
    if isinstance(value, Object):
        for _, member in value.members:
            _kinds(member, seen)
    elif isinstance(value, Array):
        for item in value.items:
            _kinds(item, seen)
    elif isinstance(value, Map):
        for _, item in value.entries:
            _kinds(item, seen)


def test_every_action_goes_form_call_wire_call_form_and_back(schema: Schema) -> None:
    seen: set[str] = set()
    count = 0
    for form in forms(schema):
        uploads = _uploads(form)
        call = read_call(schema, form.service, form.action, form.fields, uploads, CONFIG).call
        assert isinstance(call, Call)
        wire = to_wire(call)
        again = read_wire(schema, form.service, form.action, wire.params, wire.files)
        # A parameter of the action wins over the configuration of the same name (partnerId).
        sent = {name for name, _ in call.params}
        expected = replace(call, config=tuple(c for c in call.config if c[0] not in sent))
        assert again == expected, (form.service, form.action)
        assert list(form_of(again).fields) == form.fields  # form → call → wire → call → form
        back = form_of(call)
        assert (back.service, back.action) == (form.service, form.action)
        assert list(back.fields) == form.fields, (form.service, form.action)
        assert back.config == CONFIG and back.files == uploads
        for _, value in call.params:
            _kinds(value, seen)
        count += 1
    assert count == 884
    assert seen >= {"Scalar", "EnumConst", "Object", "Array", "Null", "Empty", "Unknown", "Loose"}


def test_every_multirequest_goes_form_call_wire_call_form_and_back(schema: Schema) -> None:
    for service, requests in multirequests(schema):
        subs = tuple(
            SubRequest(form.service, form.action, tuple(form.fields), _uploads(form), number)
            for number, (_, form) in enumerate(requests, start=1)
        )
        batch = read_multirequest(schema, subs, CONFIG).call
        assert isinstance(batch, MultiRequest)
        wire = to_wire(batch)
        again = read_wire_multirequest(schema, wire.params)
        assert again == replace(batch, calls=tuple(replace(c, files=()) for c in batch.calls))
        if len(batch.calls) > 1:
            assert any(isinstance(v, Reference) for _, v in batch.calls[1].params), service
        back = form_of(batch)
        fields = [(f"{n}:{k}", v) for n, s in enumerate(subs, 1) for k, v in _with_call(s)]
        assert list(back.fields) == fields and back.config == CONFIG
        assert split_multirequest(back.fields, back.files) == subs


def _with_call(sub: SubRequest) -> list[tuple[str, str]]:
    return [("service", sub.service_id), ("action", sub.action_name), *sub.fields]


def test_the_page_numbers_stay_in_the_call_and_the_wire_renumbers(schema: Schema) -> None:
    subs = (
        SubRequest("media", "list", number=1),
        SubRequest("media", "get", (("entryId", "{1:result:objects:0:id}"),), number=3),
        SubRequest("media", "get", (("entryId", "{3:result:id}"),), number=4),
    )
    batch = read_multirequest(schema, subs).call
    assert isinstance(batch, MultiRequest)
    assert [c.number for c in batch.calls] == [1, 3, 4]
    assert batch.calls[2].params == (("entryId", Reference("{3:result:id}")),)
    assert to_wire(batch).params["3"] == {
        "service": "media",
        "action": "get",
        "entryId": "{2:result:id}",
    }


def test_values_are_typed_by_the_schema(schema: Schema) -> None:
    fields = [
        ("filter:objectType", "KalturaMediaEntryFilter"),
        ("filter:mediaTypeEqual", "1"),
        ("filter:statusIn", "2,7"),
        ("filter:nameLike__null", "1"),
        ("filter:tagsMultiLikeOr", "a"),
        ("pager:objectType", "KalturaFilterPager"),
        ("pager:pageSize", "5"),
        ("extra", "x"),
    ]
    call = read_call(schema, "media", "list", fields).call
    assert isinstance(call, Call)
    assert call.params == (
        (
            "filter",
            Object(
                "KalturaMediaEntryFilter",
                (
                    ("nameLike", Null()),
                    ("tagsMultiLikeOr", Scalar("a", "string")),
                    ("statusIn", Scalar("2,7", "string", "KalturaEntryStatus")),
                    ("mediaTypeEqual", EnumConst("1", "KalturaMediaType", "VIDEO")),
                ),
            ),
        ),
        ("pager", Object("KalturaFilterPager", (("pageSize", Scalar("5", "int")),))),
        ("extra", Loose("x")),
    )


@pytest.mark.parametrize(
    "fields",
    [
        [("extras:0:__key", "a"), ("extras:0:objectType", "KalturaValue"), ("extras:0:value", "1")],
        [("palette:objectType", "KalturaPalette"), ("palette:labels:-", "1"), ("extras:-", "1")],
        [
            ("palette:objectType", "KalturaPalette"),
            ("palette:colorsIn", "1,2"),
            ("palette:ratio", "0.5"),
            ("palette:labels:0:__key", "k"),
            ("palette:labels:0:objectType", "KalturaValue"),
            ("palette:labels:0:value__null", "1"),
        ],
        [("palette:objectType", "KalturaNoSuch"), ("palette:x", "1")],
    ],
)
def test_maps_go_round_too(fields: list[tuple[str, str]]) -> None:
    tiny = parse_schema(MAP_SCHEMA, "map-schema")
    call = read_call(tiny, "paint", "mix", fields).call
    assert isinstance(call, Call)
    wire = to_wire(call)
    assert read_wire(tiny, "paint", "mix", wire.params) == call
    assert list(form_of(call).fields) == fields
    assert any(isinstance(v, Map | Empty | Unknown | Object) for _, v in call.params)
