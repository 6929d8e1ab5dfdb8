"""Reload schema and the Client Libraries page, as a person uses them: a button beside the
schema line, a page saying what happened, and the libraries page from the top bar."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from app.settings import Settings
from tests.e2e.conftest import FakeKaltura, serve_console
from tests.web.test_schema_reload import small_schema

pytestmark = pytest.mark.browser


@pytest.fixture
def live_console(fake: FakeKaltura, tmp_path: Path) -> Iterator[str]:
    """A console whose schema comes from the fake server's /api_v3/api_schema.php."""
    fake.answer("", "", small_schema("1.0.0"))
    settings = Settings(service_url=fake.url, data_dir=tmp_path, upstream_timeout=5)
    with serve_console(settings) as url:
        yield url


def origin_line(page: Page) -> str:
    return page.locator(".origin").inner_text()


def test_reload_schema_swaps_in_the_new_one_and_keeps_it_when_the_server_fails(
    page: Page, fake: FakeKaltura, live_console: str
) -> None:
    page.goto(live_console + "/api_v3/testme/")
    assert "schema 1.0.0, generated 2023-11-14" in origin_line(page)

    fake.answer("", "", "<html><body>Down for maintenance</body></html>")
    page.get_by_role("button", name="Reload schema").click()
    expect(page.get_by_role("alert")).to_contain_text("could not be reloaded")
    expect(page.get_by_role("alert")).to_contain_text("Kept schema 1.0.0")

    fake.answer("", "", small_schema("2.0.0"))
    page.get_by_role("link", name="Back to the console").click()
    assert "schema 1.0.0" in origin_line(page)
    page.get_by_role("button", name="Reload schema").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Schema reloaded: 2.0.0")
    page.get_by_role("link", name="Back to the console").click()
    assert "schema 2.0.0" in origin_line(page)


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
