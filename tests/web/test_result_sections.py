"""The Result of a multirequest: a section per request with its own answer and error, the
whole answer kept; an answer that is not one item per request is shown whole, as before."""

from __future__ import annotations

import re

import httpx
from fastapi.testclient import TestClient

from tests.web.conftest import FakeKaltura
from tests.web.test_send import send

TWO_REQUESTS = {
    "service": "multirequest",
    "config.format": "1",
    "1:service": "media",
    "1:action": "list",
    "2:service": "media",
    "2:action": "get",
    "2:entryId": "{1:result:objects:0:id}",
}
NOT_FOUND = {"objectType": "KalturaAPIException", "code": "ENTRY_ID_NOT_FOUND", "message": "no"}


def sections(html: str) -> list[str]:
    """Each request's section, from its heading to the next."""
    return re.split(r'<section class="result-item"', html)[1:]


def test_each_request_has_its_section_and_its_own_error(
    client: TestClient, fake: FakeKaltura
) -> None:
    fake.answer = httpx.Response(200, json=[{"totalCount": 7}, NOT_FOUND])
    html = send(client, TWO_REQUESTS).text

    first, second = sections(html)
    assert ">Request 1: media.list</button></h3>" in first and "error-box" not in first
    assert ">Request 2: media.get</button></h3>" in second
    assert "Kaltura error in request 2: <code>ENTRY_ID_NOT_FOUND</code>" in second
    assert "7" in first and "totalCount" not in second.partition("</section>")[0]
    assert "<summary>Whole answer</summary>" in html


def test_a_malformed_answer_is_shown_whole_without_sections(
    client: TestClient, fake: FakeKaltura
) -> None:
    fake.answer = httpx.Response(
        200, content=b'[{"totalCount": 7}, ', headers={"Content-Type": "application/json"}
    )
    html = send(client, TWO_REQUESTS).text

    assert sections(html) == [] and "Whole answer" not in html
    assert "The JSON ends before it is complete" in html and 'aria-label="Answer"' in html
