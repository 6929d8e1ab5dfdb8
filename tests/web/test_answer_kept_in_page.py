"""The Result carries the answer as received, for the page to keep (Show all, Download, the
response tools): a `<template data-raw-answer>` beside the answer's text, exact whatever the
bytes; a long answer shows its first part; the console keeps nothing and lets nothing cache it."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser

import httpx
import pytest
from fastapi.testclient import TestClient

from app.protocol.first_part import SHOWN_CHARS
from tests.e2e.big_answers import media_list_json, media_list_xml
from tests.web.conftest import FakeKaltura
from tests.web.test_result_sections import sections
from tests.web.test_send import send

MEDIA_LIST = {"service": "media", "action": "list"}
TWO_LISTS = {
    "service": "multirequest",
    "1:service": "media",
    "1:action": "list",
    "2:service": "media",
    "2:action": "list",
}


class _Templates(HTMLParser):
    """Each `<template data-raw-answer>`: its attributes and its text as a browser reads it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[dict[str, str | None], str]] = []
        self.inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "template" and "data-raw-answer" in dict(attrs):
            self.found.append((dict(attrs), ""))
            self.inside = True

    def handle_endtag(self, tag: str) -> None:
        self.inside = self.inside and tag != "template"

    def handle_data(self, data: str) -> None:
        if self.inside:
            attrs, text = self.found[-1]
            self.found[-1] = (attrs, text + data)


def raw_answers(html: str) -> list[tuple[dict[str, str | None], bytes]]:
    parser = _Templates()
    parser.feed(html)
    return [
        (attrs, base64.b64decode(text) if attrs.get("data-encoding") else text.encode())
        for attrs, text in parser.found
    ]


@pytest.mark.parametrize(
    ("body", "content_type", "filename", "encoding"),
    [
        (
            b"<xml><result><name>a &amp; &lt;b&gt;</name></result></xml>",
            "text/xml",
            "media.list.xml",
            None,
        ),
        (
            b'{"objectType": "KalturaMediaListResponse", "totalCount": 0}',
            "application/json",
            "media.list.json",
            None,
        ),
        (
            b"<xml><result>line\r\nnext\r</result></xml>",
            "text/xml; charset=utf-8",
            "media.list.xml",
            None,
        ),
        (b"<xml><result>caf\xe9</result></xml>", "text/xml", "media.list.xml", "base64"),  # Latin-1
        (b"a\x00b", "application/octet-stream", "media.list.txt", "base64"),
        (b"<html><body>Bad gateway</body></html>", "text/html", "media.list.html", None),
        (b"</template><script>alert(1)</script>", "", "media.list.txt", None),
    ],
)
def test_the_answer_travels_with_the_result_byte_for_byte(
    client: TestClient,
    fake: FakeKaltura,
    body: bytes,
    content_type: str,
    filename: str,
    encoding: str | None,
) -> None:
    fake.answer = httpx.Response(200, content=body, headers={"Content-Type": content_type})
    response = send(client, MEDIA_LIST)
    [(attrs, raw)] = raw_answers(response.text)
    assert raw == body
    assert attrs["data-filename"] == filename
    assert attrs["data-content-type"] == (content_type or "application/octet-stream")
    assert attrs.get("data-encoding") == encoding
    assert attrs["data-size"] == str(len(body))
    assert "<script>alert" not in response.text


def test_the_console_keeps_no_answer_and_lets_nothing_cache_it(
    client: TestClient, fake: FakeKaltura
) -> None:
    fake.answer = httpx.Response(
        200, content=media_list_xml(3), headers={"Content-Type": "text/xml"}
    )
    response = send(client, MEDIA_LIST)
    assert response.headers["Cache-Control"] == "no-store"
    assert "Show all" not in response.text and ">Download</button>" in response.text


def test_a_5mb_answer_shows_its_first_part_and_carries_the_rest(
    client: TestClient, fake: FakeKaltura
) -> None:
    body = media_list_xml(5000)
    fake.answer = httpx.Response(200, content=body, headers={"Content-Type": "text/xml"})
    html = send(client, MEDIA_LIST).text

    shown = html.partition('aria-label="Answer"')[2].partition("</pre>")[0]
    assert "0_00000001" in shown and "0_00001388" not in shown  # entry 1 of 5000, not the last
    assert len(re.sub(r"<[^>]+>", "", shown)) < SHOWN_CHARS * 1.3  # escaped, but one part
    assert "Long answer (5.5 MB)" in html and ">Show all</button>" in html
    [(_, raw)] = raw_answers(html)
    assert raw == body
    assert len(html) < len(body) * 1.4  # the answer once, plus one part: not 8 MB of spans


def test_a_big_multirequest_is_not_rendered_twice(client: TestClient, fake: FakeKaltura) -> None:
    one = media_list_json(2500).decode()
    body = f"[{one},{one}]".encode()
    fake.answer = httpx.Response(200, content=body, headers={"Content-Type": "application/json"})
    html = send(client, TWO_LISTS).text

    first, second = sections(html)
    assert "Request 1's answer is long" in first and "Request 2's answer is long" in second
    assert ">Show all</button>" in html.partition("<summary>Whole answer</summary>")[2]
    [(attrs, raw)] = raw_answers(html)
    assert raw == body and attrs["data-filename"] == "multirequest.json"
    assert len(html) < len(body) * 1.3 + 3 * SHOWN_CHARS * 3
