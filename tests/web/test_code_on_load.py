"""A console page without a call prints in its Code region what `/code` would answer for it, and
asks nothing as it loads (a request and a swap in the first moments of every plain load, for the
same words: issue 20). A page that opens a call still asks for its code as it loads."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

SAMPLES = re.compile(
    r'<div id="code-samples"[^>]*hx-trigger="([^"]*)"[^>]*>(.*?)</div>\s*</section>', re.S
)


def code_region(client: TestClient, query: str = "") -> tuple[str, str]:
    """(the region's hx-trigger, what it shows) on the page opened with `query`."""
    found = SAMPLES.search(client.get("/api_v3/testme/" + query).text)
    assert found, "no Code region"
    return found.group(1), found.group(2)


def test_a_page_without_a_call_shows_what_code_would_answer_and_asks_nothing(
    client: TestClient,
) -> None:
    for query in ("", "?service=media"):
        trigger, shown = code_region(client, query)
        assert "load" not in trigger.split(", ")
        answer = client.post("/api_v3/testme/code", data={"service": query and "media"})
        assert answer.status_code == 200
        assert shown.strip() == answer.text.strip()
        assert "Choose a service and an action." in shown


def test_a_page_that_opens_a_call_asks_for_its_code_as_it_loads(client: TestClient) -> None:
    for query in ("?service=media&action=list", "?service=multirequest"):
        trigger, _ = code_region(client, query)
        assert trigger.split(", ")[0] == "load"
        assert "form-changed" in trigger
