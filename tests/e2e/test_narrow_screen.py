"""At 400 px nothing scrolls sideways but code and answers, which scroll inside themselves: the
console (embedded and real schema; a form, an answer, a multirequest, History, a folded KS), the
docs pages with the longest names, and the libraries page. An answer that arrives below the
form is one link away, and so is the way back; a wide screen, with the Result beside the form,
needs neither."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from app.protocol.ks import encode_v1
from app.settings import Settings
from tests.e2e.conftest import FakeKaltura, serve_console, xml_result
from tests.e2e.console_page import Console, labelled

pytestmark = pytest.mark.browser

# The page is no wider than the window; a pre may be, inside itself.
FITS = "() => document.documentElement.scrollWidth <= window.innerWidth"
LONG = "x" * 400  # one unbreakable run, as a KS or a token in an answer
ANSWER = xml_result(
    "<objectType>KalturaMediaListResponse</objectType><objects><item>"
    f"<objectType>KalturaMediaEntry</objectType><id>0_a</id><name>{LONG}</name>"
    "</item></objects><totalCount>1</totalCount>"
)
DOCS = [
    "/api_v3/testmeDoc/",
    "/api_v3/testmeDoc/?service=livestream",  # removeLiveStreamPushPublishConfiguration
    "/api_v3/testmeDoc/?service=media",
    "/api_v3/testmeDoc/?object=KalturaBatchJob",  # where-used names a 57-character action
    "/api_v3/testmeDoc/?object=KalturaFilterPager",
    "/api_v3/testmeDoc/?object=KalturaMediaType",
    "/api_v3/testmeDoc/errors",
    "/api_v3/testmeDoc/changes",
    "/api_v3/testme/libraries",
]


@pytest.fixture
def narrow(page: Page) -> Page:
    page.set_viewport_size({"width": 400, "height": 800})  # the page fixture gives it back
    return page


@pytest.fixture(scope="module")
def sandbox_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A console with no Kaltura server: the embedded schema and sandbox."""
    with serve_console(Settings(data_dir=tmp_path_factory.mktemp("sandbox-narrow"))) as url:
        yield url


def fits(page: Page) -> bool:
    return bool(page.evaluate(FITS))


@pytest.mark.parametrize("path", DOCS)
def test_docs_and_libraries_fit_400px(
    narrow: Page, console_url: str, fake: FakeKaltura, path: str
) -> None:
    response = narrow.goto(console_url + path)
    assert response is not None and response.ok
    assert fits(narrow)


def test_the_embedded_sandbox_console_fits_400px(narrow: Page, sandbox_url: str) -> None:
    console = Console(narrow, sandbox_url).open()
    expect(narrow.get_by_role("complementary", name="Sandbox credentials")).to_be_visible()
    assert fits(narrow)
    console.choose_object("media", "list", "filter", "KalturaMediaEntryFilter")
    assert fits(narrow)


# The ks field's width and its buttons' top edges, relative to the field's row.
KS_ROW = """field => {
  const input = field.querySelector("input"), row = input.parentElement.getBoundingClientRect();
  const buttons = [...field.querySelectorAll(".control > button")].map(b => b.getBoundingClientRect());
  return {share: input.getBoundingClientRect().width / row.width,
          below: buttons.every(b => b.top >= input.getBoundingClientRect().bottom)};
}"""


def test_at_400px_the_ks_field_takes_its_row_and_its_buttons_the_next(
    narrow: Page, console_url: str
) -> None:
    """A KS is over 100 characters: beside three buttons at 400 px its field showed a dozen."""
    Console(narrow, console_url).open()
    row = narrow.evaluate(KS_ROW, narrow.locator("#ks-field").element_handle())
    assert row["share"] > 0.95 and row["below"], row
    narrow.set_viewport_size({"width": 1366, "height": 768})
    row = narrow.evaluate(KS_ROW, narrow.locator("#ks-field").element_handle())
    assert row["share"] < 0.9 and not row["below"], row  # a wide screen keeps them beside it


def test_the_console_with_an_answer_history_and_a_multirequest_fits_400px(
    narrow: Page, console_url: str, fake: FakeKaltura, real_schema_path: Path
) -> None:
    console = Console(narrow, console_url).open()
    assert fits(narrow)
    fake.answer("session", "start", xml_result(encode_v1("s", 102, expiry=4102444800)))
    console.choose("session", "start")
    labelled(console.parameters, "secret").fill("s")
    console.send()
    expect(console.ks_field).to_be_hidden()  # folded: its summary line instead
    assert fits(narrow)

    fake.answer("media", "list", ANSWER)
    console.choose_object("media", "list", "filter", "KalturaMediaEntryFilter")
    answer = console.send().get_by_label("Answer", exact=True)
    expect(answer).to_contain_text(LONG)
    assert answer.evaluate("pre => pre.scrollWidth > pre.clientWidth")  # it scrolls, inside
    narrow.get_by_role("button", name="History", exact=True).click()
    expect(narrow.get_by_role("searchbox", name="Search history")).to_be_visible()
    assert fits(narrow)

    console.choose_multirequest()
    console.choose("media", "list", console.request(1))
    console.add_request()
    console.choose("media", "get", console.request(2))
    assert fits(narrow)


