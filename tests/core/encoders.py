"""A multirequest's requests, built by a test rather than split from a form, → its wire.

The Send splits its flat form itself (`app.forms.encoding.encode_form` with the `multirequest`
service); tests that build `SubRequest`s directly encode them here, by the same two steps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.forms.form_calls import SubRequest, read_multirequest
from app.protocol.schema import Schema
from app.protocol.wire import EncodedCall, to_wire


def encode_multirequest(
    schema: Schema, requests: Sequence[SubRequest], config: Mapping[str, str] | None = None
) -> EncodedCall:
    """A multirequest's requests → its wire, renumbered 1..n."""
    read = read_multirequest(schema, requests, config)
    return to_wire(read.call, read.problems)
