"""The rest of a long answer's pretty text, for Show all.

The Result prints the first part of an answer's pretty text (`first_part.py`); the page keeps
the answer as received (`app/web/raw_answer.py`). Show all posts those bytes back and gets the
text that follows that part, laid out by the same reading (`results.read_result`) with room for
all: one pretty-printer, the server's, for the first part and the rest. The first part of any
pretty text is where `text_part` cuts it (XML and JSON stop writing there too), so the rest
starts there. The console keeps nothing of it. Pure: stdlib only.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from app.protocol.first_part import SHOWN_CHARS, text_part
from app.protocol.results import read_result

STEP_CHARS = 64 * 1024
"""About this many characters a piece (whole lines): the page adds one piece per task."""


def whole_pretty(body: bytes, content_type: str) -> str:
    """The whole answer's pretty text, as the Result would print it with room for all."""
    return read_result(body, content_type, limit=sys.maxsize).pretty


def rest_of(body: bytes, content_type: str, step: int = STEP_CHARS) -> Iterator[str]:
    """The answer's pretty text after the first part the Result printed, in pieces of about
    `step` characters that end at a line end (one longer line is a piece of its own)."""
    text = whole_pretty(body, content_type)
    at = len(text_part(text, SHOWN_CHARS).text)
    while at < len(text):
        end = min(at + step, len(text))
        line = text.find("\n", end - 1)
        end = len(text) if end == len(text) or line < 0 else line + 1
        yield text[at:end]
        at = end
