"""Syntax highlighting of a result's pretty text as plain tokens, for the template to print.

`highlight(text, kind)` splits the text into `Token(cls, text)` pieces whose texts, joined, give
back the input exactly; the template escapes each piece and wraps it in `<span class="{cls}">`.
Classes: `tag`, `attr`, `string`, `number`, `key`, `punct`, `bool`, `null`, `comment`, `text`.
XML and JSON (also JSONP, whose callback name stays text) are tokenized with one regular
expression each, never by a parser, so broken or truncated input highlights as far as it goes.
Pure: stdlib only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

MAX_CHARS = 2_000_000
"""Beyond this size the text is one plain token: a page of millions of spans helps nobody."""


class Token(NamedTuple):
    cls: str
    text: str


# Every alternative list ends with a one-character catch-all, so the scan never skips text.
# Punctuation (and a run of plain tags) takes the whitespace around it: half the tokens, the
# same picture.
_JSON = re.compile(
    r"""
    (?P<key>"[^"\\]*(?:\\.[^"\\]*)*"(?=\s*:))
    | (?P<string>"[^"\\]*(?:\\.[^"\\]*)*"?)
    | (?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
    | (?P<bool>\b(?:true|false)\b)
    | (?P<null>\bnull\b)
    | (?P<punct>\s*[{}\[\],:][\s{}\[\],:]*)
    | (?P<text>[^"{}\[\],:\dtfn-]+|.)
    """,
    re.VERBOSE | re.DOTALL,
)

_XML = re.compile(
    r"""
    (?P<comment><!--.*?(?:-->|\Z)|<\?.*?(?:\?>|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<![^>]*>?)
    | (?P<tag>(?:\s*</?[\w:.\-]+\s*/?>)+\s*)
    | (?P<element>
        <(?P<open>/?[\w:.\-]+)
        (?P<inside>(?:[^<>"'/]|/(?!>)|"[^"]*"|'[^']*')*)
        (?P<close>/?>)?
      )
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
        return _merged(_xml_tokens(text))
    if kind in ("json", "jsonp"):
        return _merged(_json_tokens(text))
    return (Token("text", text),)


def _json_tokens(text: str) -> Iterable[tuple[str, str]]:
    return [(match.lastgroup or "text", match.group()) for match in _JSON.finditer(text)]


def _xml_tokens(text: str) -> Iterator[tuple[str, str]]:
    for match in _XML.finditer(text):
        if match.group("element") is None:
            yield match.lastgroup or "text", match.group()
            continue
        yield "tag", "<" + match.group("open")
        for part in _XML_ATTRIBUTES.finditer(match.group("inside")):
            yield part.lastgroup or "text", part.group()
        if match.group("close"):
            yield "tag", match.group("close")


def _merged(pieces: Iterable[tuple[str, str]]) -> tuple[Token, ...]:
    """Join neighbours of the same class into one token: fewer spans, the same picture."""
    out: list[Token] = []
    last_cls, last_text = "", ""
    for cls, text in pieces:
        if cls == last_cls:
            last_text += text
            continue
        if last_text:
            out.append(Token(last_cls, last_text))
        last_cls, last_text = cls, text
    if last_text:
        out.append(Token(last_cls, last_text))
    return tuple(out)
