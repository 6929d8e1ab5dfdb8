"""The answer as received, sent along with the Result for the page to keep.

The console keeps nothing of an answer (replicas behind any load balancer, and no answer
reachable by anyone but the browser that asked): Show all, Download and the response tools
read it from a `<template data-raw-answer>` beside the answer's text (`templates/_answer.html`,
`static/big-answer.js`). A body that is UTF-8 travels as text, escaped for element content;
any other (invalid UTF-8, a NUL, which HTML parsing would not keep) as base64
(`data-encoding="base64"`). Either way the page gets back the exact bytes.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from markupsafe import Markup

# File name endings by media type, then by what the answer was read as (`ResultView.kind`).
_EXTENSIONS = (
    ("xml", "xml"),
    ("json", "json"),
    ("javascript", "js"),
    ("html", "html"),
    ("text/plain", "txt"),
)
_KIND_EXTENSIONS = {"xml": "xml", "json": "json", "jsonp": "js", "php": "txt"}


@dataclass(frozen=True)
class RawAnswer:
    content: Markup  # the template's content: escaped text, or base64
    encoding: str  # "" for text, or "base64"
    content_type: str
    filename: str  # `media.list.xml`, `multirequest.json`
    size: int  # bytes as received

    @classmethod
    def of(cls, body: bytes, content_type: str, kind: str, call: str) -> RawAnswer:
        """`call` names the file: `media.list`, or `multirequest`."""
        media = content_type.partition(";")[0].strip().lower()
        ending = next((end for part, end in _EXTENSIONS if part in media), "")
        ending = ending or _KIND_EXTENSIONS.get(kind, "txt")
        filename = f"{call or 'answer'}.{ending}"
        content_type = content_type or "application/octet-stream"
        text = _utf8(body)
        if text is None or "\x00" in text:
            encoded = Markup(base64.b64encode(body).decode("ascii"))
            return cls(encoded, "base64", content_type, filename, len(body))
        return cls(_escaped(text), "", content_type, filename, len(body))


def _utf8(body: bytes) -> str | None:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _escaped(text: str) -> Markup:
    """Text for element content that parses back to itself: `&` and `<` escaped (nothing else
    can start markup there), and CR, which HTML parsing would turn into LF."""
    return Markup(text.replace("&", "&amp;").replace("<", "&lt;").replace("\r", "&#13;"))
