"""The first part of an answer's pretty text: how much of a big answer the Result prints.

The Result highlights at most `SHOWN_CHARS` characters of pretty-printed text, cut at the end of
a line (about 200 KB: a 50 KB answer is always whole, a 5 MB `media.list` shows its first ~3,000
lines). The rest travels to the browser raw, with the page, for Show all and Download
(`app/web/raw_answer.py`). Serializing stops once it has written enough, so a 5 MB answer costs
the server its parse, not 7 MB of pretty text nobody would read in one go. Pure: stdlib only.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from typing import NamedTuple, TypeVar, cast
from xml.parsers import expat

T = TypeVar("T")

SHOWN_CHARS = 200_000
"""At most this many characters of an answer's pretty text are printed, highlighted."""


class Part(NamedTuple):
    """The first `limit` characters (or fewer, at a line end) of a pretty text, and whether
    that is all of it."""

    text: str
    complete: bool


class _Enough(Exception):
    """Raised by the writer once it holds more than its limit: stops the serializer."""


class _Prefix:
    def __init__(self, limit: int) -> None:
        self.pieces: list[str] = []
        self.size = 0
        self.limit = limit

    def write(self, piece: str) -> None:
        self.pieces.append(piece)
        self.size += len(piece)
        if self.size > self.limit:
            raise _Enough


def xml_part(element: ET.Element, limit: int = SHOWN_CHARS) -> Part:
    """The element indented by two spaces a level and written as `ET.tostring` writes it
    (without its tail), or the first part of that. The element itself is left as it was."""
    out = _Prefix(limit)
    pruned = _pruned(element, limit)
    pruned.tail = None
    ET.indent(pruned, space="  ")
    try:
        ET.ElementTree(pruned).write(out, encoding="unicode")
    except _Enough:
        return Part(_cut("".join(out.pieces), limit), complete=False)
    return Part("".join(out.pieces), complete=True)


def xml_start(body: bytes, limit: int = SHOWN_CHARS) -> tuple[ET.Element, Part]:
    """The tree of a long XML answer as far as its first part needs, and that part. The whole
    body is read by expat first, without building a tree (five times faster than
    `ET.fromstring`: a tenth of a second for 5 MB), so a broken answer still raises
    `expat.ExpatError`; the tree is then built from as much of the body as the part needs
    (twice `limit` bytes, more if they do not fill it). What comes later is not in it."""
    expat.ParserCreate().Parse(body, True)
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start",))
    root: ET.Element | None = None
    fed, step = 0, 2 * limit
    while True:
        parser.feed(body[fed : fed + step])
        fed, step = fed + step, step * 2
        if fed >= len(body):
            parser.close()
        for event in parser.read_events():
            _, element = cast(tuple[str, ET.Element], event)  # events=("start",)
            root = element if root is None else root
        if root is not None:
            shown = xml_part(root, limit)
            if not shown.complete or fed >= len(body):
                return root, shown


def _pruned(element: ET.Element, limit: int) -> ET.Element:
    """A copy of the tree's first elements, in document order, until what is sure to be
    written before the first left out (`<tag` of each, the text of a leaf) passes `limit`
    characters: indented and written, it reads as the whole tree does for longer than that.
    (Indenting the whole, and ElementTree's walk of it for namespaces before it writes a
    character, cost a 5 MB answer half a second.)"""
    size = 0

    def copied(node: ET.Element) -> ET.Element:
        nonlocal size
        clone = ET.Element(node.tag, node.attrib)
        clone.text, clone.tail = node.text, node.tail
        size += 1 + len(str(node.tag)) + (0 if len(node) else len(node.text or ""))
        for child in node:
            if size > limit:
                break
            clone.append(copied(child))
        return clone

    return copied(element)


def json_part(value: object, limit: int = SHOWN_CHARS) -> Part:
    """`json.dumps(value, indent=2, ensure_ascii=False)`, or its first part."""
    out = _Prefix(limit)
    try:
        for piece in json.JSONEncoder(indent=2, ensure_ascii=False).iterencode(value):
            out.write(piece)
    except _Enough:
        return Part(_cut("".join(out.pieces), limit), complete=False)
    return Part("".join(out.pieces), complete=True)


def text_part(text: str, limit: int = SHOWN_CHARS) -> Part:
    """`text`, or its first part."""
    if len(text) <= limit:
        return Part(text, complete=True)
    return Part(_cut(text, limit), complete=False)


def _cut(text: str, limit: int) -> str:
    """The first `limit` characters, back to the last line end (kept) unless that would drop
    more than half: one huge line (a base64 value) is cut where the limit falls."""
    head = text[:limit]
    end = head.rfind("\n")
    return head[: end + 1] if end >= limit // 2 else head


def shared_parts(
    values: Sequence[T], part_of: Callable[[T, int], Part], limit: int = SHOWN_CHARS
) -> list[Part]:
    """The parts of several texts that share one budget (a multirequest's items, shown one
    under the other): each gets what those before it left, and at least a tenth of it, so a
    long first item does not hide the start of the next."""
    parts = []
    left = limit
    for value in values:
        part = part_of(value, max(left, limit // 10))
        left -= len(part.text)
        parts.append(part)
    return parts
