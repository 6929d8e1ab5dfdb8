"""Shareable links: the address follows the form, nested values included, so a reload,
Back/Forward and a pasted link reopen it; Share copies it; a secret or KS never enters it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import FakeKaltura
from tests.e2e.console_page import CONSOLE_PATH, Console, labelled
from tests.e2e.test_null_and_empty import switch
from tests.e2e.wire import EMPTY_MEDIA_LIST

pytestmark = pytest.mark.browser

SECRET = "s3cret-never-in-a-link-41"
KS = "djJ8KS-never-in-a-link-41"


def test_the_address_follows_a_nested_form_and_a_reload_restores_it(
    console: Console, fake: FakeKaltura
) -> None:
    fake.answer("media", "list", EMPTY_MEDIA_LIST)
    media_filter = console.choose_object("media", "list", "filter", "KalturaMediaEntryFilter")
    labelled(media_filter, "nameLike").fill("sea")
    labelled(media_filter, "mediaTypeEqual").select_option("1")
    switch(console.object_type(console.group("pager")), "null").click()
    expect(console.page).to_have_url(
        re.compile(
            r"\?service=media&action=list&filter:objectType=KalturaMediaEntryFilter"
            r"&filter:nameLike=sea&filter:mediaTypeEqual=1&pager__null=1$"
        )
    )

    console.page.reload()
    media_filter = console.group("filter")
    expect(console.object_type(media_filter)).to_have_value("KalturaMediaEntryFilter")
    expect(labelled(media_filter, "nameLike")).to_have_value("sea")
    expect(labelled(media_filter, "mediaTypeEqual")).to_have_value("1")
    pager_type = console.object_type(console.group("pager"))
    expect(switch(pager_type, "null")).to_have_attribute("aria-pressed", "true")
    expect(pager_type).to_be_disabled()
    console.send()
    sent = fake.calls("media", "list")[0].json
    assert sent["filter"] == {
        "objectType": "KalturaMediaEntryFilter",
        "nameLike": "sea",
        "mediaTypeEqual": "1",
    }
    assert sent["pager__null"] == ""


def test_back_and_forward_reopen_each_form(console: Console) -> None:
    console.choose("media", "get")
    labelled(console.parameters, "entryId").fill("0_first")
    expect(console.page).to_have_url(re.compile(r"entryId=0_first$"))
    with console.swap("/actions"):
        console.page.get_by_label("Select service").select_option("baseentry")
    expect(console.page).to_have_url(re.compile(r"\?service=baseentry$"))  # an entry of its own…
    with console.swap("/params"):
        console.page.get_by_label("Select action").select_option("get")  # …that the action takes
    labelled(console.parameters, "entryId").fill("0_second")
    expect(console.page).to_have_url(re.compile(r"service=baseentry&action=get&entryId=0_second$"))

    # Each step is a popstate that reloads the page (address.js): the next waits for that load,
    # as a person waits for the page, rather than stepping while the last is still loading.
    with console.page.expect_navigation():
        console.page.go_back()
    expect(console.page.get_by_label("Select service")).to_have_value("media")
    expect(labelled(console.parameters, "entryId")).to_have_value("0_first")
    with console.page.expect_navigation():
        console.page.go_forward()
    expect(console.page.get_by_label("Select service")).to_have_value("baseentry")
    expect(labelled(console.parameters, "entryId")).to_have_value("0_second")


def test_a_pasted_link_with_junk_restores_the_rest_and_lists_what_it_dropped(
    page: Page, console_url: str
) -> None:
    junk = (
        f"?service=session&action=start&secret={SECRET}&partnerId=notanumber&userId=kept"
        f"&expiry=60&nosuch=1&config.ks={KS}&config.clientTag=shared"
    )
    page.goto(console_url + CONSOLE_PATH + junk)
    console = Console(page, console_url)
    expect(labelled(console.parameters, "userId")).to_have_value("kept")
    expect(labelled(console.parameters, "expiry")).to_have_value("60")
    expect(labelled(console.configuration, "clientTag")).to_have_value("shared")
    expect(labelled(console.parameters, "secret")).to_have_value("")
    expect(console.ks_field).to_have_value("")
    dropped = page.get_by_role("alert").filter(has_text="This link held values the form left out")
    for name in ("secret", "partnerId", "nosuch", "config.ks"):
        expect(dropped.get_by_text(name, exact=True)).to_be_visible()
    # the address bar now holds what was restored, not the junk or the secret
    expect(page).to_have_url(re.compile(r"userId=kept&expiry=60&config\.clientTag=shared$"))
    assert SECRET not in page.url and KS not in page.url


def test_no_secret_or_ks_enters_the_address_or_the_history(
    console: Console, fake: FakeKaltura
) -> None:
    console.page.evaluate("localStorage.clear()")
    console.ks_field.fill(KS)
    console.choose("session", "start")
    labelled(console.parameters, "secret").fill(SECRET)
    console.page.get_by_role("button", name="Show secret").click()  # shown, still a secret
    labelled(console.parameters, "partnerId").fill("99")
    expect(console.page).to_have_url(re.compile(r"partnerId=99$"))
    console.choose_object("user", "add", "user", "KalturaUser")
    labelled(console.group("user"), "password").fill(SECRET)
    labelled(console.group("user"), "id").fill("u1")
    expect(console.page).to_have_url(re.compile(r"user:id=u1$"))
    console.send()
    stored = console.page.evaluate("JSON.stringify(localStorage)")
    assert "user:id=u1" in stored
    for value in (SECRET, KS):
        assert value not in console.page.url and value not in stored
    console.page.get_by_role("button", name="Share").click()
    expect(console.page.get_by_role("textbox", name="Link to this form")).to_have_value(
        console.page.url
    )
    assert SECRET not in console.page.url


def test_share_copies_the_link_of_the_form(console: Console) -> None:
    context = console.page.context
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        console.choose("media", "get")
        labelled(console.parameters, "entryId").fill("0_shared")
        console.page.get_by_role("button", name="Share").click()
        copied_note = console.page.get_by_role("status").filter(has_text="Link copied.")
        expect(copied_note).to_be_visible()  # a polite note, not the alert beside Send
        expect(console.page.get_by_role("alert").filter(has_text="Link copied.")).to_have_count(0)
        copied = console.page.evaluate("navigator.clipboard.readText()")
    finally:
        context.clear_permissions()
    assert copied == console.page.url
    assert copied.endswith("?service=media&action=get&entryId=0_shared")


def test_a_form_too_long_for_a_link_keeps_an_address_that_opens_and_share_says_why(
    console: Console,
) -> None:
    console.choose("media", "get")
    labelled(console.parameters, "entryId").fill("0_" + "x" * 9000)
    expect(console.page).to_have_url(re.compile(r"\?service=media&action=get$"))
    console.page.get_by_role("button", name="Share").click()
    note = console.page.get_by_role("status").filter(has_text="Not shared")
    expect(note).to_contain_text("a link of 9 KB, past what servers accept")
    expect(console.page.get_by_label("Link to this form")).to_be_hidden()

    console.page.reload()  # the address still opens: the call, without the long value
    expect(console.page.get_by_label("Select action")).to_have_value("get")
    labelled(console.parameters, "entryId").fill("0_short")
    expect(console.page).to_have_url(re.compile(r"entryId=0_short$"))
