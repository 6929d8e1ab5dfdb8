"""The docs' Changes page as a person uses it: from the docs index, upload an older schema file,
read that a parameter was added since, and follow it to the action's docs."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

OLDER = """<?xml version="1.0"?>
<xml apiVersion="22.0.0" generatedDate="1"><classes/><services>
<service id="media" name="media"><action name="get"><param name="entryId" type="string"/>
<result type="KalturaMediaEntry"/></action></service></services></xml>"""


def test_a_person_uploads_an_older_schema_and_follows_a_change_to_its_docs(
    page: Page, console_url: str, tmp_path: Path
) -> None:
    older = tmp_path / "older.xml"
    older.write_text(OLDER)
    page.goto(console_url + "/api_v3/testmeDoc/")
    page.get_by_role("navigation", name="Services").get_by_role("link", name="Changes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Changes")

    page.get_by_label("Compare with a schema file").set_input_files(older)
    page.get_by_role("button", name="Compare", exact=True).click()
    expect(page.get_by_text("Compared with the uploaded file older.xml (older).")).to_be_visible()
    expect(page.locator(".changes-summary")).to_contain_text("22.0.0 → 22.15.0: ")

    added = page.get_by_role("listitem").filter(has_text="media.get(version)")
    expect(added).to_contain_text("added: optional")
    added.get_by_role("link", name="media.get(version)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("media")
    assert page.url.endswith("?service=media#get")