def in_viewport(page: Page, selector_js: str) -> bool:
    """Whether the element `selector_js` evaluates to shows at least partly in the window."""
    return bool(
        page.evaluate(
            f"""() => {{ const box = ({selector_js}).getBoundingClientRect();
            return box.bottom > 0 && box.top < window.innerHeight; }}"""
        )
    )


@pytest.fixture
def wide(page: Page) -> Page:
    page.set_viewport_size({"width": 1366, "height": 768})  # the page fixture gives it back
    return page


@pytest.fixture
def reduced_motion(page: Page) -> Page:
    page.emulate_media(reduced_motion="reduce")
    return page


RESULT = "document.getElementById('result')"
SEND = "document.querySelector('#console button.send')"


def test_at_400px_an_answer_out_of_sight_is_one_key_away_and_so_is_the_way_back(
    narrow: Page, reduced_motion: Page, console_url: str, fake: FakeKaltura
) -> None:
    """Under a media.list filter the Result is thousands of pixels below Send: a "Result ↓"
    link shows beside Send, and the Result's "Back to Send" returns, keyboard only. With
    reduced motion the page jumps rather than glides."""
    console = Console(narrow, console_url).open()
    fake.answer("media", "list", ANSWER)
    console.choose_object("media", "list", "filter", "KalturaMediaEntryFilter")
    console.send_button.focus()
    with console.swap("/send"):
        narrow.keyboard.press("Enter")
    assert not in_viewport(narrow, RESULT)

    to_result = narrow.get_by_role("link", name="Result", exact=True)
    expect(to_result).to_be_in_viewport()
    narrow.keyboard.press("Tab")
    expect(to_result).to_be_focused()
    narrow.keyboard.press("Enter")
    assert in_viewport(narrow, RESULT)  # at once: no smooth scroll under reduced motion
    expect(console.result).to_be_focused()
    expect(to_result).to_be_hidden()

    back = console.result.get_by_role("link", name="Back to Send")
    narrow.keyboard.press("Tab")
    expect(back).to_be_focused()
    narrow.keyboard.press("Enter")
    expect(console.send_button).to_be_focused()
    assert in_viewport(narrow, SEND)


# Where the Result starts on the page (not in the window): what moves it is a shift of what
# stands above it, under the eye and the pointer of whoever is reading it.
RESULT_TOP = f"() => {RESULT}.getBoundingClientRect().top + window.scrollY"


def test_at_400px_the_result_stays_put_as_its_link_goes(
    narrow: Page, reduced_motion: Page, console_url: str, fake: FakeKaltura
) -> None:
    """Result ↓ floats over the form: it hides as the Result comes into sight, and nothing moves.
    In the bar's flow it took a line, and the Result moved up 34 px as it hid: a press on a
    fold or Expand all in that moment came down on one thing and up on another, and was lost."""
    console = Console(narrow, console_url).open()
    fake.answer("media", "list", ANSWER)
    console.choose_object("media", "list", "filter", "KalturaMediaEntryFilter")
    console.send()
    to_result = narrow.get_by_role("link", name="Result", exact=True)
    expect(to_result).to_be_visible()
    before = narrow.evaluate(RESULT_TOP)
    # to the middle: scrolled to the top of the window, the Result would stick there (sticky)
    narrow.evaluate(f"() => {RESULT}.scrollIntoView({{ block: 'center' }})")
    expect(to_result).to_be_hidden()
    assert narrow.evaluate(RESULT_TOP) == before


def test_on_a_wide_screen_the_result_beside_the_form_needs_no_link_and_nothing_moves(
    wide: Page, console_url: str, fake: FakeKaltura
) -> None:
    page = wide
    console = Console(page, console_url).open()
    fake.answer("media", "list", ANSWER)
    console.choose_object("media", "list", "filter", "KalturaMediaEntryFilter")
    console.send_button.focus()  # (focusing the sticky bar's button scrolls the page itself)
    before = page.evaluate("window.scrollY")
    with console.swap("/send"):
        page.keyboard.press("Enter")
    expect(console.result.get_by_label("Answer", exact=True)).to_be_in_viewport()
    assert page.evaluate("window.scrollY") == before
    expect(page.get_by_role("link", name="Result", exact=True)).to_be_hidden()
    expect(page.get_by_role("link", name="Back to Send")).to_be_hidden()
