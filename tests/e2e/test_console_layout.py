"""Layout a person meets at 1366x768 and at 400 px: long values wrap inside their boxes, nested
controls stay inside their groups, string fields are wide enough for an upload token, the sticky
Send bar never hides the focused field, and the keyboard reaches Send without a stop at every
null switch."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import FakeKaltura, xml_result
from tests.e2e.console_page import Console, labelled

pytestmark = pytest.mark.browser

LONG_KS = "djJ8MTAwfH" + "Jz" * 200  # one unbreakable run, as a real KS is
KS_ERROR = xml_result(
    f'<error><code>INVALID_KS</code><message>Invalid KS "{LONG_KS}" Error "-1,INVALID_STR"'
    "</message><objectType>KalturaAPIException</objectType><args><item>"
    f"<objectType>KalturaApiExceptionArg</objectType><name>KSID</name><value>{LONG_KS}</value>"
    "</item></args></error>"
)
UPLOAD_TOKEN = "0_3f9a6c2e8b1d4f7a9c0e5b2d8f6a1c3e"  # an upload token's id: 0_ and 32 hex digits
# The ids of the shown inputs too narrow to show `value` whole: each is given it and measured.
TOO_NARROW = """(inputs, value) => inputs.filter(e => e.offsetParent !== null).filter(e => {
  const was = e.value; e.value = value; const cut = e.scrollWidth > e.clientWidth;
  e.value = was; return cut; }).map(e => e.id)"""
# Where each Tab press lands: is it Send, a null/empty switch, or under the Send bar?
FOCUS = """() => {
  const el = document.activeElement, bar = document.querySelector(".send-row");
  const r = el.getBoundingClientRect(), top = bar.getBoundingClientRect().top;
  return {send: el.matches("button.send"), toggle: el.matches("button.toggle"),
          under: !bar.contains(el) && r.bottom > top + 1, id: el.id || el.textContent};
}"""
# Visible buttons whose right edge passes the right edge of the group they belong to.
OVERFLOWING = """() => [...document.querySelectorAll("fieldset button")]
  .filter(b => b.offsetParent !== null)
  .filter(b => b.getBoundingClientRect().right > b.closest("fieldset").getBoundingClientRect().right + 0.5)
  .map(b => (b.dataset.nullFor || b.dataset.emptyFor || "") + " " + b.textContent)"""


@pytest.mark.parametrize("width", [1366, 400])
def test_a_long_ks_in_an_error_wraps_inside_the_red_box(
    console: Console, fake: FakeKaltura, width: int
) -> None:
    console.page.set_viewport_size({"width": width, "height": 768})
    fake.answer("media", "get", KS_ERROR)
    console.choose("media", "get")
    labelled(console.parameters, "entryId").fill("0_a")
    result = console.send()

    box = result.get_by_role("alert").filter(has_text="INVALID_KS")
    expect(box).to_contain_text(LONG_KS)
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth"), "the KS runs past the box"


@pytest.mark.parametrize("width", [1366, 400])
def test_string_fields_show_an_upload_token_whole(console: Console, width: int) -> None:
    console.page.set_viewport_size({"width": width, "height": 768})
    resource = console.choose_object(
        "media", "addContent", "resource", "KalturaUploadedFileTokenResource"
    )
    token = labelled(resource, "token")
    token.fill(UPLOAD_TOKEN)
    assert token.evaluate("e => e.scrollWidth <= e.clientWidth"), "the token is cut off"

    # every string field of a filter (ids, lists of ids, names…), one object deep as the token
    console.choose_object("media", "list", "filter", "KalturaMediaEntryFilter")
    strings = console.parameters.locator("input[data-check=string]")
    assert strings.count() > 20
    assert strings.evaluate_all(TOO_NARROW, UPLOAD_TOKEN) == []


def test_nested_null_switches_stay_inside_their_item_at_400px(console: Console) -> None:
    console.page.set_viewport_size({"width": 400, "height": 800})
    media_filter = console.choose_object("media", "list", "filter", "KalturaMediaEntryFilter")
    search = console.group("advancedSearch", media_filter)
    console.choose_type(search, "KalturaSearchOperator")
    items = console.group("items", search)
    console.add_item(items)
    console.choose_type(console.group("items[0]", items), "KalturaSearchComparableCondition")

    assert console.page.evaluate(OVERFLOWING) == []


def test_tab_reaches_send_past_a_whole_filter_and_no_field_hides_under_the_send_bar(
    console: Console,
) -> None:
    console.page.set_viewport_size({"width": 1366, "height": 768})
    console.choose("media", "list")
    console.choose_type(console.group("filter"), "KalturaMediaEntryFilter")
    console.page.evaluate("() => { document.activeElement.blur(); window.scrollTo(0, 0); }")

    stops, toggles, hidden = 0, [], []
    while stops < 400:
        console.page.keyboard.press("Tab")
        stops += 1
        focus = console.page.evaluate(FOCUS)
        if focus["send"]:
            break
        toggles += [focus["id"]] if focus["toggle"] else []
        hidden += [focus["id"]] if focus["under"] else []

    # 242 presses before the null switches left the Tab order (22.15.0's KalturaMediaEntryFilter
    # has over a hundred fields); one stop per field, with the page's own controls (the top bar's
    # finder and Dark mode, Configuration's fold line, Inspect, Clear, Start a session), is 140.
    assert stops <= 140, stops
    assert toggles == []
    assert hidden == []
