"""Highlighting: tokens that give back the text exactly, classed as a reader expects, and fast."""

from __future__ import annotations

import json
import random

import pytest

from app.protocol.highlight import MAX_CHARS, Token, highlight
from app.protocol.results import read_result

XML_SAMPLE = (
    '<?xml version="1.0"?>\n<xml>\n  <result a="1" b=\'two\'>\n'
    "    <objectType>KalturaMediaEntry</objectType>\n    <!-- note -->\n"
    "    <name>Tom &amp; &lt;Jerry&gt;</name>\n    <tags />\n  </result>\n</xml>"
)
JSON_SAMPLE = json.dumps(
    {
        "name": 'say "hi"\n',
        "count": -12.5e3,
        "ok": True,
        "no": False,
        "none": None,
        "list": [1, {}],
    },
    indent=2,
)

ROUND_TRIP_TEXTS: list[tuple[str, str]] = [
    (XML_SAMPLE, "xml"),
    (JSON_SAMPLE, "json"),
    ("cb(" + JSON_SAMPLE + ");", "jsonp"),
    ('a:1:{s:1:"a";i:1;}', "php"),
    ("plain <b>text</b>", "raw"),
    ('<result><unclosed attr="x', "xml"),
    ("<a b='1' c=\"2\"/><<>><!--", "xml"),
    ("<![CDATA[ <not a tag> ]]><?pi x?><!DOCTYPE y>", "xml"),
    ('{"unterminated: [1, 2', "json"),
    ('{"a": tru, "b": nul, "c": -, "d": 1.}', "json"),
    ("éü ☃ \x00 \r\n", "json"),
    ("éü ☃ \x00 \r\n", "xml"),
]


@pytest.mark.parametrize(("text", "kind"), ROUND_TRIP_TEXTS)
def test_joined_tokens_give_back_the_text_exactly(text: str, kind: str) -> None:
    tokens = highlight(text, kind)
    assert "".join(t.text for t in tokens) == text
    assert all(t.text for t in tokens)


def test_random_text_always_comes_back_whole() -> None:
    rng = random.Random(7)
    alphabet = "<>/=\"'{}[],:!?-tfnul0123456789 \nabc&;\\"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        for kind in ("xml", "json"):
            assert "".join(t.text for t in highlight(text, kind)) == text


def _class_of(piece: str, text: str, kind: str) -> str:
    """The class of the token that is `piece`, else of the first token holding it."""
    tokens = highlight(text, kind)
    exact = [t.cls for t in tokens if t.text == piece]
    return exact[0] if exact else next(t.cls for t in tokens if piece in t.text)


@pytest.mark.parametrize(
    ("piece", "cls"),
    [
        ("<result", "tag"),
        ("</objectType>", "tag"),
        ("a", "attr"),
        ("=", "punct"),
        ('"1"', "string"),
        ("'two'", "string"),
        ("<!-- note -->", "comment"),
        ('<?xml version="1.0"?>', "comment"),
        ("Tom &amp; &lt;Jerry&gt;", "text"),
        ("KalturaMediaEntry", "text"),
    ],
)
def test_xml_pieces_are_classed(piece: str, cls: str) -> None:
    assert _class_of(piece, XML_SAMPLE, "xml") == cls


@pytest.mark.parametrize(
    ("piece", "cls"),
    [
        ('"name"', "key"),
        ('"say \\"hi\\"\\n"', "string"),
        ("-12500.0", "number"),
        ("true", "bool"),
        ("false", "bool"),
        ("null", "null"),
        ('"count"', "key"),
    ],
)
def test_json_pieces_are_classed(piece: str, cls: str) -> None:
    assert _class_of(piece, JSON_SAMPLE, "json") == cls


def test_self_closing_tags_end_in_a_tag_token() -> None:
    assert highlight('<a b="1"/>', "xml") == (
        Token("tag", "<a"),
        Token("text", " "),
        Token("attr", "b"),
        Token("punct", "="),
        Token("string", '"1"'),
        Token("tag", "/>"),
    )


def test_the_jsonp_callback_stays_text() -> None:
    assert highlight('cb({"a":1});', "jsonp")[0] == Token("text", "cb(")


@pytest.mark.parametrize("kind", ["php", "raw", "empty", "anything"])
def test_other_kinds_are_one_plain_token(kind: str) -> None:
    assert highlight('s:1:"a";', kind) == (Token("text", 's:1:"a";'),)


def test_nothing_gives_no_tokens() -> None:
    assert highlight("", "json") == ()


