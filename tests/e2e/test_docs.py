"""The API docs as a person reads them: from the index to a service, to an action's anchor, and
into the console with that action; from a console field's type to its docs page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.console_page import Console, labelled

pytestmark = pytest.mark.browser


def test_the_docs_lead_from_the_index_to_an_action_and_into_the_console(
    page: Page, console_url: str
) -> None:
    page.goto(console_url + "/api_v3/testmeDoc/")
    page.get_by_role("navigation", name="Services").get_by_role(
        "link", name="media", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("media")

    page.get_by_role("navigation", name="Actions").get_by_role(
        "link", name="list", exact=True
    ).click()
    assert page.url.endswith("#list")
    action = page.locator("section", has=page.get_by_role("heading", name="list", exact=True))
    expect(action.get_by_role("heading", name="list", exact=True)).to_be_in_viewport()
    expect(action).to_contain_text("KalturaMediaEntryFilter")

    action.get_by_role("link", name="Try it in the console").click()
    Console(page, console_url)
    expect(page.get_by_label("Select service")).to_have_value("media")
    expect(page.get_by_label("Select action")).to_have_value("list")


def media_list_filter(page: Page, console_url: str) -> Locator:
    """media.list's filter, opened as a KalturaMediaEntryFilter."""
    page.goto(console_url + "/api_v3/testme/?service=media&action=list")
    console = Console(page, console_url)
    filter_group = console.group("filter")
    console.choose_type(filter_group, "KalturaMediaEntryFilter")
    return filter_group


def test_a_console_field_type_opens_its_docs_page_in_a_new_tab(
    page: Page, console_url: str
) -> None:
    filter_group = media_list_filter(page, console_url)
    media_type = labelled(filter_group, "mediaTypeEqual")
    expect(media_type).to_have_accessible_name("mediaTypeEqual (KalturaMediaType)")

    with page.expect_popup() as opened:
        filter_group.locator("label", has_text=re.compile(r"^mediaTypeEqual\s")).get_by_role(
            "link", name="KalturaMediaType"
        ).click()
    docs = opened.value
    expect(docs.get_by_role("heading", level=1)).to_contain_text("KalturaMediaType")
    expect(docs.get_by_role("cell", name="VIDEO", exact=True)).to_be_visible()

    with page.expect_popup() as opened:
        filter_group.get_by_role("link", name="KalturaMediaEntryFilter", exact=True).click()
    expect(opened.value.get_by_role("heading", level=1)).to_have_text("KalturaMediaEntryFilter")
    expect(page.get_by_label("Select action")).to_have_value("list")  # the console stays


def test_alt_shift_d_in_a_field_opens_its_type_docs_by_keyboard(
    page: Page, console_url: str
) -> None:
    filter_group = media_list_filter(page, console_url)
    media_type = labelled(filter_group, "mediaTypeEqual")
    media_type.focus()
    with page.expect_popup() as opened:
        page.keyboard.press("Alt+Shift+D")
    expect(opened.value.get_by_role("heading", level=1)).to_contain_text("KalturaMediaType")
    expect(media_type).to_be_focused()  # the console keeps its place

    pages = len(page.context.pages)
    labelled(filter_group, "idEqual").focus()  # a plain string: no page to open, nothing happens
    page.keyboard.press("Alt+Shift+D")
    expect(labelled(filter_group, "idEqual")).to_be_focused()
    assert len(page.context.pages) == pages
