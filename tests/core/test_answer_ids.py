"""The ids of a highlighted answer, found by where they sit (app/protocol/answer_ids.py): the
object's objectType (written before or after the id) and the member's name, in JSON and XML,
whole or cut short; the texts still join back to the answer."""

from __future__ import annotations

import json

import pytest

from app.protocol.answer_ids import mark_ids
from app.protocol.highlight import highlight

KINDS = {("KalturaMediaEntry", "id"): "entry", ("KalturaUploadToken", "id"): "uploadToken"}


def kind_of(object_type: str, key: str) -> str:
    if key == "partnerId":
        return "partner"
    return KINDS.get((object_type, key), "")


def marked(text: str, kind: str) -> list[tuple[str, str, str]]:
    tokens = mark_ids(highlight(text, kind), kind, kind_of)
    assert "".join(t.text for t in tokens) == text  # nothing added, nothing lost
    return [(t.text, t.ref, t.ref_type) for t in tokens if t.ref]


MEDIA = {"id": "0_abc", "name": "0_not", "partnerId": 102, "objectType": "KalturaMediaEntry"}
TOKEN = {"objectType": "KalturaUploadToken", "id": "1_tok", "partnerId": 102}
LIST = {"objects": [MEDIA, TOKEN], "totalCount": 2, "objectType": "KalturaMediaListResponse"}


@pytest.mark.parametrize(
    ("answer", "found"),
    [
        (  # objectType after the id (Kaltura's JSON), before it, an object in a list
            LIST,
            [
                ("0_abc", "entry", "KalturaMediaEntry"),
                ("102", "partner", ""),
                ("1_tok", "uploadToken", "KalturaUploadToken"),
                ("102", "partner", ""),
            ],
        ),
        (  # a multirequest's answer: a list of results
            [MEDIA, {"code": "ENTRY_ID_NOT_FOUND", "objectType": "KalturaAPIException"}],
            [("0_abc", "entry", "KalturaMediaEntry"), ("102", "partner", "")],
        ),
        ({"id": "0_abc", "objectType": "KalturaCategoryEntry"}, []),  # no kind for that id
        ("0_abc", []),  # a bare value is nothing's id
    ],
)
def test_json_ids_are_found_by_their_object_s_type(
    answer: object, found: list[tuple[str, str, str]]
) -> None:
    assert marked(json.dumps(answer, indent=2), "json") == found


def test_a_json_id_loses_its_quotes_to_its_neighbours() -> None:
    text = json.dumps(MEDIA, indent=2)
    tokens = mark_ids(highlight(text, "json"), "json", kind_of)
    at = next(i for i, t in enumerate(tokens) if t.ref)
    assert [t.text for t in tokens[at - 1 : at + 2]] == ['"', "0_abc", '"']


XML = (
    '<?xml version="1.0" encoding="utf-8"?><xml><result><objectType>KalturaMediaListResponse'
    "</objectType><objects><item><objectType>KalturaMediaEntry</objectType><id>0_abc</id>"
    "<name>0_not</name><partnerId>102</partnerId><tags/></item></objects><totalCount>1"
    "</totalCount></result><executionTime>0.01</executionTime></xml>"
)


def test_xml_ids_are_found_by_their_element_s_object_type() -> None:
    pretty = XML.replace("><", ">\n<")
    assert marked(pretty, "xml") == [
        ("0_abc", "entry", "KalturaMediaEntry"),
        ("102", "partner", ""),
    ]


def test_an_answer_cut_short_still_offers_the_ids_it_shows() -> None:
    text = json.dumps(LIST, indent=2)
    cut = text[: text.index('"objectType": "KalturaUploadToken"')]
    assert marked(cut, "json") == [
        ("0_abc", "entry", "KalturaMediaEntry"),
        ("102", "partner", ""),
    ]
    xml_cut = XML[: XML.index("<tags/>")]
    assert marked(xml_cut, "xml") == [
        ("0_abc", "entry", "KalturaMediaEntry"),
        ("102", "partner", ""),
    ]


def test_text_answers_are_left_alone() -> None:
    tokens = highlight("id=0_abc", "text")
    assert mark_ids(tokens, "text", kind_of) == tokens
