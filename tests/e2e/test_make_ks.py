"""Make a KS as a person uses it, in sandbox mode: the dialog opens from Configuration with the
sandbox partner and its admin secret filled in; privileges are ticked and given values; the
KS made lands in the ks field with its reading in the inspector, the sandbox takes it for
media.list, and the secret reaches neither the address bar nor History. A bad secret is said
beside it and loses nothing typed; Escape closes the dialog and focus returns to its button."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page, expect

from app.settings import Settings
from app.web.app import create_app
from tests.e2e.console_page import Console
from tests.e2e.test_ks_inspector import inspect, inspector, sandbox_secret
from tests.sandbox.conftest import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sandbox_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("make-ks")))
    url, server, thread = serve(app, lifespan="on")
    yield url
    server.should_exit = True
    thread.join(timeout=10)


def open_dialog(console: Console) -> Locator:
    console.configuration.get_by_role("button", name="Make a KS").click()
    dialog = console.page.get_by_role("dialog", name="Make a KS")
    expect(dialog).to_be_visible()
    return dialog


def test_make_a_ks_see_it_inspected_and_send_media_list_with_it(
    page: Page, sandbox_url: str
) -> None:
    console = Console(page, sandbox_url).open()
    partner, admin_secret = sandbox_secret(page)
    dialog = open_dialog(console)
    secret = dialog.get_by_label("Secret (admin or user)")
    expect(secret).to_have_attribute("type", "password")
    expect(secret).to_have_value(admin_secret)
    expect(dialog.get_by_label("Partner id", exact=True)).to_have_value(partner)
    expect(dialog.get_by_label("Type")).to_have_value("2")
    dialog.get_by_role("button", name="Show the secret").click()
    expect(secret).to_have_attribute("type", "text")
    dialog.get_by_label("User", exact=True).fill("maker")
    dialog.get_by_label("Expiry (seconds from now)").fill("3600")
    dialog.get_by_role("checkbox", name="sview").check()
    dialog.get_by_label("sview value: entry id").fill("0_abc")
    dialog.get_by_role("checkbox", name="disableentitlement", exact=True).check()
    expect(dialog.get_by_text("Entitlement is not enforced: every entry is seen.")).to_be_visible()
    dialog.get_by_label("More privileges (free text)").fill("setrole:7")

    with console.swap("/ks/make"):
        dialog.get_by_role("button", name="Make it into ks").click()
    expect(dialog).to_be_hidden()
    expect(console.configuration.get_by_role("button", name="Make a KS")).to_be_focused()
    expect(console.ks_field).to_have_value(re.compile(r"^djJ8"))
    own = inspector(console).get_by_role("region", name="Read from the KS itself")
    expect(own).to_contain_text("v2, no call")
    expect(own.get_by_role("listitem")).to_have_text(
        ["sview:0_abc", "disableentitlement", "setrole:7"]
    )
    expect(own.get_by_role("definition").filter(has_text="maker")).to_have_count(1)

    with console.swap("/ks/inspect"):
        server_view = inspect(console).get_by_role("region", name="From the server")
    expect(server_view).to_contain_text("ADMIN")
    expect(server_view.get_by_role("definition").filter(has_text="maker")).to_have_count(1)

    console.choose("media", "list")
    result = console.send()
    expect(result).to_contain_text("KalturaMediaListResponse")
    expect(result).not_to_contain_text("INVALID_KS")
    assert admin_secret not in page.url
    assert admin_secret not in page.evaluate("() => JSON.stringify(localStorage)")


def test_a_bad_secret_is_said_beside_it_and_nothing_typed_is_lost(
    page: Page, sandbox_url: str
) -> None:
    console = Console(page, sandbox_url).open()
    dialog = open_dialog(console)
    dialog.get_by_label("Secret (admin or user)").fill("not-a-secret")
    dialog.get_by_label("User", exact=True).fill("keep-me")
    dialog.get_by_role("checkbox", name="actionslimit").check()
    dialog.get_by_label("actionslimit value: number of calls").fill("2")
    dialog.get_by_label("Version").select_option("1")

    with console.swap("/ks/make"):
        dialog.get_by_role("button", name="Make it into ks").click()
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("alert")).to_contain_text("No KS was made")
    secret = dialog.get_by_label("Secret (admin or user)")
    expect(secret).to_have_accessible_description(
        re.compile("32 hexadecimal characters .* this one has 12 characters, not all hex")
    )
    expect(secret).to_be_focused()  # the first field to change
    expect(secret).to_have_value("not-a-secret")
    expect(dialog.get_by_label("User", exact=True)).to_have_value("keep-me")
    expect(dialog.get_by_role("checkbox", name="actionslimit")).to_be_checked()
    expect(dialog.get_by_label("actionslimit value: number of calls")).to_have_value("2")
    expect(dialog.get_by_label("Version")).to_have_value("1")
    expect(console.ks_field).to_have_value("")


def test_by_keyboard_escape_closes_the_dialog_and_focus_returns_to_its_button(
    page: Page, sandbox_url: str
) -> None:
    console = Console(page, sandbox_url).open()
    opener = console.configuration.get_by_role("button", name="Make a KS")
    opener.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Make a KS")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Secret (admin or user)")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()
