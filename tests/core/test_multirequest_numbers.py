"""A multirequest as the page numbers it and as the wire numbers it: the page may show a gap
(1, 3, 4) that api_v3 cannot run, so the wire is 1..n, every `{N:result…}` follows its request,
and whatever is reported names the request as the page shows it."""

from __future__ import annotations

import pytest

from app.forms.encoding import encode_form
from app.forms.form_calls import (
    IncompleteRequestError,
    SubRequest,
    UnknownActionError,
    split_multirequest,
)
from app.protocol.call import FilePart
from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema
from app.protocol.wire import renumber_references
from tests.conftest import SHARED_SCHEMA
from tests.core.encoders import encode_multirequest

REAL_SCHEMA = SHARED_SCHEMA
AFTER_REMOVING_1 = {2: 1, 3: 2, 4: 3}


@pytest.fixture(scope="module")
def schema() -> Schema:
    return load_schema(REAL_SCHEMA)


@pytest.mark.parametrize(
    ("text", "numbers", "expected"),
    [
        ("{2:result}", AFTER_REMOVING_1, "{1:result}"),
        ("{3:result:id}", AFTER_REMOVING_1, "{2:result:id}"),
        ("{2:result:objects:0:id}", AFTER_REMOVING_1, "{1:result:objects:0:id}"),
        ("{4:result:id},{2:result:id}", AFTER_REMOVING_1, "{3:result:id},{1:result:id}"),
        ("name {3:result:name} copy", AFTER_REMOVING_1, "name {2:result:name} copy"),
        ("{1:result:id}", AFTER_REMOVING_1, "{1:result:id}"),  # not in the mapping: as typed
        ("{12:result}", {12: 11}, "{11:result}"),
        ("{2:results}", AFTER_REMOVING_1, "{2:results}"),  # not a reference
        ("{2:resultx}", AFTER_REMOVING_1, "{2:resultx}"),
        ("2:result", AFTER_REMOVING_1, "2:result"),
        ("{a:result}", AFTER_REMOVING_1, "{a:result}"),
        ("", AFTER_REMOVING_1, ""),
        ("{2:result}", {}, "{2:result}"),
    ],
)
def test_references_follow_their_request_to_its_new_number(
    text: str, numbers: dict[int, int], expected: str
) -> None:
    assert renumber_references(text, numbers) == expected


def test_a_gap_on_the_page_is_closed_on_the_wire_with_references_following(
    schema: Schema,
) -> None:
    """The issue's scenario with request 1 removed but the page not renumbered."""
    fields = [
        ("2:service", "media"),
        ("2:action", "list"),
        ("3:service", "category"),
        ("3:action", "add"),
        ("3:category:objectType", "KalturaCategory"),
        ("3:category:name", "c"),
        ("4:service", "categoryentry"),
        ("4:action", "add"),
        ("4:categoryEntry:objectType", "KalturaCategoryEntry"),
        ("4:categoryEntry:categoryId", "{3:result:id}"),
        ("4:categoryEntry:entryId", "{2:result:objects:0:id}"),
    ]
    call = encode_multirequest(schema, split_multirequest(fields))
    assert sorted(k for k in call.params if k.isdigit()) == ["1", "2", "3"]
    assert call.params["3"] == {
        "service": "categoryentry",
        "action": "add",
        "categoryEntry": {
            "objectType": "KalturaCategoryEntry",
            "categoryId": "{2:result:id}",
            "entryId": "{1:result:objects:0:id}",
        },
    }
    assert call.problems == ()


@pytest.mark.parametrize(
    ("fields", "problem"),  # (field, message, kind)
    [
        (  # request 1 is not on the page: nothing runs under that number
            [("2:service", "media"), ("2:action", "get"), ("2:entryId", "{1:result}")],
            ("2:entryId", "refers to request 1, which does not run before it", "order"),
        ),
        (  # a later request, in a string field of an object
            [
                ("1:service", "media"),
                ("1:action", "list"),
                ("2:service", "categoryentry"),
                ("2:action", "add"),
                ("2:categoryEntry:objectType", "KalturaCategoryEntry"),
                ("2:categoryEntry:entryId", "{3:result:id}"),
                ("3:service", "system"),
                ("3:action", "ping"),
            ],
            (
                "2:categoryEntry:entryId",
                "refers to request 3, which does not run before it",
                "order",
            ),
        ),
        (  # a request that does not exist at all
            [
                ("1:service", "media"),
                ("1:action", "list"),
                ("2:service", "media"),
                ("2:action", "get"),
                ("2:entryId", "{9:result:objects:0:id}"),
            ],
            ("2:entryId", "refers to request 9, which does not run before it", "order"),
        ),
        (
            [
                ("2:service", "system"),
                ("2:action", "ping"),
                ("5:service", "session"),
                ("5:action", "start"),
            ],
            ("5:secret", "missing mandatory parameter", "missing"),
        ),
        (
            [("3:service", "data"), ("3:action", "serve")],
            ("3:action", "cannot run in a multirequest", "placement"),
        ),
    ],
)
def test_problems_name_the_request_as_the_page_numbers_it_and_say_their_kind(
    schema: Schema, fields: list[tuple[str, str]], problem: tuple[str, str, str]
) -> None:
    """As the Send reads its form (`encode_form` with the multirequest service); the kind is what
    a link decides by (a problem of the form as a whole drops no value), never the words."""
    call = encode_form(schema, "multirequest", "", fields)
    path, message, kind = problem
    found = [(p.path, p.kind) for p in call.problems if message in p.message]
    assert found == [(path, kind)], call.problems


def test_an_unknown_action_is_named_by_its_page_number(schema: Schema) -> None:
    fields = [("2:service", "media"), ("2:action", "list"), ("4:service", "media")]
    with pytest.raises(UnknownActionError, match="request 4"):
        encode_multirequest(schema, split_multirequest([*fields, ("4:action", "nope")]))


def test_a_file_part_takes_its_wire_number(schema: Schema) -> None:
    fields = [("3:service", "uploadtoken"), ("3:action", "upload"), ("3:uploadTokenId", "t")]
    files = [FilePart("3:fileData", "a.mp4", b"x")]
    call = encode_multirequest(schema, split_multirequest(fields, files))
    assert [f.field_name for f in call.files] == ["1:fileData"]
    assert call.problems == ()


@pytest.mark.parametrize(("service", "action"), [("", ""), ("media", ""), ("", "list")])
def test_a_call_without_service_or_action_asks_for_them(
    schema: Schema, service: str, action: str
) -> None:
    with pytest.raises(IncompleteRequestError, match=r"^Choose a service and an action\.$"):
        encode_form(schema, service, action, [("entryId", "kept")])


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            [("1:service", "system"), ("1:action", "ping"), ("2:service", "")],
            "Request 2: choose a service and an action.",
        ),
        (
            [("1:service", "media"), ("1:action", ""), ("2:service", "system")],
            "Request 1: choose a service and an action. Request 2: choose a service and an action.",
        ),
        ([("3:service", ""), ("3:entryId", "x")], "Request 3: choose a service and an action."),
    ],
)
def test_a_multirequest_names_each_request_without_service_or_action(
    schema: Schema, fields: list[tuple[str, str]], message: str
) -> None:
    with pytest.raises(IncompleteRequestError) as raised:
        encode_multirequest(schema, split_multirequest(fields))
    assert str(raised.value) == message


def test_requests_given_without_numbers_are_numbered_by_position(schema: Schema) -> None:
    with pytest.raises(IncompleteRequestError, match=r"^Request 2: "):
        encode_multirequest(schema, [SubRequest("system", "ping"), SubRequest("", "")])
