"""Once a KS is held the Configuration group folds to one line (format · partner · KS state), so
on a 1366x768 screen the service, the action, the first parameters and Send show without
scrolling; the line unfolds it, by keyboard too, and folded fields still travel with each Send."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from app.kaltura.ks import encode_v1
from tests.e2e.conftest import FakeKaltura, xml_result
from tests.e2e.console_page import Console, labelled

pytestmark = pytest.mark.browser

# Half an hour past 23 h, so the line says 23 h however slow the run.
KS = encode_v1("s3cret", 102, expiry=int(time.time()) + 23 * 3600 + 1800, session_type=2)
ENTRY = xml_result("<objectType>KalturaMediaEntry</objectType><id>0_a</id>")
# Which controls show at the top of the page: inside the viewport and, but for Send, above the
# sticky Send bar (which would cover them).
SHOWN = """els => els.map(e => { const r = e.getBoundingClientRect();
  const bar = document.querySelector(".send-row"), floor = bar.contains(e) ? window.innerHeight
    : bar.getBoundingClientRect().top;
  return r.top >= 0 && r.bottom <= floor && r.width > 0; })"""


@pytest.fixture
def viewport(page: Page) -> Iterator[None]:
    before = page.viewport_size
    yield
    if before:
        page.set_viewport_size(before)


def hold_a_ks(console: Console, fake: FakeKaltura) -> None:
    fake.answer("session", "start", xml_result(KS))
    console.choose("session", "start")
    labelled(console.parameters, "secret").fill("s3cret")
    console.send()
    expect(console.ks_field).to_have_value(KS)


def test_the_group_folds_to_a_summary_once_a_ks_is_held_and_unfolds_by_keyboard(
    console: Console, fake: FakeKaltura
) -> None:
    labelled(console.configuration, "partnerId").fill("102")
    line = console.configuration.get_by_role("button", name=re.compile(r"^XML · partner 102 · "))
    expect(line).to_have_text("XML · partner 102 · no KS")
    expect(line).to_have_attribute("aria-expanded", "true")

    hold_a_ks(console, fake)

    expect(line).to_have_text("XML · partner 102 · KS valid, 23 h left")
    expect(line).to_have_attribute("aria-expanded", "false")
    expect(console.ks_field).to_be_hidden()
    console.choose("media", "get")
    labelled(console.parameters, "entryId").fill("0_a")
    fake.answer("media", "get", ENTRY)
    console.send()
    assert fake.calls("media", "get")[0].json["ks"] == KS  # folded, still sent

    line.focus()
    console.page.keyboard.press("Enter")
    expect(line).to_have_attribute("aria-expanded", "true")
    expect(console.ks_field).to_be_visible()
    console.page.keyboard.press("Space")
    expect(console.ks_field).to_be_hidden()


def test_a_reload_with_a_ks_held_opens_folded(console: Console, fake: FakeKaltura) -> None:
    hold_a_ks(console, fake)
    console.open()

    line = console.configuration.get_by_role("button", name=re.compile(r"· KS valid, 23 h left$"))
    expect(line).to_have_attribute("aria-expanded", "false")
    expect(console.ks_field).to_be_hidden()
    expect(console.ks_field).to_have_value(KS)


@pytest.mark.parametrize("height", [768, 650])  # the screen, and what a browser leaves of it
def test_at_1366x768_with_a_ks_held_the_call_and_send_show_without_scrolling(
    console: Console, fake: FakeKaltura, viewport: None, height: int
) -> None:
    console.page.set_viewport_size({"width": 1366, "height": height})
    hold_a_ks(console, fake)
    console.choose("media", "list")
    console.page.evaluate("() => window.scrollTo(0, 0)")

    controls = [
        console.page.get_by_label("Select service"),
        console.page.get_by_label("Select action"),
        console.object_type(console.group("filter")),
        console.object_type(console.group("pager")),
        console.send_button,
    ]
    shown = console.page.evaluate_handle("() => []")
    for control in controls:
        shown.evaluate("(list, el) => list.push(el)", control.element_handle())
    assert shown.evaluate(SHOWN) == [True] * len(controls)
