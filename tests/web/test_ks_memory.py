"""The ks field follows what it holds: its note, Clear, and the warning beside Send for a KS a
server will refuse (expired, or ended by session.end); Send still sends it."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from app.protocol.ks import encode_v1, encode_v2
from tests.web.conftest import FakeKaltura
from tests.web.test_send import send

LIVE = encode_v1("s3cret", 1234, expiry=4102444800, session_type=2, user_id="admin")
EXPIRED = encode_v1("s3cret", 1234, expiry=int(time.time()) - 60, session_type=2)
SEALED = encode_v2("s3cret", 1234, expiry=4102444800, session_type=2)
WARNING = 'id="ks-warning" class="ks-warning" role="status"'
INVALID_KS_XML = (
    '<?xml version="1.0" encoding="utf-8"?><xml><result><error><code>INVALID_KS</code>'
    f'<message>Invalid KS "{SEALED}", Error "-5,EXPIRED"</message>'
    "<objectType>KalturaAPIException</objectType><args></args></error></result></xml>"
)


def ks_changed(client: TestClient, value: str) -> str:
    response = client.post("/api_v3/testme/ks", data={"config.ks": value})
    assert response.status_code == 200
    return response.text


def warning_on_page(client: TestClient) -> str:
    page = client.get("/api_v3/testme/").text
    start = page.index(WARNING)
    return page[start : page.index("</span>", start)]


def test_typing_garbage_over_a_ks_replaces_its_note(client: TestClient) -> None:
    assert "KS v1, partner 1234, ADMIN" in ks_changed(client, LIVE)
    note = ks_changed(client, "garbage")
    assert "not a KS this console can read" in note and "partner 1234" not in note
    assert 'value="garbage"' in client.get("/api_v3/testme/").text  # kept for this browser


def test_clearing_the_field_forgets_the_ks(client: TestClient) -> None:
    ks_changed(client, LIVE)
    assert f'value="{LIVE}"' in client.get("/api_v3/testme/").text
    note = ks_changed(client, "")
    assert "KS v1" not in note
    page = client.get("/api_v3/testme/").text
    assert 'name="config.ks" value=""' in page
    assert ">Clear</button>" in page


def test_an_expired_v1_ks_is_marked_and_warned_of_beside_send(client: TestClient) -> None:
    response = ks_changed(client, EXPIRED)
    assert "expired" in response and "will be refused: it expired at" in response
    assert 'hx-swap-oob="true"' in response  # the warning beside Send
    assert "will be refused: it expired at" in warning_on_page(client)
    assert ks_changed(client, LIVE).count("will be refused") == 0
    assert "will be refused" not in warning_on_page(client)


def test_a_ks_ended_by_session_end_is_warned_of_and_still_sent(
    client: TestClient, fake: FakeKaltura
) -> None:
    response = send(client, {"service": "session", "action": "end", "config.ks": SEALED})
    assert 'id="ks-field" class="field field-string" hx-swap-oob="true"' in response.text
    assert "will be refused: it was ended by session.end" in response.text
    assert "it was ended by session.end" in warning_on_page(client)
    send(client, {"service": "media", "action": "list", "config.ks": SEALED})
    assert fake.last_json["ks"] == SEALED  # sending anyway stays possible
    ks_changed(client, LIVE)
    assert "will be refused" not in warning_on_page(client)
    ks_changed(client, SEALED)  # the same KS again: still known to be dead
    assert "it was ended by session.end" in warning_on_page(client)


def test_a_ks_the_server_calls_expired_is_remembered(client: TestClient, fake: FakeKaltura) -> None:
    fake.reply_xml(INVALID_KS_XML)
    response = send(client, {"service": "media", "action": "list", "config.ks": SEALED})
    assert "will be refused: the server reported it expired" in response.text
    assert "the server reported it expired" in warning_on_page(client)


def test_a_failed_session_end_does_not_mark_the_ks(client: TestClient, fake: FakeKaltura) -> None:
    fake.reply_xml(INVALID_KS_XML.replace("-5,EXPIRED", "-1,INVALID_STR"))
    response = send(client, {"service": "session", "action": "end", "config.ks": SEALED})
    assert "will be refused" not in response.text
    assert "will be refused" not in warning_on_page(client)
