"""A Send's form → what goes on the wire: `form_calls` reads the call, `wire` writes it.

The one composition the console's Send (`app/web/sending.py`) and its Code region use; each step
lives in its own module. Pure: no I/O and no web imports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.forms.form_calls import FormCall, read_call, read_multirequest, split_multirequest
from app.protocol.call import FilePart
from app.protocol.facts import MULTIREQUEST
from app.protocol.schema import Schema
from app.protocol.wire import EncodedCall, to_wire


def read_form(
    schema: Schema,
    service_id: str,
    action_name: str,
    fields: Sequence[tuple[str, str]],
    files: Sequence[FilePart] = (),
    config: Mapping[str, str] | None = None,
) -> FormCall:
    """The call a Send of this form makes, and its problems: for the `multirequest` service, the
    requests its `N:` fields number (renumbered 1..n), else one action's call. Raises
    `form_calls.UnknownActionError` for a service or action not in the schema and
    `form_calls.IncompleteRequestError` for a request without them."""
    if service_id.lower() == MULTIREQUEST:
        return read_multirequest(schema, split_multirequest(fields, files), config)
    return read_call(schema, service_id, action_name, fields, files, config)


def encode_form(
    schema: Schema,
    service_id: str,
    action_name: str,
    fields: Sequence[tuple[str, str]],
    files: Sequence[FilePart] = (),
    config: Mapping[str, str] | None = None,
) -> EncodedCall:
    """What a Send of this form puts on the wire (`read_form` says what it raises)."""
    read = read_form(schema, service_id, action_name, fields, files, config)
    return to_wire(read.call, read.problems)
