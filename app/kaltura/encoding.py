"""A Send's form → what goes on the wire: `form_calls` reads the call, `wire` writes it.

The one composition the console's Send and the tests use; each step lives in its own module.
Pure: no I/O and no web imports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.kaltura.call import FilePart
from app.kaltura.form_calls import SubRequest, read_call, read_multirequest
from app.kaltura.schema import Schema
from app.kaltura.wire import EncodedCall, to_wire


def encode_call(
    schema: Schema,
    service_id: str,
    action_name: str,
    fields: Sequence[tuple[str, str]],
    files: Sequence[FilePart] = (),
    config: Mapping[str, str] | None = None,
) -> EncodedCall:
    """One action call's form → its wire (`form_calls.read_call` says what it raises)."""
    read = read_call(schema, service_id, action_name, fields, files, config)
    return to_wire(read.call, read.problems)


def encode_multirequest(
    schema: Schema, requests: Sequence[SubRequest], config: Mapping[str, str] | None = None
) -> EncodedCall:
    """A multirequest's requests → its wire, renumbered 1..n."""
    read = read_multirequest(schema, requests, config)
    return to_wire(read.call, read.problems)
