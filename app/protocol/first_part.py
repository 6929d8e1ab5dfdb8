"""The first part of an answer's pretty text: how much of a big answer the Result prints.

The Result highlights at most `SHOWN_CHARS` characters of pretty-printed text, cut at the end of
a line (about 200 KB: a 50 KB answer is always whole, a 5 MB `media.list` shows its first ~3,000
lines). The rest travels to the browser raw, with the page, for Show all and Download
(`app/web/raw_answer.py`). Serializing stops once it has written enough, so a 5 MB answer costs
the server its parse, not 7 MB of pretty text nobody would read in one go. What a first part
cannot show, the whole parse still knows: how many items each list holds (`xml_folds`,
`json_folds`), so a folded list says `500 items (122 shown)`. Pure: stdlib only.
"""

from __future__ import annotations

import json
import re
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


def xml_start(body: bytes, limit: int = SHOWN_CHARS) -> tuple[ET.Element, Part, tuple[int, ...]]:
    """The tree of a long XML answer as far as its first part needs, that part, and the whole
    answer's `xml_folds`. The whole body is read by expat first, counting folds without
    building a tree (a Python call per tag makes that three times the 0.05 s a bare expat pass
    takes over 5 MB, about what `ET.fromstring` takes, without its tens of MB of tree), so a
    broken answer still raises `expat.ExpatError`; the tree is then built from as much of the
    body as the part needs (twice `limit` bytes, more if they do not fill it). What comes
    later is not in it."""
    folds = _counted_folds(body)
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
                return root, shown, folds


def xml_folds(element: ET.Element) -> tuple[int, ...]:
    """For each fold of the element's pretty text (an element holding elements, the element
    itself included), in document order: how many folds it holds (its children that hold
    elements), as `highlight.py` finds them in the whole text."""
    return tuple(sum(1 for child in node if len(child)) for node in element.iter() if len(node))


# A tag's bytes in a well-formed document whose markup is ASCII's (`_tag_events`).
_SKIPPED = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>", re.DOTALL)
_START, _END, _EMPTY_END = b"\x01", b"\x02", b"\x03"  # no XML 1.0 document holds these
_EVENTS = bytes.maketrans(b"<" + _EMPTY_END, _START + _END)
_NOT_EVENTS = bytes(b for b in range(256) if b not in b"<" + _END + _EMPTY_END)
_FOLD = re.compile(rb"\x01(?=\x01)")  # an element whose next tag starts its first child
_DECLARED = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([^\"']*)", re.IGNORECASE)
_ASCII_BASED = {b"utf-8", b"utf8", b"us-ascii", b"ascii", b"iso-8859-1", b"latin-1"}


def _counted_folds(body: bytes) -> tuple[int, ...]:
    """`xml_folds` of the document in `body`, without building it: expat checks it (a broken
    answer raises `expat.ExpatError`) with no Python call per tag, then its tags become one
    byte each (`_tag_events`), and only the elements holding elements are walked. (A Python
    call per tag from expat cost a 5 MB answer half its Send.) A document these passes might
    misread (a DOCTYPE, whose entities may hold elements; an encoding not ASCII's where markup
    is; `/>` in text) is counted by expat's calls."""
    events = _tag_events(body)
    if events is None:
        return _counted_folds_by_expat(body)
    counts: list[int] = []
    last_at_depth: list[int] = []  # per depth: the fold last opened there
    depth, at = 0, 0  # elements open before position `at` of the events
    for found in _FOLD.finditer(events):
        opener = found.start()
        depth += events.count(_START, at, opener) - events.count(_END, at, opener)
        at = opener
        # Its parent holds it, so the parent is a fold, the last one opened a level up.
        if depth:
            counts[last_at_depth[depth - 1]] += 1
        del last_at_depth[depth:]
        last_at_depth.append(len(counts))
        counts.append(0)
    return tuple(counts)


def _tag_events(body: bytes) -> bytes | None:
    """The document's tags in order, a start as `_START`, an end as `_END` (an empty element
    is both), by a few passes of bytes methods; None for a document to leave to expat's
    calls. Checked by expat first: in a well-formed document every `<` outside comments,
    CDATA and processing instructions opens a tag (`</` an end tag), and no attribute value
    holds one. `/>` ends an empty element, unless text or an attribute value holds it: then
    more ends than starts are found, and expat's calls count instead."""
    declared = _DECLARED.match(body[:200])
    if (declared and declared[1].lower() not in _ASCII_BASED) or b"\x00" in body[:4]:
        return None
    expat.ParserCreate().Parse(body, True)  # raises ExpatError for a broken answer
    if b"<!DOCTYPE" in body or b"<!doctype" in body:  # its entities may hold elements
        return None
    tags = _SKIPPED.sub(b"", body) if b"<!" in body or b"<?" in body else body
    tags = tags.replace(b"</", _END).replace(b"/>", _EMPTY_END)
    events = tags.translate(_EVENTS, _NOT_EVENTS)
    return events if events.count(_START) == events.count(_END) else None


def _counted_folds_by_expat(body: bytes) -> tuple[int, ...]:
    """`xml_folds` of the document in `body`, read by expat with a Python call per tag. An
    element becomes a fold when its first child starts, so folds are numbered in document
    order."""
    counts: list[int] = []
    open_folds: list[int] = []  # per open element: its fold's number, -1 while it holds none

    def start(_name: str, _attributes: object) -> None:
        if open_folds and open_folds[-1] < 0:
            open_folds[-1] = len(counts)
            counts.append(0)
        open_folds.append(-1)

    def end(_name: str) -> None:
        if open_folds.pop() >= 0 and open_folds:
            counts[open_folds[-1]] += 1

    parser = expat.ParserCreate()
    parser.ordered_attributes = True  # a list, cheaper to make than the dict never read
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.Parse(body, True)
    return tuple(counts)


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


def json_folds(value: object) -> tuple[int, ...]:
    """For each fold of the value's pretty text (an object or array holding anything, the
    value itself included), in document order: how many folds it holds."""
    counts: list[int] = []
    waiting = [value]
    while waiting:
        node = waiting.pop()
        children = list(node.values()) if isinstance(node, dict) else node
        if isinstance(children, list) and children:
            inner = [child for child in children if _holds_something(child)]
            counts.append(len(inner))
            waiting.extend(reversed(inner))
    return tuple(counts)


def _holds_something(value: object) -> bool:
    return isinstance(value, dict | list) and len(value) > 0


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
