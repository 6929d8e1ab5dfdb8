"""Where each kind of finder result lands: typed in the finder, Enter, and the page that opens
holds what was found, scrolled into the window and marked (a tint and a bar, light and dark)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import FakeKaltura

pytestmark = pytest.mark.browser

DOCS = "/api_v3/testmeDoc/"
# kind: (typed, the first option, where it lands, what the element it lands on says or holds)
LANDINGS = {
    "service": ("baseentry", "baseentry", f"{DOCS}?service=baseentry#service-baseentry", "baseEntry"),
    "action": ("medlist", "media.list", "/api_v3/testme/?service=media&action=list#action", "list"),
    "class": (
        "mediaentryfilter",
        "KalturaMediaEntryFilter",
        f"{DOCS}?object=KalturaMediaEntryFilter#type-KalturaMediaEntryFilter",
        "KalturaMediaEntryFilter",
    ),
    "enum": (
        "KalturaMediaType",
        "KalturaMediaType",
        f"{DOCS}?object=KalturaMediaType#type-KalturaMediaType",
        "KalturaMediaType (enum of int)",
    ),
    "error": ("ENTRY_ID_NOT", "ENTRY_ID_NOT_FOUND", f"{DOCS}errors#ENTRY_ID_NOT_FOUND", "ENTRY_ID_NOT_FOUND"),
}  # fmt: skip
# The mark's tint (testme.css `--mark`) in each colour scheme.
TINT = {"light": "rgb(255, 241, 184)", "dark": "rgb(63, 53, 17)"}
SCREENS = {"wide": (1366, 768, "light"), "narrow": (400, 800, "dark")}

# The box a person sees marked: a row's first cell, a select's field, else the element itself.
MARKED_BOX = """element => {
  const box = element.tagName === "TR" ? element.cells[0]
    : element.tagName === "SELECT" ? element.closest(".field") : element;
  const style = getComputedStyle(box);
  const top = (element.tagName === "TR" ? element : box).getBoundingClientRect().top;
  return {target: element.matches(":target"), tint: style.backgroundColor, bar: style.boxShadow,
          top: top};
}"""


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("kind", LANDINGS)
def test_enter_on_a_result_lands_on_it_scrolled_into_view_and_marked(
    page: Page, console_url: str, fake: FakeKaltura, kind: str, screen: str
) -> None:
    typed, label, landing, says = LANDINGS[kind]
    width, height, scheme = SCREENS[screen]
    page.set_viewport_size({"width": width, "height": height})
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(console_url + DOCS)
    page.keyboard.press("Control+k")
    page.keyboard.type(typed)
    first = page.get_by_role("listbox", name="Found").get_by_role("option").first
    expect(first).to_have_accessible_name(re.compile(rf"^{re.escape(label)} {kind}$"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(console_url + landing)
    target = page.locator("#" + landing.split("#")[1])
    expect(target).to_be_in_viewport()
    if kind == "action":  # the console, with the action chosen
        expect(target).to_have_value(says)
    else:
        expect(target).to_contain_text(says)
    # in view without scrolling sideways (the error list was 1,865 px wide at 1366: a 73-letter code)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    marked = target.evaluate(MARKED_BOX)
    assert marked["target"], marked
    assert marked["tint"] == TINT[scheme] and "inset" in marked["bar"], marked
    assert 0 <= marked["top"] <= height / 2, marked  # its start, a select's label too, in view
