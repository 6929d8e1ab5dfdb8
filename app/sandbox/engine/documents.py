"""Stored documents of conventional classes: their ids, their filled-in properties, their status.

Ids take Kaltura's forms, by the type of the class's `id`: an integer from a counter per kind,
or `0_` and eight base-36 characters (an entry's or an asset's form) for a string. A new object
gets what api_v3 fills itself — `partnerId`, `createdAt`, `updatedAt`, and a `status` from its
enum (ACTIVE, READY or ENABLED, whichever the enum has) — when its class has those properties.
"""

from __future__ import annotations

import secrets
import string

from app.protocol.schema import Schema
from app.sandbox.store import Db, KObject

_ID_ALPHABET = string.ascii_lowercase + string.digits
LIVE_STATUSES = ("ACTIVE", "READY", "ENABLED")
DELETED = "DELETED"


def new_id(schema: Schema, db: Db, cls: str, kind: str, partner_id: int) -> int | str:
    prop = schema.property(cls, "id")
    if prop is not None and schema.kind(prop.ref) == "int":
        return db.next_value(f"engine:{kind}")
    while True:
        candidate = "0_" + "".join(secrets.choice(_ID_ALPHABET) for _ in range(8))
        if db.get(kind, candidate, partner_id) is None:
            return candidate


def status_value(schema: Schema, cls: str, names: tuple[str, ...]) -> str | None:
    """The value of the first of `names` in the enum of `cls`'s `status`, if it has one."""
    prop = schema.property(cls, "status")
    enum = schema.enums.get(prop.ref.enum_type) if prop else None
    if enum is None:
        return None
    by_name = {c.name: c.value for c in enum.consts}
    return next((by_name[n] for n in names if n in by_name), None)


def typed(schema: Schema, cls: str, value: str | None) -> int | str | None:
    """An enum value as the property's type holds it (int enums as ints)."""
    prop = schema.property(cls, "status")
    if value is None or prop is None:
        return value
    return int(value) if prop.ref.type == "int" and value.lstrip("-").isdigit() else value


def fill_new(schema: Schema, obj: KObject, partner_id: int, now: int) -> KObject:
    cls = str(obj["objectType"])
    filled: dict[str, object] = {"partnerId": partner_id, "createdAt": now, "updatedAt": now}
    live = typed(schema, cls, status_value(schema, cls, LIVE_STATUSES))
    if live is not None and obj.get("status") is None:
        filled["status"] = live
    for name, value in filled.items():
        prop = schema.property(cls, name)
        # Only where the schema types it as a number (one class declares createdAt a string).
        if prop is not None and (name == "status" or schema.kind(prop.ref) == "int"):
            obj[name] = value
    return obj


def is_deleted(schema: Schema, obj: KObject) -> bool:
    deleted = status_value(schema, str(obj["objectType"]), (DELETED,))
    return deleted is not None and str(obj.get("status")) == deleted