def test_text_beyond_the_limit_is_one_plain_token() -> None:
    text = "[" + "1," * (MAX_CHARS // 2) + "1]"
    assert highlight(text, "json") == (Token("text", text),)


def _pretty_list(kind: str, count: int) -> str:
    if kind == "json":
        objects = [
            {
                "id": f"0_{i:06d}",
                "name": f"Entry {i}",
                "plays": i,
                "ok": True,
                "objectType": "KalturaMediaEntry",
            }
            for i in range(count)
        ]
        return json.dumps({"objects": objects, "totalCount": count}, indent=2)
    items = "".join(
        f"<item><objectType>KalturaMediaEntry</objectType><id>0_{i:06d}</id>"
        f"<name>Entry {i}</name></item>"
        for i in range(count)
    )
    body = f"<xml><result><objects>{items}</objects></result></xml>".encode()
    return read_result(body, "text/xml", limit=10**9).pretty  # whole, however long


@pytest.mark.parametrize(("kind", "count"), [("json", 7_000), ("xml", 9_000)])
def test_a_megabyte_highlights_whole(kind: str, count: int) -> None:
    # How fast is `make bench`'s to say, as a ratio in its own run: a timed assertion here
    # would fail on a busy machine and pass a slow regression on a fast one.
    text = _pretty_list(kind, count)
    assert len(text) > 1_000_000
    tokens = highlight(text, kind)
    assert "".join(t.text for t in tokens) == text


def _folds(text: str, kind: str) -> list[tuple[int, str]]:
    """(fold, stripped text) of every token that opens or closes a fold."""
    return [(t.fold, t.text.strip()) for t in highlight(text, kind) if t.fold]


@pytest.mark.parametrize(
    ("text", "kind", "folds"),
    [
        ('{"a": [1, 2], "b": {}}', "json", [(1, "{"), (1, "["), (-1, "],"), (-1, "}")]),
        ("[[], {}]", "json", [(1, "["), (-1, "]")]),
        ('{"a": [{"id": 1}, {"id"', "json", [(1, "{"), (1, "["), (1, "{"), (-1, "},"), (1, "{")]),
        ('{"a": 1}]]}', "json", [(1, "{"), (-1, "}]]}")]),
        ('cb({"a": 1});', "jsonp", [(1, "{"), (-1, "}")]),
        ("<a><b>1</b><c/></a>", "xml", [(1, "<a>"), (-1, "</a>")]),
        ("<a><b><c>1</c></b></a>", "xml", [(1, "<a>"), (1, "<b>"), (-1, "</b>"), (-1, "</a>")]),
        ('<a x="1"><b>1</b></a>', "xml", [(1, ">"), (-1, "</a>")]),
        ("<a><b><c>1</c>", "xml", [(1, "<a>"), (1, "<b>")]),
        ("<a><b><c>1</c></a>", "xml", [(1, "<a>"), (-1, "</a>")]),
        ("<a><b>1</b></x></a>", "xml", [(1, "<a>"), (-1, "</a>")]),
        ("<a>text</a><e/>", "xml", []),
        ("<a>\n  <b/>\n</a>", "xml", [(1, "<a>"), (-1, "</a>")]),
        ('<a><b x="1"/></a>', "xml", [(1, "<a>"), (-1, "</a>")]),
        ("<a><!-- c --></a>", "xml", []),
    ],
)
def test_objects_arrays_and_parent_elements_open_and_close_folds(
    text: str, kind: str, folds: list[tuple[int, str]]
) -> None:
    assert _folds(text, kind) == folds


@pytest.mark.parametrize(("text", "kind"), ROUND_TRIP_TEXTS)
def test_folds_never_close_more_than_they_opened(text: str, kind: str) -> None:
    depth = 0
    for token in highlight(text, kind):
        depth += token.fold
        assert depth >= 0


def test_a_folded_body_holds_its_indentation_not_the_opener() -> None:
    tokens = highlight('{\n  "a": [\n    1\n  ]\n}', "json")
    openers = [t.text for t in tokens if t.fold == 1]
    assert openers == ["{", "["]


@pytest.mark.parametrize(
    ("text", "kind", "folds", "totals"),
    [
        ('{"objects": [{"id": 1}, {"id"', "json", (1, 500, 0, 0), [("{", 1), ("[", 500)]),
        (
            "<xml><result><objects><item><id>1</id></item><item><id>",
            "xml",
            (1, 1, 500, 0, 0),
            [("<xml>", 1), ("<result>", 1), ("<objects>", 500)],
        ),
        ('{"a": [1, 2]}', "json", (1, 0), []),  # nothing left open: nothing more to say
        ('{"objects": [{"id": 1}, {"id"', "json", (), []),  # no counts: the text was whole
    ],
)
def test_openers_a_first_part_leaves_open_carry_what_the_whole_holds(
    text: str, kind: str, folds: tuple[int, ...], totals: list[tuple[str, int]]
) -> None:
    tokens = highlight(text, kind, folds)
    assert [(t.text.strip(), t.total) for t in tokens if t.total] == totals
    assert "".join(t.text for t in tokens) == text
