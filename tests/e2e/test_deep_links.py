"""Deep links as a person types or pastes them: another case, or a name the schema lacks."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import FakeKaltura
from tests.e2e.console_page import CONSOLE_PATH, Console, labelled

pytestmark = pytest.mark.browser


def test_a_deep_link_in_another_case_opens_the_action_and_sends_it(
    page: Page, console_url: str, fake: FakeKaltura
) -> None:
    page.goto(console_url + CONSOLE_PATH + "?service=MEDIA&action=LIST")
    console = Console(page, console_url)
    expect(page.get_by_label("Select service")).to_have_value("media")
    expect(page.get_by_label("Select action")).to_have_value("list")
    console.choose_type(console.group("filter"), "KalturaMediaEntryFilter")
    labelled(console.group("filter"), "nameLike").fill("QA")
    console.send()
    expect(console.result).not_to_contain_text("no action")
    [sent] = fake.calls("media", "list")
    assert sent.path == "/api_v3/service/media/action/list"
    assert sent.json["filter"] == {"objectType": "KalturaMediaEntryFilter", "nameLike": "QA"}


@pytest.mark.parametrize(
    ("query", "message", "service"),
    [
        ("?service=media&action=nosuch", "No action media.nosuch in schema 22.15.0.", "media"),
        ("?service=nosuch&action=list", "No service nosuch in schema 22.15.0.", ""),
    ],
)
def test_a_bad_deep_link_opens_the_console_saying_what_was_not_found(
    page: Page, console_url: str, fake: FakeKaltura, query: str, message: str, service: str
) -> None:
    response = page.goto(console_url + CONSOLE_PATH + query)
    assert response is not None and response.status == 404
    expect(page.get_by_role("alert").filter(has_text=message)).to_be_visible()
    expect(page.get_by_label("Select service")).to_have_value(service)
    console = Console(page, console_url)
    console.choose("system", "ping")  # the rest of the page works
    console.send()
    assert len(fake.calls("system", "ping")) == 1


@pytest.mark.parametrize("query", ["?service=nosuch", "?object=KalturaNoSuch"])
def test_a_bad_docs_link_opens_the_docs_saying_what_was_not_found(
    page: Page, console_url: str, query: str
) -> None:
    response = page.goto(console_url + "/api_v3/testmeDoc/" + query)
    assert response is not None and response.status == 404
    expect(page.get_by_role("alert")).to_contain_text(query.split("=")[1])
    page.get_by_role("navigation", name="Services").get_by_role(
        "link", name="media", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("media")


def test_the_top_bar_links_the_xml_schema(page: Page, console_url: str) -> None:
    """The link's address answers the schema (fetched rather than opened: Chromium's drawing of
    1.2 MB of XML as a tree took most of this test's 15 s)."""
    Console(page, console_url).open()
    link = page.get_by_role("navigation", name="Main").get_by_role("link", name="XML Schema")
    answer = page.request.get(urljoin(page.url, link.get_attribute("href") or ""))
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("text/xml")
    assert b"<xml apiVersion=" in answer.body()
