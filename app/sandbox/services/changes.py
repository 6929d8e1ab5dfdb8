"""Copying what a caller sent onto a stored object, with api_v3's insert-only rule."""

from __future__ import annotations

from typing import Any

from app.kaltura.schema import Schema
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
    """Write each sent property onto `target` (None clears it). On update an insert-only
    property that would change is `PROPERTY_VALIDATION_NOT_UPDATABLE`."""
    for name, value in (given or {}).items():
        if name == "objectType" or name in skip:
            continue
        prop = schema.property(str(target["objectType"]), name)
        if prop is None or prop.read_only:
            continue
        if not inserting and prop.insert_only and target.get(name) != value:
            raise KalturaApiError(
                "PROPERTY_VALIDATION_NOT_UPDATABLE", f"{given_type(given)}::{name}"
            )
        target[name] = value
    return target


def given_type(given: KObject | None) -> Any:
    return (given or {}).get("objectType", "")


def require(given: KObject | None, name: str) -> Any:
    value = (given or {}).get(name)
    if value is None or value == "":
        raise KalturaApiError("PROPERTY_VALIDATION_CANNOT_BE_NULL", f"{given_type(given)}::{name}")
    return value
