"""The rules for typed values that the browser and the server both apply.

Each pattern is written once, here, in the common subset of Python `re` and JavaScript
`RegExp` syntax: `form_reading` compiles them to check a Send, and the console page carries the
same strings in `data-` attributes for `static/value-checks.js` to check as the user types, so
the field and Send never disagree (both match the whole trimmed value). Pure: no I/O and no web
imports.
"""

from __future__ import annotations

import re
from typing import Final

INT: Final = r"[+-]?[0-9]+"
"""A whole number as Kaltura's PHP reads it (`intval`): an optional sign, then digits."""

FLOAT: Final = r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?"
"""A decimal number, optionally with an exponent."""

RESULT_REFERENCE: Final = r"\{([0-9]+):result(:[^{}]*)?\}"
"""A multirequest sub-request's reference to an earlier result, `{1:result:objects:0:id}`,
which the server substitutes before it checks the type (docs/PROTOCOL.md, multirequest)."""

REFERENCE: Final = re.compile(RESULT_REFERENCE)
"""The reference compiled, for the reader, the writer and the wire reader of a call."""

BROWSER: Final = {"int": INT, "float": FLOAT, "reference": RESULT_REFERENCE}
"""What the console page hands to `static/value-checks.js`, by the name of the check."""

NOT_EARLIER: Final = "refers to request {n}, which does not run before it"
"""What a reference to a request that does not run before its own is told, on Send (the
field's problem, after its name) and as it is typed (the page carries `sentence` of it in the
form's `data-not-earlier`, `{n}` the number referred to)."""


def sentence(message: str) -> str:
    """`message` as a field's problem line shows it alone: capitalised, with a full stop."""
    return message[:1].upper() + message[1:] + "."
