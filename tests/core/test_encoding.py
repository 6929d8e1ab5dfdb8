"""Form fields → wire params, against the real 22.15.0 schema (and a tiny one for maps)."""

from __future__ import annotations

import copy
import email
import email.policy
import json
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import pytest
from KalturaClient import KalturaClient, KalturaConfiguration  # type: ignore[import-untyped]
from KalturaClient.exceptions import KalturaException  # type: ignore[import-untyped]
from KalturaClient.Plugins.Core import (  # type: ignore[import-untyped]
    KalturaFilterPager,
    KalturaMediaEntryFilter,
    KalturaMediaEntryOrderBy,
)

from app.forms.encoding import encode_form
from app.forms.form_calls import SubRequest, UnknownActionError, split_multirequest
from app.forms.form_writing import loose_members
from app.protocol.call import FilePart
from app.protocol.schema import Schema, TypeRef
from app.protocol.schema_loader import load_schema, parse_schema
from app.protocol.secrets import masked, masked_fields
from app.protocol.wire import to_http
from tests.conftest import SHARED_SCHEMA
from tests.core.encoders import encode_multirequest

REAL_SCHEMA = SHARED_SCHEMA

MAP_SCHEMA = b"""<?xml version="1.0"?>
<xml apiVersion="1.0" generatedDate="0">
  <enums>
    <enum name="KalturaColor" enumType="int">
      <const name="RED" value="1"/><const name="BLUE" value="2"/>
    </enum>
  </enums>
  <classes>
    <class name="KalturaValue"><property name="value" type="string"/></class>
    <class name="KalturaPalette">
      <property name="colorsIn" type="string" valuesEnumType="KalturaColor"/>
      <property name="ratio" type="float"/>
      <property name="labels" type="map" arrayType="KalturaValue"/>
      <property name="id" type="int" readOnly="1"/>
    </class>
  </classes>
  <services>
    <service id="paint" name="paint">
      <action name="mix">
        <param name="palette" type="KalturaPalette" optional="1"/>
        <param name="extras" type="map" arrayType="KalturaValue" optional="1"/>
      </action>
    </service>
  </services>
</xml>
"""


def decode_wire(params: dict[str, object]) -> list[tuple[str, str]]:
    """The form fields that encode to `params`, without a schema: a comma-joined multi-choice
    comes back as one value, which encodes the same; non-string scalars from stored JSON are
    turned into strings."""
    return loose_members("", params)


@pytest.fixture(scope="module")
def schema() -> Schema:
    return load_schema(REAL_SCHEMA)


@pytest.fixture(scope="module")
def tiny() -> Schema:
    return parse_schema(MAP_SCHEMA, "map-schema")


Fields = list[tuple[str, str]]

