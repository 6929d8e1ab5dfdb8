"""Every action of the embedded schema, fed nonsense in every parameter, answers HTTP 200 with a
Kaltura result or error — never a crash."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from app.protocol.schema_loader import load_schema
from app.resources import default_schema_path
from tests.sandbox.conftest import LiveSandbox

SCHEMA = load_schema(default_schema_path())
ACTIONS = [(s.id, a) for s in SCHEMA.services for a in s.actions]
NONSENSE: list[Any] = [
    "abc",
    "",
    "-1",
    "99999999999999999999999",
    "1e999",
    "NaN",
    "bell\x07",
    {"objectType": "KalturaNoSuchType"},
    {"objectType": "KalturaResource"},
    {"-": ""},
    ["x", {"y": "z"}],
    {"0": {"objectType": "KalturaMediaEntry"}, "1": "junk"},
    True,
    None,
    1.5,
]


@pytest.mark.parametrize(
    ("service", "action"), [(s, a.name) for s, a in ACTIONS], ids=lambda v: str(v)
)
def test_nonsense_in_every_parameter_is_answered_not_crashed(
    http: httpx.Client, live: LiveSandbox, service: str, action: str
) -> None:
    action_def = SCHEMA.action(service, action)
    assert action_def is not None
    admin_ks = live.admin_ks()  # a fresh one: session.end revokes the one it is called with
    for value in NONSENSE:
        body = {"format": "1", "ks": admin_ks, **{p.name: value for p in action_def.params}}
        answer = http.post(
            f"/api_v3/service/{service}/action/{action}",
            content=json.dumps(body),
            headers={"content-type": "application/json"},
        )
        assert answer.status_code == 200
        payload = answer.json()
        if isinstance(payload, dict) and payload.get("objectType") == "KalturaAPIException":
            assert payload["code"] != "INTERNAL_SERVERL_ERROR", (value, payload)
            assert answer.headers["x-kaltura"] == f"error-{payload['code']}"


@pytest.mark.parametrize(
    ("service", "action"), [(s, a.name) for s, a in ACTIONS], ids=lambda v: str(v)
)
def test_nonsense_forms_inside_a_multirequest_are_answered_per_item(
    http: httpx.Client, live: LiveSandbox, service: str, action: str
) -> None:
    action_def = SCHEMA.action(service, action)
    assert action_def is not None
    form = {"format": "1", "ks": live.admin_ks()}
    for n, junk in enumerate(["abc", "", "{1:result:objects:0}", "{9:result}", "-"], start=1):
        form |= {f"{n}:service": service, f"{n}:action": action}
        for p in action_def.params:
            form |= {
                f"{n}:{p.name}": junk,
                f"{n}:{p.name}:objectType": junk,
                f"{n}:{p.name}[0][x]": junk,
            }
    answer = http.post("/api_v3/service/multirequest", data=form)
    assert answer.status_code == 200
    items = answer.json()
    assert len(items) == 5
    for item in items:
        if isinstance(item, dict) and item.get("objectType") == "KalturaAPIException":
            assert item["code"] != "INTERNAL_SERVERL_ERROR", item
