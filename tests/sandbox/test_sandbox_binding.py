"""Pure tables: request names, parameter binding, result references, rendering."""

from __future__ import annotations

import io
from typing import Any

import pytest

from app.protocol.facts import RELATIVE_TIME_LIMIT
from app.protocol.param_tree import nest, split_name
from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema
from app.resources import default_schema_path
from app.sandbox.errors import ErrorPayload, KalturaApiError
from app.sandbox.multirequest import resolve
from app.sandbox.params import Binder
from app.sandbox.phpformat import php_serialize
from app.sandbox.render import Outcome, Renderer
from app.sandbox.wire import UploadedFile

NOW = 1_800_000_000


@pytest.fixture(scope="module")
def schema() -> Schema:
    return load_schema(default_schema_path())


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("ks", ["ks"]),
        ("filter:nameLike", ["filter", "nameLike"]),
        ("filter[nameLike]", ["filter", "nameLike"]),
        ("1:filter[pager][pageSize]", ["1", "filter", "pager", "pageSize"]),
        ("entries:0:id", ["entries", "0", "id"]),
    ],
)
def test_split_name(name: str, parts: list[str]) -> None:
    assert split_name(name) == parts


def test_nest_builds_one_tree_from_flat_and_json_names() -> None:
    flat = {"filter:nameLike": "a", "filter[objectType]": "F", "1": {"pager:pageSize": "5"}}
    assert nest(flat) == {
        "filter": {"nameLike": "a", "objectType": "F"},
        "1": {"pager": {"pageSize": "5"}},
    }


def _bind(schema: Schema, service: str, action: str, raw: dict[str, Any]) -> dict[str, Any]:
    action_def = schema.action(service, action)
    assert action_def is not None
    return Binder(schema, NOW).bind_action(action_def, raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            {"secret": "s"},
            {
                "secret": "s",
                "userId": "",
                "type": 0,
                "partnerId": None,
                "expiry": 86400,
                "privileges": None,
            },
        ),
        (
            {"secret": "s", "type": "2", "expiry": 60, "partnerId": "12"},
            {
                "secret": "s",
                "userId": "",
                "type": 2,
                "partnerId": 12,
                "expiry": 60,
                "privileges": None,
            },
        ),
        (
            {"secret": "s", "privileges__null": ""},
            {
                "secret": "s",
                "userId": "",
                "type": 0,
                "partnerId": None,
                "expiry": 86400,
                "privileges": None,
            },
        ),
    ],
)
def test_params_take_defaults_and_convert_strings(
    schema: Schema, raw: dict[str, Any], expected: dict[str, Any]
) -> None:
    assert _bind(schema, "session", "start", raw) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [("true", True), ("True", True), ("1", True), ("false", False), ("False", False), ("0", False)],
)
def test_booleans_accept_every_spelling_clients_send(
    schema: Schema, text: str, value: bool
) -> None:
    upload = UploadedFile("f", io.BytesIO(b""))
    bound = _bind(
        schema, "uploadToken", "upload", {"uploadTokenId": "t", "fileData": upload, "resume": text}
    )
    assert bound["resume"] is value


@pytest.mark.parametrize(("text", "value"), [("true", 1), ("False", 0), ("-1", -1)])
def test_int_enums_read_true_and_false_as_one_and_zero(
    schema: Schema, text: str, value: int
) -> None:
    bound = _bind(schema, "category", "delete", {"id": "5", "moveEntriesToParentCategory": text})
    assert bound["moveEntriesToParentCategory"] == value


def test_object_type_selects_the_subclass_and_drops_unknown_properties(schema: Schema) -> None:
    raw = {
        "entryId": "e",
        "resource": {
            "objectType": "KalturaUrlResource",
            "url": "u",
            "bogus": "x",
            "urlHeaders": {"-": ""},
        },
    }
    bound = _bind(schema, "media", "addContent", raw)
    assert bound["resource"] == {"objectType": "KalturaUrlResource", "url": "u", "urlHeaders": []}


def test_read_only_properties_are_kept_for_the_action_to_refuse(schema: Schema) -> None:
    """api_v3's deserializer keeps them; its add and update refuse them (not the binder)."""
    entry = {"objectType": "KalturaMediaEntry", "id": "0_x", "createdAt__null": "", "plays": None}
    bound = _bind(schema, "media", "add", {"entry": entry})
    assert bound["entry"] == {"objectType": "KalturaMediaEntry", "id": "0_x", "createdAt": None}


def test_object_type_is_matched_without_case_and_json_null_is_not_sent(schema: Schema) -> None:
    raw = {"entryId": "e", "resource": {"objectType": "kalturaurlresource", "url": None}}
    assert _bind(schema, "media", "addContent", raw)["resource"] == {
        "objectType": "KalturaUrlResource",
        "url": None,
    }
    with pytest.raises(KalturaApiError) as caught:
        _bind(schema, "media", "get", {"entryId": None})
    assert caught.value.name == "MISSING_MANDATORY_PARAMETER"


