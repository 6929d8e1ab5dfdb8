"""Once a KS is held the Configuration group folds to one line (format · partner · KS state), so
on a 1366x768 screen the service, the action, the first parameters and Send show without
scrolling; the line unfolds it, by keyboard too, and folded fields still travel with each Send.
Before that, on a first visit, the rarely changed fields wait behind the group's "More" (which
opens by itself when one of them holds a value of its own), so Select service shows too."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page, expect

from app.protocol.ks import encode_v1
from app.settings import Settings
from tests.e2e.conftest import FakeKaltura, serve_console, xml_result
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
    console: Console, fake: FakeKaltura, height: int
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


@pytest.fixture(scope="module")
def sandbox_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The console as `make run` starts it: no Kaltura server, the embedded sandbox."""
    with serve_console(Settings(data_dir=tmp_path_factory.mktemp("sandbox-fold"))) as url:
        yield url


def shown(page: Page, control: Locator) -> bool:
    return bool(control.evaluate(f"e => ({SHOWN})([e])[0]"))


@pytest.mark.parametrize("server", ["a Kaltura server", "the embedded sandbox"])
def test_on_a_first_visit_at_1366x768_select_service_shows_without_scrolling(
    page: Page, request: pytest.FixtureRequest, server: str
) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    url = request.getfixturevalue("console_url" if server == "a Kaltura server" else "sandbox_url")
    console = Console(page, url).open()

    expect(console.configuration.get_by_role("button", expanded=True)).to_be_visible()  # unfolded
    for needed in ("partnerId", "ks"):
        assert shown(page, labelled(console.configuration, needed)), needed
    assert shown(page, page.get_by_label("Select service"))


RARE = ("callback", "clientTag", "apiVersion", "language")


def test_the_rarely_changed_configuration_waits_behind_more_which_the_keyboard_opens(
    console: Console,
) -> None:
    page = console.page
    for name in RARE:  # still in the group, labelled by name, sent with every call
        expect(labelled(console.configuration, name)).to_be_hidden()
    expect(labelled(console.configuration, "clientTag")).to_have_value("testme")
    expect(console.group("responseProfile", console.configuration)).to_be_hidden()
    expect(console.more).to_have_text(
        "More: callback, clientTag, apiVersion, language, responseProfile"
    )

    console.configuration.get_by_role("link", name="Start a session").focus()
    page.keyboard.press("Tab")
    expect(console.more).to_be_focused()
    page.keyboard.press("Enter")
    for name in RARE:
        expect(labelled(console.configuration, name)).to_be_visible()
    expect(console.group("responseProfile", console.configuration)).to_be_visible()
    page.keyboard.press("Tab")
    expect(labelled(console.configuration, "callback")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    expect(labelled(console.configuration, "clientTag")).to_be_hidden()


@pytest.mark.parametrize("value", ["clientTag=shared", "language=de", "apiVersion=3.3.0"])
def test_a_link_with_a_rare_configuration_value_opens_more_so_nothing_sent_is_hidden(
    page: Page, console_url: str, value: str
) -> None:
    name, typed = value.split("=")
    page.goto(f"{console_url}/api_v3/testme/?service=system&action=ping&config.{value}")
    console = Console(page, console_url)
    expect(labelled(console.configuration, name)).to_be_visible()
    expect(labelled(console.configuration, name)).to_have_value(typed)


def test_a_link_with_the_usual_client_tag_keeps_more_closed(page: Page, console_url: str) -> None:
    page.goto(f"{console_url}/api_v3/testme/?service=system&action=ping&config.clientTag=testme")
    expect(labelled(Console(page, console_url).configuration, "clientTag")).to_be_hidden()


def test_choosing_jsonp_opens_more_on_its_callback(console: Console) -> None:
    labelled(console.configuration, "format").select_option("9")
    expect(labelled(console.configuration, "callback")).to_be_visible()
