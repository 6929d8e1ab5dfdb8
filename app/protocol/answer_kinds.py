"""What an answer's body is, and what to say when it is not what it claims.

`kind_of` names a body by its Content-Type, else by its first bytes; `not_as_claimed` and
`unreadable` word the note for a body that is not the text it claims to be (bytes that are not
UTF-8, XML labelled JSON, JSON that stops mid-way…). `results.read_result` shows such a body as
text with that note, never a blank panel. Pure: stdlib only.
"""

from __future__ import annotations

import re

PHP = re.compile(rb'\s*(?:a:\d+:\{|[OC]:\d+:"|s:\d+:"|i:-?\d+;|d:[-+.\dEINFA]+;|b:[01];|N;)')
HTML = re.compile(rb"\s*<(!doctype\s+html|html)[\s>]", re.IGNORECASE)
JSONP_START = re.compile(rb"\s*[A-Za-z_$][\w$.]*\s*\(")
OTHER_ENCODING = re.compile(rb"""\s*<\?xml[^>]*encoding=["'](?!utf-?8["'])""", re.IGNORECASE)
# expat's "no element found" and "unclosed token": the document stopped mid-way.
XML_ENDS_EARLY = frozenset({3, 5})


def kind_of(media: str, body: bytes) -> str:
    """What the body claims to be: by its Content-Type, else by its first bytes."""
    if media in ("text/xml", "application/xml") or media.endswith("+xml"):
        return "xml"
    if media == "application/json" or media.endswith("+json"):
        return "json"
    if media in ("text/javascript", "application/javascript", "application/x-javascript"):
        return "jsonp"
    if media == "text/html" or HTML.match(body):
        return "html"
    start = body.lstrip()[:1]
    if start == b"<":
        return "xml"
    if start in (b"{", b"[", b'"'):
        return "json"
    if PHP.match(body):
        return "php"
    if JSONP_START.match(body):
        return "jsonp"
    return "raw"


def not_as_claimed(kind: str, media: str, body: bytes) -> str:
    """An answer that is not the text it claims to be: bytes that are not UTF-8 (Kaltura's only
    encoding, unless an XML declaration names another), or XML labelled JSON and the reverse:
    the note to show it with, or "" when it is what it claims."""
    if kind not in ("xml", "json", "jsonp"):
        return ""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as bad:
        if not OTHER_ENCODING.match(body):
            return (
                f"The answer is not valid UTF-8 (a bad byte at offset {bad.start}): "
                "shown as text, each bad byte as \ufffd."
            )
    start = body.lstrip()[:1]
    found = ""
    if kind == "json" and start == b"<":
        found = "an HTML page" if HTML.match(body) else "XML"
    elif kind == "xml" and start in (b"{", b"["):
        found = "JSON"
    if media and found:
        return (
            f"The Content-Type says {kind.upper()} ({media}), but the body is {found}: "
            "shown as text."
        )
    return ""


def unreadable(kind: str, media: str, problem: str, ends_early: bool) -> str:
    """The note for a body that does not parse as the `kind` it claims or looks like."""
    name = kind.upper()
    if ends_early:
        return f"The {name} ends before it is complete (cut short?): {problem}; shown as text."
    if media and kind_of(media, b"") == kind:
        return (
            f"The Content-Type says {name} ({media}), but the body is not {name}: {problem}; "
            "shown as text."
        )
    return f"The body looks like {name} but is not: {problem}; shown as text."


def text_of(body: bytes) -> str:
    """Text for the page: bad bytes and NULs (which HTML drops) become U+FFFD."""
    return body.decode("utf-8", errors="replace").replace("\x00", "\ufffd")
