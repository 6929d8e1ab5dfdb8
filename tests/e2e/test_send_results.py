"""What the Result region shows for answers a person meets: a Kaltura error, no answer at all,
and an answer carrying markup; and that the page runs under its own Content-Security-Policy."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import ConsoleMessage, Error, Locator, Page, expect

from tests.e2e.conftest import UPSTREAM_TIMEOUT, FakeKaltura, xml_result
from tests.e2e.console_page import CONSOLE_PATH, Console, labelled

pytestmark = pytest.mark.browser

ENTRY_NOT_FOUND = xml_result(
    '<error><code>ENTRY_ID_NOT_FOUND</code><message>Entry id "0_x" not found</message>'
    "<objectType>KalturaAPIException</objectType><args><item>"
    "<objectType>KalturaApiExceptionArg</objectType><name>ENTRY_ID</name><value>0_x</value>"
    "</item></args></error>"
)
ENTRY_NOT_FOUND_JSON = json.dumps(
    {
        "code": "ENTRY_ID_NOT_FOUND",
        "message": 'Entry id "0_x" not found',
        "objectType": "KalturaAPIException",
        "args": {"ENTRY_ID": "0_x"},
    }
)
# Would set window.pwned if the page ever let it run.
NASTY = "<script>window.pwned = 1</script><img src=x onerror=window.pwned=2>"


@pytest.fixture
def browser_errors(page: Page) -> Iterator[list[str]]:
    """Everything the page reports as an error: console errors (CSP violations among them) and
    uncaught exceptions. The test asserts on the list; it is also checked empty at the end."""
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    def on_page_error(error: Error) -> None:
        errors.append(f"uncaught: {error}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    yield errors
    page.remove_listener("console", on_console)
    page.remove_listener("pageerror", on_page_error)
    assert errors == []


def alert_saying(region: Locator, pattern: str) -> Locator:
    """The (first) alert in `region` whose text matches `pattern`, case aside."""
    return region.get_by_role("alert").filter(has_text=re.compile(pattern, re.IGNORECASE)).first


@pytest.fixture
def console(page: Page, console_url: str, browser_errors: list[str]) -> Console:
    return Console(page, console_url).open()


@pytest.mark.parametrize(
    ("format_", "content_type", "body"),
    [
        pytest.param("2", "text/xml", ENTRY_NOT_FOUND, id="xml"),
        pytest.param("1", "application/json", ENTRY_NOT_FOUND_JSON, id="json"),
    ],
)
def test_a_kaltura_error_is_shown_as_an_error(
    console: Console, fake: FakeKaltura, format_: str, content_type: str, body: str
) -> None:
    fake.answer("media", "get", body, content_type=content_type)
    labelled(console.configuration, "format").select_option(format_)
    console.choose("media", "get")
    labelled(console.parameters, "entryId").fill("0_x")
    result = console.send()

    error = result.get_by_role("alert")
    expect(error).to_contain_text("ENTRY_ID_NOT_FOUND")
    expect(error).to_contain_text('Entry id "0_x" not found')
    expect(error).to_contain_text("ENTRY_ID")
    assert fake.calls("media", "get")[0].json["entryId"] == "0_x"


def test_an_unreachable_upstream_is_a_message_and_the_page_keeps_working(
    page: Page, unreachable_console_url: str, browser_errors: list[str]
) -> None:
    console = Console(page, unreachable_console_url).open()
    console.choose("system", "ping")
    result = console.send()
    expect(alert_saying(result, r"could not connect|refused|unreachable")).to_be_visible()

    console.choose("media", "get")
    labelled(console.parameters, "entryId").fill("0_x")
    result = console.send()
    expect(alert_saying(result, r"could not connect|refused|unreachable")).to_be_visible()
    expect(labelled(console.parameters, "entryId")).to_have_value("0_x")


@pytest.mark.parametrize(
    ("status", "content_type", "body", "message"),
    [
        pytest.param(
            502,
            "text/html",
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
            r"HTTP 502",
            id="5xx-html",
        ),
        pytest.param(200, "text/xml", "", r"empty", id="empty"),
        pytest.param(
            200, "text/xml", "<xml><result>", r"XML ends before it is complete", id="broken-xml"
        ),
        pytest.param(200, "application/octet-stream", "\x00\x01garbage", r"not", id="garbage"),
    ],
)
def test_a_broken_answer_is_a_message_and_the_page_keeps_working(
    console: Console, fake: FakeKaltura, status: int, content_type: str, body: str, message: str
) -> None:
    fake.answer("system", "ping", body, content_type=content_type, status=status)
    fake.answer("system", "getTime", xml_result("1700000000"))
    console.choose("system", "ping")
    result = console.send()
    expect(alert_saying(result, message)).to_be_visible()

    console.choose("system", "getTime")
    expect(console.send()).to_contain_text("1700000000")


def test_an_upstream_that_does_not_answer_in_time_is_a_message(
    console: Console, fake: FakeKaltura
) -> None:
    fake.answer("system", "ping", xml_result("1"), delay=UPSTREAM_TIMEOUT + 1)
    console.choose("system", "ping")
    result = console.send()
    expect(alert_saying(result, r"in time|timed? ?out")).to_be_visible()


@pytest.mark.parametrize(
    ("format_", "content_type", "body"),
    [
        pytest.param(
            "1",
            "application/json",
            json.dumps({"id": "0_x", "name": NASTY, "objectType": "KalturaMediaEntry"}),
            id="json-answer",
        ),
        pytest.param("2", "text/html", f"<html><body>{NASTY}</body></html>", id="html-page"),
    ],
)
def test_markup_in_an_answer_is_shown_as_text_and_never_runs(
    console: Console, fake: FakeKaltura, format_: str, content_type: str, body: str
) -> None:
    fake.answer("media", "get", body, content_type=content_type)
    labelled(console.configuration, "format").select_option(format_)
    console.choose("media", "get")
    labelled(console.parameters, "entryId").fill("0_x")
    result = console.send()

    expect(result).to_contain_text(NASTY)
    expect(result.locator("script, img")).to_have_count(0)
    assert console.page.evaluate("window.pwned") is None


def test_the_console_runs_under_its_content_security_policy(
    console: Console, fake: FakeKaltura, browser_errors: list[str]
) -> None:
    """Every htmx swap and browser module behaviour a session touches, with no CSP violation or
    script error reported (`browser_errors` checks at the end)."""
    response = console.page.goto(console.base_url + CONSOLE_PATH)
    assert response is not None
    assert "script-src 'self'" in response.headers["content-security-policy"]
    fake.answer("report", "execute", xml_result(""))
    console.choose("report", "execute")
    labelled(console.parameters, "id").fill("abc")  # value-checks.js flags it
    params = console.group("params")
    console.add_item(params)
    item = console.group("params[0]", params)
    console.choose_type(item, "KalturaKeyValue")
    labelled(item, "key").fill("k")
    result = console.send()
    console.send(result.get_by_role("button", name="Send anyway"))
    assert len(fake.calls("report", "execute")) == 1
    assert browser_errors == []
