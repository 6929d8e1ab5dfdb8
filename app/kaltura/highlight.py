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
(the sum of the folds). Pure: stdlib only.
"""

from __future__ import annotations

import re
from typing import NamedTuple

MAX_CHARS = 2_000_000
"""Beyond this size the text is one plain token: a page of millions of spans helps nobody."""


class Token(NamedTuple):
    cls: str
    text: str
    fold: int = 0


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
    | (?P<tag></?[\w:.\-]+\s*/?>)
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


def highlight(text: str, kind: str) -> tuple[Token, ...]:
    """Tokens for `text` shown as `kind` (a `ResultView.kind`); other kinds are plain text."""
    if not text:
        return ()
    if len(text) > MAX_CHARS:
        return (Token("text", text),)
    if kind == "xml":
        return _merged(_xml_pieces(text), text_fills=False)
    if kind in ("json", "jsonp"):
        return _merged(_json_pieces(text), text_fills=True)
    return (Token("text", text),)


# A piece: (class, text, event, name). Event "open"/"close" with the element's name (or the
# bracket) is a fold candidate, "self" a childless element, "" anything else; class "ws" is
# whitespace between pieces.
_Piece = tuple[str, str, str, str]
_CLOSERS = {"}": "{", "]": "["}


def _json_pieces(text: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    for match in _JSON.finditer(text):
        cls, piece = match.lastgroup or "text", match.group()
        if cls == "open":
            pieces.append(("punct", piece, "open", piece))
        elif cls == "close":
            pieces.append(("punct", piece, "close", _CLOSERS[piece]))
        else:
            pieces.append((cls, piece, "", ""))
    return pieces


def _xml_pieces(text: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    for match in _XML.finditer(text):
        cls, piece = match.lastgroup or "text", match.group()
        if cls == "tag":
            name = piece.strip("</>").strip()
            event = (
                "close" if piece.startswith("</") else "self" if piece.endswith("/>") else "open"
            )
            pieces.append(("tag", piece, event, name))
            continue
        if match.group("element") is None:
            pieces.append((cls, piece, "", ""))
            continue
        opened = match.group("open")
        pieces.append(("tag", "<" + opened, "", ""))
        for part in _XML_ATTRIBUTES.finditer(match.group("inside")):
            pieces.append((part.lastgroup or "text", part.group(), "", ""))
        close = match.group("close")
        if close:
            event = "self" if close == "/>" else "close" if opened[0] == "/" else "open"
            pieces.append(("tag", close, event, opened.lstrip("/")))
    return pieces


def _fold_marks(pieces: list[_Piece], text_fills: bool) -> dict[int, int]:
    """Piece index -> 1 (opens a fold) or -1 (closes one), for the structures holding something.
    An end tag closes its nearest open namesake (dropping what opened since, unclosed); a stray
    one is ignored; what is open at the end keeps its opener alone."""
    marks: dict[int, int] = {}
    stack: list[tuple[int, str]] = []  # (piece index, name)
    filled: set[int] = set()  # piece indexes of openers whose body holds something
    for index, (cls, _text, event, name) in enumerate(pieces):
        if event == "close":
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][1] == name:
                    opener = stack[depth][0]
                    del stack[depth:]
                    if opener in filled:
                        marks[opener], marks[index] = 1, -1
                    break
            continue
        # JSON: anything in a body fills it; XML: only elements do (a leaf's text does not).
        if stack and cls != "ws" and (event or text_fills):
            filled.add(stack[-1][0])
        if event == "open":
            stack.append((index, name))
    for opener, _name in stack:
        if opener in filled:
            marks[opener] = 1
    return marks


def _merged(pieces: list[_Piece], text_fills: bool) -> tuple[Token, ...]:
    """Join neighbours of the same class into one token: fewer spans, the same picture. A fold's
    opener and closer stay tokens of their own; whitespace joins the token before it, or the
    one after when the one before opened a fold (so a folded body hides its indentation)."""
    marks = _fold_marks(pieces, text_fills)
    out: list[Token] = []
    last_cls, last_text, last_fold = "", "", 0
    pending = ""  # whitespace waiting for the token after a fold's opener
    for index, (cls, text, _event, _name) in enumerate(pieces):
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
