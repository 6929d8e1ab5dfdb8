"""Reload schema and the Client Libraries page, as a person uses them: a button beside the
schema line that reloads in place, saying beside it what happened, and the libraries page from
the top bar."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from app.settings import Settings
from tests.e2e.conftest import FakeKaltura, serve_console
from tests.e2e.console_page import Console, labelled
from tests.web.test_schema_reload import small_schema

pytestmark = pytest.mark.browser


@pytest.fixture
def live_console(fake: FakeKaltura, real_schema_path: Path, tmp_path: Path) -> Iterator[str]:
    """A console whose schema comes from the fake server's /api_v3/api_schema.php: at first
    the real one."""
    fake.answer("", "", real_schema_path.read_bytes())
    settings = Settings(service_url=fake.url, data_dir=tmp_path, upstream_timeout=5)
    with serve_console(settings) as url:
        yield url


def origin_line(page: Page) -> str:
    return page.locator(".origin").inner_text()


def test_reload_schema_keeps_the_form_and_says_what_happened_beside_the_button(
    page: Page, fake: FakeKaltura, live_console: str, real_schema_path: Path
) -> None:
    console = Console(page, live_console).open()
    console.choose("media", "get")
    labelled(console.parameters, "entryId").fill("0_typed")
    console.open_more()  # clientTag waits behind Configuration's More
    labelled(console.configuration, "clientTag").fill("mine")
    page.evaluate("() => { window.__samePage = true; }")  # gone if the page is left
    # the address follows the form after a pause
    page.wait_for_function(
        "() => location.search.includes('clientTag') && location.search.includes('0_typed')"
    )
    address = page.url
    status = page.get_by_role("status").filter(has_text="schema")
    reload = page.get_by_role("button", name="Reload schema")

    fake.answer("", "", "<html><body>Down for maintenance</body></html>")
    reload.click()
    expect(status).to_contain_text("The schema could not be reloaded. ")
    expect(status).to_contain_text("Kept schema 22.15.0")
    expect(status).not_to_contain_text("..")

    newer = real_schema_path.read_bytes().replace(b'apiVersion="22.15.0"', b'apiVersion="22.16.0"')
    fake.answer("", "", newer)
    reload.focus()
    page.keyboard.press("Enter")
    expect(status).to_contain_text("Schema reloaded: 22.16.0")
    expect(status).to_contain_text("(was 22.15.0): ")
    assert "schema 22.16.0" in origin_line(page)
    expect(reload).to_be_focused()
    expect(labelled(console.parameters, "entryId")).to_have_value("0_typed")
    expect(labelled(console.configuration, "clientTag")).to_have_value("mine")
    expect(page.get_by_label("Select action")).to_have_value("get")
    assert page.url == address and page.evaluate("() => window.__samePage") is True

    fake.answer("", "", small_schema("3.0.0"))  # one service, `thing`: no media
    reload.click()
    expect(status).to_contain_text(
        "No service media in schema 3.0.0, so the form no longer holds it."
    )
    expect(page.get_by_label("Select service")).to_have_value("")
    expect(labelled(console.configuration, "clientTag")).to_have_value("mine")


def test_the_libraries_page_from_the_top_bar(page: Page, console_url: str) -> None:
    page.goto(console_url + "/api_v3/testme/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Client Libraries").click()
    expect(page).to_have_url(re.compile("/api_v3/testme/libraries$"))
    expect(page.get_by_role("heading", name="Client libraries")).to_be_visible()
    expect(page.get_by_text("API version 22.15.0")).to_be_visible()
    python = page.get_by_role("region", name="Python")
    expect(python).to_contain_text("pip install KalturaApiClient")
    expect(python).to_contain_text("client.session.start(")
    expect(page.get_by_role("region", name="JavaScript (Node.js)")).to_contain_text(
        "npm install kaltura-client"
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this schema (XML)").click()
    saved = Path(download.value.path())
    assert saved.read_bytes().startswith(b"<?xml") and b'apiVersion="22.15.0"' in saved.read_bytes()
    assert download.value.suggested_filename == "kaltura-schema-22.15.0.xml"