ENCODING_CASES: list[tuple[str, str, Fields, dict[str, object]]] = [
    ("session", "start", [("secret", "abc"), ("type", "2")], {"secret": "abc", "type": "2"}),
    (
        "session",
        "start",
        [("secret", "abc"), ("userId", ""), ("privileges", "")],
        {"secret": "abc"},
    ),
    (
        "session",
        "start",
        [("secret", "s"), ("privileges", "x"), ("privileges__null", "1")],
        {"secret": "s", "privileges__null": ""},
    ),
    ("session", "start", [("secret", "s"), ("privileges__null", "0")], {"secret": "s"}),
    ("media", "list", [("filter:nameLike", "x"), ("filter:objectType", "")], {}),
    (
        "media",
        "list",
        [("filter:objectType", "KalturaMediaEntryFilter"), ("filter:nameLike__null", "1")],
        {"filter": {"objectType": "KalturaMediaEntryFilter", "nameLike__null": ""}},
    ),
    (
        "media",
        "list",
        [
            ("filter:objectType", "KalturaMediaEntryFilter"),
            ("filter:statusIn", "2"),
            ("filter:statusIn", ""),
            ("filter:statusIn", "7"),
        ],
        {"filter": {"objectType": "KalturaMediaEntryFilter", "statusIn": "2,7"}},
    ),
    ("media", "list", [("filter__null", "1")], {"filter__null": ""}),
    (
        "media",
        "list",
        [
            ("filter:objectType", "KalturaMediaEntryFilter"),
            ("filter:advancedSearch:objectType", "KalturaSearchOperator"),
            ("filter:advancedSearch:type", "1"),
            ("filter:advancedSearch:items:0:objectType", "KalturaSearchCondition"),
            ("filter:advancedSearch:items:0:field", "name"),
            ("filter:advancedSearch:items:0:value", "cat"),
            ("filter:advancedSearch:items:1:field", "no type: not sent"),
        ],
        {
            "filter": {
                "objectType": "KalturaMediaEntryFilter",
                "advancedSearch": {
                    "objectType": "KalturaSearchOperator",
                    "type": "1",
                    "items": [
                        {"objectType": "KalturaSearchCondition", "field": "name", "value": "cat"}
                    ],
                },
            }
        },
    ),
    (
        "baseentry",
        "clone",
        [("entryId", "0_a")]
        + [
            pair
            for index, rule in (("11", "4"), ("2", "2"), ("10", "3"), ("0", "1"))
            for pair in (
                (f"cloneOptions:{index}:objectType", "KalturaBaseEntryCloneOptionComponent"),
                (f"cloneOptions:{index}:rule", rule),
            )
        ],
        {
            "entryId": "0_a",
            "cloneOptions": [
                {"objectType": "KalturaBaseEntryCloneOptionComponent", "rule": rule}
                for rule in ("1", "2", "3", "4")
            ],
        },
    ),
    (
        "baseentry",
        "clone",
        [("entryId", "0_a"), ("cloneOptions:-", "1")],
        {"entryId": "0_a", "cloneOptions": {"-": ""}},
    ),
    (
        "baseentry",
        "clone",
        [("entryId", "0_a"), ("cloneOptions:-", "")],
        {"entryId": "0_a"},
    ),
    (
        "baseentry",
        "index",
        [("id", "0_a"), ("shouldUpdate", "false")],
        {"id": "0_a", "shouldUpdate": "false"},
    ),
    (
        "baseentry",
        "index",
        [("id", "0_a"), ("shouldUpdate", "TRUE")],
        {"id": "0_a", "shouldUpdate": "true"},
    ),
    (
        "media",
        "addContent",
        [
            ("entryId", "0_a"),
            ("resource:objectType", "KalturaUrlResource"),
            ("resource:url", "https://example.com/a.mp4"),
            ("resource:urlHeaders:0:objectType", "KalturaString"),
            ("resource:urlHeaders:0:value", "X-A: 1"),
        ],
        {
            "entryId": "0_a",
            "resource": {
                "objectType": "KalturaUrlResource",
                "url": "https://example.com/a.mp4",
                "urlHeaders": [{"objectType": "KalturaString", "value": "X-A: 1"}],
            },
        },
    ),
]


@pytest.mark.parametrize(("service", "action", "fields", "expected"), ENCODING_CASES)
def test_form_fields_encode_to_the_wire_params(
    schema: Schema, service: str, action: str, fields: Fields, expected: dict[str, object]
) -> None:
    call = encode_form(schema, service, action, fields)
    assert call.params == expected
    assert call.problems == ()


def test_every_scalar_on_the_wire_is_a_string(schema: Schema) -> None:
    call = encode_form(
        schema,
        "media",
        "list",
        [("pager:objectType", "KalturaFilterPager"), ("pager:pageSize", "10")],
    )
    assert call.params == {"pager": {"objectType": "KalturaFilterPager", "pageSize": "10"}}


def test_path_uses_the_schema_spelling_whatever_the_case_asked(schema: Schema) -> None:
    call = encode_form(schema, "MEDIA", "LIST", [])
    assert call.path == "/api_v3/service/media/action/list"
    assert call.actions == (("media", "list"),)
    assert encode_form(schema, "caption_captionasset", "list", []).path == (
        "/api_v3/service/caption_captionasset/action/list"
    )


@pytest.mark.parametrize(
    ("service", "action"),
    [
        ("nope", "list"),
        ("media", "nope"),
        ("../admin", "list"),
        ("media", "list/../../x"),
    ],
)
def test_unknown_service_or_action_is_refused_so_no_path_escapes_api_v3(
    schema: Schema, service: str, action: str
) -> None:
    with pytest.raises(UnknownActionError):
        encode_form(schema, service, action, [])


def test_every_action_of_the_real_schema_encodes_with_no_fields(schema: Schema) -> None:
    for service in schema.services:
        for action in service.actions:
            call = encode_form(schema, service.id, action.name, [], config={"ks": "k"})
            assert call.params == {"ks": "k"}
            assert to_http(call).path.startswith("/api_v3/service/")
            missing = {p.path for p in call.problems}
            assert missing == {p.name for p in action.params if not p.optional}


# -- configuration -----------------------------------------------------------------------------

