"""When a console fragment cannot be had: a problem answer from the testme server is shown where
the fragment would have gone; a server that does not answer, or fails, is reported beside Send
and the form is left as it was."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Page, Route, expect

from tests.e2e.console_page import Console

pytestmark = pytest.mark.browser


@pytest.fixture
def routed(page: Page) -> Iterator[Page]:
    yield page
    page.unroute_all()


def test_a_404_fragment_is_shown_in_place_of_the_parameters(console: Console, routed: Page) -> None:
    # The real server is asked for an action the schema does not have.
    routed.route(
        "**/api_v3/testme/params",
        lambda route: route.continue_(
            post_data=(route.request.post_data or "").replace("action=list", "action=nope")
        ),
    )
    with console.swap("/actions"):
        routed.get_by_label("Select service").select_option("media")
    routed.get_by_label("Select action").select_option("list")
    problem = routed.locator("#action-area").get_by_role("alert")
    expect(problem).to_contain_text("No action media.nope in schema")


@pytest.mark.parametrize(
    ("fail", "message"),
    [
        (lambda route: route.abort("connectionrefused"), "did not answer"),
        (lambda route: route.fulfill(status=500, body="boom"), "answered HTTP 500"),
    ],
)
def test_a_failed_fragment_is_reported_beside_send_and_nothing_changes(
    console: Console, routed: Page, fail: Callable[[Route], None], message: str
) -> None:
    console.choose("media", "get")
    routed.route("**/api_v3/testme/params", fail)
    status = routed.get_by_role("alert").filter(has_text=message)
    routed.get_by_label("Select action").select_option("list")
    expect(status).to_be_visible()
    # The parameters of media.get are still there, and typed values with them.
    expect(console.parameters.get_by_label("entryId", exact=False)).to_be_visible()
    # What the page fetches by itself (the Code region follows typing) leaves the report alone.
    with console.swap("/code"):
        console.parameters.get_by_label("entryId", exact=False).fill("0_typed")
    expect(status).to_be_visible()
    assert "boom" not in routed.locator("#action-area").inner_text()
