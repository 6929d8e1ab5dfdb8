"""A list the Result's first part cuts short still says how many items the whole answer holds:
the folds each fold holds, counted from the whole parse in the order `highlight.py` finds them,
reach the openers the first part leaves open, for XML and JSON, an answer or a multirequest's
request."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from app.protocol.first_part import json_folds, json_part, xml_folds, xml_part, xml_start
from app.protocol.highlight import Token, highlight
from app.protocol.results import read_result

ENTRIES = 500


def held(tokens: tuple[Token, ...]) -> tuple[int, ...]:
    """For each fold the tokens open, in order: how many folds its body holds, as the
    Result's toggles count them in what is shown."""
    counts: list[int] = []
    open_folds: list[int] = []
    for token in tokens:
        if token.fold > 0:
            if open_folds:
                counts[open_folds[-1]] += 1
            open_folds.append(len(counts))
            counts.append(0)
        elif token.fold < 0:
            open_folds.pop()
    return tuple(counts)


def media_list(entries: int, kind: str) -> bytes:
    objects = [
        {"id": f"0_{n:05d}", "name": f"Entry {n} & co", "tags": "", "sub": {"x": n}}
        for n in range(entries)
    ]
    if kind == "json":
        return json.dumps({"objects": objects, "totalCount": entries}).encode()
    items = "".join(
        f"<item><id>{o['id']}</id><name>Entry {n} &amp; co</name><tags/><sub><x>{n}</x></sub>"
        "</item>"
        for n, o in enumerate(objects)
    )
    return (
        f"<xml><result><objects>{items}</objects><totalCount>{entries}</totalCount></result>"
        "<executionTime>0.1</executionTime></xml>"
    ).encode()


XML_BODIES = [
    media_list(3, "xml"),
    b"<a><b>1</b><c/></a>",
    b"<a><b><c>1</c></b><d><e/></d><f>x</f><g><h><i/></h></g></a>",
    b"<a>text</a>",
    # Folds are counted from the tags' bytes (first_part._tag_events): what might fool that.
    b'<?xml version="1.0" encoding="UTF-8"?><!-- <x><y/></x> --><a x="1>2"><b><![CDATA[<c><d/>'
    b"</c>]]></b><e><?pi <f><g/></f>?><h/></e>( ) <i\n/><j ></j ></a>",
    b"<a y='/>'><b><c/></b>text /> too<d><e/></d></a>",  # `/>` not closing a tag: expat's calls
    b'<!DOCTYPE a [<!ENTITY e "<b><c/></b>">]><a>&e;<d><f/></d></a>',  # elements from an entity
    b'<n:a xmlns:n="urn:x"><n:b><n:c/></n:b><n:d>\xc3\xa9</n:d></n:a>',
    b"<a/>",
]
JSON_VALUES: list[object] = [
    json.loads(media_list(3, "json")),
    {"a": [], "b": {}, "c": [1, [2]], "d": [{"e": {"f": 1}}]},
    [1, "x", None],
    "scalar",
]


@pytest.mark.parametrize("body", XML_BODIES)
def test_xml_folds_count_what_the_result_finds_in_the_whole_text(body: bytes) -> None:
    root = ET.fromstring(body)
    whole = xml_part(root, 10**9).text
    assert xml_folds(root) == held(highlight(whole, "xml"))
    assert xml_start(body, 10)[2] == xml_folds(root)  # counted while expat reads, no tree


@pytest.mark.parametrize("value", JSON_VALUES)
def test_json_folds_count_what_the_result_finds_in_the_whole_text(value: object) -> None:
    whole = json_part(value, 10**9).text
    assert json_folds(value) == held(highlight(whole, "json"))


@pytest.mark.parametrize(
    ("kind", "content_type"), [("xml", "text/xml"), ("json", "application/json")]
)
# XML of 500 entries: 44 KB, 79 KB indented; JSON 38 KB, 63 KB. So XML is read whole (and cut
# once indented) under a 50 KB limit, from its start (xml_start) under 2 KB.
@pytest.mark.parametrize("limit", [2_000, 50_000])
def test_a_list_cut_short_carries_how_many_items_the_whole_holds(
    kind: str, content_type: str, limit: int
) -> None:
    view = read_result(media_list(ENTRIES, kind), content_type, "", "media", "list", limit=limit)
    assert not view.complete
    tokens = highlight(view.pretty, view.kind, view.folds)
    [objects] = [n for n, t in enumerate(tokens) if t.total == ENTRIES]
    shown = held(tokens)[sum(1 for t in tokens[:objects] if t.fold > 0)]
    assert 0 < shown < ENTRIES


@pytest.mark.parametrize(
    ("kind", "content_type"), [("xml", "text/xml"), ("json", "application/json")]
)
def test_a_whole_answer_has_nothing_more_to_say(kind: str, content_type: str) -> None:
    view = read_result(media_list(10, kind), content_type, "", "media", "list")
    assert view.complete and view.folds == ()
    assert not any(t.total for t in highlight(view.pretty, view.kind, view.folds))


def test_a_multirequest_request_cut_short_carries_its_own_counts() -> None:
    one = json.loads(media_list(ENTRIES, "json"))
    body = json.dumps([one, {"objectType": "KalturaMediaListResponse", "totalCount": 0}]).encode()
    calls = [("media", "list"), ("media", "list")]
    view = read_result(body, "application/json", "1", "multirequest", "", calls, limit=20_000)
    first, second = view.items
    assert not first.complete and second.complete and second.folds == ()
    assert ENTRIES in [t.total for t in highlight(first.pretty, view.kind, first.folds)]