CONFIG_CASES: list[tuple[str, str, Fields, dict[str, str], dict[str, object]]] = [
    (
        "media",
        "list",
        [],
        {"ks": "djJ8abc", "clientTag": "testme", "format": "1", "language": "", "apiVersion": ""},
        {"ks": "djJ8abc", "clientTag": "testme", "format": "1"},
    ),
    (
        "session",
        "start",
        [("secret", "s"), ("partnerId", "102")],
        {"partnerId": "101", "format": "2"},
        {"secret": "s", "partnerId": "102", "format": "2"},
    ),
    (
        "session",
        "start",
        [("secret", "s"), ("partnerId__null", "1")],
        {"partnerId": "101"},
        {"secret": "s", "partnerId__null": ""},
    ),
    (
        "session",
        "start",
        [("secret", "s")],
        {"partnerId": "101"},
        {"secret": "s", "partnerId": "101"},
    ),
    (
        "media",
        "get",
        [("entryId", "0_a")],
        {
            "responseProfile:objectType": "KalturaDetachedResponseProfile",
            "responseProfile:fields": "id,name",
            "responseProfile:type": "1",
        },
        {
            "entryId": "0_a",
            "responseProfile": {
                "objectType": "KalturaDetachedResponseProfile",
                "fields": "id,name",
                "type": "1",
            },
        },
    ),
    (
        "media",
        "get",
        [("entryId", "0_a")],
        {"responseProfile:objectType": "", "responseProfile:fields": "id"},
        {"entryId": "0_a"},
    ),
]


@pytest.mark.parametrize(("service", "action", "fields", "config", "expected"), CONFIG_CASES)
def test_configuration_fields_go_top_level_and_an_action_param_wins(
    schema: Schema,
    service: str,
    action: str,
    fields: Fields,
    config: dict[str, str],
    expected: dict[str, object],
) -> None:
    call = encode_form(schema, service, action, fields, config=config)
    assert call.params == expected
    assert call.problems == ()


# -- problems ----------------------------------------------------------------------------------

PROBLEM_CASES: list[tuple[str, str, Fields, tuple[str, str]]] = [
    ("session", "start", [("secret", "s"), ("expiry", "\u0665")], ("expiry", "whole number")),
    ("session", "start", [("secret", "s"), ("expiry", "soon")], ("expiry", "whole number")),
    ("session", "start", [("secret", "s"), ("type", "5")], ("type", "not in KalturaSessionType")),
    (
        "session",
        "start",
        [("secret", "s"), ("type", "ADMIN")],
        ("type", "not in KalturaSessionType"),
    ),
    ("session", "start", [("userId", "u")], ("secret", "missing mandatory")),
    (
        "baseentry",
        "index",
        [("id", "0_a"), ("shouldUpdate", "yes")],
        ("shouldUpdate", "true or false"),
    ),
    (
        "livechannel",
        "appendRecording",
        [("entryId", "e"), ("assetId", "a"), ("mediaServerIndex", "0"), ("duration", "1,5")],
        ("duration", "expects a number"),
    ),
    (
        "media",
        "list",
        [("filter:objectType", "KalturaNoSuchFilter"), ("filter:nameLike", "x")],
        ("filter:objectType", "unknown objectType"),
    ),
    (
        "media",
        "list",
        [("filter:objectType", "KalturaFilterPager")],
        ("filter:objectType", "is not a KalturaMediaEntryFilter"),
    ),
    (
        "media",
        "addContent",
        [("entryId", "0_a"), ("resource:objectType", "KalturaResource")],
        ("resource:objectType", "abstract"),
    ),
    ("media", "update", [("entryId", "0_a")], ("mediaEntry", "missing mandatory")),
    (
        "media",
        "update",
        [
            ("entryId", "0_a"),
            ("mediaEntry:objectType", "KalturaMediaEntry"),
            ("mediaEntry:id", "x"),
        ],
        ("mediaEntry:id", "read-only"),
    ),
    ("media", "list", [("nosuchParam", "1")], ("nosuchParam", "not a parameter of media.list")),
    ("baseentry", "upload", [], ("fileData", "missing mandatory file")),
    ("baseentry", "upload", [("fileData", "typed text")], ("fileData", "uploaded file")),
    (
        "media",
        "list",
        [
            ("filter:objectType", "KalturaMediaEntryFilter"),
            ("filter:createdAtLessThanOrEqual", "{1:result}"),
        ],
        ("filter:createdAtLessThanOrEqual", "whole number"),
    ),
    ("session", "start", [("secret", "s"), ("partnerId", "x")], ("partnerId", "whole number")),
]


