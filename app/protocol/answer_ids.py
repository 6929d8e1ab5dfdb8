"""The ids in a highlighted answer: which value tokens are ids of a kind the console can follow.

`mark_ids(tokens, kind, kind_of)` walks the tokens `highlight.py` made of a JSON or XML answer,
keeping the objects open around each value: every scalar member is asked about by the object's
`objectType` and the member's name (`kind_of("KalturaMediaEntry", "id")`), once the object is
whole (Kaltura writes `objectType` last in JSON, first in XML) or at the end of a cut-short text.
A value whose kind is not "" becomes a token of its own carrying `ref` (the kind) and, for an
object's own `id`, `ref_type` (the object's type: a `partnerId` is another object's), without
its quotes and trailing whitespace, which stay beside it: the texts still join back to the
answer. What the kinds are is the caller's (`app/forms/following.py` knows them from the
schema); this module reads only the answer's shape. Pure: stdlib only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from app.protocol.facts import OBJECT_TYPE
from app.protocol.highlight import Token

ID = "id"
KindOf = Callable[[str, str], str]
"""(objectType, member name) → the kind of id it holds, or ""."""

_XML_TAG = re.compile(r"<(/?)([\w:.\-]+)[^<>]*?(/?)>")
LONGEST_ID = 200
"""An id is one short word (no quoting, no spaces) of at most this many characters."""
_ID_TEXT = re.compile(rf"[^\s\"'<>&\\]{{1,{LONGEST_ID}}}")


@dataclass
class _Object:
    type: str = ""
    members: list[tuple[int, str]] = field(default_factory=list)  # (token index, name)


def mark_ids(tokens: Sequence[Token], kind: str, kind_of: KindOf) -> tuple[Token, ...]:
    """`tokens` with each id split out and marked; unchanged for other kinds of answer."""
    if kind == "xml":
        found = _xml_ids(tokens, kind_of)
    elif kind in ("json", "jsonp"):
        found = _json_ids(tokens, kind_of)
    else:
        found = {}
    if not found:
        return tuple(tokens)
    out: list[Token] = []
    for index, token in enumerate(tokens):
        if index in found:
            out += _split(token, *found[index])
        else:
            out.append(token)
    return tuple(out)


def _split(token: Token, ref: str, ref_type: str) -> list[Token]:
    """The token as (opening quote, the id, closing quote and whitespace), empty ends left out."""
    body = token.text.rstrip()
    start = len(body) - len(body.lstrip())
    if body[start:].startswith('"') and body.endswith('"') and len(body) - start > 1:
        inner = (start + 1, len(body) - 1)
    else:
        inner = (start, len(body))
    text = token.text[inner[0] : inner[1]]
    if not _ID_TEXT.fullmatch(text):
        return [token]
    pieces = [
        Token(token.cls, token.text[: inner[0]]),
        Token(token.cls, text, ref=ref, ref_type=ref_type),
        Token(token.cls, token.text[inner[1] :]),
    ]
    return [p for p in pieces if p.text]


def _resolve(obj: _Object | None, kind_of: KindOf, found: dict[int, tuple[str, str]]) -> None:
    if obj is None:
        return
    for index, name in obj.members:
        kind = kind_of(obj.type, name)
        if kind:
            found[index] = (kind, obj.type if name == ID else "")


def _json_ids(tokens: Sequence[Token], kind_of: KindOf) -> dict[int, tuple[str, str]]:
    found: dict[int, tuple[str, str]] = {}
    stack: list[_Object | None] = []  # None: an array
    key = ""  # the member whose value comes next
    for index, token in enumerate(tokens):
        if token.cls == "key":
            key = token.text.strip().strip('"')
        elif token.cls in ("string", "number") and key and stack and stack[-1] is not None:
            if key == OBJECT_TYPE:
                stack[-1].type = token.text.strip().strip('"')
            else:
                stack[-1].members.append((index, key))
            key = ""
        elif token.cls == "punct":
            for char in token.text:
                if char in "{[":
                    stack.append(_Object() if char == "{" else None)
                    key = ""
                elif char in "}]" and stack:
                    _resolve(stack.pop(), kind_of, found)
                    key = ""
                elif char == ",":
                    key = ""
        elif token.cls != "punct":
            key = ""
    for obj in stack:
        _resolve(obj, kind_of, found)
    return found


def _xml_ids(tokens: Sequence[Token], kind_of: KindOf) -> dict[int, tuple[str, str]]:
    """Every element is an object to the elements in it; an element holding text alone is a
    member of the one around it, named by its tag."""
    found: dict[int, tuple[str, str]] = {}
    stack: list[tuple[str, _Object]] = []
    for index, token in enumerate(tokens):
        if token.cls == "tag":
            for closing, name, empty in _XML_TAG.findall(token.text):
                if empty:
                    continue
                if not closing:
                    stack.append((name, _Object()))
                elif stack and stack[-1][0] == name:
                    _resolve(stack.pop()[1], kind_of, found)
        elif token.cls == "text" and len(stack) > 1:
            name, owner = stack[-1][0], stack[-2][1]
            if name == OBJECT_TYPE:
                owner.type = token.text.strip()
            else:
                owner.members.append((index, name))
    for _name, obj in stack:
        _resolve(obj, kind_of, found)
    return found
