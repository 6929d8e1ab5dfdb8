"""A KS that comes back lands in the ks field by itself, goes with later Sends and stays for
this browser."""

from __future__ import annotations

import json
import re

import pytest
from KalturaClient import KalturaClient
from playwright.sync_api import Request, expect

from tests.e2e.conftest import FakeKaltura, xml_result
from tests.e2e.console_page import Console, labelled
from tests.e2e.wire import EMPTY_MEDIA_LIST, call_params

pytestmark = pytest.mark.browser

ADMIN_SECRET = "0123456789abcdef0123456789abcdef"
PARTNER_ID = 4242


def admin_ks(user_id: str = "") -> str:
    """A real v2 KS, as a Kaltura server would sign it, from the official client."""
    ks = KalturaClient.generateSessionV2(ADMIN_SECRET, user_id, 2, PARTNER_ID, 3600, "")
    return ks.decode() if isinstance(ks, bytes) else str(ks)


def test_session_start_puts_the_returned_ks_in_the_ks_field(
    console: Console, fake: FakeKaltura
) -> None:
    ks = admin_ks("alice")
    fake.answer("session", "start", xml_result(ks))

    console.choose("session", "start")
    params = console.parameters
    labelled(params, "secret").fill(ADMIN_SECRET)
    labelled(params, "userId").fill("alice")
    labelled(params, "type").select_option("2")
    labelled(params, "partnerId").fill(str(PARTNER_ID))
    result = console.send()

    expect(console.ks_field).to_have_value(ks)
    expect(console.ks_field).to_have_accessible_description(re.compile(rf"partner {PARTNER_ID}"))
    expect(result).to_contain_text(ks)
    expect(result).to_contain_text("HTTP 200")

    result.get_by_text("Request sent").click()
    shown = result.get_by_role("group").filter(has_text="Request sent")
    expect(shown).to_contain_text(f"POST {fake.url}/api_v3/service/session/action/start")
    expect(shown).to_contain_text("application/json")
    expect(shown).to_contain_text('"userId": "alice"')
    expect(result).not_to_contain_text(ADMIN_SECRET)

    [sent] = fake.calls("session", "start")
    assert sent.method == "POST"
    assert sent.content_type == "application/json"
    assert call_params(sent.json) == {
        "secret": ADMIN_SECRET,
        "userId": "alice",
        "type": "2",
        "partnerId": str(PARTNER_ID),
    }


def test_the_captured_ks_goes_with_later_sends_and_survives_a_reload(
    console: Console, fake: FakeKaltura
) -> None:
    ks = admin_ks()
    fake.answer("session", "start", xml_result(ks))
    fake.answer("media", "list", EMPTY_MEDIA_LIST)
    console.choose("session", "start")
    labelled(console.parameters, "secret").fill(ADMIN_SECRET)
    console.send()
    expect(console.ks_field).to_have_value(ks)

    console.choose("media", "list")
    console.send()
    assert fake.calls("media", "list")[-1].json["ks"] == ks

    console.open()
    expect(console.ks_field).to_have_value(ks)
    [cookie] = console.page.context.cookies(console.base_url)
    assert cookie["httpOnly"], "scripts on the page cannot read the KS"
    assert cookie["sameSite"] == "Strict"


@pytest.mark.parametrize(
    ("service", "action", "fields", "answer"),
    [
        pytest.param(
            "user",
            "loginByLoginId",
            {"loginId": "bob@example.com", "password": "pw"},
            "{ks}",
            id="user.loginByLoginId",
        ),
        pytest.param(
            "apptoken",
            "startSession",
            {"id": "0_token", "tokenHash": "abc123"},
            "<objectType>KalturaSessionInfo</objectType><ks>{ks}</ks>"
            f"<sessionType>2</sessionType><partnerId>{PARTNER_ID}</partnerId>",
            id="appToken.startSession",
        ),
    ],
)
def test_a_ks_in_other_answers_lands_in_the_ks_field(
    console: Console,
    fake: FakeKaltura,
    service: str,
    action: str,
    fields: dict[str, str],
    answer: str,
) -> None:
    ks = admin_ks("bob")
    fake.answer(service, action, xml_result(answer.format(ks=ks)))
    console.choose(service, action)
    for name, value in fields.items():
        labelled(console.parameters, name).fill(value)
    console.send()
    expect(console.ks_field).to_have_value(ks)
    expect(console.ks_field).to_have_accessible_description(re.compile(rf"partner {PARTNER_ID}"))


def test_a_ks_in_a_json_answer_lands_in_the_ks_field(console: Console, fake: FakeKaltura) -> None:
    ks = admin_ks()
    fake.answer("session", "start", json.dumps(ks), content_type="application/json")
    labelled(console.configuration, "format").select_option("1")
    console.choose("session", "start")
    labelled(console.parameters, "secret").fill(ADMIN_SECRET)
    console.send()
    expect(console.ks_field).to_have_value(ks)
    assert fake.calls("session", "start")[0].json["format"] == "1"


def test_no_secret_or_ks_ever_travels_in_a_console_url(console: Console, fake: FakeKaltura) -> None:
    """Secrets go in POST bodies only: URLs end up in logs, history and Referer headers."""
    ks = admin_ks()
    fake.answer("session", "start", xml_result(ks))
    fake.answer("media", "list", EMPTY_MEDIA_LIST)
    urls: list[str] = []

    def record(request: Request) -> None:
        urls.append(request.url)

    console.page.on("request", record)

    console.choose("session", "start")
    labelled(console.parameters, "secret").fill(ADMIN_SECRET)
    console.send()
    expect(console.ks_field).to_have_value(ks)
    console.choose("media", "list")
    console.choose_type(console.group("filter"), "KalturaMediaEntryFilter")
    console.send()
    console.page.remove_listener("request", record)

    assert len(urls) >= 6
    leaked = [url for url in urls if ADMIN_SECRET in url or ks[:24] in url]
    assert leaked == []