@pytest.mark.parametrize(("service", "action", "fields", "problem"), PROBLEM_CASES)
def test_a_value_that_does_not_fit_is_flagged_at_its_field_but_still_sent(
    schema: Schema, service: str, action: str, fields: Fields, problem: tuple[str, str]
) -> None:
    call = encode_form(schema, service, action, fields)
    path, message = problem
    assert [p for p in call.problems if p.path == path and message in p.message], call.problems


@pytest.mark.parametrize(
    ("service", "action", "fields", "expected"),
    [
        ("session", "start", [("expiry", "soon")], {"expiry": "soon"}),
        ("baseentry", "index", [("shouldUpdate", "yes")], {"shouldUpdate": "yes"}),
        (
            "media",
            "list",
            [("filter:objectType", "KalturaNoSuchFilter"), ("filter:x:0", "a"), ("filter:y", "b")],
            {"filter": {"objectType": "KalturaNoSuchFilter", "x": ["a"], "y": "b"}},
        ),
        ("media", "list", [("nosuchParam", "1")], {"nosuchParam": "1"}),
    ],
)
def test_a_flagged_value_is_sent_as_given(
    schema: Schema, service: str, action: str, fields: Fields, expected: dict[str, object]
) -> None:
    call = encode_form(schema, service, action, fields)
    assert call.problems
    assert call.params == expected


def test_config_values_are_checked_too_and_named_by_their_fields(schema: Schema) -> None:
    call = encode_form(schema, "media", "list", [], config={"partnerId": "abc", "format": "x"})
    assert {p.path for p in call.problems} == {"config.partnerId", "config.format"}


# -- tiny schema: maps, float, int multi-choice ------------------------------------------------

TINY_CASES: list[tuple[Fields, dict[str, object]]] = [
    (
        [
            ("extras:1:__key", "b"),
            ("extras:1:objectType", "KalturaValue"),
            ("extras:1:value", "2"),
            ("extras:0:__key", "a"),
            ("extras:0:objectType", "KalturaValue"),
            ("extras:0:value", "1"),
        ],
        {
            "extras": {
                "a": {"objectType": "KalturaValue", "value": "1"},
                "b": {"objectType": "KalturaValue", "value": "2"},
            }
        },
    ),
    ([("extras:-", "1"), ("extras:0:__key", "a")], {"extras": {"-": ""}}),
    (
        [
            ("palette:objectType", "KalturaPalette"),
            ("palette:colorsIn", "1"),
            ("palette:colorsIn", "2"),
            ("palette:ratio", "-1.5e3"),
            ("palette:labels:0:__key", "k"),
            ("palette:labels:0:objectType", "KalturaValue"),
            ("palette:labels:0:value__null", "1"),
        ],
        {
            "palette": {
                "objectType": "KalturaPalette",
                "colorsIn": "1,2",
                "ratio": "-1.5e3",
                "labels": {"k": {"objectType": "KalturaValue", "value__null": ""}},
            }
        },
    ),
]


@pytest.mark.parametrize(("fields", "expected"), TINY_CASES)
def test_maps_are_keyed_objects_and_multi_choices_join(
    tiny: Schema, fields: Fields, expected: dict[str, object]
) -> None:
    call = encode_form(tiny, "paint", "mix", fields)
    assert call.params == expected
    assert call.problems == ()


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        (
            [("palette:objectType", "KalturaPalette"), ("palette:colorsIn", "1,3")],
            "'3' not in KalturaColor",
        ),
        ([("palette:objectType", "KalturaPalette"), ("palette:ratio", "half")], "expects a number"),
        ([("extras:0:objectType", "KalturaValue"), ("extras:0:value", "v")], "needs a key"),
        (
            [
                ("extras:0:__key", "a"),
                ("extras:0:objectType", "KalturaValue"),
                ("extras:1:__key", "a"),
                ("extras:1:objectType", "KalturaValue"),
            ],
            "given twice",
        ),
        ([("extras:x:__key", "a"), ("extras:x:objectType", "KalturaValue")], "not an item number"),
    ],
)
def test_tiny_schema_problems(tiny: Schema, fields: Fields, problem: str) -> None:
    call = encode_form(tiny, "paint", "mix", fields)
    assert any(problem in p.message for p in call.problems), call.problems


# -- files and HTTP ----------------------------------------------------------------------------


def test_a_json_call_posts_exactly_application_json(schema: Schema) -> None:
    call = encode_form(schema, "session", "start", [("secret", "sé")], config={"format": "1"})
    spec = to_http(call)
    assert (spec.method, spec.path) == ("POST", "/api_v3/service/session/action/start")
    assert dict(spec.headers) == {"Content-Type": "application/json"}
    assert json.loads(spec.content) == {"secret": "sé", "format": "1"}
    assert not spec.multipart


