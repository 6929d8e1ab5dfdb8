"""The KS inspector as a person uses it: Inspect beside the ks field asks the server
(session.get) and shows partner, type, user, a live countdown to the expiry and privileges; a
v1 KS is read even when the server is down; the server's error is shown; a dead KS is marked
and warned of beside Send; with no KS, a link opens session.start with the partner filled in."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from KalturaClient import KalturaClient
from playwright.sync_api import Locator, Page, expect

from app.protocol import ks_inspection
from app.settings import Settings
from app.web.app import create_app
from tests.e2e.conftest import FakeKaltura
from tests.e2e.console_page import Console, labelled
from tests.e2e.test_ks_capture import ADMIN_SECRET, PARTNER_ID, admin_ks
from tests.sandbox.conftest import serve

pytestmark = pytest.mark.browser

JSON = "application/json"


@pytest.fixture(scope="module")
def sandbox_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The console with its embedded sandbox (the default set-up)."""
    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("ks-inspector")))
    url, server, thread = serve(app, lifespan="on")
    yield url
    server.should_exit = True
    thread.join(timeout=10)


def inspector(console: Console) -> Locator:
    return console.page.get_by_role("region", name="KS inspector")


def unfold(console: Console) -> None:
    """Once a KS is held the Configuration group is folded to its summary line: open it."""
    folded = console.configuration.get_by_role("button", expanded=False)
    if folded.count():
        folded.click()
    expect(console.ks_field).to_be_visible()


def inspect(console: Console) -> Locator:
    unfold(console)
    console.configuration.get_by_role("button", name="Inspect", exact=True).click()
    return inspector(console)


def sandbox_secret(page: Page) -> tuple[str, str]:
    credentials = page.get_by_role("complementary", name="Sandbox credentials")
    partner = credentials.locator("dd").nth(0).inner_text().strip()
    return partner, credentials.locator("dd").nth(1).inner_text().strip()


def start_session(console: Console, expiry: int, privileges: str = "") -> str:
    """session.start on the sandbox as the README's first minutes do; the partner it shows."""
    partner, secret = sandbox_secret(console.page)
    console.choose("session", "start")
    labelled(console.parameters, "secret").fill(secret)
    labelled(console.parameters, "userId").fill("ann")
    labelled(console.parameters, "type").select_option("2")
    labelled(console.parameters, "expiry").fill(str(expiry))
    if privileges:
        labelled(console.parameters, "privileges").fill(privileges)
    console.send()
    expect(console.ks_field).not_to_have_value("")
    return partner


def test_inspect_shows_what_the_sandbox_says_of_its_ks_with_a_live_countdown(
    page: Page, sandbox_url: str
) -> None:
    console = Console(page, sandbox_url).open()
    partner = start_session(console, 3600, "edit:*,sview:0_abc")

    unfold(console)
    console.ks_field.focus()  # by keyboard: the next stop after the field is Inspect
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Inspect", exact=True)).to_be_focused()
    page.keyboard.press("Enter")

    panel = inspector(console)
    expect(panel).to_have_attribute("aria-live", "polite")
    shown = panel.get_by_role("region", name="From the server")
    expect(shown).to_contain_text("session.get on sandbox")
    for term, value in [
        ("Partner", partner),
        ("Session type", "ADMIN"),
        ("User", "ann"),
    ]:
        expect(shown.get_by_role("term").filter(has_text=term)).to_have_count(1)
        expect(shown.get_by_role("definition").filter(has_text=value)).to_have_count(1)
    expect(shown.get_by_role("listitem")).to_have_text(["edit:*", "sview:0_abc"])
    expect(shown).to_contain_text(re.compile(r"Expiry\s*\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC"))
    countdown = shown.get_by_role("timer")
    expect(countdown).to_have_text(re.compile(r"^(59|60) min|^1 h 00 min"))
    first = countdown.inner_text()
    expect(countdown).not_to_have_text(first)  # it counts down by itself
    expect(panel.get_by_text("Expired")).to_have_count(0)


