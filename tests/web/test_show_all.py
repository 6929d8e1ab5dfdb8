"""Show all: the page posts the answer it holds (`<template data-raw-answer>`) and the console
answers the rest of its pretty text, laid out by the same code as the first part the Result
prints, so the first part and the rest read as the whole answer laid out at once. The console
keeps nothing, and takes no body larger than an answer it would show."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET

import httpx
import pytest
from fastapi.testclient import TestClient

from app.protocol.whole_answer import STEP_CHARS, rest_of
from app.web.views import console
from tests.e2e.big_answers import media_list_json, media_list_xml
from tests.web.conftest import FakeKaltura
from tests.web.test_answer_kept_in_page import MEDIA_LIST, raw_answers
from tests.web.test_send import send

WHOLE = "/api_v3/testme/whole"


def xml_pretty(body: bytes) -> str:
    root = ET.fromstring(body)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="unicode")


def json_pretty(body: bytes) -> str:
    return json.dumps(json.loads(body), indent=2, ensure_ascii=False)


def first_part(page: str) -> str:
    """The text of the Result's answer, as a browser shows it (tags dropped, entities read)."""
    [code] = re.findall(
        r'<pre class="code"[^>]*data-answer="whole"><code>(.*?)</code></pre>', page, re.S
    )
    return html.unescape(re.sub(r"<[^>]*>", "", code))


LATIN_1 = media_list_xml(300).replace(b"A sample entry", b"Caf\xe9 entry")
LOREM = "".join(f"line {n}: nothing a parser reads\n" for n in range(20_000)).encode()


@pytest.mark.parametrize(
    ("body", "content_type", "whole"),
    [
        (media_list_xml(5000), "text/xml", xml_pretty(media_list_xml(5000))),
        (media_list_json(800), "application/json", json_pretty(media_list_json(800))),
        (LOREM, "text/plain", LOREM.decode()),
        # not UTF-8: the page holds it as base64; unreadable XML is shown as text, U+FFFD for
        # the bad byte
        (LATIN_1, "text/xml", LATIN_1.decode(errors="replace")),
    ],
    ids=["xml-5mb", "json", "text", "not-utf8"],
)
def test_show_all_answers_the_rest_after_the_first_part_the_result_prints(
    client: TestClient, fake: FakeKaltura, body: bytes, content_type: str, whole: str
) -> None:
    fake.answer = httpx.Response(200, content=body, headers={"Content-Type": content_type})
    page = send(client, MEDIA_LIST).text
    assert "Show all" in page
    [(attrs, held)] = raw_answers(page)
    assert held == body
    shown = first_part(page)
    assert len(shown) < len(whole)

    rest = client.post(
        WHOLE,
        params={"type": attrs["data-content-type"] or ""},
        content=held,
        headers={"Content-Type": "application/octet-stream", "Sec-Fetch-Site": "same-origin"},
    )
    assert rest.status_code == 200
    assert rest.headers["content-type"].startswith("text/plain")
    assert rest.headers["Cache-Control"] == "no-store"
    assert shown + rest.text == whole  # nothing repeated, nothing lost


def test_the_rest_comes_in_pieces_of_whole_lines() -> None:
    pieces = list(rest_of(media_list_xml(5000), "text/xml"))
    assert len(pieces) > 50
    assert all(piece.endswith("\n") for piece in pieces[:-1])
    assert all(len(piece) < STEP_CHARS + 200 for piece in pieces)


def test_a_whole_answer_has_no_rest() -> None:
    assert list(rest_of(media_list_xml(3), "text/xml")) == []


def test_a_body_larger_than_any_answer_the_console_shows_is_refused(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(console, "MAX_ANSWER_BYTES", 1000)
    refused = client.post(WHOLE, params={"type": "text/plain"}, content=b"x\n" * 600)
    assert refused.status_code == 413
    assert client.post(WHOLE, params={"type": "text/plain"}, content=b"x\n" * 400).text == ""


def test_another_site_cannot_use_it(client: TestClient) -> None:
    refused = client.post(WHOLE, content=b"<xml/>", headers={"Sec-Fetch-Site": "cross-site"})
    assert refused.status_code == 403
