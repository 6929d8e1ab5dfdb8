"""A file answer: what an action whose result type is `file` (`data.serve`) returns instead of
a value to render. api_v3 dumps the bytes with the Content-Type it reads from them,
`Content-Disposition: attachment; filename="<name>"` and `Accept-Ranges: bytes`, whatever
`format` the call asked for; a file served inside a multirequest is the whole answer
(api_v3 returns only the result of the serve action). Pure: stdlib only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

_XML = re.compile(r"\s*<\?xml[\s?]", re.IGNORECASE)
_HTML = re.compile(r"\s*<(!doctype\s+html|html)[\s>]", re.IGNORECASE)
_UNSAFE_IN_QUOTES = re.compile(r'["\\\r\n]|[^\x20-\x7e]')


@dataclass(frozen=True)
class ServedFile:
    body: bytes
    media_type: str
    filename: str

    def headers(self) -> dict[str, str]:
        return {"Content-Disposition": disposition(self.filename), "Accept-Ranges": "bytes"}


def text_media_type(text: str) -> str:
    """The type api_v3 would read from a text file's first bytes (with libmagic):
    an XML declaration is text/xml, an HTML page text/html, any other text text/plain."""
    if _XML.match(text):
        return "text/xml"
    if _HTML.match(text):
        return "text/html"
    return "text/plain"


def disposition(filename: str) -> str:
    """`attachment; filename="…"` as api_v3 writes it; a name a header cannot carry as is (a
    quote, a line break, a character beyond ASCII) gets an ASCII stand-in and RFC 6266's
    `filename*` with the name itself."""
    plain = _UNSAFE_IN_QUOTES.sub("_", filename)
    if plain == filename:
        return f'attachment; filename="{filename}"'
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename, safe='')}"
