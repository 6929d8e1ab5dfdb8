"""The path filter's grammar (static/answer-paths.js), run in the browser over a table of cases:
the same path reads the XML and the JSON form of an answer alike, multirequests by request
number, errors by their fields; a path that finds nothing or is malformed says so."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import xml_result

pytestmark = pytest.mark.browser

LIST = {
    "xml": xml_result(
        "<objects><item><id>0_a</id><name>A</name></item><item><id>0_b</id><name>B</name></item>"
        "</objects><totalCount>2</totalCount>"
    ),
    "json": json.dumps(
        {"objects": [{"id": "0_a", "name": "A"}, {"id": "0_b", "name": "B"}], "totalCount": 2}
    ),
}
MULTI = {
    "xml": xml_result(
        "<item><objects><item><id>0_a</id></item></objects></item>"
        "<item><error><code>E</code><message>m</message></error></item>"
    ),
    "json": json.dumps([{"objects": [{"id": "0_a"}]}, {"code": "E", "message": "m"}]),
}
ERROR = {
    "xml": xml_result("<error><code>E</code><message>m</message></error>"),
    "json": json.dumps({"code": "E", "message": "m", "objectType": "KalturaAPIException"}),
}

# (answer, path, what comes out: [(path, value)…] or the message's beginning)
ALIKE: list[tuple[dict[str, str], str, list[tuple[str, str]] | str]] = [
    (LIST, "objects.0.id", [("objects.0.id", "0_a")]),
    (LIST, " objects.1.name ", [("objects.1.name", "B")]),
    (LIST, "objects.*.name", [("objects.0.name", "A"), ("objects.1.name", "B")]),
    (LIST, "totalCount", [("totalCount", "2")]),
    (
        LIST,
        "objects.*.*",
        [
            ("objects.0.id", "0_a"),
            ("objects.0.name", "A"),
            ("objects.1.id", "0_b"),
            ("objects.1.name", "B"),
        ],
    ),
    (LIST, "objects.2.id", "No value at objects.2.id."),
    (LIST, "objects.0.nope", "No value at objects.0.nope."),
    (LIST, "totalCount.0", "No value at totalCount.0."),
    (MULTI, "0.objects.0.id", [("0.objects.0.id", "0_a")]),
    (MULTI, "1.code", [("1.code", "E")]),
    (MULTI, "*.code", [("1.code", "E")]),
    (MULTI, "objects", "No value at objects."),
    (ERROR, "code", [("code", "E")]),
    (ERROR, "message", [("message", "m")]),
    (LIST, "objects..id", "Not a path: “objects..id” has an empty part"),
    (LIST, ".objects", "Not a path: “.objects” has an empty part"),
    (LIST, "objects.", "Not a path: “objects.” has an empty part"),
    (LIST, "objects[0]", "Not a path: “objects[0]” is not a name, an index or *."),
    (LIST, "objects.0.id!", "Not a path: “id!” is not a name, an index or *."),
    (LIST, "a b", "Not a path: “a b” is not a name, an index or *."),
    (LIST, "   ", "Not a path: it is empty."),
]

ONE_FORM: list[tuple[str, str, str, list[tuple[str, str]] | str]] = [
    ('cb({"a": {"b": 1}});', "jsonp", "a.b", [("a.b", "1")]),
    ('{"a": [true, null, 1.5]}', "json", "a.*", [("a.0", "true"), ("a.1", "null"), ("a.2", "1.5")]),
    ('{"a": {"b": [1]}}', "json", "a", [("a", '{\n  "b": [\n    1\n  ]\n}')]),
    ("<xml><result><a><b>1</b></a></result></xml>", "xml", "a", [("a", "<a><b>1</b></a>")]),
    (
        "<xml><result><a>\n    <b>1</b>\n  </a></result></xml>",
        "xml",
        "a",
        [("a", "<a>\n  <b>1</b>\n</a>")],
    ),
    ('{"a": ', "json", "a", "The answer is not JSON the filter can read"),
    ("<xml><result><a>", "xml", "a", "The answer is not well-formed XML"),
    (
        'a:1:{s:1:"a";i:1;}',
        "php",
        "a",
        "The path filter reads XML and JSON answers; this one is php.",
    ),
]

# The module the page loaded, imported again (the same URL, so the same instance) beside main.js.
SELECT = """async ([text, kind, path]) => {
  const main = document.querySelector('script[type="module"]').src;
  const { select } = await import(new URL("answer-paths.js", main));
  const found = select(text, kind, path);
  return found.error !== undefined ? found.error : found.matches.map(m => [m.path, m.value]);
}"""


def selected(page: Page, text: str, kind: str, path: str) -> Any:
    return page.evaluate(SELECT, [text, kind, path])


def check(out: Any, expected: list[tuple[str, str]] | str) -> None:
    if isinstance(expected, str):
        assert isinstance(out, str) and out.startswith(expected), out
    else:
        assert out == [list(pair) for pair in expected]


@pytest.mark.parametrize(("answer", "path", "expected"), ALIKE)
@pytest.mark.parametrize("kind", ["xml", "json"])
def test_a_path_reads_xml_and_json_alike(
    console_page: Page, answer: dict[str, str], path: str, expected: Any, kind: str
) -> None:
    check(selected(console_page, answer[kind], kind, path), expected)


@pytest.mark.parametrize(("text", "kind", "path", "expected"), ONE_FORM)
def test_a_path_in_one_form(
    console_page: Page, text: str, kind: str, path: str, expected: Any
) -> None:
    check(selected(console_page, text, kind, path), expected)


@pytest.fixture(scope="module")
def console_page(shared_context: Any, console_url: str) -> Any:
    """One tab with the console's scripts loaded, for the whole table."""
    tab = shared_context.new_page()
    tab.goto(console_url + "/api_v3/testme/")
    yield tab
    tab.close()
