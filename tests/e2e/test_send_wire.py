"""What Send puts on the wire, checked at a fake Kaltura server on a real socket, and compared
with what the official Python client (`KalturaApiClient`) sends to the same server for the same
call."""

from __future__ import annotations

from pathlib import Path

import pytest
from KalturaClient import KalturaClient
from KalturaClient.Plugins.Core import (
    KalturaDetachedResponseProfile,
    KalturaFilterPager,
    KalturaKeyValue,
    KalturaMediaEntry,
    KalturaMediaEntryFilter,
)
from playwright.sync_api import expect

from tests.e2e.conftest import FakeKaltura, xml_result
from tests.e2e.console_page import Console, labelled
from tests.e2e.wire import CLIP, EMPTY_MEDIA_LIST, call_params

pytestmark = pytest.mark.browser

EMPTY_REPORT = xml_result(
    "<objectType>KalturaReportResponse</objectType><columns></columns><results></results>"
)


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


def test_configuration_fields_go_with_the_call_as_the_official_client_sends_them(
    console: Console, fake: FakeKaltura, official_client: KalturaClient
) -> None:
    fake.answer("system", "ping", xml_result("1"))
    configuration = console.configuration
    labelled(configuration, "partnerId").fill("55")
    console.open_more()
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
