"""What History says a Send came to: the Kaltura error code read from the answer in every
format (each multirequest item's too), and what kept an answer from being read at all. Kaltura
answers its errors with HTTP 200, so none of these may read as a plain success."""

from __future__ import annotations

import pytest

from app.protocol.result_summary import Summary, summarize
from app.protocol.results import read_result
from tests.core.test_results import ERROR_JSON, ERROR_XML, xml

INVALID_KS_XML = (
    b'<error><code>INVALID_KS</code><message>Invalid KS "x" Error: -1,INVALID_STR</message>'
    b"<objectType>KalturaAPIException</objectType><args></args></error>"
)
INVALID_KS_JSON = (
    b'{"code":"INVALID_KS","message":"Invalid KS","objectType":"KalturaAPIException","args":{}}'
)
LIST_XML = b"<objectType>KalturaMediaListResponse</objectType><totalCount>0</totalCount>"
LIST_JSON = b'{"objectType":"KalturaMediaListResponse","totalCount":0}'
THREE = [("session", "start"), ("media", "list"), ("media", "get")]


def summary_of(body: bytes, content_type: str, fmt: str, multirequest: bool = False) -> Summary:
    if multirequest:
        view = read_result(body, content_type, fmt, "multirequest", "", THREE)
    else:
        view = read_result(body, content_type, fmt, "session", "start")
    return summarize(view, 200)


@pytest.mark.parametrize(
    ("body", "content_type", "fmt", "multirequest", "expected"),
    [
        (xml(b"djJ8MTAxfHx0ZXN0a3M="), "text/xml", "2", False, Summary("OK", False)),
        (xml(INVALID_KS_XML), "text/xml", "2", False, Summary("failed: INVALID_KS", True)),
        (INVALID_KS_JSON, "application/json", "1", False, Summary("failed: INVALID_KS", True)),
        (b"cb(" + ERROR_JSON + b");", "text/javascript", "9", False,
         Summary("failed: ENTRY_ID_NOT_FOUND", True)),
        (b'O:19:"KalturaAPIException":2:{s:7:"message";s:3:"Bad";s:4:"code";s:10:"INVALID_KS";}',
         "text/plain", "3", False, Summary("failed: INVALID_KS", True)),
        (  # a multirequest: each item read on its own
            xml(b"<item>" + INVALID_KS_XML + b"</item><item>" + LIST_XML + b"</item><item>"
                + ERROR_XML + b"</item>"),
            "text/xml", "2", True, Summary("2 of 3 failed: INVALID_KS, ENTRY_ID_NOT_FOUND", True),
        ),
        (
            b"[" + INVALID_KS_JSON + b"," + LIST_JSON + b"," + ERROR_JSON + b"]",
            "application/json", "1", True,
            Summary("2 of 3 failed: INVALID_KS, ENTRY_ID_NOT_FOUND", True),
        ),
        (  # the same code twice is named once
            b"[" + INVALID_KS_JSON + b"," + INVALID_KS_JSON + b"," + LIST_JSON + b"]",
            "application/json", "1", True, Summary("2 of 3 failed: INVALID_KS", True),
        ),
        (
            xml(b"<item>ks</item><item>" + LIST_XML + b"</item><item>" + LIST_XML + b"</item>"),
            "text/xml", "2", True, Summary("all 3 OK", False),
        ),
        (  # the whole multirequest refused: one error, no items
            xml(INVALID_KS_XML), "text/xml", "2", True, Summary("failed: INVALID_KS", True),
        ),
        (b"", "text/xml", "2", False, Summary("empty answer", False)),
        (b"<html><body>Welcome</body></html>", "text/html", "2", False, Summary("shown raw", False)),
    ],
    ids=[
        "xml-ok", "xml-error", "json-error", "jsonp-error", "php-error", "xml-multirequest",
        "json-multirequest", "repeated-code", "multirequest-ok", "multirequest-refused", "empty",
        "html",
    ],
)  # fmt: skip
def test_a_kaltura_error_is_named_by_its_code_in_every_format(
    body: bytes, content_type: str, fmt: str, multirequest: bool, expected: Summary
) -> None:
    assert summary_of(body, content_type, fmt, multirequest) == expected


@pytest.mark.parametrize(
    ("status", "failure", "cut_short", "expected"),
    [
        (0, "no answer: timed out", False, Summary("no answer: timed out", True)),
        (0, "no answer: unreachable", False, Summary("no answer: unreachable", True)),
        (302, "redirect not followed", False, Summary("redirect not followed", True)),
        (502, "", False, Summary("HTTP 502", True)),
        (200, "", True, Summary("answer cut short", True)),
    ],
)
def test_what_kept_an_answer_from_being_read_comes_first(
    status: int, failure: str, cut_short: bool, expected: Summary
) -> None:
    view = read_result(xml(INVALID_KS_XML), "text/xml", "2", "session", "start")
    assert summarize(view, status, failure, cut_short) == expected
    assert summarize(None, status, failure, cut_short) == expected


def test_an_error_without_a_code_still_reads_as_failed() -> None:
    body = b'{"objectType":"KalturaAPIException","message":"Something broke"}'
    view = read_result(body, "application/json", "1", "media", "get")
    assert summarize(view) == Summary("failed: error without a code", True)
