"""Send: what reaches the upstream, and what the Result region shows for every kind of answer."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient

from app.protocol.ks import encode_v1
from tests.web.conftest import FAKE_URL, FakeKaltura

KS = encode_v1("s3cret", 1234, expiry=4102444800, session_type=2, user_id="admin")
KS_XML = f'<?xml version="1.0" encoding="utf-8"?><xml><result>{KS}</result><executionTime>0.01</executionTime></xml>'
ERROR_XML = (
    '<?xml version="1.0" encoding="utf-8"?><xml><result><error><code>ENTRY_ID_NOT_FOUND</code>'
    '<message>Entry id "0_x" not found</message><objectType>KalturaAPIException</objectType><args><item>'
    "<objectType>KalturaApiExceptionArg</objectType><name>ENTRY_ID</name><value>0_x</value></item></args>"
    "</error></result><executionTime>0.01</executionTime></xml>"
)


def send(
    client: TestClient,
    data: dict[str, str | list[str]],
    files: dict[str, tuple[str, bytes]] | None = None,
) -> httpx.Response:
    return client.post("/api_v3/testme/send", data=data, files=files or {"_": ("", b"")})


def test_session_start_puts_the_ks_in_the_ks_field_and_keeps_it(
    client: TestClient, fake: FakeKaltura
) -> None:
    fake.reply_xml(KS_XML)
    response = send(
        client,
        {
            "service": "session",
            "action": "start",
            "secret": "s3cret",
            "type": "2",
            "config.format": "2",
        },
    )
    assert response.status_code == 200
    assert 'id="ks-field" class="field field-string" hx-swap-oob="true"' in response.text
    assert f'value="{KS}"' in response.text
    assert "partner 1234" in response.text and "ADMIN" in response.text
    sent = fake.received[-1]
    assert str(sent.url) == f"{FAKE_URL}/api_v3/service/session/action/start"
    assert sent.headers["content-type"] == "application/json"
    assert fake.last_json["secret"] == "s3cret"
    page = client.get("/api_v3/testme/").text
    assert f'value="{KS}"' in page  # kept for this browser


def test_later_sends_carry_the_ks_and_configuration(client: TestClient, fake: FakeKaltura) -> None:
    send(
        client,
        {
            "service": "media",
            "action": "get",
            "entryId": "0_a",
            "config.ks": KS,
            "config.clientTag": "testme",
            "config.partnerId": "",
        },
    )
    assert fake.last_json == {"ks": KS, "clientTag": "testme", "entryId": "0_a"}


def test_media_list_sends_nested_filter_and_pager(client: TestClient, fake: FakeKaltura) -> None:
    send(
        client,
        {
            "service": "media",
            "action": "list",
            "filter:objectType": "KalturaMediaEntryFilter",
            "filter:nameLike": "cat",
            "filter:statusIn": ["2", "7"],
            "pager:objectType": "KalturaFilterPager",
            "pager:pageSize": "10",
        },
    )
    assert fake.last_json == {
        "filter": {"objectType": "KalturaMediaEntryFilter", "nameLike": "cat", "statusIn": "2,7"},
        "pager": {"objectType": "KalturaFilterPager", "pageSize": "10"},
    }


def test_file_parameter_goes_as_a_multipart_file_part(
    client: TestClient, fake: FakeKaltura
) -> None:
    response = client.post(
        "/api_v3/testme/send",
        data={"service": "uploadtoken", "action": "upload", "uploadTokenId": "0_tok"},
        files={"fileData": ("clip.mp4", b"\x00\x01video")},
    )
    assert response.status_code == 200
    sent = fake.received[-1]
    assert sent.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="json"' in sent.content and b'"uploadTokenId":"0_tok"' in sent.content
    assert (
        b'name="fileData"; filename="clip.mp4"' in sent.content and b"\x00\x01video" in sent.content
    )


def test_text_in_an_int_field_is_flagged_and_can_be_sent_anyway(
    client: TestClient, fake: FakeKaltura
) -> None:
    data = {
        "service": "media",
        "action": "list",
        "pager:objectType": "KalturaFilterPager",
        "pager:pageSize": "abc",
    }
    held = send(client, data)
    assert "pager:pageSize" in held.text and "Send anyway" in held.text
    assert "Not sent" in held.text and "Request that Send anyway will send" in held.text
    assert fake.received == []
    sent = send(client, {**data, "send_anyway": "1"})
    assert sent.status_code == 200
    assert "Sent anyway" in sent.text and "Request sent" in sent.text
    assert fake.last_json["pager"] == {"objectType": "KalturaFilterPager", "pageSize": "abc"}


def test_kaltura_error_is_shown_with_code_message_and_args(
    client: TestClient, fake: FakeKaltura
) -> None:
    fake.reply_xml(ERROR_XML)
    html = send(client, {"service": "media", "action": "get", "entryId": "0_x"}).text
    assert "ENTRY_ID_NOT_FOUND" in html
    assert "Entry id &#34;0_x&#34; not found" in html
    assert "<dt>ENTRY_ID</dt><dd>0_x</dd>" in html
    assert 'class="error-box" role="alert"' in html


def test_request_sent_is_shown_with_secrets_masked(client: TestClient, fake: FakeKaltura) -> None:
    html = send(client, {"service": "session", "action": "start", "secret": "hunter2-secret"}).text
    assert "Request sent" in html and "hunter2-secret" not in html and "••••••" in html


@pytest.mark.parametrize(
    ("body", "content_type", "escaped"),
    [
        (
            '<?xml version="1.0"?><xml><result><name>&lt;script&gt;x()&lt;/script&gt;</name></result></xml>',
            "text/xml",
            "&amp;lt;script&amp;gt;",
        ),
        (
            '{"name": "<script>x()</script>", "objectType": "KalturaMediaEntry"}',
            "application/json",
            "&lt;script&gt;",
        ),
        ("<html><script>x()</script></html>", "text/html", "&lt;script&gt;"),
    ],
)
def test_answer_markup_is_escaped_not_rendered(
    client: TestClient, fake: FakeKaltura, body: str, content_type: str, escaped: str
) -> None:
    fake.answer = httpx.Response(200, content=body.encode(), headers={"Content-Type": content_type})
    html = send(client, {"service": "media", "action": "get", "entryId": "0_a"}).text
    assert "<script>" not in html and escaped in html


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (httpx.ConnectError("refused"), "Could not connect"),
        (httpx.ReadTimeout("slow"), "No answer"),
    ],
)
def test_unreachable_upstream_is_a_message_not_a_500(
    client: TestClient, fake: FakeKaltura, failure: Exception, message: str
) -> None:
    fake.fail = failure
    response = send(client, {"service": "system", "action": "ping"})
    assert response.status_code == 200 and message in response.text
    fake.fail = None
    assert client.get("/api_v3/testme/").status_code == 200


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        (
            httpx.Response(
                502, content=b"<html>Bad gateway</html>", headers={"Content-Type": "text/html"}
            ),
            "HTTP 502",
        ),
        (httpx.Response(200, content=b""), "empty"),
        (
            httpx.Response(200, content=b"\x00\xffgarbage<<", headers={"Content-Type": "text/xml"}),
            "garbage",
        ),
    ],
)
def test_odd_answers_are_shown_with_a_clear_message(
    client: TestClient, fake: FakeKaltura, answer: httpx.Response, shown: str
) -> None:
    fake.answer = answer
    response = send(client, {"service": "system", "action": "ping"})
    assert response.status_code == 200
    assert shown in response.text


@pytest.mark.parametrize(
    "data",
    [
        {"service": "nosuch", "action": "list"},
        {"service": "media", "action": "nosuch"},
        {"service": "../../evil", "action": "x"},
        {"service": "media/../../etc", "action": "list"},
    ],
)
def test_unknown_or_crafted_names_are_404_and_never_sent(
    client: TestClient, fake: FakeKaltura, data: dict[str, str]
) -> None:
    response = send(client, data)
    assert response.status_code == 404
    assert fake.received == []


def test_multirequest_sends_numbered_requests(client: TestClient, fake: FakeKaltura) -> None:
    send(
        client,
        {
            "service": "multirequest",
            "config.ks": KS,
            "1:service": "media",
            "1:action": "list",
            "2:service": "media",
            "2:action": "get",
            "2:entryId": "{1:result:objects:0:id}",
        },
    )
    assert str(fake.received[-1].url) == f"{FAKE_URL}/api_v3/service/multirequest"
    assert fake.last_json == {
        "ks": KS,
        "1": {"service": "media", "action": "list"},
        "2": {"service": "media", "action": "get", "entryId": "{1:result:objects:0:id}"},
    }


def test_ks_is_kept_in_a_signed_httponly_strict_cookie(
    client: TestClient, fake: FakeKaltura
) -> None:
    fake.reply_xml(KS_XML)
    response = send(client, {"service": "session", "action": "start", "secret": "s3cret"})
    cookie = response.headers["set-cookie"].lower()
    assert (
        cookie.startswith("testme_session_")
        and "httponly" in cookie
        and "samesite=strict" in cookie
    )
    assert KS not in response.headers["set-cookie"]  # signed and encoded, not the KS in clear
