"""End to end in Chromium: the default set-up (console + embedded sandbox), a session started
with the secret the page shows, a media entry added, and media.list showing it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.sandbox.conftest import serve

pytestmark = pytest.mark.browser

KS_PATTERN = re.compile(r"djJ8[A-Za-z0-9_\-]+=*")


@pytest.fixture(scope="module")
def console_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from app.settings import Settings
    from app.web.app import create_app

    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("console")))
    url, server, thread = serve(app, lifespan="on")
    yield url
    server.should_exit = True
    thread.join(timeout=10)


def _htmx(page: Page) -> Any:
    """Wait for the console's next htmx round trip (fragments come from /api_v3/testme/)."""
    return page.expect_response(lambda r: "/api_v3/testme/" in r.url)


def _choose(page: Page, service: str, action: str) -> None:
    with _htmx(page):
        page.get_by_label("Select service").select_option(service)
    with _htmx(page):
        page.get_by_label("Select action").select_option(action)
    expect(page.get_by_role("group", name="Parameters")).to_be_visible()


def _pick_type(page: Page, group: Locator, object_type: str) -> None:
    select = group.get_by_label("objectType")
    if select.input_value() != object_type:
        with _htmx(page):
            select.select_option(object_type)


def _send(page: Page) -> str:
    result = page.get_by_role("region", name="Result")
    before = result.inner_text()
    with page.expect_response(lambda r: r.url.endswith("/api_v3/testme/send")):
        page.get_by_role("button", name="Send", exact=True).click()
    expect(result).not_to_have_text(before)
    return result.inner_text()


def test_first_five_minutes_in_the_browser(page: Page, console_url: str) -> None:
    page.goto(console_url + "/api_v3/testme/")
    credentials = page.get_by_role("complementary", name="Sandbox credentials")
    partner_id = credentials.locator("dd").nth(0).inner_text().strip()
    secret = credentials.locator("dd").nth(1).inner_text().strip()

    _choose(page, "session", "start")
    params = page.get_by_role("group", name="Parameters")
    params.get_by_label(re.compile(r"^secret\b")).fill(secret)
    params.get_by_label(re.compile(r"^type\b")).select_option("2")
    params.get_by_label(re.compile(r"^partnerId\b")).fill(partner_id)
    started = _send(page)
    found = KS_PATTERN.search(started)
    assert found, started
    ks_field = page.get_by_label("ks", exact=True)
    if not ks_field.input_value():
        ks_field.fill(found.group(0))

    _choose(page, "media", "add")
    entry = page.get_by_role("group", name="entry")
    _pick_type(page, entry, "KalturaMediaEntry")
    entry.get_by_label(re.compile(r"^name\b")).fill("my first browser entry")
    entry.get_by_label(re.compile(r"^mediaType\b")).select_option("1")
    added = _send(page)
    assert "my first browser entry" in added, added

    _choose(page, "media", "list")
    assert "my first browser entry" in _send(page)
