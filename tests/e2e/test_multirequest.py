"""Multirequest: numbered sub-requests on the wire, files as numbered parts, and each
sub-request's error in the Result."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import FakeKaltura, xml_result
from tests.e2e.console_page import Console, labelled
from tests.e2e.wire import CLIP, call_params

pytestmark = pytest.mark.browser


# media.list found 0_a; media.get of it failed.
LIST_THEN_NOT_FOUND = xml_result(
    "<item><objectType>KalturaMediaListResponse</objectType><objects><item>"
    "<objectType>KalturaMediaEntry</objectType><id>0_a</id></item></objects>"
    "<totalCount>1</totalCount></item>"
    '<item><error><code>ENTRY_ID_NOT_FOUND</code><message>Entry id "0_a" not found'
    "</message><objectType>KalturaAPIException</objectType><args></args></error></item>"
)


def choose_multirequest(console: Console) -> None:
    with console.swap("/actions"):
        console.page.get_by_label("Select service").first.select_option("multirequest")


def test_a_multirequest_sends_numbered_requests_and_shows_each_error(
    console: Console, fake: FakeKaltura
) -> None:
    fake.answer("multirequest", "", LIST_THEN_NOT_FOUND)

    choose_multirequest(console)
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


def test_a_file_in_a_multirequest_is_a_part_named_after_its_request(
    console: Console, fake: FakeKaltura
) -> None:
    choose_multirequest(console)
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
    choose_multirequest(console)
    console.add_request()
    console.add_request()
    for n, action in enumerate(["ping", "getTime", "getVersion"], start=1):
        console.choose("system", action, console.request(n))
    console.remove_request(2)
    console.send()

    body = fake.received[0].json
    numbered = {k: call_params(v) for k, v in body.items() if k.isdigit()}
    assert numbered == {
        "1": {"service": "system", "action": "ping"},
        "2": {"service": "system", "action": "getVersion"},
    }


def build_the_issue_multirequest(console: Console) -> None:
    """1 system.ping, 2 media.list, 3 category.add, 4 categoryEntry.add using 3's and 2's results."""
    choose_multirequest(console)
    for _ in range(3):
        console.add_request()
    console.choose("system", "ping", console.request(1))
    console.choose("media", "list", console.request(2))
    third = console.request(3)
    console.choose("category", "add", third)
    console.choose_type(console.group("category", third), "KalturaCategory")
    labelled(third, "name").fill("QA")
    fourth = console.request(4)
    console.choose("categoryentry", "add", fourth)
    console.choose_type(console.group("categoryEntry", fourth), "KalturaCategoryEntry")
    labelled(fourth, "categoryId").fill("{3:result:id}")
    labelled(fourth, "entryId").fill("{2:result:objects:0:id}")


def test_removing_a_request_renumbers_the_later_ones_and_their_references(
    console: Console, fake: FakeKaltura
) -> None:
    build_the_issue_multirequest(console)
    console.remove_request(1)

    legends = console.page.locator("#requests > fieldset > legend")
    expect(legends).to_have_text(["Request 1", "Request 2", "Request 3"])
    third = console.request(3)
    expect(labelled(third, "categoryId")).to_have_value("{2:result:id}")
    expect(labelled(third, "entryId")).to_have_value("{1:result:objects:0:id}")
    expect(third.get_by_role("button", name="Remove request 3")).to_be_visible()
    # The renumbered requests' own fragments still land in them.
    first = console.request(1)
    console.choose_type(console.group("filter", first), "KalturaMediaEntryFilter")
    labelled(first, "nameLike").fill("sea")
    console.send()

    body = fake.received[0].json
    numbered = {k: call_params(v) for k, v in body.items() if k.isdigit()}
    assert numbered == {
        "1": {
            "service": "media",
            "action": "list",
            "filter": {"objectType": "KalturaMediaEntryFilter", "nameLike": "sea"},
        },
        "2": {
            "service": "category",
            "action": "add",
            "category": {"objectType": "KalturaCategory", "name": "QA"},
        },
        "3": {
            "service": "categoryentry",
            "action": "add",
            "categoryEntry": {
                "objectType": "KalturaCategoryEntry",
                "categoryId": "{2:result:id}",
                "entryId": "{1:result:objects:0:id}",
            },
        },
    }
    console.add_request()
    expect(legends).to_have_text(["Request 1", "Request 2", "Request 3", "Request 4"])


def test_a_request_whose_result_is_used_is_not_removed_and_the_page_says_why(
    console: Console, fake: FakeKaltura
) -> None:
    build_the_issue_multirequest(console)
    remove = console.request(3).get_by_role("button", name="Remove request 3")
    remove.click()

    expect(remove).to_have_accessible_description(
        "Not removed: request 4 uses its result ({3:result:id}). Change that reference first."
    )
    expect(console.page.locator("#requests > fieldset > legend")).to_have_count(4)
    expect(labelled(console.request(4), "categoryId")).to_have_value("{3:result:id}")
    # Removing another request renumbers this one; the old reason, with old numbers, goes.
    console.remove_request(1)
    expect(
        console.request(2).get_by_role("button", name="Remove request 2")
    ).to_have_accessible_description("")


def test_send_names_the_request_that_has_no_action_yet(console: Console, fake: FakeKaltura) -> None:
    choose_multirequest(console)
    console.choose("system", "ping", console.request(1))
    console.add_request()
    with console.swap("/actions"):
        console.request(2).get_by_label("Select service").select_option("media")
    result = console.send()

    expect(result.get_by_role("alert")).to_have_text("Request 2: choose a service and an action.")
    expect(console.request(2).get_by_label("Select service")).to_have_value("media")
    assert fake.received == []


def test_a_renumbered_field_says_its_problem_with_the_new_numbers(console: Console) -> None:
    choose_multirequest(console)
    for n, (service, action) in enumerate(
        [("system", "ping"), ("system", "ping"), ("media", "get")], start=1
    ):
        if n > 1:
            console.add_request()
        console.choose(service, action, console.request(n))
    entry_id = labelled(console.request(3), "entryId")
    entry_id.fill("{4:result:id}")  # a later request: flagged as typed
    problem = console.request(3).get_by_text("Refers to request 4, which does not run before it.")
    expect(problem).to_be_visible()

    console.remove_request(1)
    entry_id = labelled(console.request(2), "entryId")
    expect(entry_id).to_have_value("{3:result:id}")
    expect(
        console.request(2).get_by_text("Refers to request 3, which does not run before it.")
    ).to_be_visible()
    expect(console.page.get_by_text("Refers to request 4")).to_have_count(0)


def test_removing_a_request_by_keyboard_keeps_a_chosen_file_and_focuses_the_next(
    console: Console, fake: FakeKaltura
) -> None:
    """Remove request asks the server for the requests renumbered; a chosen file, which no
    server can render, moves with its request, and the focus goes to the request that took
    the removed one's place (or to Add request when it was the last)."""
    choose_multirequest(console)
    for _ in range(2):
        console.add_request()
    console.choose("system", "ping", console.request(1))
    console.choose("system", "ping", console.request(2))
    third = console.request(3)
    console.choose("uploadtoken", "upload", third)
    labelled(third, "uploadTokenId").fill("{2:result}")
    labelled(third, "fileData").set_input_files(
        files=[{"name": "clip.mp4", "mimeType": "video/mp4", "buffer": CLIP}]
    )
    remove = console.request(1).get_by_role("button", name="Remove request 1")
    remove.focus()
    with console.swap("/request/remove"):
        console.page.keyboard.press("Enter")

    expect(console.request(1).get_by_label("Select service")).to_be_focused()
    second = console.request(2)
    expect(labelled(second, "uploadTokenId")).to_have_value("{1:result}")
    console.send()

    [sent] = fake.received
    assert set(sent.parts) == {"json", "2:fileData"}
    assert sent.parts["2:fileData"].data == CLIP
    assert call_params(sent.json["2"])["uploadTokenId"] == "{1:result}"
    # The last request removed: the focus goes to Add request.
    second.get_by_role("button", name="Remove request 2").focus()
    with console.swap("/request/remove"):
        console.page.keyboard.press("Enter")
    expect(console.page.get_by_role("button", name="Add request")).to_be_focused()
