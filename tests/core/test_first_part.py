"""How much of a long answer the Result prints: the first part of its pretty text, cut at a line
end, always a prefix of the whole text; a short answer whole."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from app.protocol.first_part import Part, json_part, shared_parts, text_part, xml_part, xml_start
from app.protocol.results import read_result

LINES = "".join(f"line {n:04d}\n" for n in range(1000))  # 10 characters a line


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 100, Part("short", True)),
        (LINES, len(LINES), Part(LINES, True)),
        (LINES, 105, Part(LINES[:100], False)),  # back to the last line end, kept
        (LINES, 100, Part(LINES[:100], False)),
        ("x" * 300, 100, Part("x" * 100, False)),  # one long line: cut where the limit falls
        ("ab\n" + "x" * 300, 100, Part(("ab\n" + "x" * 300)[:100], False)),
    ],
)
def test_text_part_cuts_at_a_line_end(text: str, limit: int, expected: Part) -> None:
    assert text_part(text, limit) == expected


def _xml(entries: int) -> bytes:
    items = "".join(
        f"<item><id>0_{n}</id><name>a &amp; b</name><tags/><sub><x>{n}</x></sub></item>"
        for n in range(entries)
    )
    return f"<xml><result><objects>{items}</objects><n>{entries}</n></result></xml>".encode()


@pytest.mark.parametrize("entries", [1, 10, 1000])
@pytest.mark.parametrize("limit", [5, 50, 1000, 10**6])
def test_xml_part_is_a_prefix_of_the_whole_pretty_text(entries: int, limit: int) -> None:
    root = ET.fromstring(_xml(entries))
    indented = ET.fromstring(_xml(entries))
    ET.indent(indented, space="  ")
    whole = ET.tostring(indented, encoding="unicode")
    part = xml_part(root, limit)
    assert whole.startswith(part.text) and len(part.text) <= limit
    assert part.complete == (part.text == whole) == (len(whole) <= limit)
    assert ET.tostring(root) == ET.tostring(ET.fromstring(_xml(entries)))  # left as it was


@pytest.mark.parametrize("entries", [0, 1, 1000])
@pytest.mark.parametrize("limit", [50, 1000, 10**6])
def test_json_part_is_a_prefix_of_the_whole_pretty_text(entries: int, limit: int) -> None:
    value = {"objects": [{"id": f"0_{n}", "name": "é"} for n in range(entries)], "n": 1.5}
    whole = json.dumps(value, indent=2, ensure_ascii=False)
    part = json_part(value, limit)
    assert whole.startswith(part.text) and len(part.text) <= limit
    assert part.complete == (part.text == whole) == (len(whole) <= limit)


@pytest.mark.parametrize(
    ("sizes", "limit", "shown"),
    [
        ((10, 10, 10), 100, (10, 10, 10)),
        ((150, 10), 100, (100, 10)),  # the first takes the budget, the next still gets a tenth
        ((50, 80, 5), 100, (50, 50, 5)),
    ],
)
def test_items_share_one_budget(sizes: tuple[int, ...], limit: int, shown: tuple[int, ...]) -> None:
    parts = shared_parts(["x" * size for size in sizes], text_part, limit)
    assert tuple(len(p.text) for p in parts) == shown


def _multirequest(entries: int) -> bytes:
    items = "".join(f"<item><id>0_{n}</id></item>" for n in range(entries))
    one = (
        f"<item><objectType>KalturaMediaListResponse</objectType><objects>{items}</objects></item>"
    )
    return f"<xml><result>{one}{one}</result></xml>".encode()


def test_a_big_multirequest_shows_the_first_part_of_each_item_and_of_the_whole() -> None:
    view = read_result(
        _multirequest(5000), "text/xml", "2", "multirequest", "", [("media", "list")] * 2
    )
    assert not view.complete and len(view.pretty) <= 200_000
    assert [item.complete for item in view.items] == [False, False]
    assert sum(len(item.pretty) for item in view.items) <= 220_000
    assert view.items[1].pretty.startswith("<item>\n  <objectType>")


def test_a_small_multirequest_is_whole() -> None:
    view = read_result(
        _multirequest(3), "text/xml", "2", "multirequest", "", [("media", "list")] * 2
    )
    assert view.complete and all(item.complete for item in view.items)
    assert view.pretty.endswith("</xml>") and view.items[0].pretty.endswith("</item>")


@pytest.mark.parametrize(
    ("body", "content_type"),
    [(b"x" * 300_000, "text/plain"), (b"cb(" + b"[1]," * 80_000 + b"[1])", "text/javascript")],
)
def test_a_long_text_answer_shows_its_first_part(body: bytes, content_type: str) -> None:
    view = read_result(body, content_type)
    assert not view.complete and body.decode().startswith(view.pretty)
    assert len(view.pretty) == 200_000


def test_a_long_answer_built_from_its_start_reads_as_the_whole() -> None:
    body = _xml(20_000)
    shown = xml_start(body)[1]
    root = ET.fromstring(body)
    assert shown == xml_part(root) and not shown.complete


@pytest.mark.parametrize(
    ("body", "note"),
    [
        (_xml(20_000)[:-20], "The XML ends before it is complete"),  # truncated
        (_xml(20_000).replace(b"<n>", b"<n", 1), "The Content-Type says XML (text/xml), but"),
    ],
)
def test_a_long_broken_answer_is_still_found_broken(body: bytes, note: str) -> None:
    view = read_result(body, "text/xml", "2", "media", "list")
    assert view.kind == "raw" and view.note.startswith(note)  # broken late: the whole is read


def test_a_long_answer_whose_text_is_short_once_indented_is_whole() -> None:
    body = b"<xml><result><a>" + b" " * 300_000 + b"<b>1</b></a></result></xml>"
    view = read_result(body, "text/xml", "2", "media", "list")
    assert view.complete and view.pretty.endswith("<b>1</b>\n    </a>\n  </result>\n</xml>")
