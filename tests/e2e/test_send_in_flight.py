"""One Send at a time: while a call is in flight, Send says so and a second press sends nothing;
the answer still shown is dimmed and names the call it belongs to."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import FakeKaltura, xml_result
from tests.e2e.console_page import Console, labelled
from tests.e2e.wire import EMPTY_MEDIA_LIST

pytestmark = pytest.mark.browser

IN_FLIGHT = """() => {
  const send = [...document.querySelectorAll("button")].find(b => b.textContent.trim() === "Sending…");
  const heading = document.querySelector("#result .result-call");
  return !!send && send.getAttribute("aria-disabled") === "true"
    && document.getElementById("result").getAttribute("aria-busy") === "true"
    && !!heading && heading.textContent.includes("media.get")
    && heading.matches(".result[aria-busy=true] > *");
}"""
SLOW = 0.8  # seconds the fake waits before answering; below the console's upstream timeout
ENTRY = xml_result("<objectType>KalturaMediaEntry</objectType><id>0_a</id>")


def settle_after_answer() -> None:
    """Long enough for a second, queued Send to reach the fake after the first answer."""
    time.sleep(SLOW / 2)


def test_double_clicking_send_sends_once(console: Console, fake: FakeKaltura) -> None:
    fake.answer("media", "get", ENTRY, delay=SLOW)
    console.choose("media", "get")
    labelled(console.parameters, "entryId").fill("0_a")

    with console.swap("/send"):
        console.send_button.dblclick()
    settle_after_answer()

    assert len(fake.calls("media", "get")) == 1
    expect(console.send_button).not_to_have_attribute("aria-disabled", "true")


def test_nothing_else_is_sent_while_send_anyway_waits(console: Console, fake: FakeKaltura) -> None:
    fake.answer("media", "list", EMPTY_MEDIA_LIST, delay=SLOW)
    pager = console.choose_object("media", "list", "pager", "KalturaFilterPager")
    labelled(pager, "pageSize").fill("abc")
    result = console.send()
    sends: list[str] = []
    console.page.on("request", lambda r: sends.append(r.url) if r.url.endswith("/send") else None)

    with console.swap("/send"):
        result.get_by_role("button", name="Send anyway").dblclick()
        # A person can still press a button that only looks disabled (aria-disabled).
        send = console.page.get_by_role("button", name=re.compile(r"^Send(ing…)?$"))
        send.click(force=True)
    settle_after_answer()

    assert len(sends) == 1, sends
    assert len(fake.calls("media", "list")) == 1
    expect(result).to_contain_text("KalturaMediaListResponse")


def test_send_shows_it_is_in_flight_and_the_old_answer_is_dimmed(
    console: Console, fake: FakeKaltura
) -> None:
    fake.answer("media", "get", ENTRY)
    fake.answer("media", "list", EMPTY_MEDIA_LIST, delay=SLOW)
    console.choose("media", "get")
    labelled(console.parameters, "entryId").fill("0_a")
    result = console.send()
    heading = result.locator(".result-call")
    expect(heading).to_have_text(re.compile(r"^media\.get · sent \d\d:\d\d:\d\d UTC$"))

    console.choose("media", "list")
    with console.swap("/send"):
        console.send_button.click()
        # Checked at once in the page: one assertion after another could outlast the wait for
        # the answer on a busy machine. Dimmed is the `.result[aria-busy=true] > *` rule.
        console.page.wait_for_function(IN_FLIGHT, timeout=5_000)

    expect(heading).to_contain_text("media.list · sent")
    expect(result).not_to_have_attribute("aria-busy", "true")
    expect(console.send_button).to_be_visible()


def test_the_result_names_a_multirequest_and_a_call_not_sent(
    console: Console, fake: FakeKaltura
) -> None:
    fake.answer("multirequest", "", xml_result("<item></item><item></item>"))
    console.choose_multirequest()
    console.choose("system", "ping", console.request(1))
    console.add_request()
    console.choose("system", "ping", console.request(2))
    result = console.send()
    expect(result.locator(".result-call")).to_contain_text("multirequest (2 requests) · sent")

    console.choose("media", "list", console.request(2))
    pager = console.group("pager", console.request(2))
    console.choose_type(pager, "KalturaFilterPager")
    labelled(pager, "pageSize").fill("abc")
    result = console.send()
    expect(result.locator(".result-call")).to_contain_text("not sent, checked")


def test_the_form_stays_usable_while_a_send_waits(console: Console, fake: FakeKaltura) -> None:
    fake.answer("media", "list", EMPTY_MEDIA_LIST, delay=SLOW)
    console.choose("media", "list")

    console.send_button.click()
    console.choose_type(console.group("pager"), "KalturaFilterPager")  # not held back by Send

    expect(labelled(console.group("pager"), "pageSize")).to_be_visible()
    expect(console.result).to_contain_text("KalturaMediaListResponse")
