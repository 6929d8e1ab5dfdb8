"""A parameter of a type the schema does not define (22.15.0 lacks KalturaESearchEntryParams):
the form takes JSON and the encoder sends the nested object it describes, so every action can
be called."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.forms.encoding import encode_form
from app.forms.fields import FormBuilder
from app.forms.form_calls import SubRequest
from app.protocol.call import FieldProblem
from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema
from app.protocol.wire import EncodedCall
from tests.core.encoders import encode_multirequest

SEARCH = ("elasticsearch_esearch", "searchEntry")
ESEARCH_JSON = """{"objectType": "KalturaESearchEntryParams",
  "searchOperator": {"objectType": "KalturaESearchEntryOperator", "operator": 1,
    "searchItems": [{"objectType": "KalturaESearchEntryItem", "searchTerm": "cat",
                     "itemType": 1, "fieldName": "name", "addHighlight": false}]},
  "orderBy": null, "objectStatuses": []}"""
ESEARCH_WIRE = {
    "objectType": "KalturaESearchEntryParams",
    "searchOperator": {
        "objectType": "KalturaESearchEntryOperator",
        "operator": "1",
        "searchItems": [
            {
                "objectType": "KalturaESearchEntryItem",
                "searchTerm": "cat",
                "itemType": "1",
                "fieldName": "name",
                "addHighlight": "false",
            }
        ],
    },
    "orderBy__null": "",
    "objectStatuses": {"-": ""},
}


@pytest.fixture(scope="module")
def schema(real_schema_path: Path) -> Schema:
    return load_schema(real_schema_path)


def search(schema: Schema, value: str) -> EncodedCall:
    return encode_form(schema, *SEARCH, [("searchParams", value)])


@pytest.mark.parametrize(
    ("value", "wire", "problem"),
    [
        (ESEARCH_JSON, ESEARCH_WIRE, ""),
        ('[1, "two", {"a": 2.5}]', ["1", "two", {"a": "2.5"}], ""),
        ("[]", {"-": ""}, ""),
        ("plain text", "plain text", ""),
        ('  {"objectType": "X"}  ', {"objectType": "X"}, ""),
        (
            '{"objectType": "X",}',
            '{"objectType": "X",}',
            "not valid JSON (Expecting property name enclosed in double quotes at line 1 "
            "column 20); sent as text",
        ),
        ("{1:result:id}", "{1:result:id}", ""),  # a result reference is never JSON
    ],
)
def test_json_for_an_unknown_type_is_sent_as_the_value_it_describes(
    schema: Schema, value: str, wire: object, problem: str
) -> None:
    call = search(schema, value)
    assert call.params["searchParams"] == wire
    expected = (FieldProblem("searchParams", problem),) if problem else ()
    assert call.problems == expected


def test_json_works_inside_a_multirequest_too(schema: Schema) -> None:
    call = encode_multirequest(schema, [SubRequest(*SEARCH, (("searchParams", ESEARCH_JSON),))])
    assert call.params["1"] == {
        "service": SEARCH[0],
        "action": SEARCH[1],
        "searchParams": ESEARCH_WIRE,
    }
    assert call.problems == ()


def test_the_form_offers_a_json_field_with_a_note(schema: Schema) -> None:
    [params, pager] = FormBuilder(schema).action_fields(*SEARCH, {})
    assert params.kind == "json" and pager.kind == "object"
    assert "KalturaESearchEntryParams is not in this schema" in params.warning
    assert "JSON" in params.warning
