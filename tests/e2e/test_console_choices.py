"""Choosing an action, and sending before one is chosen: switching action keeps what was typed
for the parameters the new action shares (never through a URL), and Send with no action says
what to choose instead of sending."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Request, expect

from tests.e2e.conftest import FakeKaltura
from tests.e2e.console_page import Console, labelled
from tests.e2e.test_multirequest import choose_multirequest

pytestmark = pytest.mark.browser

PASSWORD = "pw-never-in-a-url-7f3a"


def switch_action(console: Console, action: str, scope: Locator | None = None) -> None:
    with console.swap("/params"):
        (scope or console.page).get_by_label("Select action").select_option(action)


def test_switching_action_keeps_the_values_of_shared_parameters(console: Console) -> None:
    urls: list[str] = []

    def record(request: Request) -> None:
        urls.append(request.url)

    console.page.on("request", record)
    console.choose("user", "loginByLoginId")
    labelled(console.parameters, "loginId").fill("qa@example.com")
    labelled(console.parameters, "password").fill(PASSWORD)
    switch_action(console, "updateLoginData")
    expect(labelled(console.parameters, "password")).to_have_value(PASSWORD)
    expect(labelled(console.parameters, "oldLoginId")).to_have_value("")

    with console.swap("/actions"):
        console.page.get_by_label("Select service").select_option("media")
    switch_action(console, "get")
    labelled(console.parameters, "entryId").fill("0_keep")
    labelled(console.parameters, "version").fill("2")
    switch_action(console, "delete")
    expect(labelled(console.parameters, "entryId")).to_have_value("0_keep")
    expect(labelled(console.parameters, "version")).to_have_count(0)
    console.page.remove_listener("request", record)

    assert any(url.endswith("/api_v3/testme/params") for url in urls)
    assert [url for url in urls if PASSWORD in url or "0_keep" in url] == []


def test_switching_action_in_a_sub_request_keeps_its_values(console: Console) -> None:
    choose_multirequest(console)
    console.add_request()
    first, second = console.request(1), console.request(2)
    console.choose("media", "get", first)
    labelled(first, "entryId").fill("0_first")
    console.choose("media", "get", second)
    labelled(second, "entryId").fill("{1:result:id}")
    switch_action(console, "delete", second)
    expect(labelled(second, "entryId")).to_have_value("{1:result:id}")
    expect(labelled(first, "entryId")).to_have_value("0_first")


def test_send_without_an_action_says_to_choose_one_and_keeps_the_form(
    console: Console, fake: FakeKaltura
) -> None:
    labelled(console.configuration, "partnerId").fill("4242")
    with console.swap("/actions"):
        console.page.get_by_label("Select service").select_option("media")
    result = console.send()

    expect(result.get_by_role("alert")).to_have_text("Choose a service and an action.")
    expect(console.page.get_by_label("Select service")).to_have_value("media")
    expect(labelled(console.configuration, "partnerId")).to_have_value("4242")
    assert fake.received == []