def _parts(content_type: str, body: bytes) -> dict[str, tuple[str | None, str, bytes]]:
    """Read a multipart body back with the stdlib's MIME parser: name → (filename, type, bytes)."""
    message = email.message_from_bytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body, policy=email.policy.HTTP
    )
    found: dict[str, tuple[str | None, str, bytes]] = {}
    for part in message.walk():
        if part.is_multipart():
            continue
        name = str(part.get_param("name", header="content-disposition"))
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        found[name] = (part.get_filename(), part.get_content_type(), payload)
    return found


def test_files_go_as_multipart_with_the_params_in_a_json_field(schema: Schema) -> None:
    upload = FilePart("fileData", "clip.mp4", b"\x00\x01binary\r\n--", "video/mp4")
    empty_input = FilePart("other", "", b"", "application/octet-stream")
    call = encode_form(
        schema,
        "uploadtoken",
        "upload",
        [("uploadTokenId", "1_t")],
        [upload, empty_input],
        {"ks": "k"},
    )
    assert call.files == (upload,)
    assert call.problems == ()
    spec = to_http(call)
    content_type = dict(spec.headers)["Content-Type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    parts = _parts(content_type, spec.content)
    assert json.loads(parts["json"][2]) == {"uploadTokenId": "1_t", "ks": "k"}
    assert parts["fileData"] == ("clip.mp4", "video/mp4", b"\x00\x01binary\r\n--")
    assert to_http(call).content == spec.content  # the same call gives the same bytes


# -- multirequest ------------------------------------------------------------------------------


def test_multirequest_numbers_from_one_with_config_once_on_top(schema: Schema) -> None:
    requests = [
        SubRequest("session", "start", (("secret", "s"), ("type", "2"))),
        SubRequest(
            "media",
            "list",
            (
                ("filter:objectType", "KalturaMediaEntryFilter"),
                ("filter:partnerIdEqual", "{1:result:partnerId}"),
            ),
        ),
        SubRequest(
            "uploadtoken",
            "upload",
            (("uploadTokenId", "{1:result}"), ("ks", "{1:result}")),
            (FilePart("fileData", "a", b"x"),),
        ),
    ]
    call = encode_multirequest(schema, requests, {"ks": "k", "format": "1"})
    assert call.path == "/api_v3/service/multirequest"
    assert call.params == {
        "ks": "k",
        "format": "1",
        "1": {"service": "session", "action": "start", "secret": "s", "type": "2"},
        "2": {
            "service": "media",
            "action": "list",
            "filter": {
                "objectType": "KalturaMediaEntryFilter",
                "partnerIdEqual": "{1:result:partnerId}",
            },
        },
        "3": {
            "service": "uploadtoken",
            "action": "upload",
            "uploadTokenId": "{1:result}",
            "ks": "{1:result}",
        },
    }
    assert [f.field_name for f in call.files] == ["3:fileData"]
    assert call.problems == ()
    assert call.actions == (("session", "start"), ("media", "list"), ("uploadtoken", "upload"))


@pytest.mark.parametrize(
    ("requests", "problem"),
    [
        (
            [SubRequest("session", "start", (("secret", "s"), ("expiry", "{1:result}")))],
            ("1:expiry", "does not run before"),
        ),
        (
            [SubRequest("data", "serve", (("entryId", "0_a"),))],
            ("1:action", "cannot run in a multirequest"),
        ),
        ([SubRequest("session", "start")], ("1:secret", "missing mandatory")),
        ([], ("", "at least one request")),
    ],
)
def test_multirequest_problems_name_the_request(
    schema: Schema, requests: list[SubRequest], problem: tuple[str, str]
) -> None:
    call = encode_multirequest(schema, requests)
    assert any(p.path == problem[0] and problem[1] in p.message for p in call.problems), (
        call.problems
    )


def test_multirequest_with_an_unknown_action_names_the_request(schema: Schema) -> None:
    with pytest.raises(UnknownActionError, match="request 2"):
        encode_multirequest(schema, [SubRequest("media", "list"), SubRequest("media", "nope")])


def test_prefixed_form_fields_split_into_numbered_sub_requests_in_numeric_order() -> None:
    fields = [
        ("10:service", "media"),
        ("10:action", "get"),
        ("10:entryId", "0_b"),
        ("2:service", "session"),
        ("2:action", "start"),
        ("2:secret", "s"),
        ("3:service", ""),
        ("3:action", ""),
        ("ks", "ignored: not numbered"),
    ]
    upload = FilePart("10:fileData", "f.bin", b"1")
    assert split_multirequest(fields, [upload]) == (
        SubRequest("session", "start", (("secret", "s"),), number=2),
        SubRequest("", "", number=3),  # kept, so Send can say which request lacks its action
        SubRequest(
            "media", "get", (("entryId", "0_b"),), (FilePart("fileData", "f.bin", b"1"),), 10
        ),
    )


# -- round trips -------------------------------------------------------------------------------

ROUND_TRIPS: list[tuple[str, str, Fields]] = [
    ("session", "start", [("secret", "abc"), ("type", "2"), ("privileges__null", "1")]),
    ("media", "list", [("filter__null", "1")]),
    (
        "media",
        "list",
        [
            ("filter:objectType", "KalturaMediaEntryFilter"),
            ("filter:statusIn", "2,7"),
            ("filter:nameLike__null", "1"),
            ("filter:advancedSearch:objectType", "KalturaSearchOperator"),
            ("filter:advancedSearch:items:0:objectType", "KalturaSearchCondition"),
            ("filter:advancedSearch:items:0:value", "a"),
            ("filter:advancedSearch:items:1:objectType", "KalturaSearchCondition"),
            ("filter:advancedSearch:items:1:value", "b"),
            ("pager:objectType", "KalturaFilterPager"),
            ("pager:pageSize", "10"),
        ],
    ),
    ("baseentry", "clone", [("entryId", "0_a"), ("cloneOptions:-", "1")]),
    ("baseentry", "index", [("id", "0_a"), ("shouldUpdate", "true")]),
]


@pytest.mark.parametrize(("service", "action", "fields"), ROUND_TRIPS)
def test_form_values_survive_a_trip_to_the_wire_and_back(
    schema: Schema, service: str, action: str, fields: Fields
) -> None:
    call = encode_form(schema, service, action, fields)
    assert sorted(decode_wire(call.params)) == sorted(fields)


@pytest.mark.parametrize(("service", "action", "fields", "expected"), ENCODING_CASES)
def test_wire_params_decode_to_fields_that_encode_the_same(
    schema: Schema, service: str, action: str, fields: Fields, expected: dict[str, object]
) -> None:
    assert encode_form(schema, service, action, decode_wire(expected)).params == expected


@pytest.mark.parametrize(("fields", "expected"), TINY_CASES)
def test_maps_survive_the_round_trip(
    tiny: Schema, fields: Fields, expected: dict[str, object]
) -> None:
    again = encode_form(tiny, "paint", "mix", decode_wire(expected))
    assert again.params == expected


def test_a_multirequest_survives_the_round_trip(schema: Schema) -> None:
    requests = [
        SubRequest("session", "start", (("secret", "s"),)),
        SubRequest(
            "media",
            "list",
            (("filter:objectType", "KalturaMediaEntryFilter"), ("filter:idIn", "a,b")),
        ),
    ]
    call = encode_multirequest(schema, requests, {"ks": "k"})
    fields = decode_wire(call.params)
    assert ("ks", "k") in fields
    again = encode_multirequest(schema, split_multirequest(fields), {"ks": "k"})
    assert again.params == call.params


def test_decoding_stored_json_turns_scalars_into_form_strings() -> None:
    assert decode_wire({"a": 1, "b": True, "c": None, "d": []}) == [
        ("a", "1"),
        ("b", "true"),
        ("c__null", "1"),
        ("d:-", "1"),
    ]


# -- the official client sends the same ----------------------------------------------------------

OFFICIAL_ONLY = {"clientTag", "apiVersion", "kalsig"}


@dataclass
class _Captured:
    url: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    files: dict[str, Any] = field(default_factory=dict)


@pytest.fixture
def official(monkeypatch: pytest.MonkeyPatch) -> tuple[Any, _Captured]:
    """The official Python client with its HTTP layer replaced by a recorder (no network)."""
    captured = _Captured()

    class Answer:
        """Every call fails with an API error: only what the client sent matters here."""

        content = (
            b"<xml><result><error><code>TEST</code><message>m</message></error></result></xml>"
        )
        headers: ClassVar[dict[str, str]] = {}

    def record(url: str, params: Any, files: Any, headers: Any, timeout: Any) -> Answer:
        captured.url, captured.params, captured.files = url, params.get(), dict(files or {})
        return Answer()

    monkeypatch.setattr(KalturaClient, "openRequestUrl", staticmethod(record))
    client = KalturaClient(KalturaConfiguration(serviceUrl="http://kaltura.invalid"))
    client.setKs("djJ8c2Vzc2lvbg")
    return client, captured


def _official_params(captured: _Captured) -> dict[str, Any]:
    """What the official client sent, minus what only it adds (its tag, version and signature)."""
    return {k: v for k, v in captured.params.items() if k not in OFFICIAL_ONLY}


OUR_CONFIG = {"ks": "djJ8c2Vzc2lvbg", "format": "2", "clientTag": "testme"}


def test_media_list_with_a_filter_and_pager_matches_the_official_client(
    schema: Schema, official: tuple[Any, _Captured]
) -> None:
    client, captured = official
    entry_filter = KalturaMediaEntryFilter()
    entry_filter.nameLike = "cat video"
    entry_filter.statusIn = "2,7"
    entry_filter.orderBy = KalturaMediaEntryOrderBy.CREATED_AT_DESC
    with suppress(KalturaException):
        client.media.list(entry_filter, KalturaFilterPager(pageSize=10, pageIndex=2))

    call = encode_form(
        schema,
        "media",
        "list",
        [
            ("filter:objectType", "KalturaMediaEntryFilter"),
            ("filter:nameLike", "cat video"),
            ("filter:statusIn", "2"),
            ("filter:statusIn", "7"),
            ("filter:orderBy", "-createdAt"),
            ("pager:objectType", "KalturaFilterPager"),
            ("pager:pageSize", "10"),
            ("pager:pageIndex", "2"),
        ],
        config=OUR_CONFIG,
    )
    assert captured.url == "http://kaltura.invalid" + call.path
    assert call.params == {**_official_params(captured), "clientTag": "testme"}


def test_session_start_with_a_null_matches_the_official_client(
    schema: Schema, official: tuple[Any, _Captured]
) -> None:
    client, captured = official
    with suppress(KalturaException):
        client.session.start("s3cret", "ann", 2, 101, 3600, None)
    call = encode_form(
        schema,
        "session",
        "start",
        [
            ("secret", "s3cret"),
            ("userId", "ann"),
            ("type", "2"),
            ("partnerId", "101"),
            ("expiry", "3600"),
            ("privileges__null", "1"),
        ],
        config=OUR_CONFIG,
    )
    assert {k: v for k, v in call.params.items() if k != "clientTag"} == _official_params(captured)


def test_an_upload_matches_the_official_client(
    schema: Schema, official: tuple[Any, _Captured], tmp_path: Path
) -> None:
    client, captured = official
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"movie")
    with clip.open("rb") as handle, suppress(KalturaException):
        client.uploadToken.upload("1_tok", handle, False, False, -1)
    call = encode_form(
        schema,
        "uploadtoken",
        "upload",
        [
            ("uploadTokenId", "1_tok"),
            ("resume", "false"),
            ("finalChunk", "false"),
            ("resumeAt", "-1"),
        ],
        [FilePart("fileData", "clip.mp4", b"movie", "video/mp4")],
        config=OUR_CONFIG,
    )
    official_params = _official_params(captured)
    # The official client spells booleans "False"; TestMe sends the lowercase the server documents.
    assert {k: v.lower() for k, v in official_params.items() if k in ("resume", "finalChunk")} == {
        "resume": "false",
        "finalChunk": "false",
    }
    ours = {k: v for k, v in call.params.items() if k not in ("clientTag", "resume", "finalChunk")}
    assert ours == {k: v for k, v in official_params.items() if k not in ("resume", "finalChunk")}
    assert [part.field_name for part in call.files] == list(captured.files)


