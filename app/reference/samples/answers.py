"""What a sample prints of the answer, so that a person reads the answer and not an object's
address (`<KalturaMediaListResponse object at 0x…>`): read from the action's result type in the
schema. A list response (a class with an `objects` array) is its items, one line each with
their id and name; an object its id and name; a scalar (a KS, a count, a serve URL) as it is;
nothing for an action that answers nothing. A class without `id` and `name` shows its first
few plain properties instead, and one the schema lacks all of them. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from app.protocol.call import Call
from app.protocol.schema import SCALAR_TYPES, Schema

MAIN_FIELDS = ("id", "name")
OTHER_FIELDS = 3  # shown of a class that has neither id nor name


@dataclass(frozen=True)
class Printed:
    """`list`: `objects` of a list response; `items`: an array answer; `object`: one object;
    `value`: printed as it is; `nothing`: a void answer. `fields` are the properties shown of
    each item or of the object (none: the item as it is)."""

    kind: Literal["list", "items", "object", "value", "nothing"]
    fields: tuple[str, ...] = ()
    total: bool = False  # the list response has a totalCount


def printed(schema: Schema, call: Call) -> Printed:
    action = schema.action(call.service, call.action)
    result = action.result if action else None
    if action is not None and (result is None or result.type in ("", "void", "null")):
        return Printed("nothing")
    if result is None:
        return Printed("value")
    if result.type == "array":
        return Printed("items", fields(schema, result.array_type))
    cls = schema.class_named(result.type)
    if cls is None and result.type.startswith("Kaltura"):
        return Printed("object")  # a class the schema lacks: all its properties
    if cls is None:
        return Printed("value")  # string, int, bool, a map, a file (its serve URL)
    objects = schema.property(cls.name, "objects")
    if objects is not None and objects.ref.type == "array":
        total = schema.property(cls.name, "totalCount") is not None
        return Printed("list", fields(schema, objects.ref.array_type), total)
    return Printed("object", fields(schema, cls.name))


def fields(schema: Schema, class_name: str) -> tuple[str, ...]:
    plain = [p.name for p in schema.properties(class_name) if p.ref.type in SCALAR_TYPES]
    main = tuple(name for name in MAIN_FIELDS if name in plain)
    return main or tuple(plain[:OTHER_FIELDS])
