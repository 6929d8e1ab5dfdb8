"""Inspect: session.get for the KS in the field, on the server the form is set to, through the
same upstream a Send uses; the KS only in the POST body; what the server says shown, and a KS
it calls dead warned of beside Send."""

from __future__ import annotations

import html
import json
import logging
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from app.protocol import fieldnames
from app.protocol.ks import encode_v1, encode_v2
from tests.web.conftest import FakeKaltura
from tests.web.test_ks_memory import SEALED, warning_on_page
from tests.web.test_several_servers import _client

INSPECT = "/api_v3/testme/ks/inspect"
EXPIRY = 4102444800  # 2100-01-01
LIVE_V1 = encode_v1(
    "s3cret", 1234, expiry=EXPIRY, session_type=0, user_id="bob", privileges="edit:*"
)


def session_info(**fields: object) -> httpx.Response:
    body = {"objectType": "KalturaSessionInfo", **fields}
    return httpx.Response(200, json=body)


def kaltura_error(code: str, message: str) -> httpx.Response:
    body = {"code": code, "message": message, "objectType": "KalturaAPIException", "args": {}}
    return httpx.Response(200, json=body)


def inspect(client: TestClient, ks: str, **more: str) -> str:
    response = client.post(INSPECT, data={"config.ks": ks, **more})
    assert response.status_code == 200
    return html.unescape(response.text)


def test_inspect_asks_session_get_with_the_ks_in_the_body_only(
    client: TestClient, fake: FakeKaltura
) -> None:
    fake.answer = session_info(
        sessionType=2, partnerId=1234, userId="alice", expiry=EXPIRY, privileges="*,sview:0_x"
    )
    panel = inspect(client, SEALED)
    [sent] = fake.received
    assert sent.method == "POST"
    assert str(sent.url) == "http://kaltura.test/api_v3/service/session/action/get"
    assert SEALED not in str(sent.url)
    assert json.loads(sent.content) == {"ks": SEALED, "format": "1"}
    for shown in ("1234", "ADMIN", "alice", "2100-01-01 00:00:00 UTC", "all:*", "sview:0_x"):
        assert shown in panel
    assert f'data-expiry="{EXPIRY}"' in panel and 'role="timer"' in panel
    assert "will be refused" not in panel


def test_a_v1_ks_is_read_locally_even_when_the_server_is_down(
    client: TestClient, fake: FakeKaltura
) -> None:
    fake.fail = httpx.ConnectError("refused")
    panel = inspect(client, LIVE_V1)
    assert "session.get could not be asked" in panel and "Could not connect" in panel
    assert "Read from the KS itself (v1, no call)" in panel
    for shown in ("1234", "USER", "bob", "edit:*", "2100-01-01 00:00:00 UTC"):
        assert shown in panel


def test_a_ks_the_server_calls_expired_is_marked_and_warned_of_beside_send(
    client: TestClient, fake: FakeKaltura
) -> None:
    fake.answer = kaltura_error("INVALID_KS", f'Invalid KS "{SEALED}", Error "-5,EXPIRED"')
    panel = inspect(client, SEALED)
    assert "data-ks-dead>Expired<" in panel
    assert "INVALID_KS" in panel and 'Error "-5,EXPIRED"' in panel
    assert f'Invalid KS "{SEALED[:10]}…"' in panel  # shortened, as in the Result
    assert 'id="ks-warning"' in panel and "will be refused: the server reported it expired" in panel
    assert "the server reported it expired" in warning_on_page(client)


def test_an_invalid_ks_shows_the_servers_error_without_calling_it_dead(
    client: TestClient, fake: FakeKaltura
) -> None:
    fake.answer = kaltura_error("INVALID_KS", 'Invalid KS "nope", Error "-1,INVALID_STR"')
    panel = inspect(client, "nope")
    assert 'role="alert"' in panel and 'Error "-1,INVALID_STR"' in panel
    assert "data-ks-dead" not in panel and "will be refused" not in panel


def test_a_proxy_page_instead_of_an_answer_is_said_so(
    client: TestClient, fake: FakeKaltura
) -> None:
    fake.answer = httpx.Response(
        502, content=b"<html>Bad gateway</html>", headers={"Content-Type": "text/html"}
    )
    panel = inspect(client, SEALED)
    assert "no session.get answer (HTTP 502, text/html, 24 bytes)" in panel
    assert "Bad gateway" not in panel  # a proxy's page is not printed into the console


def test_an_empty_field_makes_no_call(client: TestClient, fake: FakeKaltura) -> None:
    assert "no KS to inspect" in inspect(client, "  ")
    assert fake.received == []


def test_inspect_asks_the_server_the_form_names_only(
    tmp_path: Path, real_schema_path: Path
) -> None:
    prod, qa = FakeKaltura(), FakeKaltura()
    qa.answer = session_info(sessionType=0, partnerId=7, userId="", expiry=EXPIRY, privileges="")
    with _client(tmp_path, prod, qa, real_schema_path) as client:
        panel = inspect(client, SEALED, **{fieldnames.SERVER: "qa"})
        assert "on qa — http://qa.test" in panel
        assert [r.url.host for r in qa.received] == ["qa.test"] and prod.received == []
        refused = client.post(
            INSPECT, data={"config.ks": SEALED, fieldnames.SERVER: "http://evil.test"}
        )
        assert refused.status_code == 400


def test_the_ks_is_in_no_log_line(
    client: TestClient, fake: FakeKaltura, caplog: pytest.LogCaptureFixture
) -> None:
    fake.answer = kaltura_error("INVALID_KS", f'Invalid KS "{SEALED}", Error "-5,EXPIRED"')
    with caplog.at_level(logging.DEBUG):
        inspect(client, SEALED)
    assert SEALED not in caplog.text


def test_the_page_offers_inspect_and_with_no_ks_a_session_start_link(client: TestClient) -> None:
    page = client.get("/api_v3/testme/").text
    assert ">Inspect</button>" in page
    assert 'href="/api_v3/testme/?service=session&amp;action=start"' in page  # no partner: none set
    assert '<p class="ks-start" data-ks-start>' in page  # shown: the field is empty
    client.post("/api_v3/testme/ks", data={"config.ks": SEALED})
    assert '<p class="ks-start" data-ks-start hidden>' in client.get("/api_v3/testme/").text


def test_a_sandbox_ks_is_inspected_by_the_sandbox(tmp_path: Path) -> None:
    """The embedded sandbox answers session.get for the KSes it issues."""
    from app.settings import Settings
    from app.web.app import create_app

    with TestClient(
        create_app(
            Settings(data_dir=tmp_path / "var", secret_key="s", allowed_hosts=("testserver",))
        )
    ) as client:
        sandbox = client.app.state.servers.default.console.sandbox  # type: ignore[attr-defined]
        ks = encode_v2(
            sandbox.admin_secret,
            sandbox.partner_id,
            expiry=EXPIRY,
            session_type=2,
            user_id="ann",
            privileges="list:*",
        )
        panel = inspect(client, ks)
    assert "From <code>session.get</code> on sandbox" in panel
    for shown in (str(sandbox.partner_id), "ADMIN", "ann", "list:*", "2100-01-01 00:00:00 UTC"):
        assert shown in panel
