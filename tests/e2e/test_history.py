"""History: each Send is kept in this browser, newest first, and restores its whole form;
searchable, deletable, capped; an entry of another schema is marked; no storage, no history,
and the console still works."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.conftest import UPSTREAM_TIMEOUT, FakeKaltura, xml_result
from tests.e2e.console_page import CONSOLE_PATH, Console, labelled

pytestmark = pytest.mark.browser

CAP = 200


@pytest.fixture
def fresh(console: Console) -> Console:
    """The console with no history yet (the session's tab keeps localStorage between tests)."""
    console.page.evaluate("localStorage.clear()")
    return console.open()


def history(console: Console) -> Locator:
    """Opens the History panel; its entries."""
    console.page.get_by_role("button", name="History", exact=True).click()
    return console.page.get_by_role("region", name="History entries")


def entries(panel: Locator) -> Locator:
    return panel.get_by_role("listitem")


def seeded(console: Console, count: int, calls: str = "system.ping") -> None:
    stored = [
        {
            "link": f"{CONSOLE_PATH}?service=system&action=ping&n={n}",
            "label": f"old {n}",
            "calls": [calls],
            "at": "2026-01-01T00:00:00.000Z",
            "status": "200",
            "ms": "1",
        }
        for n in range(count)
    ]
    console.page.evaluate(
        "list => localStorage.setItem('testme.history', JSON.stringify(list))", stored
    )


def test_a_multirequest_send_is_kept_and_restores_its_whole_form(
    fresh: Console, fake: FakeKaltura
) -> None:
    console = fresh
    console.choose_multirequest()
    first = console.request(1)
    console.choose("session", "start", first)
    labelled(first, "secret").fill("never-kept-53")
    labelled(first, "partnerId").fill("53")
    console.add_request()
    second = console.request(2)
    console.choose("media", "list", second)
    second_filter = console.group("filter", second)
    console.choose_type(second_filter, "KalturaMediaEntryFilter")
    labelled(second_filter, "nameLike").fill("kept-by-history")
    console.send()

    console.open()  # a fresh, empty form
    panel = history(console)
    entry = panel.get_by_role("button", name=re.compile(r"^multirequest \(2\) · .* UTC · OK · "))
    expect(entry).to_be_visible()
    assert "never-kept-53" not in console.page.evaluate("JSON.stringify(localStorage)")
    entry.click()

    first, second = console.request(1), console.request(2)
    expect(first.get_by_label("Select action")).to_have_value("start")
    expect(labelled(first, "partnerId")).to_have_value("53")
    expect(labelled(first, "secret")).to_have_value("")
    second_filter = console.group("filter", second)
    expect(console.object_type(second_filter)).to_have_value("KalturaMediaEntryFilter")
    expect(labelled(second_filter, "nameLike")).to_have_value("kept-by-history")


def test_history_is_newest_first_searchable_deletable_and_clearable(fresh: Console) -> None:
    console = fresh
    for service, action in (("system", "ping"), ("media", "list")):
        console.choose(service, action)
        console.send()
    panel = history(console)
    expect(entries(panel)).to_have_count(2)
    expect(entries(panel).first).to_contain_text("media.list")

    panel.get_by_role("searchbox", name="Search history").fill("ping")
    expect(entries(panel)).to_have_count(1)
    expect(entries(panel).first).to_contain_text("system.ping")
    panel.get_by_role("searchbox", name="Search history").fill("")

    panel.get_by_role("button", name=re.compile(r"^Delete media\.list")).click()
    expect(entries(panel)).to_have_count(1)
    expect(entries(panel).first).to_contain_text("system.ping")
    panel.get_by_role("button", name="Clear history").click()
    expect(entries(panel)).to_have_count(0)
    assert console.page.evaluate("localStorage.getItem('testme.history')") == "[]"


def test_history_keeps_the_newest_two_hundred(fresh: Console) -> None:
    console = fresh
    seeded(console, CAP)
    console.choose("media", "list")
    console.send()
    stored = json.loads(console.page.evaluate("localStorage.getItem('testme.history')"))
    assert len(stored) == CAP
    assert stored[0]["label"] == "media.list"
    assert stored[-1]["label"] == f"old {CAP - 2}"  # the oldest went


def test_an_entry_the_schema_lacks_is_shown_marked_and_not_restorable(fresh: Console) -> None:
    console = fresh
    seeded(console, 1, calls="nosuchservice.nosuchaction")
    panel = history(console)
    expect(entries(panel).first).to_contain_text("not in this schema")
    expect(panel.get_by_role("button", name=re.compile(r"^old 0"))).to_be_disabled()


def test_without_the_schemas_calls_every_entry_is_offered(fresh: Console) -> None:
    """The list of the schema's calls comes apart from the page; when it cannot be fetched,
    History still lists and restores (the console's page says if a call is not found)."""
    console = fresh
    seeded(console, 1, calls="nosuchservice.nosuchaction")
    console.page.route("**/history/known?*", lambda route: route.abort())
    try:
        panel = history(console)
        expect(entries(panel)).to_have_count(1)
        expect(entries(panel).first).not_to_contain_text("not in this schema")
        expect(panel.get_by_role("button", name=re.compile(r"^old 0"))).to_be_enabled()
    finally:
        console.page.unroute("**/history/known?*")


def kaltura_error(code: str) -> str:
    return (
        f"<error><code>{code}</code><message>{code} happened</message>"
        "<objectType>KalturaAPIException</objectType><args></args></error>"
    )


INVALID_KS = xml_result(kaltura_error("INVALID_KS"))
TWO_OF_THREE_FAILED = xml_result(
    f"<item>{kaltura_error('INVALID_KS')}</item><item>0_token</item>"
    f"<item>{kaltura_error('ENTRY_ID_NOT_FOUND')}</item>"
)


def test_an_entry_names_the_kaltura_error_the_server_answered_with_http_200(
    fresh: Console, fake: FakeKaltura
) -> None:
    console = fresh
    fake.answer("session", "start", INVALID_KS)  # a wrong secret: HTTP 200, an error inside
    console.choose("system", "ping")
    console.send()
    console.choose("session", "start")
    labelled(console.parameters, "secret").fill("wrong")
    console.send()

    panel = history(console)
    failed, succeeded = entries(panel).nth(0), entries(panel).nth(1)
    expect(failed).to_contain_text(
        re.compile(r"^session\.start · .* UTC · failed: INVALID_KS · \d+ ms")
    )
    expect(failed).not_to_contain_text("HTTP 200")
    expect(succeeded).to_contain_text(re.compile(r"^system\.ping · .* UTC · OK · "))
    expect(failed.locator(".history-failed")).to_have_text("failed: INVALID_KS")  # marked
    expect(succeeded.locator(".history-failed")).to_have_count(0)

    search = panel.get_by_role("searchbox", name="Search history")
    search.fill("invalid_ks")
    expect(entries(panel)).to_have_count(1)
    expect(entries(panel).first).to_contain_text("session.start")


def test_a_multirequest_entry_says_how_many_of_its_requests_failed(
    fresh: Console, fake: FakeKaltura
) -> None:
    console = fresh
    fake.answer("multirequest", "", TWO_OF_THREE_FAILED)
    console.choose("system", "ping")
    console.send()
    console.choose_multirequest()
    console.choose("system", "ping", console.request(1))
    for number in (2, 3):
        console.add_request()
        console.choose("system", "ping", console.request(number))
    console.send()
    panel = history(console)
    expect(entries(panel).first).to_contain_text(re.compile(r"^multirequest \(3\) · "))
    expect(entries(panel).first).to_contain_text(
        "· 2 of 3 failed: INVALID_KS, ENTRY_ID_NOT_FOUND ·"
    )
    panel.get_by_role("searchbox", name="Search history").fill("ENTRY_ID_NOT_FOUND")
    expect(entries(panel)).to_have_count(1)
    expect(entries(panel).first).to_contain_text("multirequest (3)")


def test_an_entry_without_an_answer_says_it_timed_out(fresh: Console, fake: FakeKaltura) -> None:
    console = fresh
    fake.answer("system", "ping", INVALID_KS, delay=UPSTREAM_TIMEOUT + 1)
    console.choose("system", "ping")
    console.send()
    expect(console.result).to_contain_text("No answer")
    panel = history(console)
    expect(entries(panel).first).to_contain_text("· no answer: timed out ·")
    expect(entries(panel).first.locator(".history-failed")).to_have_count(1)


def test_the_result_and_history_spell_the_call_as_the_select_does(
    fresh: Console, fake: FakeKaltura
) -> None:
    console = fresh
    console.choose("uploadtoken", "add")
    service = console.page.get_by_label("Select service").first
    expect(service.locator("option:checked")).to_have_text("uploadToken")
    result = console.send()
    expect(result).to_contain_text("uploadToken.add · sent")
    panel = history(console)
    expect(entries(panel).first).to_contain_text(re.compile(r"^uploadToken\.add · "))
    expect(panel.get_by_role("button", name=re.compile(r"^uploadToken\.add"))).to_be_enabled()


BLOCKED = (
    "Object.defineProperty(window, 'localStorage', "
    "{get() { throw new DOMException('blocked', 'SecurityError'); }});"
)
FULL = (
    "const setItem = Storage.prototype.setItem;"
    "Storage.prototype.setItem = function (key, value) {"
    "  if (key === 'testme.history') throw new DOMException('full', 'QuotaExceededError');"
    "  return setItem.call(this, key, value); };"
)


@pytest.fixture
def storage_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A tab whose localStorage throws, as with site data blocked, or is full."""
    context = browser.new_context()
    context.add_init_script(request.param)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    ("storage_page", "note"),
    [
        (BLOCKED, "History is off: this browser does not let the page store it."),
        (FULL, "History is off: the browser's storage is full."),
    ],
    indirect=["storage_page"],
    ids=["blocked", "full"],
)
def test_without_storage_the_console_works_and_says_history_is_off(
    storage_page: Page, console_url: str, fake: FakeKaltura, note: str
) -> None:
    console = Console(storage_page, console_url).open()
    console.choose("system", "ping")
    console.send()
    expect(console.result).to_contain_text("HTTP 200")
    assert len(fake.calls("system", "ping")) == 1
    panel = history(console)
    expect(panel.get_by_role("status")).to_have_text(note)
    expect(entries(panel)).to_have_count(0)


def test_history_opened_under_a_long_form_comes_into_view_with_its_search_focused(
    fresh: Console,
) -> None:
    console = fresh
    console.choose_object("media", "list", "filter", "KalturaMediaEntryFilter")  # a tall form
    console.page.evaluate("scrollTo(0, 0)")
    toggle = console.page.get_by_role("button", name="History", exact=True)
    box = toggle.bounding_box()
    assert box is not None
    console.page.mouse.click(box["x"] + 5, box["y"] + 5)  # as a person clicks: no scrolling first

    search = console.page.get_by_role("searchbox", name="Search history")
    expect(search).to_be_focused()
    expect(search).to_be_in_viewport()
    on_top = "s => { const r = s.getBoundingClientRect(); return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === s; }"
    assert search.evaluate(on_top), "the search is not under the sticky Send bar"

    console.page.keyboard.press("Escape")
    expect(toggle).to_be_focused()
