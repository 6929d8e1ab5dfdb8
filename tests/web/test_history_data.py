"""What the Result hands the browser's History, as data on its heading: the call as the schema
spells it (as the Select service option shows it), the wire's spelling for the schema check, and
what the Send came to, computed on the server: a Kaltura error's code (answered with HTTP 200),
how many of a multirequest's requests failed, or why there was no answer."""

from __future__ import annotations

import html
import re

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import FakeKaltura
from tests.web.test_send import send

INVALID_KS_XML = (
    '<?xml version="1.0" encoding="utf-8"?><xml><result><error><code>INVALID_KS</code>'
    "<message>Invalid KS</message><objectType>KalturaAPIException</objectType><args></args>"
    "</error></result><executionTime>0.01</executionTime></xml>"
)
INVALID_KS = {"code": "INVALID_KS", "message": "Invalid KS", "objectType": "KalturaAPIException"}
NOT_FOUND = {"code": "ENTRY_ID_NOT_FOUND", "message": "No", "objectType": "KalturaAPIException"}
THREE = {
    "service": "multirequest",
    "1:service": "session",
    "1:action": "start",
    "1:secret": "wrong",
    "2:service": "uploadtoken",
    "2:action": "add",
    "3:service": "baseentry",
    "3:action": "get",
    "3:entryId": "0_a",
    "config.format": "1",
}


def heading(page: str) -> dict[str, str]:
    """The Result heading's text (`heading`) and its data-history-* attributes."""
    match = re.search(r'<p class="result-call"([^>]*)>(.*?)</p>', page, re.S)
    assert match, page
    attributes = dict(re.findall(r'data-(history[\w-]*)(?:="([^"]*)")?', match.group(1)))
    text = re.sub(r"<[^>]+>", "", match.group(2))
    return {"heading": html.unescape(text), **{k: html.unescape(v) for k, v in attributes.items()}}


@pytest.mark.parametrize(
    ("service", "action", "name"),
    [
        ("uploadtoken", "add", "uploadToken.add"),
        ("baseentry", "list", "baseEntry.list"),
        ("metadata_metadata", "list", "metadata.list"),
    ],
)
def test_the_result_and_history_name_the_call_as_the_schema_spells_it(
    client: TestClient, service: str, action: str, name: str
) -> None:
    shown = heading(send(client, {"service": service, "action": action}).text)
    assert shown["heading"].startswith(f"{name} · sent")
    assert shown["history"] == name
    assert shown["history-calls"] == f"{service}.{action} "  # History's check, as sent


def test_a_wrong_secret_is_a_failure_though_the_server_answered_200(
    client: TestClient, fake: FakeKaltura
) -> None:
    fake.reply_xml(INVALID_KS_XML)
    shown = heading(send(client, {"service": "session", "action": "start", "secret": "x"}).text)
    assert shown["history-status"] == "200"
    assert shown["history-outcome"] == "failed: INVALID_KS"
    assert shown["history-failed"] == ""


def test_a_success_says_so(client: TestClient) -> None:
    shown = heading(send(client, {"service": "system", "action": "ping"}).text)
    assert shown["history-outcome"] == "OK"
    assert "history-failed" not in shown


def test_a_multirequest_says_how_many_failed_and_names_each_request(
    client: TestClient, fake: FakeKaltura
) -> None:
    fake.answer = httpx.Response(200, json=[INVALID_KS, {"id": "t"}, NOT_FOUND])
    page = send(client, THREE).text
    shown = heading(page)
    assert shown["history"] == "multirequest (3)"
    assert shown["history-outcome"] == "2 of 3 failed: INVALID_KS, ENTRY_ID_NOT_FOUND"
    assert shown["history-calls"] == "session.start uploadtoken.add baseentry.get "
    titles = re.findall(r'class="item-toggle"[^>]*>([^<]*)</button>', page)
    assert titles == [
        "Request 1: session.start",
        "Request 2: uploadToken.add",
        "Request 3: baseEntry.get",
    ]


@pytest.mark.parametrize(
    ("fail", "outcome"),
    [
        (httpx.ReadTimeout("slow"), "no answer: timed out"),
        (httpx.ConnectError("refused"), "no answer: unreachable"),
    ],
)
def test_no_answer_says_why(
    client: TestClient, fake: FakeKaltura, fail: Exception, outcome: str
) -> None:
    fake.fail = fail
    shown = heading(send(client, {"service": "system", "action": "ping"}).text)
    assert shown["history-outcome"] == outcome and "history-failed" in shown


def test_an_http_error_status_says_its_status(client: TestClient, fake: FakeKaltura) -> None:
    fake.answer = httpx.Response(502, text="<html><body>Bad gateway</body></html>")
    shown = heading(send(client, {"service": "system", "action": "ping"}).text)
    assert shown["history-outcome"] == "HTTP 502"


def test_an_error_code_as_a_value_is_no_failure(client: TestClient, fake: FakeKaltura) -> None:
    """The outcome comes from the answer's parse, not from looking for error-like words."""
    fake.answer = httpx.Response(
        200, json={"name": "INVALID_KS", "objectType": "KalturaMediaEntry"}
    )
    shown = heading(send(client, {"service": "media", "action": "get", "entryId": "0_a"}).text)
    assert shown["history-outcome"] == "OK"
