"""A faulty Kaltura server, as a person at the console meets it: the fault named in the Result,
and another browser's Send answered while one hangs on a server that never answers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from app.settings import Settings
from tests.e2e.conftest import serve_console
from tests.e2e.console_page import Console, labelled
from tests.web.faulty_upstream import FaultyKaltura, faulty_kaltura

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def faulty_server() -> Iterator[FaultyKaltura]:
    with faulty_kaltura() as server:
        yield server


@pytest.fixture
def faulty(faulty_server: FaultyKaltura) -> Iterator[FaultyKaltura]:
    with faulty_server.fresh() as server:
        yield server


@pytest.fixture(scope="module")
def faulty_console_url(
    faulty_server: FaultyKaltura, real_schema_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    # A deadline far beyond any test here: a hung Send ends only when the test lets it.
    settings = Settings(
        service_url=faulty_server.url,
        schema_path=real_schema_path,
        data_dir=tmp_path_factory.mktemp("faulty"),
        upstream_timeout=120,
    )
    with serve_console(settings) as url:
        yield url


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ("html-502", "Not a Kaltura answer: the server sent an HTML page."),
        ("truncated", "The answer was cut short: the connection closed after 60 bytes"),
        ("redirect", "a redirect to http://localhost:"),
    ],
)
def test_a_faulty_upstream_is_named_in_the_result(
    page: Page, faulty_console_url: str, faulty: FaultyKaltura, fault: str, message: str
) -> None:
    faulty.faults["ping"] = fault
    console = Console(page, faulty_console_url).open()
    console.choose("system", "ping")
    result = console.send()
    expect(result.get_by_role("alert").filter(has_text=message)).to_be_visible()


def test_another_browser_is_served_while_a_send_hangs(
    page: Page, browser: Browser, faulty_console_url: str, faulty: FaultyKaltura
) -> None:
    faulty.faults["get"] = "hang"
    hung = Console(page, faulty_console_url).open()
    hung.choose("media", "get")
    labelled(hung.parameters, "entryId").fill("0_a")
    hung.send_button.click()
    assert faulty.hanging.wait(30)

    other_context = browser.new_context()
    try:
        other = Console(other_context.new_page(), faulty_console_url).open()
        other.choose("system", "ping")
        expect(other.send().get_by_text("pong")).to_be_visible()
    finally:
        other_context.close()
    # The hung Send is still waiting: its Result has nothing yet.
    expect(hung.result.get_by_role("alert")).to_have_count(0)

    faulty.release.set()  # the dead server hangs up, with no answer
    closed = hung.result.get_by_role("alert").filter(has_text="closed the connection")
    expect(closed).to_be_visible()
