"""Send stays where it is while a Send runs: on a narrow screen the timer and Cancel that show
beside it wrap the bar, and the new line goes above, so a double click on Send never lands on the
button that took its place (it opened Import at 400 px). Result ↓, shown after, floats above the
bar and moves nothing (test_narrow_screen.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

BUSY = """() => {
  document.querySelector("[data-in-flight]").hidden = false;
  document.querySelector("[data-to-result]").hidden = false;
  document.querySelector("#console button.send").textContent = "Sending\\u2026";
}"""


@pytest.mark.parametrize("width", [1366, 400])
def test_send_stays_put_when_the_bar_grows_while_it_runs(
    page: Page, console_url: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 768})  # the page fixture gives it back
    page.goto(console_url + "/api_v3/testme/?service=media&action=list")
    send = page.locator("#console button.send")
    before = send.bounding_box()
    page.evaluate(BUSY)
    after = send.bounding_box()
    middle = before and (before["x"] + before["width"] / 2, before["y"] + before["height"] / 2)
    hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).className", middle)
    assert before and after
    assert (after["x"], after["y"]) == (before["x"], before["y"])
    assert hit == "send"
