"""In Chromium: content added before its file, the order Kaltura's own clients use. The person
sees the entry wait in IMPORT (status 0), the upload close the token (3), the entry READY (2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.console_page import Console, labelled
from tests.sandbox.test_sandbox_browser import KS_PATTERN, console_url, first

__all__ = ["console_url"]  # the console served with its embedded sandbox, shared fixture

pytestmark = pytest.mark.browser


def _start_admin_session(console: Console, page: Page) -> None:
    credentials = page.get_by_role("complementary", name="Sandbox credentials")
    console.choose("session", "start")
    labelled(console.parameters, "secret").fill(credentials.locator("dd").nth(1).inner_text())
    labelled(console.parameters, "type").select_option("2")
    found = KS_PATTERN.search(console.send().inner_text())
    assert found
    expect(console.ks_field).to_have_value(found.group(0))


def test_add_content_first_then_upload(page: Page, console_url: str, tmp_path: Path) -> None:
    console = Console(page, console_url).open()
    _start_admin_session(console, page)
    console.choose("media", "add")
    entry = console.group("entry")
    console.choose_type(entry, "KalturaMediaEntry")
    labelled(entry, "name").fill("content before its file")
    labelled(entry, "mediaType").select_option("1")
    entry_id = first("id", console.send().inner_text())
    console.choose("uploadToken", "add")
    token_id = first("id", console.send().inner_text())

    console.choose("media", "addContent")
    labelled(console.parameters, "entryId").fill(entry_id)
    resource = console.group("resource")
    console.choose_type(resource, "KalturaUploadedFileTokenResource")
    labelled(resource, "token").fill(token_id)
    waiting = console.send().inner_text()
    assert "<status>0</status>" in waiting, waiting  # IMPORT, not an error

    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 8)
    console.choose("uploadToken", "upload")
    labelled(console.parameters, "uploadTokenId").fill(token_id)
    labelled(console.parameters, "fileData").set_input_files(str(clip))
    uploaded = console.send().inner_text()
    assert "<status>3</status>" in uploaded, uploaded  # CLOSED

    console.choose("media", "get")
    labelled(console.parameters, "entryId").fill(entry_id)
    assert "<status>2</status>" in console.send().inner_text()  # READY
