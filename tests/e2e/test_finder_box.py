"""The top bar's finder as a person uses it: by keyboard, from the console and the docs."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import FakeKaltura
from tests.e2e.console_page import Console

pytestmark = pytest.mark.browser


def finder(page: Page) -> Locator:
    return page.get_by_role("combobox", name="Find")


def option(page: Page, label: str) -> Locator:
    return page.get_by_role("listbox", name="Found").get_by_role(
        "option", name=re.compile(rf"^{re.escape(label)} ")
    )


def test_ctrl_k_then_arrow_and_enter_opens_the_action_in_the_console(
    page: Page, console_url: str, fake: FakeKaltura
) -> None:
    Console(page, console_url).open()
    page.keyboard.press("Control+k")
    expect(finder(page)).to_be_focused()
    page.keyboard.type("searchEntry")
    expect(option(page, "elasticsearch_esearch.searchEntry")).to_be_visible()
    expect(finder(page)).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    first = option(page, "elasticsearch_esearch.searchEntry")
    expect(first).to_have_attribute("aria-selected", "true")
    expect(finder(page)).to_have_attribute("aria-activedescendant", first.get_attribute("id") or "")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"service=elasticsearch_esearch&action=searchEntry"))
    expect(page.get_by_label("Select action")).to_have_value("searchEntry")


def test_slash_focuses_the_finder_but_not_from_a_field(
    page: Page, console_url: str, fake: FakeKaltura
) -> None:
    console = Console(page, console_url).open()
    console.ks_field.click()
    page.keyboard.type("a/b")
    expect(console.ks_field).to_have_value("a/b")
    expect(finder(page)).not_to_be_focused()
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("/")
    expect(finder(page)).to_be_focused()
    expect(finder(page)).to_have_value("")


def test_a_class_opens_its_docs_page_and_escape_closes_the_list(
    page: Page, console_url: str, fake: FakeKaltura
) -> None:
    page.goto(console_url + "/api_v3/testmeDoc/")
    page.keyboard.press("Control+k")
    page.keyboard.type("mediaentryfilter")
    listed = option(page, "KalturaMediaEntryFilter")
    expect(listed).to_be_visible()
    page.keyboard.press("Escape")
    expect(listed).to_be_hidden()
    expect(finder(page)).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("ArrowDown")  # opens the list again on the first option
    expect(listed).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/api_v3/testmeDoc/\?object=KalturaMediaEntryFilter#"))
    expect(page.get_by_role("heading", level=1)).to_have_text("KalturaMediaEntryFilter")