def test_a_multirequest_matches_the_official_client_but_numbers_from_one(
    schema: Schema, official: tuple[Any, _Captured]
) -> None:
    client, captured = official
    client.startMultiRequest()
    client.session.start("s3cret", "", 2, 101)
    entry_filter = KalturaMediaEntryFilter()
    entry_filter.idIn = "0_a,0_b"
    client.media.list(entry_filter)
    with suppress(KalturaException):
        client.doMultiRequest()

    call = encode_multirequest(
        schema,
        [
            SubRequest(
                "session",
                "start",
                (("secret", "s3cret"), ("type", "2"), ("partnerId", "101"), ("expiry", "86400")),
            ),
            SubRequest(
                "media",
                "list",
                (("filter:objectType", "KalturaMediaEntryFilter"), ("filter:idIn", "0_a,0_b")),
            ),
        ],
        config=OUR_CONFIG,
    )
    official_params = json.loads(json.dumps(_official_params(captured)))
    # The official client numbers from 0 and repeats the request configuration (ks) inside every
    # sub-request; the server copies the top-level ks into each sub-request itself (docs/PROTOCOL.md §3).
    renumbered = {key: value for key, value in official_params.items() if not key.isdigit()}
    for key, value in official_params.items():
        if key.isdigit():
            renumbered["ks"] = value.pop("ks")
            # it also sends its empty-string defaults (userId ""); TestMe sends what was filled
            renumbered[str(int(key) + 1)] = {k: v for k, v in value.items() if v != ""}
    assert captured.url == "http://kaltura.invalid" + call.path
    assert {k: v for k, v in call.params.items() if k != "clientTag"} == renumbered


