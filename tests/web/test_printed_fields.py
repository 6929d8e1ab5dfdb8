"""A parameter's printed HTML is kept while nothing is typed in it (app/web/printed_fields.py):
the kept HTML is the HTML it would print, and nothing the user typed is kept."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.forms.fields import Field
from app.web import printed_fields, templating
from app.web.printed_fields import PrintedFields, untyped

# Small and big forms: media.update and liveStream.add print 50-100 KB of fields.
SERVICES = ("media", "liveStream", "baseEntry", "user", "category")


def fresh(monkeypatch: pytest.MonkeyPatch) -> PrintedFields:
    kept = PrintedFields()
    monkeypatch.setitem(templating._env.globals, "printed", kept)
    return kept


def params(client: TestClient, service: str, action: str, **values: str) -> str:
    form = {"service": service, "action": action, "prefix": "", **values}
    response = client.post("/api_v3/testme/params", data=form)
    assert response.status_code == 200, response.text
    return response.text


def test_a_kept_field_prints_what_it_would_print(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    schema = client.app.state.servers.default.console.schema  # type: ignore[attr-defined]
    calls = [(s.id, a.name) for s in schema.services if s.id in SERVICES for a in s.actions]
    assert len(calls) > 60
    monkeypatch.setitem(templating._env.globals, "printed", lambda render, f: render(f))
    printed_anew = {call: params(client, *call) for call in calls}
    kept = fresh(monkeypatch)
    first = {call: params(client, *call) for call in calls}
    again = {call: params(client, *call) for call in calls}
    assert len(kept._kept) > 50
    for call in calls:
        assert first[call] == printed_anew[call], call
        assert again[call] == printed_anew[call], call


def test_nothing_typed_is_kept(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = fresh(monkeypatch)
    secret = "hunter2-typed"
    values = {
        "filter:objectType": "KalturaMediaEntryFilter",
        "filter:nameLike": secret,
        "pager:pageSize": "30",
    }
    assert secret in params(client, "media", "list", **values)
    assert secret in params(client, "media", "list", **values)  # printed afresh, still right
    assert not any(secret in html or not untyped(f) for f, html in kept._kept.items())
    assert kept._kept  # the untyped fields were kept


def test_what_counts_as_typed() -> None:
    typed = Field(kind="string", name="nameLike", path="filter:nameLike", type_label="string")
    chosen = Field(kind="object", name="filter", path="filter", type_label="", value="KalturaX")
    assert untyped(typed) and untyped(chosen)
    assert not untyped(Field(**{**typed.__dict__, "value": "x"}))
    assert not untyped(
        Field(**{**chosen.__dict__, "children": (Field(**{**typed.__dict__, "value": "x"}),)})
    )
    assert not untyped(
        Field(**{**chosen.__dict__, "items": (Field(**{**typed.__dict__, "map_key": "k"}),)})
    )
    assert untyped(Field(kind="enum", name="status", path="status", type_label="", value="2"))


def test_the_least_recently_used_go_first() -> None:
    kept = PrintedFields(limit=2)
    fields = [Field(kind="string", name=n, path=n, type_label="string") for n in "abc"]
    for f in fields:
        kept(lambda f: f.name, f)  # type: ignore[arg-type,return-value]
    assert list(kept._kept) == fields[1:]
    assert printed_fields.LIMIT >= 1000
