"""What choosing an action (or a type) asks of the server: its form once, then its code once,
after the new form is in. Asking for the code of the form about to be replaced wasted the server's
time and held the form back (issue 20)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Page, Request, Route, expect

from tests.e2e.console_page import Console, labelled

pytestmark = pytest.mark.browser

# Each request htmx sends, and whether the Parameters group held fields at that moment.
RECORD = """() => {
  window.__asked = [];
  document.addEventListener("htmx:beforeSend", (event) => {
    const params = document.querySelector("fieldset.parameters");
    window.__asked.push({
      path: event.detail.requestConfig.path.split("/").pop(),
      fields: params ? params.querySelectorAll(".field").length : 0,
    });
  });
}"""


# Each character of `text` typed into the field as an `input` event, all in one task.
TYPED_AT_ONCE = """(field, text) => {
  for (const character of text) {
    field.value += character;
    field.dispatchEvent(new InputEvent("input", { bubbles: true, data: character }));
  }
}"""


def quiet(page: Page) -> None:
    """What the page asked for so far has been answered: the Code region's refresh after the last
    swap is asked for after a frame, when the page is idle (so wait that long first), then no
    htmx request is in flight."""
    page.evaluate(
        "() => new Promise(r => requestAnimationFrame(() => requestIdleCallback(() => r())))"
    )
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


@contextmanager
def requests_to(page: Page, *routes: str) -> Iterator[list[str]]:
    """The console routes (`params`, `code`…) the page asks for while the block runs and until
    the Code region is quiet again (its refresh waits 400 ms after typing: wait past that).
    What the page asked for before the block has been answered first."""
    seen: list[str] = []
    quiet(page)

    def record(request: Request) -> None:
        route = request.url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        if route in routes:
            seen.append(route)

    page.on("request", record)
    try:
        yield seen
        quiet(page)
        page.wait_for_timeout(700)  # past the 400 ms a typed change waits: a late ask shows
        quiet(page)
    finally:
        page.remove_listener("request", record)


def code_shows(page: Page, text: str) -> None:
    region = page.get_by_role("region", name="Code")
    expect(region.get_by_role("tabpanel")).to_contain_text(text)


def test_choosing_an_action_asks_for_its_form_then_its_code_once(console: Console) -> None:
    page = console.page
    with console.swap("/actions"):
        page.get_by_label("Select service").select_option("media")
    quiet(page)  # the Code region's refresh for the service chosen
    page.evaluate(RECORD)
    with requests_to(page, "params", "code") as seen:
        page.get_by_label("Select action").select_option("list")  # an input and a change
        code_shows(page, "/api_v3/service/media/action/list")
    assert seen == ["params", "code"]
    asked = page.evaluate("() => window.__asked")
    code = [a for a in asked if a["path"] == "code"]
    assert len(code) == 1 and code[0]["fields"] > 0, asked  # asked with the new form in


def test_choosing_an_object_type_asks_for_its_fields_then_its_code_once(console: Console) -> None:
    console.choose("media", "list")
    page = console.page
    media_filter = console.group("filter")
    with requests_to(page, "object", "code") as seen:
        console.object_type(media_filter).select_option("KalturaMediaEntryFilter")
        expect(labelled(media_filter, "nameLike")).to_be_visible()
    assert seen == ["object", "code"]


def test_typing_and_switching_still_refresh_the_code(console: Console) -> None:
    media_filter = console.choose_object("media", "list", "filter", "KalturaMediaEntryFilter")
    page = console.page
    with requests_to(page, "code") as seen:
        console.group("pager").get_by_role("button", name="null", exact=True).click()
        code_shows(page, '"pager__null"')
    assert seen == ["code"]
    with requests_to(page, "code") as seen:
        # three inputs, one refresh: typed in one task, so that a busy machine cannot space
        # real key presses further apart than the refresh's 400 ms wait
        labelled(media_filter, "nameLike").evaluate(TYPED_AT_ONCE, "sea")
        code_shows(page, '"nameLike":"sea"')
    assert seen == ["code"]


def test_an_action_whose_form_failed_to_come_still_shows_its_code(console: Console) -> None:
    page = console.page
    with console.swap("/actions"):
        page.get_by_label("Select service").select_option("media")
    failed: list[str] = []

    def down(route: Route) -> None:
        failed.append(route.request.url)
        route.fulfill(status=500, body="down")

    page.route("**/params", down)
    try:
        page.get_by_label("Select action").select_option("list")
        code_shows(page, "/api_v3/service/media/action/list")
        assert len(failed) == 1  # the form's request did fail
        expect(console.group("filter")).to_have_count(0)  # media.list's form never came
    finally:
        page.unroute("**/params")
