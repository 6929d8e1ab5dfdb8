"""What Send puts on the wire, checked at a fake Kaltura server on a real socket, and compared
with what the official Python client (`KalturaApiClient`) sends to the same server for the same
call."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from KalturaClient import KalturaClient, KalturaConfiguration
from KalturaClient.Plugins.Core import (
    KalturaDetachedResponseProfile,
    KalturaFilterPager,
    KalturaKeyValue,
    KalturaMediaEntry,
    KalturaMediaEntryFilter,
)
from playwright.sync_api import Page, expect

from tests.e2e.conftest import FakeKaltura, xml_result
from tests.e2e.console_page import Console, labelled

pytestmark = pytest.mark.browser

ADMIN_SECRET = "0123456789abcdef0123456789abcdef"
PARTNER_ID = 4242
# Fields each sender fills in its own way and api_v3 ignores or reads from elsewhere.
SENDER_FIELDS = frozenset({"clientTag", "apiVersion", "kalsig", "format", "ks"})
EMPTY_MEDIA_LIST = xml_result(
    "<objectType>KalturaMediaListResponse</objectType><objects></objects><totalCount>0</totalCount>"
)
EMPTY_REPORT = xml_result(
    "<objectType>KalturaReportResponse</objectType><columns></columns><results></results>"
)
# Every byte value, so an encoding slip anywhere on the way shows.
CLIP = bytes(range(256)) * 64


@pytest.fixture
def console(page: Page, console_url: str) -> Console:
    return Console(page, console_url).open()


@pytest.fixture
def official_client(fake: FakeKaltura) -> KalturaClient:
    return KalturaClient(KalturaConfiguration(serviceUrl=fake.url))


def admin_ks(user_id: str = "") -> str:
    """A real v2 KS, as a Kaltura server would sign it, from the official client."""
    ks = KalturaClient.generateSessionV2(ADMIN_SECRET, user_id, 2, PARTNER_ID, 3600, "")
    return ks.decode() if isinstance(ks, bytes) else str(ks)


def call_params(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k not in SENDER_FIELDS}


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


def test_media_list_sends_what_the_official_client_sends(
    console: Console, fake: FakeKaltura, official_client: KalturaClient
) -> None:
    fake.answer("media", "list", EMPTY_MEDIA_LIST)

    console.choose("media", "list")
    media_filter = console.group("filter")
    console.choose_type(media_filter, "KalturaMediaEntryFilter")
    labelled(media_filter, "nameLike").fill("holiday")
    labelled(media_filter, "orderBy").fill("-createdAt")
    labelled(media_filter, "mediaTypeEqual").select_option("1")
    pager = console.group("pager")
    console.choose_type(pager, "KalturaFilterPager")
    labelled(pager, "pageSize").fill("25")
    labelled(pager, "pageIndex").fill("2")
    result = console.send()
    expect(result).to_contain_text("KalturaMediaListResponse")

    official_client.media.list(
        KalturaMediaEntryFilter(nameLike="holiday", orderBy="-createdAt", mediaTypeEqual=1),
        KalturaFilterPager(pageSize=25, pageIndex=2),
    )

    ours, theirs = fake.calls("media", "list")
    assert ours.content_type == "application/json"
    assert (ours.method, ours.path) == (theirs.method, theirs.path)
    assert call_params(ours.json) == call_params(theirs.json)


def test_array_items_are_sent_in_order_as_the_official_client_sends_them(
    console: Console, fake: FakeKaltura, official_client: KalturaClient
) -> None:
    """Twelve items with the second removed: the gap closes and items 10 and 11 stay last (the
    original TestMe sorted item10 before item2)."""
    fake.answer("report", "execute", EMPTY_REPORT)
    pairs = [(f"k{i}", str(i)) for i in range(12)]

    console.choose("report", "execute")
    labelled(console.parameters, "id").fill("7")
    params = console.group("params")
    for index, (key, value) in enumerate(pairs):
        console.add_item(params)
        item = console.group(f"params[{index}]", params)
        console.choose_type(item, "KalturaKeyValue")
        labelled(item, "key").fill(key)
        labelled(item, "value").fill(value)
    console.group("params[1]", params).get_by_role("button", name="Remove", exact=True).click()
    console.send()

    kept = [pair for index, pair in enumerate(pairs) if index != 1]
    official_client.report.execute(7, [KalturaKeyValue(key=k, value=v) for k, v in kept])

    ours, theirs = fake.calls("report", "execute")
    assert call_params(ours.json) == call_params(theirs.json)


def test_an_upload_reaches_the_upstream_as_a_file_part(
    console: Console, fake: FakeKaltura, official_client: KalturaClient, tmp_path: Path
) -> None:
    fake.answer(
        "uploadtoken",
        "upload",
        xml_result(
            "<objectType>KalturaUploadToken</objectType><id>0_tok</id>"
            "<fileName>clip.mp4</fileName><fileSize>16384</fileSize><status>2</status>"
        ),
    )

    console.choose("uploadtoken", "upload")
    labelled(console.parameters, "uploadTokenId").fill("0_tok")
    labelled(console.parameters, "fileData").set_input_files(
        files=[{"name": "clip.mp4", "mimeType": "video/mp4", "buffer": CLIP}]
    )
    result = console.send()
    expect(result).to_contain_text("KalturaUploadToken")

    clip = tmp_path / "clip.mp4"
    clip.write_bytes(CLIP)
    with clip.open("rb") as file:
        official_client.uploadToken.upload("0_tok", file)

    ours, theirs = fake.calls("uploadtoken", "upload")
    assert ours.content_type.startswith("multipart/form-data")
    assert set(ours.parts) == set(theirs.parts) == {"json", "fileData"}
    file_part = ours.parts["fileData"]
    assert file_part.filename == "clip.mp4"
    assert file_part.data == CLIP == theirs.parts["fileData"].data
    # The official client also sends the optional parameters' defaults (resume, finalChunk,
    # resumeAt); the console sends only what the user gave.
    assert call_params(ours.json) == {"uploadTokenId": "0_tok"}
    assert call_params(ours.json).items() <= call_params(theirs.json).items()


def test_text_in_an_int_field_is_held_back_until_send_anyway(
    console: Console, fake: FakeKaltura
) -> None:
    fake.answer("media", "list", EMPTY_MEDIA_LIST)
    console.choose("media", "list")
    pager = console.group("pager")
    console.choose_type(pager, "KalturaFilterPager")
    page_size = labelled(pager, "pageSize")
    page_size.fill("abc")
    expect(page_size).to_have_attribute("aria-invalid", "true")

    result = console.send()
    expect(result).to_contain_text("pageSize")
    expect(result.get_by_role("button", name="Send anyway")).to_be_visible()
    assert fake.calls("media", "list") == [], "nothing is sent before the user insists"

    console.send(result.get_by_role("button", name="Send anyway"))
    expect(result).to_contain_text("KalturaMediaListResponse")
    [sent] = fake.calls("media", "list")
    assert sent.json["pager"] == {"objectType": "KalturaFilterPager", "pageSize": "abc"}


def test_null_and_empty_are_sent_as_the_official_client_sends_them(
    console: Console, fake: FakeKaltura, official_client: KalturaClient
) -> None:
    fake.answer("media", "update", xml_result("<objectType>KalturaMediaEntry</objectType>"))

    console.choose("media", "update")
    labelled(console.parameters, "entryId").fill("0_x")
    entry = console.group("mediaEntry")
    console.choose_type(entry, "KalturaMediaEntry")
    labelled(entry, "tags").fill("sea,sun")
    description = labelled(entry, "description")
    description.locator("..").get_by_role("button", name="null").click()
    operations = console.group("operationAttributes", entry)
    operations.get_by_role("button", name="empty").click()
    console.send()

    official_client.media.update(
        "0_x", KalturaMediaEntry(tags="sea,sun", description=None, operationAttributes=[])
    )

    ours, theirs = fake.calls("media", "update")
    assert call_params(ours.json) == call_params(theirs.json)


def test_a_list_of_enum_values_is_sent_joined_with_commas(
    console: Console, fake: FakeKaltura, official_client: KalturaClient
) -> None:
    fake.answer("media", "list", EMPTY_MEDIA_LIST)

    console.choose("media", "list")
    media_filter = console.group("filter")
    console.choose_type(media_filter, "KalturaMediaEntryFilter")
    labelled(media_filter, "statusIn").select_option(["2", "7"])
    console.send()

    official_client.media.list(KalturaMediaEntryFilter(statusIn="2,7"))

    ours, theirs = fake.calls("media", "list")
    assert call_params(ours.json) == call_params(theirs.json)


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


def test_a_multirequest_sends_numbered_requests_and_shows_each_error(
    console: Console, fake: FakeKaltura
) -> None:
    fake.answer(
        "multirequest",
        "",
        xml_result(
            "<item><objectType>KalturaMediaListResponse</objectType><objects><item>"
            "<objectType>KalturaMediaEntry</objectType><id>0_a</id></item></objects>"
            "<totalCount>1</totalCount></item>"
            '<item><error><code>ENTRY_ID_NOT_FOUND</code><message>Entry id "0_a" not found'
            "</message><objectType>KalturaAPIException</objectType><args></args></error></item>"
        ),
    )

    with console.swap("/actions"):
        console.page.get_by_label("Select service").first.select_option("multirequest")
    first = console.request(1)
    console.choose("media", "list", first)
    first_filter = console.group("filter", first)
    console.choose_type(first_filter, "KalturaMediaEntryFilter")
    labelled(first_filter, "nameLike").fill("sea")
    console.add_request()
    second = console.request(2)
    console.choose("media", "get", second)
    labelled(second, "entryId").fill("{1:result:objects:0:id}")
    result = console.send()

    expect(result.get_by_role("alert")).to_contain_text("ENTRY_ID_NOT_FOUND")
    expect(result).to_contain_text("0_a")
    [sent] = fake.received
    assert (sent.method, sent.path) == ("POST", "/api_v3/service/multirequest")
    assert sent.content_type == "application/json"
    body = sent.json
    assert call_params(body["1"]) == {
        "service": "media",
        "action": "list",
        "filter": {"objectType": "KalturaMediaEntryFilter", "nameLike": "sea"},
    }
    assert call_params(body["2"]) == {
        "service": "media",
        "action": "get",
        "entryId": "{1:result:objects:0:id}",
    }
    assert not {k for k in body if k.isdigit()} - {"1", "2"}


def test_a_ks_in_a_json_answer_lands_in_the_ks_field(console: Console, fake: FakeKaltura) -> None:
    ks = admin_ks()
    fake.answer("session", "start", json.dumps(ks), content_type="application/json")
    labelled(console.configuration, "format").select_option("1")
    console.choose("session", "start")
    labelled(console.parameters, "secret").fill(ADMIN_SECRET)
    console.send()
    expect(console.ks_field).to_have_value(ks)
    assert fake.calls("session", "start")[0].json["format"] == "1"


def test_configuration_fields_go_with_the_call_as_the_official_client_sends_them(
    console: Console, fake: FakeKaltura, official_client: KalturaClient
) -> None:
    fake.answer("system", "ping", xml_result("1"))
    configuration = console.configuration
    labelled(configuration, "partnerId").fill("55")
    labelled(configuration, "language").fill("de")
    profile = console.group("responseProfile", configuration)
    console.choose_type(profile, "KalturaDetachedResponseProfile")
    labelled(profile, "name").fill("slim")
    console.choose("system", "ping")
    console.send()

    official_client.setPartnerId(55)
    official_client.setLanguage("de")
    official_client.setResponseProfile(KalturaDetachedResponseProfile(name="slim"))
    official_client.system.ping()

    ours, theirs = fake.calls("system", "ping")
    assert call_params(ours.json) == call_params(theirs.json)


def test_send_anyway_keeps_the_chosen_file(console: Console, fake: FakeKaltura) -> None:
    console.choose("uploadtoken", "upload")
    labelled(console.parameters, "uploadTokenId").fill("0_tok")
    labelled(console.parameters, "resumeAt").fill("soon")
    labelled(console.parameters, "fileData").set_input_files(
        files=[{"name": "clip.mp4", "mimeType": "video/mp4", "buffer": CLIP}]
    )
    result = console.send()
    console.send(result.get_by_role("button", name="Send anyway"))

    [sent] = fake.calls("uploadtoken", "upload")
    assert sent.parts["fileData"].data == CLIP
    assert call_params(sent.json) == {"uploadTokenId": "0_tok", "resumeAt": "soon"}


def test_a_file_in_a_multirequest_is_a_part_named_after_its_request(
    console: Console, fake: FakeKaltura
) -> None:
    with console.swap("/actions"):
        console.page.get_by_label("Select service").first.select_option("multirequest")
    console.add_request()
    second = console.request(2)
    console.choose("uploadtoken", "upload", second)
    labelled(second, "uploadTokenId").fill("0_tok")
    labelled(second, "fileData").set_input_files(
        files=[{"name": "clip.mp4", "mimeType": "video/mp4", "buffer": CLIP}]
    )
    first = console.request(1)
    console.choose("system", "ping", first)
    console.send()

    [sent] = fake.received
    assert sent.path == "/api_v3/service/multirequest"
    assert set(sent.parts) == {"json", "2:fileData"}
    assert sent.parts["2:fileData"].data == CLIP
    assert call_params(sent.json["2"]) == {
        "service": "uploadtoken",
        "action": "upload",
        "uploadTokenId": "0_tok",
    }


def test_a_removed_request_leaves_no_gap_in_the_numbering(
    console: Console, fake: FakeKaltura
) -> None:
    """api_v3 stops at the first missing number: a gap would silently drop the later requests."""
    with console.swap("/actions"):
        console.page.get_by_label("Select service").first.select_option("multirequest")
    console.add_request()
    console.add_request()
    for n, action in enumerate(["ping", "getTime", "getVersion"], start=1):
        console.choose("system", action, console.request(n))
    console.request(2).get_by_role("button", name="Remove request 2").click()
    console.send()

    body = fake.received[0].json
    numbered = {k: call_params(v) for k, v in body.items() if k.isdigit()}
    assert numbered == {
        "1": {"service": "system", "action": "ping"},
        "2": {"service": "system", "action": "getVersion"},
    }
