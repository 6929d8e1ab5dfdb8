"""The wire, byte for byte, for every action of 22.15.0 and a multirequest per service, equals
what the encoder of before issue 8 sent (`golden_calls` made the forms and the capture)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.kaltura.call import FilePart
from app.kaltura.encoding import encode_call, encode_multirequest
from app.kaltura.form_calls import split_multirequest
from app.kaltura.schema import Schema
from app.kaltura.schema_loader import load_schema
from app.kaltura.wire import EncodedCall, to_http
from tests.core.golden_calls import CONFIG, Form, digest, forms, load_golden, multirequests


@pytest.fixture(scope="module")
def schema(real_schema_path: Path) -> Schema:
    return load_schema(real_schema_path)


def _files(form: Form, prefix: str = "") -> list[FilePart]:
    return [FilePart(prefix + u.name, u.filename, u.content) for u in form.files]


def _digest(call: EncodedCall) -> str:
    spec = to_http(call)
    problems = [(p.path, p.message) for p in call.problems]
    return digest(spec.path, dict(spec.headers)["Content-Type"], spec.content, problems)


def test_every_action_sends_what_it_sent_before(schema: Schema) -> None:
    golden = load_golden()["calls"]
    sent = {
        f"{f.service}.{f.action}": _digest(
            encode_call(schema, f.service, f.action, f.fields, _files(f), CONFIG)
        )
        for f in forms(schema)
    }
    assert len(sent) == 884
    assert [name for name in golden if sent.get(name) != golden[name]] == []
    assert sent.keys() == golden.keys()


def test_every_multirequest_sends_what_it_sent_before(schema: Schema) -> None:
    golden = load_golden()["multirequests"]
    sent = {}
    for service, requests in multirequests(schema):
        fields: list[tuple[str, str]] = []
        uploads: list[FilePart] = []
        for page, form in requests:
            fields += [(f"{page}:service", form.service), (f"{page}:action", form.action)]
            fields += [(f"{page}:{name}", value) for name, value in form.fields]
            uploads += _files(form, f"{page}:")
        subs = split_multirequest(fields, uploads)
        sent[service] = _digest(encode_multirequest(schema, subs, CONFIG))
    assert [name for name in golden if sent.get(name) != golden[name]] == []
    assert sent.keys() == golden.keys()
