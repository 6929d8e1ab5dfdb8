"""Every curl and HTTP sample the console writes imports back to the form it was written from.

Over every action of 22.15.0 filled with every kind of value (`golden_calls`), and a multirequest
per service: the Code region's curl and HTTP samples (secrets included, so the KS is in them)
pasted into Import give the form a link to that call opens — the same fields, the same
configuration — and the KS for the ks field. A multirequest's requests come back numbered
1..n as the wire numbers them (pages 1, 3, 4 are sent as 1, 2, 3), references renumbered; a
file is named among what was not placed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.forms.call_import import import_call
from app.forms.form_calls import SubRequest, read_call, read_multirequest
from app.forms.form_writing import form_of
from app.forms.links import Link, read_link
from app.protocol import fieldnames
from app.protocol.call import Call, FilePart, MultiRequest
from app.protocol.pasted_request import FILE_REASON
from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema
from app.protocol.wire import renumber_references
from app.reference.samples import SampleContext, render
from tests.conftest import SHARED_SCHEMA
from tests.core.golden_calls import CONFIG, forms, multirequests

URL = "https://kaltura.example"
KS = "djJ8OTl8a3MtZm9yLWltcG9ydA=="
WITH_KS = {**CONFIG, "ks": KS}


def _calls(schema: Schema) -> Iterator[Call | MultiRequest]:
    for form in forms(schema):
        uploads = tuple(FilePart(u.name, u.filename, b"") for u in form.files)
        yield read_call(schema, form.service, form.action, form.fields, uploads, WITH_KS).call
    for _, requests in multirequests(schema):
        batch = [
            SubRequest(form.service, form.action, tuple(form.fields), number=page)
            for page, form in requests
        ]
        yield read_multirequest(schema, batch, WITH_KS).call


def _link_of(schema: Schema, call: Call | MultiRequest) -> Link:
    """The form a link to `call` opens, its requests numbered as the wire numbers them."""
    form = form_of(call)
    numbers: dict[int, int] = {}
    if isinstance(call, MultiRequest):
        numbers = {sub.number or at: at for at, sub in enumerate(call.calls, start=1)}
    pairs = [(fieldnames.SERVICE, form.service)]
    pairs += [(fieldnames.ACTION, form.action)] if form.action else []
    for name, value in form.fields:
        number, rest = fieldnames.split_request(name)
        if number:
            name = fieldnames.request_prefix(numbers[number]) + rest
            value = renumber_references(value, numbers)
        pairs.append((name, value))
    # The wire sends a name once: an action's own `partnerId` leaves the configuration's behind.
    own = {name for name, _ in call.params} if isinstance(call, Call) else set()
    config = [(n, v) for n, v in form.config.items() if n != "ks" and n not in own]
    pairs += [(fieldnames.config(n), v) for n, v in config]
    return read_link(schema, pairs)


@pytest.fixture(scope="module")
def schema() -> Schema:
    return load_schema(SHARED_SCHEMA)


@pytest.fixture(scope="module")
def cases(schema: Schema) -> list[tuple[Call | MultiRequest, str, str, Link]]:
    """Each call, its curl and HTTP samples, and the form they must fill: made once."""
    context = SampleContext(schema, URL, include_secrets=True)
    return [
        (call, render("curl", call, context), render("http", call, context), _link_of(schema, call))
        for call in _calls(schema)
    ]


def test_every_curl_and_http_sample_imports_back_to_its_form(
    schema: Schema, cases: list[tuple[Call | MultiRequest, str, str, Link]]
) -> None:
    for call, curl, http, link in cases:
        for text in (curl, http):
            imported = import_call(schema, text)
            where = f"{text[:120]}…"
            assert imported.link.values == link.values, where
            assert imported.link.requests == link.requests, where
            assert imported.ks == KS, where
            left = [d for d in imported.not_placed if not d.reason.startswith(FILE_REASON)]
            assert [d.name for d in left] == [d.name for d in link.dropped], where
            files = {d.name for d in imported.not_placed if d.reason.startswith(FILE_REASON)}
            assert files == {f.field_name for f in form_of(call).files}, where
    assert len(cases) > 884
