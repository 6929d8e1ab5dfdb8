"""With the embedded sandbox, a person lists media, opens an entry's id in the Result and follows
it: media.get opens filled, "Use in the form" puts it in the field of the form that takes an
entry, and all of it by keyboard alone (an answer's ids are one Tab stop, ArrowDown and ArrowUp
move between them; Enter or Space opens the menu, arrows and Tab move in it, Escape closes it
and gives the focus back to the id)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import SANDBOX_SECRET, known_sandbox, sandbox_api
from tests.e2e.console_page import Console, labelled

pytestmark = pytest.mark.browser

PARTNER = 4343


@pytest.fixture(scope="module")
def sandbox_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with known_sandbox(tmp_path_factory.mktemp("follow"), PARTNER) as url:
        yield url


@pytest.fixture(scope="module")
def entry(sandbox_url: str) -> tuple[str, str]:
    """(ks, id) of a media entry the sandbox holds."""
    ks = sandbox_api(
        sandbox_url, "session", "start", secret=SANDBOX_SECRET, partnerId=PARTNER, type=2
    )
    added = sandbox_api(
        sandbox_url,
        "media",
        "add",
        ks=ks,
        entry={"objectType": "KalturaMediaEntry", "name": "Cléo", "mediaType": 1},
    )
    assert isinstance(ks, str) and isinstance(added, dict)
    return ks, str(added["id"])


def listed(page: Page, url: str, ks: str, answer_format: str) -> Console:
    """The console after media.list was sent, in `answer_format` (1 JSON, 2 XML)."""
    console = Console(page, url).open()
    console.ks_field.fill(ks)
    labelled(console.configuration, "format").select_option(answer_format)
    console.choose("media", "list")
    console.send()
    return console


def id_button(console: Console, entry_id: str) -> Locator:
    return console.result.get_by_role("button", name=entry_id, exact=True).first


@pytest.mark.parametrize("answer_format", ["1", "2"], ids=["json", "xml"])
def test_choosing_media_get_on_an_id_opens_its_form_filled(
    page: Page, sandbox_url: str, entry: tuple[str, str], answer_format: str
) -> None:
    ks, entry_id = entry
    console = listed(page, sandbox_url, ks, answer_format)
    id_button(console, entry_id).click()
    menu = page.get_by_role("menu")
    expect(menu.get_by_role("menuitem", name="flavorAsset.list", exact=True)).to_be_visible()
    menu.get_by_role("menuitem", name="media.get", exact=True).click()

    expect(page).to_have_url(re.compile(r"service=media&action=get&entryId=" + entry_id))
    expect(page.get_by_label("Select action")).to_have_value("get")
    expect(labelled(console.configuration, "format")).to_have_value(answer_format)  # kept
    expect(labelled(console.parameters, "entryId")).to_have_value(entry_id)
    expect(console.send()).to_contain_text('"name": "Cléo"' if answer_format == "1" else "Cléo")


def test_use_in_the_form_puts_the_id_in_the_field_that_takes_it(
    page: Page, sandbox_url: str, entry: tuple[str, str]
) -> None:
    ks, entry_id = entry
    console = listed(page, sandbox_url, ks, "1")
    console.choose("flavorasset", "list")  # the Result stays; the form now lists flavor assets
    id_button(console, entry_id).click()
    page.get_by_role("menuitem", name="Use in the form").click()
    expect(page.get_by_role("status").filter(has_text="objectType")).to_contain_text(
        "choose filter's objectType KalturaAssetFilter to show entryIdEqual"
    )
    page.keyboard.press("Escape")
    expect(page.get_by_role("menu")).to_have_count(0)

    console.choose_type(console.group("filter"), "KalturaAssetFilter")
    id_button(console, entry_id).click()
    page.get_by_role("menuitem", name="Use in the form").click()
    field = labelled(console.group("filter"), "entryIdEqual")
    expect(field).to_have_value(entry_id)
    expect(field).to_be_focused()
    expect(page.get_by_role("menu")).to_have_count(0)
    expect(page).to_have_url(re.compile("filter(:|%3A)entryIdEqual=" + entry_id))  # the address too


def test_an_id_is_followed_by_keyboard_alone(
    page: Page, sandbox_url: str, entry: tuple[str, str]
) -> None:
    ks, entry_id = entry
    console = listed(page, sandbox_url, ks, "1")
    button = id_button(console, entry_id)
    console.result.locator('pre.code[data-answer="whole"]').focus()  # where Tab starts
    for _ in range(40):
        page.keyboard.press("Tab")
        if button.evaluate("b => b === document.activeElement"):
            break
    expect(button).to_be_focused()
    page.keyboard.press("ArrowDown")  # the answer's ids are one Tab stop: arrows move in them
    expect(console.result.get_by_role("button", name=str(PARTNER)).first).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(button).to_be_focused()

    page.keyboard.press("Enter")
    use = page.get_by_role("menuitem", name="Use in the form")
    expect(use).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("menuitem", name="media.get", exact=True)).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(use).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("menuitem", name="media.get", exact=True)).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.get_by_role("menu")).to_have_count(0)
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")

    page.keyboard.press("Space")
    expect(use).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"service=media&action=get&entryId=" + entry_id))
    expect(labelled(console.parameters, "entryId")).to_have_value(entry_id)


def test_an_id_in_a_multirequest_s_answer_offers_its_actions(
    page: Page, sandbox_url: str, entry: tuple[str, str]
) -> None:
    ks, entry_id = entry
    console = Console(page, sandbox_url).open()
    console.ks_field.fill(ks)
    console.choose_multirequest()
    first = console.request(1)
    console.choose("media", "get", first)
    labelled(first, "entryId").fill(entry_id)
    result = console.send()
    answer = result.get_by_role("group", name=re.compile(r"^Request 1"))
    labelled(first, "entryId").fill("")
    answer.get_by_role("button", name=entry_id, exact=True).first.click()
    page.get_by_role("menuitem", name="Use in the form").click()
    expect(labelled(first, "entryId")).to_have_value(entry_id)  # request 1's entryId (1:entryId)
    expect(labelled(first, "entryId")).to_be_focused()

    answer.get_by_role("button", name=entry_id, exact=True).first.click()
    page.get_by_role("menuitem", name="flavorAsset.list", exact=True).click()
    expect(page.get_by_label("Select service")).to_have_value("flavorasset")
    expect(labelled(console.group("filter"), "entryIdEqual")).to_have_value(entry_id)


def test_an_id_pressed_before_its_menus_have_loaded_still_opens_its_menu(
    page: Page, sandbox_url: str, entry: tuple[str, str]
) -> None:
    """follow.js loads with the first Result that has an id (main.js); a press that comes
    before it has arrived is answered once it has."""
    ks, entry_id = entry
    held: list[object] = []
    page.route("**/follow.js", lambda route: held.append(route))  # answered when we say
    try:
        with page.expect_request("**/follow.js"):  # asked for with the Result, held
            console = listed(page, sandbox_url, ks, "1")
        id_button(console, entry_id).click()
        expect(page.get_by_role("menu")).to_have_count(0)  # nothing to open it yet
        assert held
        for route in held:
            route.continue_()  # type: ignore[attr-defined]
    finally:
        page.unroute("**/follow.js")
    menu = page.get_by_role("menu")
    expect(menu.get_by_role("menuitem", name="media.get", exact=True)).to_be_visible()


def test_a_swap_elsewhere_leaves_an_open_menu_open(
    page: Page, sandbox_url: str, entry: tuple[str, str]
) -> None:
    """A menu opened just after a Send met the Code region's refresh (or any other swap in the
    form) and was closed by it, the focus lost with it; only a swap over the id closes it."""
    ks, entry_id = entry
    console = listed(page, sandbox_url, ks, "1")
    id_button(console, entry_id).click()
    media_get = page.get_by_role("menu").get_by_role("menuitem", name="media.get", exact=True)
    expect(media_get).to_be_visible()
    console.choose_type(console.group("filter"), "KalturaMediaEntryFilter")  # a swap in the form
    expect(labelled(console.group("filter"), "nameLike")).to_be_visible()
    expect(media_get).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("menu")).to_have_count(0)
