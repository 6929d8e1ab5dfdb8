"""Result references in a multirequest: a later request's fields offer the earlier results'
paths (a datalist: the field is a combobox that filters as you type), a reference to a request
that does not run before it is flagged as typed and on Send, and the Result shows each
request's answer on its own."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, expect

from tests.e2e.conftest import FakeKaltura
from tests.e2e.console_page import Console, labelled
from tests.e2e.test_multirequest import LIST_THEN_NOT_FOUND
from tests.e2e.wire import call_params

pytestmark = pytest.mark.browser

OFFERED = "e => Array.from(e.list ? e.list.options : [], o => o.value)"


def offered(field: Locator) -> list[str]:
    """What the field's list offers, in order: what the browser shows under it."""
    values: list[str] = field.evaluate(OFFERED)
    return values


FIRST_OFFERED = (
    """([e, first]) => (e.list && e.list.options.length ? e.list.options[0].value : "") === first"""
)


def wait_until_offered_first(field: Locator, first: str) -> None:
    """Waits for the field's list (fetched by htmx) to offer `first` first ("" for nothing)."""
    handle = field.element_handle()
    field.page.wait_for_function(FIRST_OFFERED, arg=[handle, first], timeout=10_000)


def list_then_assign(console: Console) -> Locator:
    """1 media.list, 2 categoryEntry.add with its KalturaCategoryEntry open; returns request 2."""
    console.choose_multirequest()
    console.choose("media", "list", console.request(1))
    console.add_request()
    second = console.request(2)
    console.choose("categoryentry", "add", second)
    console.choose_type(console.group("categoryEntry", second), "KalturaCategoryEntry")
    return second


def test_a_later_request_offers_the_earlier_results_paths(
    console: Console, fake: FakeKaltura
) -> None:
    second = list_then_assign(console)
    entry_id = second.get_by_role("combobox", name=re.compile(r"^entryId"))
    category_id = second.get_by_role("combobox", name=re.compile(r"^categoryId"))

    wait_until_offered_first(entry_id, "{1:result:objects:0:id}")
    assert "{1:result:objects:0:name}" in offered(entry_id)
    assert offered(category_id)[0] == "{1:result:totalCount}"  # an int field: ints first
    assert "{1:result:objects:0:id}" in offered(category_id)  # but all are offered

    # Chosen from the list, as the browser does it: the value replaces the text typed.
    entry_id.press_sequentially("objects:0:i")
    entry_id.fill("{1:result:objects:0:id}")
    expect(entry_id).not_to_have_attribute("aria-invalid", "true")
    console.send()

    [sent] = fake.received
    assert call_params(sent.json["2"])["categoryEntry"] == {
        "objectType": "KalturaCategoryEntry",
        "entryId": "{1:result:objects:0:id}",
    }


def test_the_offer_follows_the_earlier_requests_action(console: Console) -> None:
    second = list_then_assign(console)
    entry_id = labelled(second, "entryId")
    wait_until_offered_first(entry_id, "{1:result:objects:0:id}")

    with console.swap("/params"):
        console.request(1).get_by_label("Select action").select_option("get")
    wait_until_offered_first(entry_id, "{1:result:id}")
    with console.swap("/actions"):
        console.request(1).get_by_label("Select service").select_option("session")
    wait_until_offered_first(entry_id, "")


def test_removing_a_request_renumbers_the_offer(console: Console) -> None:
    console.choose_multirequest()
    for n, (service, action) in enumerate(
        [("system", "ping"), ("media", "list"), ("media", "get")], start=1
    ):
        if n > 1:
            console.add_request()
        console.choose(service, action, console.request(n))
    entry_id = labelled(console.request(3), "entryId")
    wait_until_offered_first(entry_id, "{2:result:objects:0:id}")

    console.remove_request(1)
    entry_id = labelled(console.request(2), "entryId")  # request 3 is request 2 now
    wait_until_offered_first(entry_id, "{1:result:objects:0:id}")
    assert not [r for r in offered(entry_id) if r.startswith("{2:")]


@pytest.mark.parametrize("number", [3, 9])  # a later request, and one that does not exist
def test_a_reference_to_a_request_that_does_not_run_before_is_flagged(
    console: Console, fake: FakeKaltura, number: int
) -> None:
    second = list_then_assign(console)
    console.add_request()
    console.choose("system", "ping", console.request(3))
    entry_id = labelled(second, "entryId")

    entry_id.fill(f"{{{number}:result:id}}")
    expect(entry_id).to_have_attribute("aria-invalid", "true")
    expect(entry_id).to_have_accessible_description(
        re.compile(f"Refers to request {number}, which does not run before it")
    )
    result = console.send()

    expect(result.get_by_role("alert")).to_contain_text(
        f"refers to request {number}, which does not run before it"
    )
    assert fake.received == []
    entry_id.fill("{1:result:objects:0:id}")
    expect(entry_id).not_to_have_attribute("aria-invalid", "true")


def test_a_multirequest_answer_shows_each_request_with_its_own_error(
    console: Console, fake: FakeKaltura
) -> None:
    fake.answer("multirequest", "", LIST_THEN_NOT_FOUND)
    console.choose_multirequest()
    console.choose("media", "list", console.request(1))
    console.add_request()
    console.choose("media", "get", console.request(2))
    labelled(console.request(2), "entryId").fill("{1:result:objects:0:id}")
    result = console.send()

    first = result.get_by_role("group", name="Request 1: media.list")
    second = result.get_by_role("group", name="Request 2: media.get")
    expect(first.get_by_label("Answer of request 1")).to_contain_text("<totalCount>1</totalCount>")
    expect(first.get_by_role("alert")).to_have_count(0)
    expect(second.get_by_role("alert")).to_contain_text(
        "Kaltura error in request 2: ENTRY_ID_NOT_FOUND"
    )
    expect(second.get_by_label("Answer of request 2")).not_to_contain_text("totalCount")
    whole = result.get_by_text("Whole answer")
    expect(result.get_by_label("Answer", exact=True)).to_be_hidden()
    whole.click()
    expect(result.get_by_label("Answer", exact=True)).to_contain_text("executionTime")
    # The references each request fetches land in that request, never in the Result: changing
    # a call or adding a request after a Send leaves the answer where it was.
    console.add_request()
    console.choose("system", "ping", console.request(3))
    with console.swap("/params"):
        console.request(1).get_by_label("Select action").select_option("count")
    wait_until_offered_first(labelled(console.request(2), "entryId"), "{1:result}")
    expect(first).to_be_visible()
    expect(second.get_by_role("alert")).to_contain_text("ENTRY_ID_NOT_FOUND")