def test_the_live_countdown_says_what_the_server_states(
    page: Page, sandbox_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The words (and units) are the server's, carried by the page: changed in Python, the
    countdown the browser keeps going says the new ones, with no change to any script."""
    left = ("{d}d {h}h {mm}m to go", "{h}h {mm}m {ss}s to go", "{m}m {ss}s to go", "{s}s to go")
    monkeypatch.setattr(ks_inspection, "COUNTDOWN_LEFT", left)
    console = Console(page, sandbox_url).open()
    start_session(console, 3600)
    timer = inspect(console).get_by_role("timer")
    expect(timer).to_have_text(re.compile(r"^(59m \d\ds|1h 00m 00s) to go$"))
    first = timer.inner_text()
    expect(timer).not_to_have_text(first)  # a tick of the browser's own
    expect(timer).to_have_text(re.compile(r"^59m \d\ds to go$"))


def test_a_ks_that_runs_out_while_watched_is_marked_and_send_warns(
    page: Page, sandbox_url: str
) -> None:
    console = Console(page, sandbox_url).open()
    start_session(console, 8)  # long enough to be inspected alive on a busy machine
    panel = inspect(console)
    expect(panel.get_by_role("timer")).to_contain_text("left")
    # At zero the inspector asks the server again; its INVALID_KS answer marks the KS.
    expect(panel.get_by_role("alert")).to_contain_text('"-5,EXPIRED"', timeout=30_000)
    expect(panel.get_by_text("Expired", exact=True)).to_be_visible()
    warning = page.get_by_role("status").filter(has_text="will be refused")
    expect(warning).to_be_visible()

    console.choose("system", "ping")
    result = console.send()  # Send still sends it: the warning holds nothing back
    expect(result).to_contain_text("INVALID_KS")


def test_a_v1_ks_is_read_locally_when_the_server_cannot_be_reached(
    page: Page, unreachable_console_url: str
) -> None:
    raw = KalturaClient.generateSession(ADMIN_SECRET, "bob", 0, PARTNER_ID, 600, "sview:*")
    ks = raw.decode() if isinstance(raw, bytes) else str(raw)
    console = Console(page, unreachable_console_url).open()
    console.ks_field.fill(ks)
    panel = inspect(console)
    expect(panel.get_by_role("alert")).to_contain_text("session.get could not be asked")
    local = panel.get_by_role("region", name="Read from the KS itself")
    expect(local).to_contain_text("v1, no call")
    for value in (str(PARTNER_ID), "USER", "bob", "sview:*"):
        expect(local.get_by_role("definition").filter(has_text=value)).to_have_count(1)
    expect(local.get_by_role("timer")).to_contain_text("min")


def test_an_invalid_ks_shows_the_servers_error(console: Console, fake: FakeKaltura) -> None:
    message = 'Invalid KS "not-a-ks", Error "-1,INVALID_STR"'
    error = {"code": "INVALID_KS", "message": message, "objectType": "KalturaAPIException"}
    fake.answer("session", "get", json.dumps(error), content_type=JSON)
    console.ks_field.fill("not-a-ks")
    panel = inspect(console)
    alert = panel.get_by_role("alert")
    expect(alert).to_contain_text("INVALID_KS")
    expect(alert).to_contain_text(message)
    [asked] = fake.calls("session", "get")
    assert asked.json["ks"] == "not-a-ks" and "not-a-ks" not in asked.path
    expect(console.page.get_by_role("status").filter(has_text="will be refused")).to_have_count(0)


def test_a_ks_the_server_calls_expired_is_marked_and_send_warns(
    console: Console, fake: FakeKaltura
) -> None:
    ks = admin_ks()  # v2: only the server knows it expired
    message = f'Invalid KS "{ks}", Error "-5,EXPIRED"'
    error = {"code": "INVALID_KS", "message": message, "objectType": "KalturaAPIException"}
    fake.answer("session", "get", json.dumps(error), content_type=JSON)
    console.ks_field.fill(ks)
    panel = inspect(console)
    expect(panel.get_by_text("Expired", exact=True)).to_be_visible()
    warning = console.page.get_by_role("status").filter(has_text="will be refused")
    expect(warning).to_contain_text("the server reported it expired")

    console.choose("system", "ping")
    console.send()
    [ping] = fake.calls("system", "ping")
    assert ping.json["ks"] == ks  # Send still sends it


def test_with_no_ks_a_link_opens_session_start_with_the_partner(console: Console) -> None:
    link = console.page.get_by_role("link", name="Start a session")
    expect(link).to_be_visible()
    console.ks_field.fill(admin_ks())
    expect(link).to_be_hidden()
    console.configuration.get_by_role("button", name="Clear", exact=True).click()
    expect(link).to_be_visible()

    labelled(console.configuration, "partnerId").fill("4242")
    link.click()
    expect(console.page).to_have_url(re.compile(r"service=session&action=start"))
    assert "secret" not in console.page.url and "ks=" not in console.page.url
    expect(console.page.get_by_label("Select action")).to_have_value("start")
    expect(labelled(console.configuration, "partnerId")).to_have_value("4242")
    expect(labelled(console.parameters, "secret")).to_have_value("")


def test_in_sandbox_mode_the_link_fills_the_sandbox_partner(page: Page, sandbox_url: str) -> None:
    console = Console(page, sandbox_url).open()
    partner, _ = sandbox_secret(page)
    console.page.get_by_role("link", name="Start a session").click()
    expect(console.page.get_by_label("Select action")).to_have_value("start")
    expect(labelled(console.configuration, "partnerId")).to_have_value(partner)


def test_the_inspector_fits_400_px(page: Page, sandbox_url: str) -> None:
    page.set_viewport_size({"width": 400, "height": 800})
    console = Console(page, sandbox_url).open()
    start_session(console, 3600, ",".join(f"sview:0_entry{n:04d}" for n in range(30)))
    panel = inspect(console)
    expect(panel.get_by_role("timer")).to_contain_text("left")
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    close = panel.get_by_role("button", name="Close the KS inspector")
    close.focus()
    page.keyboard.press("Enter")
    expect(panel).to_have_count(0)  # empty, the panel is gone from view
    expect(page.get_by_role("button", name="Inspect", exact=True)).to_be_focused()


# The panel's box against the viewport and the sticky Send bar's top.
IN_VIEW = """panel => { const box = panel.getBoundingClientRect();
  const bar = document.querySelector(".send-row").getBoundingClientRect();
  return {top: Math.round(box.top), bottom: Math.round(box.bottom), bar: Math.round(bar.top)}; }"""
# Scrolls the page until the element sits just above the Send bar, the lowest it can be seen.
JUST_ABOVE_THE_BAR = """e => { const bar = document.querySelector(".send-row").getBoundingClientRect();
  window.scrollBy(0, e.getBoundingClientRect().bottom - bar.top + 8); }"""


@pytest.mark.parametrize("size", [(1366, 768), (400, 800)])
def test_inspect_brings_the_whole_panel_into_view_above_the_send_bar(
    page: Page, sandbox_url: str, size: tuple[int, int]
) -> None:
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    console = Console(page, sandbox_url).open()
    start_session(console, 3600, "sview:0_abc")
    unfold(console)
    inspect_button = console.configuration.get_by_role("button", name="Inspect", exact=True)
    inspect_button.evaluate(JUST_ABOVE_THE_BAR)
    inspect_button.click()
    panel = inspector(console)
    expect(panel.get_by_role("timer")).to_contain_text("left")

    box = panel.evaluate(IN_VIEW)
    assert box["top"] >= 0 and box["bottom"] <= box["bar"], box
