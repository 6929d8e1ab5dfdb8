"""What the Result region shows for answers a person meets: a Kaltura error, no answer at all,
and an answer carrying markup; and that the page runs under its own Content-Security-Policy."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import ConsoleMessage, Error, Page, expect

from tests.e2e.conftest import FakeKaltura, xml_result
from tests.e2e.console_page import CONSOLE_PATH, Console, labelled

pytestmark = pytest.mark.browser

ENTRY_NOT_FOUND = xml_result(
    '<error><code>ENTRY_ID_NOT_FOUND</code><message>Entry id "0_x" not found</message>'
    "<objectType>KalturaAPIException</objectType><args><item>"
    "<objectType>KalturaApiExceptionArg</objectType><name>ENTRY_ID</name><value>0_x</value>"
    "</item></args></error>"
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
    assert errors == []


@pytest.fixture
def console(page: Page, console_url: str, browser_errors: list[str]) -> Console:
    return Console(page, console_url).open()


def test_a_kaltura_error_is_shown_as_an_error(console: Console, fake: FakeKaltura) -> None:
    fake.answer("media", "get", ENTRY_NOT_FOUND)
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
    expect(result.get_by_role("alert")).to_contain_text(
        re.compile(r"could not connect|refused|unreachable", re.IGNORECASE)
    )

    console.choose("media", "get")
    labelled(console.parameters, "entryId").fill("0_x")
    result = console.send()
    expect(result.get_by_role("alert")).to_contain_text(
        re.compile(r"could not connect|refused|unreachable", re.IGNORECASE)
    )
    expect(labelled(console.parameters, "entryId")).to_have_value("0_x")


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
    """Every htmx swap and console.js behaviour a session touches, with no CSP violation or
    script error reported (`browser_errors` checks at the end)."""
    response = console.page.goto(console.base_url + CONSOLE_PATH)
    assert response is not None
    assert "script-src 'self'" in response.headers["content-security-policy"]
    fake.answer("report", "execute", xml_result(""))
    console.choose("report", "execute")
    labelled(console.parameters, "id").fill("abc")  # console.js flags it
    params = console.group("params")
    console.add_item(params)
    item = console.group("params[0]", params)
    console.choose_type(item, "KalturaKeyValue")
    labelled(item, "key").fill("k")
    result = console.send()
    console.send(result.get_by_role("button", name="Send anyway"))
    assert len(fake.calls("report", "execute")) == 1
    assert browser_errors == []
