"""A Send in flight shows its elapsed time, ticking, and a Cancel that aborts it: the Result says
it was cancelled, the form keeps everything, and the console stops waiting for the Kaltura server
(the fake sees the connection closed long before it would have answered)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from app.settings import Settings
from tests.e2e.conftest import FakeKaltura, serve_console, xml_result
from tests.e2e.console_page import Console, labelled

pytestmark = pytest.mark.browser

ENTRY = xml_result("<objectType>KalturaMediaEntry</objectType><id>0_a</id>")
NEVER = 60.0  # seconds the fake waits before answering: only a cancel ends the call in time
WAIT = 15.0  # seconds a slow machine may take for what should happen at once


@pytest.fixture(scope="module")
def patient_url(
    fake_server: FakeKaltura, real_schema_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A console that would wait for the fake longer than any test runs."""
    settings = Settings(
        service_url=fake_server.url,
        schema_path=real_schema_path,
        data_dir=tmp_path_factory.mktemp("patient"),
        upstream_timeout=NEVER * 2,
    )
    with serve_console(settings) as url:
        yield url


def eventually(condition: Callable[[], bool], what: str) -> None:
    """The fake runs in this process: its records are polled, not awaited in the page."""
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def test_cancel_aborts_the_send_keeps_the_form_and_abandons_the_upstream_call(
    page: Page, patient_url: str, fake: FakeKaltura
) -> None:
    fake.answer("media", "get", ENTRY, delay=NEVER)
    console = Console(page, patient_url).open()
    console.choose("media", "get")
    entry_id = labelled(console.parameters, "entryId")
    entry_id.fill("0_a")

    console.send_button.click()
    timer = page.get_by_role("timer")
    expect(timer).to_have_text(re.compile(r"^\d+\.\d s$"))
    shown = timer.text_content()
    expect(timer).not_to_have_text(shown or "")  # it ticks
    eventually(lambda: len(fake.calls("media", "get")) == 1, "the call never reached the fake")

    page.get_by_role("button", name="Cancel", exact=True).click()

    expect(console.result).to_contain_text(re.compile(r"Send cancelled after \d+\.\d s"))
    expect(console.result).not_to_have_attribute("aria-busy", "true")
    expect(timer).to_be_hidden()
    expect(console.send_button).to_be_focused()
    expect(console.send_button).not_to_have_attribute("aria-disabled", "true")
    expect(entry_id).to_have_value("0_a")
    eventually(lambda: len(fake.hung_up) == 1, "the console kept waiting for the fake")

    fake.answer("media", "get", ENTRY)
    expect(console.send().locator(".result-call")).to_contain_text("media.get · sent")
    assert len(fake.calls("media", "get")) == 2
