"""End to end in Chromium: the default set-up (console + embedded sandbox) and the README's
"first five minutes" — a session started with the secret the page shows (the partnerId already
in the Configuration group), a media entry added, a file uploaded and attached, media.list
showing the entry."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.console_page import Console, labelled
from tests.sandbox.conftest import serve

pytestmark = pytest.mark.browser

KS_PATTERN = re.compile(r"djJ8[A-Za-z0-9_\-]+=*")


@pytest.fixture(scope="module")
def console_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from app.settings import Settings
    from app.web.app import create_app

    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("console")))
    url, server, thread = serve(app, lifespan="on")
    yield url
    server.should_exit = True
    thread.join(timeout=10)


def first(tag: str, text: str) -> str:
    found = re.search(rf"<{tag}>([^<]+)</{tag}>", text)
    assert found, f"no <{tag}> in {text}"
    return found.group(1)


def test_first_five_minutes_in_the_browser(page: Page, console_url: str, tmp_path: Path) -> None:
    console = Console(page, console_url).open()
    credentials = page.get_by_role("complementary", name="Sandbox credentials")
    partner_id = credentials.locator("dd").nth(0).inner_text().strip()
    secret = credentials.locator("dd").nth(1).inner_text().strip()
    expect(labelled(console.configuration, "partnerId")).to_have_value(partner_id)

    console.choose("session", "start")
    labelled(console.parameters, "secret").fill(secret)
    labelled(console.parameters, "type").select_option("2")
    started = console.send().inner_text()
    found = KS_PATTERN.search(started)
    assert found, started
    expect(console.ks_field).to_have_value(found.group(0))

    console.choose("media", "add")
    entry = console.group("entry")
    console.choose_type(entry, "KalturaMediaEntry")
    labelled(entry, "name").fill("my first browser entry")
    labelled(entry, "mediaType").select_option("1")
    added = console.send().inner_text()
    assert "my first browser entry" in added, added
    entry_id = first("id", added)

    console.choose("uploadToken", "add")
    token_id = first("id", console.send().inner_text())

    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 8)
    console.choose("uploadToken", "upload")
    labelled(console.parameters, "uploadTokenId").fill(token_id)
    labelled(console.parameters, "fileData").set_input_files(str(clip))
    uploaded = console.send().inner_text()
    assert f"<uploadedFileSize>{clip.stat().st_size}" in uploaded, uploaded

    console.choose("media", "addContent")
    labelled(console.parameters, "entryId").fill(entry_id)
    resource = console.group("resource")
    console.choose_type(resource, "KalturaUploadedFileTokenResource")
    labelled(resource, "token").fill(token_id)
    attached = console.send().inner_text()
    assert "<status>2</status>" in attached, attached  # READY

    console.choose("media", "list")
    listed = console.send().inner_text()
    assert "my first browser entry" in listed, listed
    assert entry_id in listed


def test_request_sent_shows_a_callable_address_and_the_upload_token(
    page: Page, console_url: str
) -> None:
    """What "Request sent" shows can be called as is: the console's own address (where the
    sandbox answers) and the upload token's id, which is not a secret."""
    console = Console(page, console_url).open()
    console.choose("media", "addContent")
    labelled(console.parameters, "entryId").fill("0_nosuch")
    resource = console.group("resource")
    console.choose_type(resource, "KalturaUploadedFileTokenResource")
    labelled(resource, "token").fill("1_uploadtokenid")
    console.send()
    console.result.get_by_text("Request sent").click()
    sent = console.result.locator("details.sent")
    expect(sent).to_contain_text(f"POST {console_url}/api_v3/service/media/action/addContent")
    expect(sent).to_contain_text('"token": "1_uploadtokenid"')


def test_a_secret_is_typed_hidden_and_shown_on_request(page: Page, console_url: str) -> None:
    console = Console(page, console_url).open()
    console.choose("session", "start")
    secret = labelled(console.parameters, "secret")
    expect(secret).to_have_attribute("type", "password")
    secret.fill("typed secret")
    secret.press("Tab")  # the Show button follows its input
    show = console.parameters.get_by_role("button", name="Show secret")
    expect(show).to_be_focused()
    page.keyboard.press("Space")
    expect(show).to_have_attribute("aria-pressed", "true")
    expect(secret).to_have_attribute("type", "text")
    expect(secret).to_have_value("typed secret")
    show.click()
    expect(show).to_have_attribute("aria-pressed", "false")
    expect(secret).to_have_attribute("type", "password")


def test_user_add_says_beside_password_what_the_login_is_and_it_works(
    page: Page, console_url: str
) -> None:
    """The new user's trap: user.add with a password, then user.loginByLoginId. The form says
    beside `password` that it makes the login and that the loginId is the email; following it
    logs in."""
    console = Console(page, console_url).open()
    credentials = page.get_by_role("complementary", name="Sandbox credentials")
    secret = credentials.locator("dd").nth(1).inner_text().strip()
    console.choose("session", "start")
    labelled(console.parameters, "secret").fill(secret)
    labelled(console.parameters, "type").select_option("2")
    console.send()

    user = console.choose_object("user", "add", "user", "KalturaUser")
    password = labelled(user, "password")
    expect(password).to_have_accessible_description(re.compile("loginEnabled or not"))
    expect(password).to_have_accessible_description(re.compile("email as loginId"))
    labelled(user, "id").fill("browser-user")
    labelled(user, "email").fill("browser-user@example.com")
    password.fill("Br0wser-pass")
    added = console.send().inner_text()
    assert "<loginEnabled>1</loginEnabled>" in added, added

    console.choose("user", "loginByLoginId")
    labelled(console.parameters, "loginId").fill("browser-user@example.com")
    labelled(console.parameters, "password").fill("Br0wser-pass")
    assert KS_PATTERN.search(console.send().inner_text())
