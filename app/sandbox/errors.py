"""Kaltura API exceptions as the sandbox raises them.

    KalturaApiError            an error from the schema's <errors> table, by name, with its @ARG@s
    └── (nothing else)         anything unexpected becomes INTERNAL_SERVERL_ERROR in `dispatch`

A handler raises `KalturaApiError("ENTRY_ID_NOT_FOUND", entry_id)`; the renderer fills the message
from the schema so code, message and argument names are exactly the ones the schema publishes.
The sandbox's own errors (`SANDBOX_ERRORS`) are shaped the same way; no schema has them.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.protocol.schema import ErrorDef, Schema

# Kaltura's own spelling (sic), from the real error table.
INTERNAL_ERROR = "INTERNAL_SERVERL_ERROR"
NOT_SIMULATED = "SANDBOX_ACTION_NOT_SIMULATED"

SANDBOX_ERRORS = {
    NOT_SIMULATED: ErrorDef(
        NOT_SIMULATED,
        NOT_SIMULATED,
        'The testme sandbox does not simulate "@ACTION@"; @INSTEAD@',
        ("ACTION", "INSTEAD"),
    ),
}


class KalturaApiError(Exception):
    def __init__(self, name: str, *args: object) -> None:
        super().__init__(name, *args)
        self.name = name
        self.values = tuple("" if a is None else str(a) for a in args)


@dataclass(frozen=True)
class ErrorPayload:
    """An error ready to render: `args` maps each @ARG@ name to its value, in order."""

    code: str
    message: str
    args: tuple[tuple[str, str], ...]


def describe(error: KalturaApiError, schema: Schema) -> ErrorPayload:
    definition = schema.errors.get(error.name) or SANDBOX_ERRORS.get(error.name)
    if definition is None:
        # A schema whose table lacks the error (a small --schema file): still the error's own
        # code and values, not an internal error that would hide what went wrong.
        said = ", ".join(v for v in error.values if v)
        return ErrorPayload(error.name, f"{error.name}: {said}" if said else error.name, ())
    values = error.values
    return ErrorPayload(
        code=definition.code,
        message=definition.format(*values),
        args=tuple(zip(definition.parameters, values, strict=False)),
    )
