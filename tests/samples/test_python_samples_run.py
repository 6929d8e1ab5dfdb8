"""The Python sample of a form runs with the official client (`KalturaApiClient`) against a
recording Kaltura server on a real socket, and sends what the console's own Send of the same
form sends, compared as api_v3 reads the parameters."""

from __future__ import annotations

import copy
import io
import json
import runpy
from contextlib import redirect_stdout, suppress
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import Any, ClassVar

import pytest
from fastapi.testclient import TestClient
from KalturaClient import KalturaClient
from KalturaClient.exceptions import KalturaException

from app.protocol.call import Array, Call, Loose, Members, MultiRequest, Object
from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema
from app.protocol.wire import to_wire
from app.reference.samples import SampleContext, render
from tests.core.test_samples import every_call
from tests.e2e.conftest import CALL_PATH, FakeKaltura
from tests.samples.conftest import post_form, sample_of

KS = "djJ8MTAxfHNhbXBsZS1rcw"
SECRET = "0123456789abcdef0123456789abcdef"
CONFIG = [("config.format", "2"), ("config.clientTag", "testme"), ("config.ks", KS)]
CLIP = bytes(range(256)) * 4
CLIENT_KS = "djJ8Y2xpZW50LWtz"  # what a sample reads from KALTURA_KS when the calls carry none

# What only the client adds, when the form did not set it: its own tag, its API version and
# format 2 (it reads XML only). Dropped from its side when the console's lacks them.
CLIENT_DEFAULTS = ("clientTag", "apiVersion", "format")
# A multirequest's request-wide values api_v3 copies into every request that lacks them
# (docs/PROTOCOL.md §3); the client writes them into each request, the console once on top.
COPIED_INTO_REQUESTS = ("ks", "clientTag", "partnerId")


