"""Property tests: any form, however hostile its field names and values, becomes a call and wire
bytes or a named refusal, never an exception. Form → `read_call` / `read_multirequest` → `to_wire`
→ `to_http`, over the real 22.15.0 schema.

Bounded (a few hundred examples in all) and derandomized, so `make test` stays quick and a run
in CI is the same as a run here; a failing example found here is pinned as a regular test.
"""

from __future__ import annotations

import json
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.forms.form_calls import (
    FormCall,
    IncompleteRequestError,
    UnknownActionError,
    read_call,
    read_multirequest,
    split_multirequest,
)
from app.protocol import fieldnames
from app.protocol.call import FilePart
from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema
from app.protocol.wire import HttpRequestSpec, to_http, to_wire
from tests.conftest import SHARED_SCHEMA

FUZZ = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Actions with objects, arrays, maps, files, enums and nesting: where the form grammar is busiest.
ACTIONS = [
    ("media", "list"),
    ("media", "add"),
    ("media", "update"),
    ("media", "addcontent"),
    ("baseentry", "list"),
    ("session", "start"),
    ("uploadtoken", "upload"),
    ("metadata_metadata", "list"),
    ("category", "list"),
    ("user", "add"),
    ("system", "ping"),
]


@cache
def schema() -> Schema:
    return load_schema(SHARED_SCHEMA)


# Text as a browser can send it: any character but lone surrogates (not encodable in UTF-8).
hostile_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40
) | st.sampled_from(
    ["", "\x00", "__null", ":-", "objectType", "[", "]", "[]", "0", "-1", "99999999999999999999"]
)
segment = (
    st.sampled_from(
        [
            "filter",
            "pager",
            "entry",
            "mediaEntry",
            "objectType",
            "nameLike",
            "idIn",
            "orderBy",
            "pageSize",
            "categories",
            "0",
            "1",
            "-1",
            "007",
            "__key",
            "-",
            "__null",
            "relatedObjects",
            "advancedSearch",
            "items",
            "fileData",
            "secret",
            "partnerId",
            "type",
        ]
    )
    | hostile_text
)
field_name = st.builds(
    lambda parts, suffix: ":".join(parts) + suffix,
    st.lists(segment, min_size=1, max_size=6),
    st.sampled_from(["", "__null", ":-", ":objectType", ":__key", "[0]", "[]"]),
)
field_value = (
    hostile_text
    | st.sampled_from(
        [
            "KalturaMediaEntryFilter",
            "KalturaMediaEntry",
            "KalturaCategoryEntryFilter",
            "{1:result:objects:0:id}",
            "{99:result}",
            '{"objectType": "KalturaMediaEntry"}',
            "[1, [2, {}]]",
            "true",
            "1e309",
            "NaN",
            "x" * 100_000,
        ]
    )
    | st.integers().map(str)
)
fields = st.lists(st.tuples(field_name, field_value), max_size=25)
files = st.lists(
    st.builds(
        FilePart,
        field_name=field_name,
        filename=hostile_text,
        content=st.binary(max_size=64),
        content_type=st.sampled_from(["application/octet-stream", "", "text/plain\r\nX: y"]),
    ),
    max_size=2,
)
config = st.dictionaries(
    st.sampled_from(["ks", "partnerId", "format", "clientTag", "apiVersion", "language"])
    | hostile_text,
    field_value,
    max_size=4,
)


def wire_of(read: FormCall) -> HttpRequestSpec:
    spec = to_http(to_wire(read.call, read.problems))
    if not spec.multipart:
        json.loads(spec.content)  # the body is JSON, whatever went in
    assert spec.path.startswith("/api_v3/service/") and ".." not in spec.path
    return spec


@FUZZ
@given(st.sampled_from(ACTIONS) | st.tuples(hostile_text, hostile_text), fields, files, config)
def test_any_form_becomes_wire_bytes_or_a_named_refusal(
    call: tuple[str, str],
    values: list[tuple[str, str]],
    uploads: list[FilePart],
    settings_: dict[str, str],
) -> None:
    try:
        read = read_call(schema(), call[0], call[1], values, uploads, settings_)
    except (UnknownActionError, IncompleteRequestError):
        return
    wire_of(read)


@FUZZ
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=-1, max_value=30),
            st.sampled_from(ACTIONS) | st.tuples(hostile_text, hostile_text),
            fields,
        ),
        max_size=4,
    ),
    st.lists(st.tuples(field_name, field_value), max_size=5),
    config,
)
def test_any_multirequest_form_becomes_wire_bytes_or_a_named_refusal(
    requests: list[tuple[int, tuple[str, str], list[tuple[str, str]]]],
    loose: list[tuple[str, str]],
    settings_: dict[str, str],
) -> None:
    flat: list[tuple[str, str]] = list(loose)
    for number, (service, action), values in requests:
        prefix = fieldnames.request_prefix(number) if number > 0 else f"{number}:"
        flat += [(prefix + fieldnames.SERVICE, service), (prefix + fieldnames.ACTION, action)]
        flat += [(prefix + name, value) for name, value in values]
    try:
        read = read_multirequest(schema(), split_multirequest(flat), settings_)
    except (UnknownActionError, IncompleteRequestError):
        return
    wire_of(read)
