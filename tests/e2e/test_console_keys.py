"""Keys a person reaches for: Ctrl/Cmd-Enter sends from anywhere in the form, exactly once;
Escape closes what is open (the finder's list, then back to the field; History; a <details>)."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import FakeKaltura, xml_result
from tests.e2e.console_page import Console, labelled
from tests.e2e.wire import EMPTY_MEDIA_LIST

pytestmark = pytest.mark.browser

SLOW = 0.5  # seconds the fake waits, so a second Send would overlap the first
SEARCH = '{"objectType": "KalturaESearchEntryParams"}'


def settle() -> None:
    """Long enough for a second, unwanted Send to reach the fake after the first answer."""
    time.sleep(SLOW)


@pytest.mark.parametrize("key", ["Control+Enter", "Meta+Enter"])
def test_ctrl_enter_in_a_select_sends_once(console: Console, fake: FakeKaltura, key: str) -> None:
    fake.answer("media", "list", EMPTY_MEDIA_LIST, delay=SLOW)
    console.choose("media", "list")
    console.object_type(console.group("filter")).focus()

    with console.swap("/send"):
        console.page.keyboard.press(key)
    settle()

    expect(console.result).to_contain_text("KalturaMediaListResponse")
    assert len(fake.calls("media", "list")) == 1


def test_ctrl_enter_in_a_text_field_sends_once_not_twice(
    console: Console, fake: FakeKaltura
) -> None:
    fake.answer("media", "get", xml_result("<id>0_a</id>"), delay=SLOW)
    console.choose("media", "get")
    field = labelled(console.parameters, "entryId")
    field.fill("0_a")
    sends: list[str] = []
    console.page.on("request", lambda r: sends.append(r.url) if r.url.endswith("/send") else None)

    with console.swap("/send"):
        field.press("Control+Enter")  # an input's own Enter would submit as well
    settle()

    assert len(sends) == 1, sends
    assert len(fake.calls("media", "get")) == 1


def test_ctrl_enter_in_a_multirequest_textarea_sends_the_multirequest_once(
    console: Console, fake: FakeKaltura
) -> None:
    fake.answer("multirequest", "", xml_result("<item></item><item></item>"), delay=SLOW)
    console.choose_multirequest()
    console.choose("system", "ping", console.request(1))
    console.add_request()
    request = console.request(2)
    console.choose("elasticsearch_esearch", "searchEntry", request)
    textarea = labelled(request, "searchParams")
    textarea.fill(SEARCH)

    with console.swap("/send"):
        textarea.press("Control+Enter")
    settle()

    expect(textarea).to_have_value(SEARCH)  # no newline typed
    expect(console.result).to_contain_text("multirequest (2 requests) · sent")
    assert len(fake.calls("multirequest", "")) == 1


def test_escape_closes_the_finder_then_returns_to_the_field(
    console: Console, fake: FakeKaltura
) -> None:
    console.choose("media", "get")
    field = labelled(console.parameters, "entryId")
    field.fill("0_a")
    finder = console.page.get_by_role("combobox", name="Find")

    field.press("Control+k")
    expect(finder).to_be_focused()
    console.page.keyboard.type("medialist")
    found = console.page.get_by_role("listbox", name="Found")
    expect(found).to_be_visible()
    console.page.keyboard.press("Escape")
    expect(found).to_be_hidden()
    expect(finder).to_be_focused()
    console.page.keyboard.press("Escape")

    expect(field).to_be_focused()
    expect(field).to_have_value("0_a")


def test_escape_closes_history_and_a_details(
    page: Page, console: Console, fake: FakeKaltura
) -> None:
    toggle = page.get_by_role("button", name="History", exact=True)
    toggle.click()
    search = page.get_by_role("searchbox", name="Search history")
    search.focus()
    page.keyboard.press("Escape")
    expect(search).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()

    console.choose("system", "ping")
    result = console.send()
    sent = result.locator("details.sent")
    sent.locator("summary").click()
    expect(sent).to_have_attribute("open", "")
    page.keyboard.press("Escape")
    expect(sent).not_to_have_attribute("open", "")
    expect(sent.locator("summary")).to_be_focused()
