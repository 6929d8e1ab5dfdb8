"""Send's problems name their fields on the page: each item of the Result's list carries the ids
of the controls that may hold it and of its problem line (dom_ids.problem_place), which
field-problems.js marks. The server decides what is wrong; the page only shows it there."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import FakeKaltura


class ProblemItems(HTMLParser):
    """The (data-field, data-field-problem) of each problem item, and every id of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if "id" in found:
            self.ids.add(found["id"])
        if tag == "li" and "data-field" in found:
            self.items.append((found["data-field"], found["data-field-problem"]))


def parsed(html: str) -> ProblemItems:
    parser = ProblemItems()
    parser.feed(html)
    return parser


CASES = [
    # an empty required string: its input
    ({"service": "session", "action": "start"}, "f-secret", "f-secret--problem"),
    # the configuration's partnerId, not session.start's own partnerId parameter
    (
        {"service": "session", "action": "start", "secret": "s", "config.partnerId": "abc"},
        "f-config-partnerId",
        "f-config-partnerId--problem",
    ),
    # a required object with no type chosen: its objectType select
    ({"service": "media", "action": "add"}, "f-entry--type", "f-entry--problem"),
    # a nested value
    (
        {
            "service": "media",
            "action": "list",
            "filter:objectType": "KalturaMediaEntryFilter",
            "filter:partnerIdEqual": "abc",
        },
        "f-filter-partnerIdEqual",
        "f-filter-partnerIdEqual--problem",
    ),
    # a multirequest request's own field
    (
        {
            "service": "multirequest",
            "1:service": "system",
            "1:action": "ping",
            "2:service": "session",
            "2:action": "start",
        },
        "f-2-secret",
        "f-2-secret--problem",
    ),
]


@pytest.mark.parametrize(("data", "control", "line"), CASES)
def test_a_problem_send_finds_names_a_control_the_form_has(
    client: TestClient, fake: FakeKaltura, data: dict[str, str], control: str, line: str
) -> None:
    response = client.post("/api_v3/testme/send", data=data, files={"_": ("", b"")})
    items = parsed(response.text).items
    assert len(items) == 1, response.text
    controls, problem_line = items[0]
    assert control in controls.split()
    assert problem_line == line
    assert fake.received == []

    # The form that call opens has that control (and its problem line) under those ids.
    page = parsed(client.get("/api_v3/testme/?" + urlencode(data)).text)
    assert [c for c in controls.split() if c in page.ids][:1] == [control]
    assert line in page.ids


def test_a_problem_of_the_whole_request_names_no_field(client: TestClient) -> None:
    response = client.post(
        "/api_v3/testme/send", data={"service": "multirequest"}, files={"_": ("", b"")}
    )
    assert "a multirequest needs at least one request" in response.text
    assert parsed(response.text).items == []
