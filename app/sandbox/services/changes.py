"""Copying what a caller sent onto a stored object, with api_v3's read-only and insert-only
rules (as api_v3 validates an object for insert and for update, in our words):

- on add, a read-only property the request carries at all — a value, an empty string or
  `name__null` — is `PROPERTY_VALIDATION_NOT_UPDATABLE`;
- on update, a read-only or insert-only property whose value would change is that same error;
  sending the value it already has is allowed (and changes nothing).

The error names the class the caller sent, `KalturaMediaEntry::id`.
"""

from __future__ import annotations

from typing import Any

from app.protocol.schema import Schema
from app.sandbox.errors import KalturaApiError
from app.sandbox.store import KObject


def apply_changes(
    schema: Schema,
    target: KObject,
    given: KObject | None,
    *,
    inserting: bool,
    skip: tuple[str, ...] = (),
) -> KObject:
    """Write each sent property onto `target` (None clears it), refusing what api_v3 refuses."""
    if inserting:
        refuse_read_only(schema, given, skip)
    for name, value in (given or {}).items():
        if name == "objectType" or name in skip:
            continue
        prop = schema.property(str(target["objectType"]), name)
        if prop is None:
            continue
        if not inserting and (prop.read_only or prop.insert_only) and target.get(name) != value:
            raise not_updatable(given, name)
        if not prop.read_only:
            target[name] = value
    return target


def refuse_read_only(schema: Schema, given: KObject | None, skip: tuple[str, ...] = ()) -> None:
    """An object about to be inserted may not carry a read-only property, as in api_v3: the
    binder keeps every one the request named."""
    if not given:
        return
    cls = str(given.get("objectType", ""))
    for name in given:
        prop = schema.property(cls, name)
        if prop is not None and prop.read_only and name not in skip:
            raise not_updatable(given, name)


def not_updatable(given: KObject | None, name: str) -> KalturaApiError:
    return KalturaApiError("PROPERTY_VALIDATION_NOT_UPDATABLE", f"{given_type(given)}::{name}")


def given_type(given: KObject | None) -> Any:
    return (given or {}).get("objectType", "")


def require(given: KObject | None, name: str) -> Any:
    value = (given or {}).get(name)
    if value is None or value == "":
        raise KalturaApiError("PROPERTY_VALIDATION_CANNOT_BE_NULL", f"{given_type(given)}::{name}")
    return value
