"""Import: a person pastes a call copied elsewhere and the console's form fills with it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, expect

from tests.e2e.conftest import FakeKaltura
from tests.e2e.console_page import Console, labelled
from tests.e2e.wire import EMPTY_MEDIA_LIST

pytestmark = pytest.mark.browser

KS = "djJ8MTAyfGtzLWZyb20tYS1wYXN0ZQ=="
# As a browser's "Copy as cURL (bash)" writes it: headers, $'…', curl's own options.
CURL = (
    "curl 'https://www.kaltura.com/api_v3/service/media/action/list' \\\n"
    "  -H 'accept: */*' \\\n"
    "  -H 'content-type: application/json' \\\n"
    f'  --data-raw $\'{{"ks":"{KS}","format":1,"filter":{{"objectType":'
    '"KalturaMediaEntryFilter","nameLike":"it\\\'s"},"kalsig":"abc"}\' \\\n'
    "  --compressed"
)
GARBAGE = "please import the call I made yesterday"


def dialog(console: Console) -> Locator:
    return console.page.get_by_role("dialog", name="Import")


def open_import(console: Console) -> Locator:
    console.page.get_by_role("button", name="Import", exact=True).click()
    expect(dialog(console)).to_be_visible()
    return dialog(console)


def test_a_pasted_curl_fills_the_form_and_the_ks_field(console: Console, fake: FakeKaltura) -> None:
    box = open_import(console)
    box.get_by_role("textbox").fill(CURL)
    box.get_by_role("button", name="Fill the form").click()

    page = console.page
    expect(page).to_have_url(re.compile(r"\?service=media&action=list&filter:objectType="))
    assert KS not in page.url
    expect(page.get_by_label("Select service")).to_have_value("media")
    expect(page.get_by_label("Select action")).to_have_value("list")
    expect(labelled(console.group("filter"), "nameLike")).to_have_value("it's")
    expect(console.ks_field).to_have_value(KS)
    expect(labelled(console.configuration, "format")).to_have_value("1")
    report = page.locator("#import-report")
    expect(report).to_contain_text("Imported media.list; not placed:")
    expect(report.get_by_role("listitem")).to_have_text(
        [
            "--compressed: curl's own options: how it connects, not the call",
            "accept: headers: the console sends its own",
            re.compile(r"^kalsig: not a parameter of media\.list"),
        ]
    )
    expect(report).to_be_focused()

    fake.answer("media", "list", EMPTY_MEDIA_LIST)
    console.send()
    sent = fake.calls("media", "list")[-1].json
    assert sent["ks"] == KS
    assert sent["filter"] == {"objectType": "KalturaMediaEntryFilter", "nameLike": "it's"}

    page.go_back()  # the import was a new History entry: Back is the console before it
    expect(page.get_by_label("Select service")).to_have_value("")


def test_a_paste_that_is_no_call_keeps_its_text_and_says_why(console: Console) -> None:
    box = open_import(console)
    box.get_by_role("textbox").fill(GARBAGE)
    box.get_by_role("button", name="Fill the form").click()
    expect(box.get_by_role("alert")).to_contain_text("This is not a request testme reads.")
    expect(box).to_be_visible()
    expect(box.get_by_role("textbox")).to_have_value(GARBAGE)
    expect(console.page.get_by_label("Select service")).to_have_value("")


def test_import_by_keyboard_alone(console: Console) -> None:
    page = console.page
    page.get_by_role("button", name="Share").focus()
    page.keyboard.press("Tab")
    importer = page.get_by_role("button", name="Import", exact=True)
    expect(importer).to_be_focused()
    page.keyboard.press("Enter")
    text = dialog(console).get_by_role("textbox")
    expect(text).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog(console)).to_be_hidden()
    expect(importer).to_be_focused()

    page.keyboard.press("Enter")
    expect(text).to_be_focused()
    page.keyboard.insert_text("https://www.kaltura.com/api_v3/service/media/action/get?entryId=0_k")
    page.keyboard.press("Control+Enter")
    expect(page).to_have_url(re.compile(r"\?service=media&action=get&entryId=0_k$"))
    expect(labelled(console.parameters, "entryId")).to_have_value("0_k")
    expect(page.locator("#import-report")).to_be_focused()
    expect(page.locator("#import-report")).to_contain_text("everything was placed")