def test_arrays_come_in_index_order_from_forms_and_lists(schema: Schema) -> None:
    binder = Binder(schema, NOW)
    ref = schema.property("KalturaUrlResource", "urlHeaders")
    assert ref is not None
    form = {"10": {"value": "c"}, "2": {"value": "b"}, "0": {"value": "a"}}
    values = [i["value"] for i in binder.value(ref.ref, form, "h")]
    assert values == ["a", "b", "c"]
    assert binder.value(ref.ref, [{"value": "x"}], "h") == [
        {"objectType": "KalturaString", "value": "x"}
    ]


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        (3600, NOW + 3600),
        (-60, NOW - 60),
        (0, 0),
        (RELATIVE_TIME_LIMIT + 5, RELATIVE_TIME_LIMIT + 5),
    ],
)
def test_time_properties_below_ten_years_are_relative(
    schema: Schema, given: int, stored: int
) -> None:
    bound = _bind(
        schema, "media", "add", {"entry": {"objectType": "KalturaMediaEntry", "startDate": given}}
    )
    assert bound["entry"]["startDate"] == stored


@pytest.mark.parametrize(
    ("raw", "error", "args"),
    [
        ({}, "MISSING_MANDATORY_PARAMETER", ("entry",)),
        ({"entry": ""}, "MISSING_MANDATORY_PARAMETER", ("entry",)),
        (
            {"entry": {"objectType": "KalturaBaseEntryFilter"}},
            "INVALID_OBJECT_TYPE",
            ("KalturaBaseEntryFilter",),
        ),
        (
            {"entry": {"mediaType": "7"}},
            "INVALID_ENUM_VALUE",
            ("7", "entry:mediaType", "KalturaMediaType"),
        ),
        (
            {"entry": {"msDuration": "1.5"}},
            "PROPERTY_VALIDATION_NUMERIC_VALUE",
            ("entry:msDuration",),
        ),
        (
            {"entry": {"blockAutoTranscript": "yes"}},
            "INVALID_PARAMETER_VALUE",
            ("entry:blockAutoTranscript",),
        ),
        ({"entry": ["a"]}, "INVALID_PARAMETER_VALUE", ("entry",)),
        ({"entry": {"name": "bell\x07"}}, "INVALID_PARAMETER_CHAR", ("name",)),
    ],
)
def test_binding_errors(
    schema: Schema, raw: dict[str, Any], error: str, args: tuple[str, ...]
) -> None:
    with pytest.raises(KalturaApiError) as caught:
        _bind(schema, "media", "add", raw)
    assert (caught.value.name, caught.value.values) == (error, args)


RESULTS: list[Any] = [
    {
        "objectType": "KalturaMediaListResponse",
        "objects": [{"id": "0_a", "flag": True}],
        "totalCount": 1,
    },
    "djJ8ks",
]


@pytest.mark.parametrize(
    ("value", "resolved"),
    [
        ("{1:result:objects:0:id}", "0_a"),
        ("{1:result:totalCount}", "1"),
        ("{1:result:objects:0:flag}", "1"),
        ("{2:result}", "djJ8ks"),
        ("id={1:result:objects:0:id};ks={2:result}", "id=0_a;ks=djJ8ks"),
        ("{1:result:objects:5:id}", ""),
        ("{3:result}", ""),
        ({"a": ["{2:result}"]}, {"a": ["djJ8ks"]}),
        ("{not a reference}", "{not a reference}"),
        ("{1:result}", ""),
        ("{1:result:objects}", ""),
    ],
)
def test_result_references(value: Any, resolved: Any) -> None:
    assert resolve(value, RESULTS) == resolved


def test_xml_renders_booleans_maps_and_arrays(schema: Schema) -> None:
    renderer = Renderer(schema)
    assert renderer.xml_value(True) == "1"
    assert renderer.xml_value(["a", "b"]) == "<item>a</item><item>b</item>"
    assert renderer.xml_value({"k": "v"}) == "<item><itemKey>k</itemKey>v</item>"
    assert renderer.xml_value("<&>") == "&lt;&amp;&gt;"


def test_json_error_without_args_is_an_empty_php_array(schema: Schema) -> None:
    error = ErrorPayload("MISSING_KS", "Missing KS, session not established", ())
    assert Renderer(schema).json(Outcome(error=error)).endswith('"args":[]}')


def test_write_only_properties_are_never_rendered(schema: Schema) -> None:
    user = {"objectType": "KalturaUser", "id": "u", "password": "secret", "passwordHash": "h"}
    renderer = Renderer(schema)
    assert renderer.plain(user) == {"id": "u", "objectType": "KalturaUser"}
    assert "secret" not in renderer.xml_value(user)


@pytest.mark.parametrize(
    ("value", "serialized"),
    [
        (None, b"N;"),
        (True, b"b:1;"),
        (5, b"i:5;"),
        ("h\xe9", b's:3:"h\xc3\xa9";'),
        ([1], b"a:1:{i:0;i:1;}"),
        ({"objectType": "KalturaX", "a": 1}, b'O:8:"KalturaX":1:{s:1:"a";i:1;}'),
    ],
)
def test_php_serialize(value: Any, serialized: bytes) -> None:
    assert php_serialize(value) == serialized