# -- masking -------------------------------------------------------------------------------------

KS = "djJ8MTAxfABCDEFGHIJKLMNOP"

MASKING_CASES: list[tuple[dict[str, object], dict[str, object]]] = [
    ({"secret": "abc", "userId": "ann"}, {"secret": "••••••", "userId": "ann"}),
    (
        {"adminSecret": "a", "PASSWORD": "b", "newPassword": "c", "oldPassword": "d"},
        {k: "••••••" for k in ("adminSecret", "PASSWORD", "newPassword", "oldPassword")},
    ),
    ({"ks": KS, "format": "1"}, {"ks": "djJ8MTAxfA…", "format": "1"}),
    ({"ks": "short"}, {"ks": "short"}),
    ({"secret__null": "", "password": ""}, {"secret__null": "", "password": ""}),
    (
        {
            "ks": KS,
            "1": {"service": "user", "user": {"objectType": "KalturaUser", "password": "p"}},
        },
        {
            "ks": "djJ8MTAxfA…",
            "1": {"service": "user", "user": {"objectType": "KalturaUser", "password": "••••••"}},
        },
    ),
    (
        {"items": [{"objectType": "X", "cmsPassword": "p"}], "passwordHint": "h"},
        {"items": [{"objectType": "X", "cmsPassword": "••••••"}], "passwordHint": "h"},
    ),
]


