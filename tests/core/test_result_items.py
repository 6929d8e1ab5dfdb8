"""A multirequest answer split into one item per request, each with its call, its own pretty
text and its error, beside the whole answer."""

from __future__ import annotations

import pytest

from app.protocol.results import ItemView, read_result
from tests.core.test_results import ENTRY_NOT_FOUND, ERROR_JSON, ERROR_XML, xml

CALLS = [("media", "list"), ("media", "get")]
LIST_XML = b"<objectType>KalturaMediaListResponse</objectType><totalCount>1</totalCount>"
LIST_JSON = b'{"objectType": "KalturaMediaListResponse", "totalCount": 1}'


def items(body: bytes, content_type: str, fmt: str = "2") -> tuple[ItemView, ...]:
    return read_result(body, content_type, fmt, "multirequest", "", CALLS).items


@pytest.mark.parametrize(
    ("body", "content_type", "fmt", "expected"),
    [
        (
            xml(b"<item>" + LIST_XML + b"</item><item>" + ERROR_XML + b"</item>"),
            "text/xml",
            "2",
            [(1, "media.list", "<item>\n  <objectType>KalturaMediaListResponse", None)],
        ),
        (
            xml(b"<item>" + LIST_XML + b"</item><item>" + ERROR_XML + b"</item>"),
            "text/xml",
            "2",
            [(2, "media.get", "<item>\n  <error>\n    <code>ENTRY_ID_NOT_FOUND", ENTRY_NOT_FOUND)],
        ),
        (
            b"[" + LIST_JSON + b"," + ERROR_JSON + b"]",
            "application/json",
            "1",
            [
                (1, "media.list", '{\n  "objectType": "KalturaMediaListResponse"', None),
                (2, "media.get", '{\n  "code": "ENTRY_ID_NOT_FOUND"', ENTRY_NOT_FOUND),
            ],
        ),
        (  # JSONP: the parsed value is split, the whole stays as it came
            b"cb([" + LIST_JSON + b',"x"]);',
            "text/javascript",
            "9",
            [(1, "media.list", "{", None), (2, "media.get", '"x"', None)],
        ),
        (  # more items than requests sent: the extra one has no call
            b'[1, 2, {"a": "\xc3\xa9"}]',
            "application/json",
            "1",
            [(3, "", '{\n  "a": "\u00e9"\n}', None)],
        ),
        (  # scalar items, as session.start answers
            xml(b"<item>abc</item><item></item>"),
            "text/xml",
            "2",
            [(1, "media.list", "<item>abc</item>", None), (2, "media.get", "<item />", None)],
        ),
    ],
    ids=["xml item", "xml error item", "json", "jsonp", "extra item", "scalars"],
)
def test_each_item_is_shown_on_its_own(
    body: bytes,
    content_type: str,
    fmt: str,
    expected: list[tuple[int, str, str, object]],
) -> None:
    found = {item.number: item for item in items(body, content_type, fmt)}
    for number, call, starts, error in expected:
        item = found[number]
        assert (item.call, item.error) == (call, error)
        assert item.pretty.startswith(starts), item.pretty
        assert not item.pretty.endswith("\n")


def test_an_xml_item_is_indented_from_its_own_start() -> None:
    [first, second] = items(xml(b"<item>" + LIST_XML + b"</item><item>1</item>"), "text/xml")
    assert first.pretty.splitlines()[-1] == "</item>"
    assert second.pretty == "<item>1</item>"


@pytest.mark.parametrize(
    ("body", "content_type", "fmt"),
    [
        (xml(ERROR_XML), "text/xml", "2"),  # the multirequest failed as a whole
        (b'{"objectType": "KalturaAPIException", "code": "X"}', "application/json", "1"),
        (xml(b"<item>1</item"), "text/xml", "2"),  # malformed XML
        (b"[1, 2", "application/json", "1"),  # truncated JSON
        (b"<html><body>502</body></html>", "text/html", "2"),  # a proxy's page
        (b"<xml><nothing/></xml>", "text/xml", "2"),  # XML but no <result>
        (b'a:1:{i:0;s:1:"x";}', "text/plain", "3"),  # PHP is shown raw
        (b"cb([1,2);", "text/javascript", "9"),  # JSONP that does not parse
        (b'{"objectType": "KalturaMediaListResponse"}', "application/json", "1"),  # no list
    ],
    ids=[
        "xml error",
        "json error",
        "bad xml",
        "bad json",
        "html",
        "no result",
        "php",
        "bad jsonp",
        "json object",
    ],
)
def test_an_answer_that_is_not_one_item_per_request_has_no_items(
    body: bytes, content_type: str, fmt: str
) -> None:
    view = read_result(body, content_type, fmt, "multirequest", "", CALLS)
    assert view.items == ()
    assert view.pretty or view.note


def test_a_single_call_has_no_items() -> None:
    view = read_result(b"[1, 2]", "application/json", "1", "media", "list")
    assert view.items == ()
