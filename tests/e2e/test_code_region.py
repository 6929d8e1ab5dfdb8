"""The Code region: the form as code in every language, following the form without sending,
secrets kept out unless switched in, tabs by keyboard, Copy."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.e2e.conftest import FakeKaltura
from tests.e2e.console_page import Console, labelled

pytestmark = pytest.mark.browser

KS = "djJ8NDJ8c2Vzc2lvbi1vZi1hbm4"
SECRET = "s3cr3t-of-the-partner"


def code(page: Page) -> Locator:
    return page.get_by_role("region", name="Code")


def shown(page: Page) -> Locator:
    """The visible sample (hidden panels are not in the accessibility tree)."""
    return code(page).get_by_role("tabpanel")


def test_the_code_region_follows_the_form_and_sends_nothing(
    console: Console, fake: FakeKaltura
) -> None:
    region = code(console.page)
    expect(region).to_contain_text("Choose a service and an action.")
    media_filter = console.choose_object("media", "list", "filter", "KalturaMediaEntryFilter")
    expect(region.get_by_role("tab")).to_have_text(
        ["curl", "Python", "PHP", "JavaScript", "Java", "Ruby", "HTTP"]
    )
    labelled(media_filter, "nameLike").fill("holiday")
    labelled(media_filter, "mediaTypeEqual").select_option("1")
    region.get_by_role("tab", name="Python").click()
    expect(shown(console.page)).to_contain_text('nameLike="holiday"')
    expect(shown(console.page)).to_contain_text("mediaTypeEqual=KalturaMediaType.VIDEO")
    expect(shown(console.page)).to_contain_text("client.media.list(")

    labelled(media_filter, "nameLike").fill("beach")
    expect(shown(console.page)).to_contain_text('nameLike="beach"')
    expect(region.get_by_role("tab", name="Python")).to_have_attribute("aria-selected", "true")

    region.get_by_role("tab", name="curl").click()
    expect(shown(console.page)).to_contain_text("/api_v3/service/media/action/list")
    assert fake.received == []


def test_tabs_move_by_keyboard(console: Console) -> None:
    console.choose("system", "ping")
    region = code(console.page)
    curl = region.get_by_role("tab", name="curl")
    curl.focus()
    console.page.keyboard.press("ArrowRight")
    python = region.get_by_role("tab", name="Python")
    expect(python).to_be_focused()
    expect(python).to_have_attribute("aria-selected", "true")
    expect(shown(console.page)).to_contain_text("client.system.ping()")
    console.page.keyboard.press("End")
    expect(region.get_by_role("tab", name="HTTP")).to_be_focused()
    expect(shown(console.page)).to_contain_text("POST /api_v3/service/system/action/ping HTTP/1.1")
    console.page.keyboard.press("ArrowRight")  # wraps to the first
    expect(curl).to_be_focused()
    expect(curl).to_have_attribute("tabindex", "0")
    expect(python).to_have_attribute("tabindex", "-1")


def test_secrets_stay_out_of_samples_unless_switched_in(
    console: Console, fake: FakeKaltura
) -> None:
    console.ks_field.fill(KS)
    console.choose("session", "start")
    labelled(console.parameters, "secret").fill(SECRET)
    region = code(console.page)
    expect(shown(console.page)).to_contain_text('"$KALTURA_SECRET"')
    expect(shown(console.page)).to_contain_text('"$KALTURA_KS"')
    region.get_by_role("tab", name="Python").click()
    expect(shown(console.page)).to_contain_text('os.environ.get("KALTURA_SECRET") or sys.exit(')
    expect(region).not_to_contain_text(SECRET)
    expect(region).not_to_contain_text(KS)

    region.get_by_role("switch", name="Include secrets").check()
    expect(shown(console.page)).to_contain_text(f'secret="{SECRET}"')
    expect(shown(console.page)).to_contain_text(f'client.setKs("{KS}")')
    region.get_by_role("switch", name="Include secrets").uncheck()
    expect(region).not_to_contain_text(SECRET)
    assert fake.received == []


# Records the size of every file each XHR's FormData carries (Chromium does not show a
# request's Blob parts to Playwright).
WATCH_FILES = """() => {
  window.__fileSizes = [];
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (body) {
    if (body instanceof FormData) {
      body.forEach((value) => { if (value instanceof File) window.__fileSizes.push(value.size); });
    }
    return send.call(this, body);
  };
}"""


def test_a_file_is_named_in_the_sample_and_never_uploaded_for_it(console: Console) -> None:
    console.choose("uploadtoken", "upload")
    console.page.evaluate(WATCH_FILES)
    console.parameters.get_by_label("fileData").set_input_files(
        files=[{"name": "clip.mp4", "mimeType": "video/mp4", "buffer": b"MOVIE-BYTES" * 100}]
    )
    expect(shown(console.page)).to_contain_text('fileData=@"clip.mp4"')
    sizes = console.page.evaluate("() => window.__fileSizes")
    assert sizes and set(sizes) == {0}


def test_copy_puts_the_shown_sample_on_the_clipboard(
    console: Console, shared_context: BrowserContext, console_url: str
) -> None:
    shared_context.grant_permissions(["clipboard-read", "clipboard-write"], origin=console_url)
    console.choose("system", "ping")
    region = code(console.page)
    region.get_by_role("tab", name="HTTP").click()
    region.get_by_role("button", name="Copy").click()
    expect(region.get_by_role("status")).to_have_text("Copied.")
    copied = console.page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith("POST /api_v3/service/system/action/ping HTTP/1.1")
    assert copied == shown(console.page).locator("code").inner_text()


def test_a_null_switch_is_followed_too(console: Console) -> None:
    console.choose("session", "start")
    code(console.page).get_by_role("tab", name="Python").click()
    expect(shown(console.page)).not_to_contain_text("privileges=None")
    privileges = labelled(console.parameters, "privileges")
    privileges.locator("xpath=..").get_by_role("button", name="null", exact=True).click()
    expect(shown(console.page)).to_contain_text("privileges=None")


def test_session_start_reads_no_ks_in_any_language_and_ruby_has_its_tab(
    console: Console, shared_context: BrowserContext, console_url: str
) -> None:
    """A new user's KS field still holds one; session.start makes a new one and needs none."""
    shared_context.grant_permissions(["clipboard-read", "clipboard-write"], origin=console_url)
    console.ks_field.fill(KS)
    console.choose("session", "start")
    labelled(console.parameters, "secret").fill(SECRET)
    region = code(console.page)
    for name in ("Python", "PHP", "JavaScript", "Java", "Ruby"):
        region.get_by_role("tab", name=name, exact=True).click()
        expect(shown(console.page)).to_contain_text("KALTURA_SECRET")
        expect(shown(console.page)).not_to_contain_text("KALTURA_KS")
    expect(shown(console.page)).to_contain_text("client.session_service.start(secret)")
    region.get_by_role("tab", name="Java", exact=True).focus()
    console.page.keyboard.press("ArrowRight")
    ruby = region.get_by_role("tab", name="Ruby")
    expect(ruby).to_be_focused()
    expect(ruby).to_have_attribute("aria-selected", "true")
    region.get_by_role("button", name="Copy").click()
    copied = console.page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith("require 'kaltura'\n")
    assert copied == shown(console.page).locator("code").inner_text()