@pytest.mark.parametrize(("params", "expected"), MASKING_CASES)
def test_secrets_and_passwords_are_masked_and_the_ks_shortened(
    params: dict[str, object], expected: dict[str, object]
) -> None:
    before = copy.deepcopy(params)
    assert masked(params) == expected
    assert params == before


def test_flat_form_pairs_are_masked_by_their_last_segment() -> None:
    fields = [("1:secret", "s"), ("user:password", "p"), ("ks", KS), ("1:userId", "ann")]
    assert masked_fields(fields) == [
        ("1:secret", "••••••"),
        ("user:password", "••••••"),
        ("ks", "djJ8MTAxfA…"),
        ("1:userId", "ann"),
    ]


# -- every action, filled in -----------------------------------------------------------------------


def _sample_fields(schema: Schema, path: str, ref: TypeRef, depth: int) -> Fields:
    """Plausible form values for one parameter or property, one level of objects deep."""
    kind = schema.kind(ref)
    if kind == "enum":
        return [(path, schema.enums[ref.enum_type].consts[0].value)]
    if kind in ("int", "float", "bool", "string"):
        return [(path, {"int": "5", "float": "1.5", "bool": "true", "string": "text"}[kind])]
    if kind == "object" and depth < 2 and schema.concrete_types(ref.type):
        chosen = schema.concrete_types(ref.type)[0]
        fields = [(f"{path}:objectType", chosen)]
        for prop in schema.writable_properties(chosen):
            if prop.values_enum_type in schema.enums:
                consts = schema.enums[prop.values_enum_type].consts
                fields += [(f"{path}:{prop.name}", c.value) for c in consts[:2]]
            else:
                fields += _sample_fields(schema, f"{path}:{prop.name}", prop.ref, depth + 1)
        return fields
    if kind == "array" and depth < 2:
        return _sample_fields(schema, f"{path}:0", TypeRef(ref.array_type), depth + 1)
    return []


def test_every_action_filled_with_fitting_values_encodes_without_problems_and_round_trips(
    schema: Schema,
) -> None:
    for service in schema.services:
        for action in service.actions:
            fields = [
                pair
                for param in action.params
                if param.ref.type != "file"
                for pair in _sample_fields(schema, param.name, param.ref, 0)
            ]
            call = encode_form(schema, service.id, action.name, fields)
            unfillable = {  # files, and types this schema never defines
                p.name for p in action.params if schema.kind(p.ref) in ("file", "unknown")
            }
            unexpected = [p for p in call.problems if p.path not in unfillable]
            assert unexpected == [], (service.id, action.name, unexpected)
            again = encode_form(schema, service.id, action.name, decode_wire(call.params))
            assert again.params == call.params, (service.id, action.name)