def _bools(value: Any) -> Any:
    # The client writes Python's str(True) and str(False); api_v3 reads booleans without case.
    if value in ("True", "False"):
        return value.lower()
    if isinstance(value, dict):
        return {k: _bools(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_bools(v) for v in value]
    return value


def _without_defaults(
    schema: Schema, path: str, params: dict[str, Any], console: dict[str, Any]
) -> None:
    """The client sends every parameter its method has a default for (`media.get`'s
    `version=-1`): the schema's default, which api_v3 uses for an absent parameter. Dropped
    where the console sent nothing and the value is that default."""
    found = CALL_PATH.match(path)
    if found is None:
        return
    action = schema.action(found["service"], found["action"] or "")
    for param in action.params if action else ():
        if (
            param.name in params
            and param.name not in console
            and params[param.name] == param.default
        ):
            del params[param.name]


def needs_ks(schema: Schema, params: dict[str, Any], path: str) -> bool:
    """Whether the call the console sent to `path` needs the client's KS (`environment`)."""
    found = CALL_PATH.match(path)
    assert found is not None
    if found["service"] != "multirequest":
        action = schema.action(found["service"], found["action"] or "")
        return action is None or action.session_required != "none"
    requests = [params[k] for k in params if k.isdigit()]
    return any(
        "ks" not in request
        and (action := schema.action(request["service"], request["action"])) is not None
        and action.session_required != "none"
        for request in requests
    )


def as_server_reads(
    schema: Schema, path: str, params: dict[str, Any], console: dict[str, Any]
) -> dict[str, Any]:
    """`params` sent to `path`, normalised as api_v3 reads them; `console` is the console's
    own side."""
    params = _bools(copy.deepcopy(params))
    _without_defaults(schema, path, params, console)
    params.pop("kalsig", None)  # the client's signature: api_v3 ignores it
    for name in CLIENT_DEFAULTS:
        if name not in console:
            params.pop(name, None)
    numbered = sorted((int(k), v) for k, v in params.items() if k.isdigit())
    if numbered:
        # The client numbers requests from 0, the console from 1; api_v3 runs either from its
        # smallest key, so both are renumbered 1..n. References count from 1 on both sides.
        for key in [k for k in params if k.isdigit()]:
            del params[key]
        for at, (_, request) in enumerate(numbered, start=1):
            action = f"/api_v3/service/{request.get('service')}/action/{request.get('action')}"
            _without_defaults(schema, action, request, console.get(str(at), {}))
            for name in COPIED_INTO_REQUESTS:
                if name in params:
                    request.setdefault(name, params[name])
            params[str(at)] = request
        for name in COPIED_INTO_REQUESTS:
            params.pop(name, None)
    return params


@pytest.fixture(scope="module")
def schema(real_schema_path: Path) -> Schema:
    return load_schema(real_schema_path)


CASES: dict[str, tuple[list[tuple[str, str]], dict[str, tuple[str, bytes]]]] = {
    "scalars and an enum": (
        [
            ("service", "session"),
            ("action", "start"),
            ("secret", SECRET),
            ("userId", "ann"),
            ("type", "2"),
            ("partnerId", "101"),
            ("expiry", "3600"),
        ],
        {},
    ),
    "a parameter named like a configuration value": (
        [
            ("config.partnerId", "999"),
            ("service", "session"),
            ("action", "start"),
            ("secret", SECRET),
            ("partnerId", "101"),
        ],
        {},
    ),
    "a filter and a pager": (
        [
            ("service", "media"),
            ("action", "list"),
            ("filter:objectType", "KalturaMediaEntryFilter"),
            ("filter:nameLike", 'cat\'s "video"'),
            ("filter:statusIn", "2"),
            ("filter:statusIn", "7"),
            ("filter:mediaTypeEqual", "1"),
            ("filter:orderBy", "-createdAt"),
            ("pager:objectType", "KalturaFilterPager"),
            ("pager:pageSize", "10"),
            ("pager:pageIndex", "2"),
        ],
        {},
    ),
    "a nested object of a subtype": (
        [
            ("service", "media"),
            ("action", "addContent"),
            ("entryId", "0_abc"),
            ("resource:objectType", "KalturaUploadedFileTokenResource"),
            ("resource:token", "1_tok"),
        ],
        {},
    ),
    "an array of objects": (
        [
            ("service", "media"),
            ("action", "list"),
            ("filter:objectType", "KalturaMediaEntryFilter"),
            ("filter:advancedSearch:objectType", "KalturaSearchOperator"),
            ("filter:advancedSearch:type", "2"),
            ("filter:advancedSearch:items:0:objectType", "KalturaSearchCondition"),
            ("filter:advancedSearch:items:0:field", "name"),
            ("filter:advancedSearch:items:0:value", "cat"),
            ("filter:advancedSearch:items:1:objectType", "KalturaSearchCondition"),
            ("filter:advancedSearch:items:1:field", "tags"),
            ("filter:advancedSearch:items:1:value", "dog"),
        ],
        {},
    ),
    "a file upload": (
        [
            ("service", "uploadtoken"),
            ("action", "upload"),
            ("uploadTokenId", "1_tok"),
            ("resume", "false"),
            ("finalChunk", "true"),
            ("resumeAt", "-1"),
        ],
        {"fileData": ("clip.mp4", CLIP)},
    ),
    "null and empty": (
        [
            ("service", "media"),
            ("action", "update"),
            ("entryId", "0_abc"),
            ("mediaEntry:objectType", "KalturaMediaEntry"),
            ("mediaEntry:name", "renamed"),
            ("mediaEntry:tags__null", "1"),
            ("mediaEntry:operationAttributes:-", "1"),
        ],
        {},
    ),
    "a multirequest with references": (
        [
            ("service", "multirequest"),
            ("1:service", "media"),
            ("1:action", "list"),
            ("1:filter:objectType", "KalturaMediaEntryFilter"),
            ("1:filter:nameLike", "cat"),
            ("2:service", "media"),
            ("2:action", "get"),
            ("2:entryId", "{1:result:objects:0:id}"),
            ("3:service", "media"),
            ("3:action", "update"),
            ("3:entryId", "{1:result:objects:0:id}"),
            ("3:mediaEntry:objectType", "KalturaMediaEntry"),
            ("3:mediaEntry:name", "copy of {2:result:name}"),
        ],
        {},
    ),
    "a multirequest request's own ks": (
        [
            ("service", "multirequest"),
            ("1:service", "session"),
            ("1:action", "start"),
            ("1:secret", SECRET),
            ("1:type", "2"),
            ("2:service", "media"),
            ("2:action", "list"),
            ("2:ks", "{1:result}"),
            ("3:service", "system"),
            ("3:action", "ping"),
        ],
        {},
    ),
    "a plugin service": (
        [
            ("service", "elasticsearch_esearch"),
            ("action", "searchEntry"),
            (
                "searchParams",
                '{"objectType": "KalturaESearchEntryParams", "searchOperator": '
                '{"objectType": "KalturaESearchEntryOperator", "operator": "1", "searchItems": '
                '[{"objectType": "KalturaESearchEntryItem", "searchTerm": "cat", '
                '"itemType": "2", "fieldName": "name"}]}}',
            ),
            ("pager:objectType", "KalturaPager"),
            ("pager:pageSize", "5"),
        ],
        {},
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_the_python_sample_sends_what_send_sends(
    case: str,
    schema: Schema,
    console: TestClient,
    fake: FakeKaltura,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fields, files = CASES[case]
    sent = post_form(console, "/api_v3/testme/send", CONFIG + fields, files)
    assert sent.status_code == 200, sent.text
    assert "Not sent" not in sent.text
    code = post_form(console, "/api_v3/testme/code", CONFIG + fields, files)
    sample = sample_of(code.text, "python")
    assert KS not in sample and SECRET not in sample  # read from the environment instead

    script = tmp_path / "sample.py"
    script.write_text(sample)
    for filename, data in files.values():
        (tmp_path / filename).write_bytes(data)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KALTURA_KS", KS)
    monkeypatch.setenv("KALTURA_SECRET", SECRET)
    # The fake answers nothing (void): printing the answer fails after the request is sent.
    # What the samples print of real answers is checked against the sandbox.
    with suppress(AttributeError, IndexError, TypeError):
        runpy.run_path(str(script), run_name="__main__")
    capsys.readouterr()

    ours, theirs = fake.received
    assert (theirs.method, theirs.path) == (ours.method, ours.path)
    path, mine, sent = ours.path, ours.json, theirs.json
    if not needs_ks(schema, mine, path):
        # The form holds a KS the call does not need (session.start): the sample leaves it.
        assert "ks" not in sent
        mine.pop("ks")
    assert as_server_reads(schema, path, sent, mine) == as_server_reads(schema, path, mine, mine)
    assert {n: (p.filename, p.data) for n, p in theirs.parts.items() if n != "json"} == {
        n: (p.filename, p.data) for n, p in ours.parts.items() if n != "json"
    }


# -- every action ---------------------------------------------------------------------------

# What the installed client (23.10) lacks of the 22.15.0 schema: internal and admin services
# (`jobs`, `batch`, `adminConsole`…), classes and properties it no longer has. A sample of
# those fails as a developer's would, before sending; everything else must match.
CLIENT_LACKS = (AttributeError, ImportError, TypeError)


def _without_loose(members: Members) -> Members:
    """Members minus those the schema does not declare (the sample says it cannot send them)."""
    kept = []
    for name, value in members:
        if isinstance(value, Object):
            value = replace(value, members=_without_loose(value.members))
        elif isinstance(value, Array):
            value = Array(tuple(_without_loose((("", i),))[0][1] for i in value.items))
        if not isinstance(value, Loose):
            kept.append((name, value))
    return tuple(kept)


def declared_only(call: Call | MultiRequest) -> Call | MultiRequest:
    if isinstance(call, MultiRequest):
        calls = tuple(replace(c, params=_without_loose(c.params)) for c in call.calls)
        # The console sends a batch's responseProfile once, the client into every request,
        # and api_v3 copies only ks, clientTag and partnerId: left out of the comparison.
        config = tuple(c for c in call.config if c[0] != "responseProfile")
        return replace(call, calls=calls, config=config)
    return replace(call, params=_without_loose(call.params))


def test_every_action_sends_from_python_what_send_sends(
    schema: Schema, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A sixth of the actions of 22.15.0 filled with every kind of value, and of the
    multirequests per service (`golden_calls`), run with the client's HTTP layer replaced by a recorder; values
    the client cannot send are left out (`declared_only`)."""
    captured: dict[str, Any] = {}

    class Answer:
        content = b"<xml><result><error><code>T</code><message>m</message></error></result></xml>"
        headers: ClassVar[dict[str, str]] = {}

    def record(url: str, params: Any, files: Any, headers: Any, timeout: Any) -> Answer:
        captured["params"] = json.loads(json.dumps(params.get()))
        return Answer()

    monkeypatch.setattr(KalturaClient, "openRequestUrl", staticmethod(record))
    monkeypatch.setenv("KALTURA_KS", CLIENT_KS)  # the calls carry none: the client's own
    monkeypatch.chdir(tmp_path)
    (tmp_path / "clip.bin").write_bytes(b"")
    context = SampleContext(schema, "http://kaltura.invalid", include_secrets=True)
    compared = 0
    # Every sixth: each sample builds a client, which loads all its plugins (40 ms or more).
    for call in islice(every_call(schema), 0, None, 6):
        call = declared_only(call)
        captured.clear()
        with suppress(KalturaException, *CLIENT_LACKS), redirect_stdout(io.StringIO()):
            exec(compile(render("python", call, context), "sample.py", "exec"), {})
        if "params" not in captured:
            continue  # the client lacks it, or a `serve` action (the client builds a URL)
        wire = to_wire(call)
        sent = captured["params"]
        for params in (sent, *(v for k, v in sent.items() if k.isdigit())):
            if params.get("ks") == CLIENT_KS:
                del params["ks"]  # the client's own KS: the calls carry none
        theirs = as_server_reads(schema, wire.path, captured["params"], wire.params)
        ours = as_server_reads(schema, wire.path, wire.params, wire.params)
        theirs.pop("format"), ours.pop("format")  # the client reads XML only; golden asks JSON
        assert theirs == ours, wire.path
        compared += 1
    assert compared > 90
