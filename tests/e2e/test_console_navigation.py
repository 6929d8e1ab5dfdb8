"""Reload and Back reopen the chosen action whole: the address follows the service, action and
values (never a secret), and the browser does not refill selects whose options htmx fetched."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.console_page import Console, labelled

pytestmark = pytest.mark.browser


def assert_media_get_is_whole(console: Console) -> None:
    expect(console.page).to_have_url(
        re.compile(r"/api_v3/testme/\?service=media&action=get&entryId=0_typed$")
    )
    expect(console.page.get_by_label("Select service")).to_have_value("media")
    action = console.page.get_by_label("Select action")
    expect(action).to_have_value("get")
    expect(action.locator("option[value=list]")).to_have_count(1)
    expect(labelled(console.parameters, "entryId")).to_have_value("0_typed")


def test_reload_and_back_reopen_the_chosen_action(console: Console) -> None:
    console.choose("media", "get")
    labelled(console.parameters, "entryId").fill("0_typed")
    assert_media_get_is_whole(console)

    console.page.reload()
    assert_media_get_is_whole(console)

    console.page.get_by_role("link", name="API Documentation").click()
    expect(console.page).to_have_url(re.compile("/api_v3/testmeDoc/"))
    console.page.go_back()
    assert_media_get_is_whole(console)


def test_a_new_service_drops_the_action_from_the_address(console: Console) -> None:
    console.choose("media", "get")
    with console.swap("/actions"):
        console.page.get_by_label("Select service").select_option("category")
    expect(console.page).to_have_url(re.compile(r"\?service=category$"))
    console.page.reload()
    expect(console.page.get_by_label("Select service")).to_have_value("category")
    expect(console.page.get_by_label("Select action")).to_have_value("")
