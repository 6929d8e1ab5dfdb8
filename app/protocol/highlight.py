"""Syntax highlighting of a result's pretty text as plain tokens, for the template to print.

`highlight(text, kind)` splits the text into `Token(cls, text)` pieces whose texts, joined, give
back the input exactly; the template escapes each piece and wraps it in `<span class="{cls}">`.
Classes: `tag`, `attr`, `string`, `number`, `key`, `punct`, `bool`, `null`, `comment`, `text`.
XML and JSON (also JSONP, whose callback name stays text) are tokenized with one regular
expression each, never by a parser, so broken or truncated input highlights as far as it goes.

Folds: a token's `fold` is 1 when it opens a foldable object or array (`{`, `[`, or the start tag
of an element that holds elements) and -1 when it closes one; the body between is what folds.
Openers and closers are tokens of their own, so the template wraps each body in one element.
Broken nesting is forgiven (a stray end tag is text to the folds), and what is still open at the
end has an opener without a closer: truncated input is normal, the template closes what remains
(the sum of the folds). When the text is the first part of a longer one, `folds` (from
`first_part.py`: how many folds each fold of the whole holds, in document order) gives each
opener left open its `total`, so the Result can say a list holds 500 where 122 are shown.
Pure: stdlib only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

MAX_CHARS = 2_000_000
"""Beyond this size the text is one plain token: a page of millions of spans helps nobody."""


class Token(NamedTuple):
    cls: str
    text: str
    fold: int = 0
    total: int = 0  # an opener left open: how many folds its body holds in the whole text
    ref: str = ""  # an id's kind, where the answer says what it is (answer_ids.py)
    ref_type: str = ""  # the objectType of the object holding that id


# Every alternative list ends with a one-character catch-all, so the scan never skips text.
# Brackets and tags are pieces of their own (they may open or close a fold); whitespace between
# pieces joins its neighbour when the tokens are merged: few tokens, the same picture.
_JSON = re.compile(
    r"""
    (?P<key>"[^"\\]*(?:\\.[^"\\]*)*"(?=\s*:))
    | (?P<string>"[^"\\]*(?:\\.[^"\\]*)*"?)
    | (?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
    | (?P<bool>\b(?:true|false)\b)
    | (?P<null>\bnull\b)
    | (?P<open>[{\[])
    | (?P<close>[}\]])
    | (?P<punct>\s*[,:]\s*)
    | (?P<ws>\s+)
    | (?P<text>[^"{}\[\],:\dtfn\s-]+|.)
    """,
    re.VERBOSE | re.DOTALL,
)

_XML = re.compile(
    r"""
    (?P<comment><!--.*?(?:-->|\Z)|<\?.*?(?:\?>|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<![^>]*>?)
    | (?P<leaf><(?P<leafname>[\w:.\-]+)>(?P<leaftext>[^<]+)</(?P=leafname)\s*>\s*)
    | (?P<endtag></(?P<endname>[\w:.\-]+)\s*>\s*)
    | (?P<emptytag><[\w:.\-]+\s*/>\s*)
    | (?P<tag><(?P<name>[\w:.\-]+)\s*>)
    | (?P<element>
        <(?P<open>/?[\w:.\-]+)
        (?P<inside>(?:[^<>"'/]|/(?!>)|"[^"]*"|'[^']*')*)
        (?P<close>/?>)?
      )
    | (?P<ws>\s+(?=<|\Z))
    | (?P<text>[^<]+|<)
    """,
    re.VERBOSE | re.DOTALL,
)

_XML_ATTRIBUTES = re.compile(
    r"""
    (?P<attr>[\w:.\-]+)
    | (?P<punct>=)
    | (?P<string>"[^"]*"|'[^']*')
    | (?P<text>\s+|.)
    """,
    re.VERBOSE | re.DOTALL,
)


def highlight(text: str, kind: str, folds: Sequence[int] = ()) -> tuple[Token, ...]:
    """Tokens for `text` shown as `kind` (a `ResultView.kind`); other kinds are plain text.
    `folds`: what each fold of the whole holds, when `text` is its first part."""
    if not text:
        return ()
    if len(text) > MAX_CHARS:
        return (Token("text", text),)
    if kind == "xml":
        return _counted(_merged(_xml_pieces(text), text_fills=False), folds)
    if kind in ("json", "jsonp"):
        return _counted(_merged(_json_pieces(text), text_fills=True), folds)
    return (Token("text", text),)


def _counted(tokens: tuple[Token, ...], folds: Sequence[int]) -> tuple[Token, ...]:
    """The openers left open at the end with their `total` from `folds`. A first part is the
    start of the whole text, so its openers are the whole's first ones, in the same order."""
    if not folds:
        return tokens
    open_at: list[tuple[int, int]] = []  # (token index, fold number) of each opener still open
    number = 0
    for index, token in enumerate(tokens):
        if token.fold > 0:
            open_at.append((index, number))
            number += 1
        elif token.fold < 0 and open_at:
            open_at.pop()
    counted = list(tokens)
    for index, fold in open_at:
        if fold < len(folds):
            counted[index] = tokens[index]._replace(total=folds[fold])
    return tuple(counted)


# The pieces of a text: their classes and texts side by side, and the events among them:
# (piece index, "open" / "close" / "empty", name) where a fold may open or close ("empty": an
# element without content, which still fills its parent). Class "ws" is whitespace between
# pieces. End and empty tags take the whitespace after them: fewer pieces, as the closer of a
# fold may end with it (an opener may not: its body starts right after it).
class _Pieces(NamedTuple):
    classes: list[str]
    texts: list[str]
    events: list[tuple[int, str, str]]


_CLOSERS = {"}": "{", "]": "["}


def _json_pieces(text: str) -> _Pieces:
    classes: list[str] = []
    texts: list[str] = []
    events: list[tuple[int, str, str]] = []
    for match in _JSON.finditer(text):
        cls, piece = match.lastgroup or "text", match.group()
        if cls == "open":
            events.append((len(texts), "open", piece))
            cls = "punct"
        elif cls == "close":
            events.append((len(texts), "close", _CLOSERS[piece]))
            cls = "punct"
        classes.append(cls)
        texts.append(piece)
    return _Pieces(classes, texts, events)


def _xml_pieces(text: str) -> _Pieces:
    classes: list[str] = []
    texts: list[str] = []
    events: list[tuple[int, str, str]] = []
    for match in _XML.finditer(text):
        cls = match.lastgroup or "text"
        if cls == "endtag":
            events.append((len(texts), "close", match.group("endname")))
        elif cls == "emptytag":
            events.append((len(texts), "empty", ""))
        elif cls == "tag":
            events.append((len(texts), "open", match.group("name")))
        elif cls == "leaf":  # an element holding text only: one match, never a fold
            events.append((len(texts), "empty", ""))
            start, end = match.span("leaftext")
            classes += ("tag", "text", "tag")
            texts += (text[match.start() : start], match.group("leaftext"), text[end : match.end()])
            continue
        elif cls == "element":
            _xml_element(match, classes, texts, events)
            continue
        classes.append("tag" if cls.endswith("tag") else cls)
        texts.append(match.group())
    return _Pieces(classes, texts, events)


def _xml_element(
    match: re.Match[str], classes: list[str], texts: list[str], events: list[tuple[int, str, str]]
) -> None:
    """A tag with attributes (or cut short): its name, each attribute part, its end."""
    opened = match.group("open")
    classes.append("tag")
    texts.append("<" + opened)
    for part in _XML_ATTRIBUTES.finditer(match.group("inside")):
        classes.append(part.lastgroup or "text")
        texts.append(part.group())
    close = match.group("close")
    if close:
        event = "empty" if close == "/>" else "close" if opened[0] == "/" else "open"
        events.append((len(texts), event, opened.lstrip("/")))
        classes.append("tag")
        texts.append(close)


def _fold_marks(pieces: _Pieces, text_fills: bool) -> dict[int, int]:
    """Piece index -> 1 (opens a fold) or -1 (closes one), for the structures holding something.
    An end tag closes its nearest open namesake (dropping what opened since, unclosed); a stray
    one is ignored; what is open at the end keeps its opener alone. In XML only elements fill a
    body (a leaf's text does not); in JSON anything does."""
    marks: dict[int, int] = {}
    stack: list[tuple[int, str]] = []  # (piece index, name)
    filled: set[int] = set()  # openers whose body holds something
    for index, event, name in pieces.events:
        if event != "close":
            if stack:
                filled.add(stack[-1][0])
            if event == "open":
                stack.append((index, name))
            continue
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][1] == name:
                opener = stack[depth][0]
                del stack[depth:]
                if opener in filled or (text_fills and _holds_text(pieces, opener, index)):
                    marks[opener], marks[index] = 1, -1
                break
    for opener, _name in stack:
        if opener in filled or (text_fills and _holds_text(pieces, opener, len(pieces.texts))):
            marks[opener] = 1
    return marks


def _holds_text(pieces: _Pieces, opener: int, end: int) -> bool:
    return any(cls != "ws" for cls in pieces.classes[opener + 1 : end])


def _merged(pieces: _Pieces, text_fills: bool) -> tuple[Token, ...]:
    """Join neighbours of the same class into one token: fewer spans, the same picture. A fold's
    opener and closer stay tokens of their own; whitespace joins the token before it, or the
    one after when the one before opened a fold (so a folded body hides its indentation)."""
    marks = _fold_marks(pieces, text_fills)
    out: list[Token] = []
    last_cls, last_text, last_fold = "", "", 0
    pending = ""  # whitespace waiting for the token after a fold's opener
    for index, (cls, text) in enumerate(zip(pieces.classes, pieces.texts, strict=True)):
        fold = marks.get(index, 0)
        if cls == "ws":
            if last_text and last_fold <= 0:
                last_text += text
            else:
                pending += text
            continue
        if cls == last_cls and not fold and last_fold <= 0:
            last_text += pending + text
            pending = ""
            continue
        if last_text:
            out.append(Token(last_cls, last_text, last_fold))
        last_cls, last_text, last_fold = cls, pending + text, fold
        pending = ""
    if last_text:
        out.append(Token(last_cls, last_text, last_fold))
    if pending:  # whitespace after an opener at the very end: the body, unclosed
        out.append(Token("text", pending))
    return tuple(out)
