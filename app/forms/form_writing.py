"""A `Call` → the console form fields that ask for it: the inverse of `form_calls`.

Links, history and tests rebuild a form from a call this way; reading the fields back gives
the same call. The fields are canonical: one pair per value (a multi-choice stays one
comma-joined value), items numbered from 0, markers set to "1", JSON of an undefined type as
compact text. Pure: no I/O and no web imports.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from app.protocol import fieldnames
from app.protocol.call import (
    Array,
    Call,
    Empty,
    EnumConst,
    File,
    FilePart,
    Loose,
    Map,
    Members,
    MultiRequest,
    Null,
    Object,
    Reference,
    Scalar,
    Unknown,
    Value,
)
from app.protocol.facts import EMPTY_MARK, MULTIREQUEST, NULL_SUFFIX, OBJECT_TYPE

Pairs = list[tuple[str, str]]
ON = "1"


@dataclass(frozen=True)
class FormValues:
    """What the console's form holds for a call: `config` by name (without `config.`)."""

    service: str
    action: str
    fields: tuple[tuple[str, str], ...]
    config: dict[str, str]
    files: tuple[FilePart, ...] = ()


def form_of(call: Call | MultiRequest) -> FormValues:
    if isinstance(call, MultiRequest):
        fields: Pairs = []
        files: list[FilePart] = []
        for at, sub in enumerate(call.calls, start=1):
            prefix = fieldnames.request_prefix(sub.number or at)
            fields += [(prefix + fieldnames.SERVICE, sub.service)]
            fields += [(prefix + fieldnames.ACTION, sub.action)]
            fields += [(prefix + name, value) for name, value in members_fields("", sub.params)]
            files += _files(sub, prefix)
        config = dict(members_fields("", call.config))
        return FormValues(MULTIREQUEST, "", tuple(fields), config, tuple(files))
    return FormValues(
        call.service,
        call.action,
        tuple(members_fields("", call.params)),
        dict(members_fields("", call.config)),
        _files(call),
    )


def _files(call: Call, prefix: str = "") -> tuple[FilePart, ...]:
    return tuple(
        FilePart(prefix + name, f.filename, f.content, f.content_type) for name, f in call.files
    )


def members_fields(path: str, members: Members) -> Pairs:
    out: Pairs = []
    for name, value in members:
        out += value_fields(fieldnames.join(path, name), value)
    return out


def value_fields(path: str, value: Value) -> Pairs:
    match value:
        case Null():
            return [(fieldnames.null_of(path), ON)]
        case Empty():
            return [(fieldnames.empty_of(path), ON)]
        case Scalar(text=text) | EnumConst(text=text) | Reference(text=text):
            return [(path, text)]
        case Object():
            head = [(fieldnames.type_of(path), value.object_type)]
            return head + members_fields(path, value.members)
        case Array():
            out: Pairs = []
            for index, item in enumerate(value.items):
                out += value_fields(fieldnames.item(path, index), item)
            return out
        case Map():
            entries: Pairs = []
            for index, (key, item) in enumerate(value.entries):
                item_path = fieldnames.item(path, index)
                entries += [(fieldnames.key_of(item_path), key), *value_fields(item_path, item)]
            return entries
        case Unknown(value=str() as text):
            return [(path, text)]
        case Unknown(value=wire):
            return [(path, json.dumps(wire, ensure_ascii=False))]
        case Loose(value=wire):
            return loose_fields(path, wire)
        case File():
            return []
    raise TypeError(value)  # pragma: no cover - every Value is matched above


def loose_fields(path: str, value: object) -> Pairs:
    """Fields for a value no declaration types (and for stored JSON): lists become numbered
    items, objects members, a map (values all objects or lists) keyed items."""
    out: Pairs = []
    if value is None:
        out.append((fieldnames.null_of(path), ON))
    elif isinstance(value, bool):
        out.append((path, "true" if value else "false"))
    elif isinstance(value, list):
        if not value:
            out.append((fieldnames.empty_of(path), ON))
        for index, item in enumerate(value):
            out += loose_fields(fieldnames.item(path, index), item)
    elif isinstance(value, Mapping):
        if dict(value) == {EMPTY_MARK: ""}:
            out.append((fieldnames.empty_of(path), ON))
        elif _is_map(value):
            for index, (key, item) in enumerate(value.items()):
                item_path = fieldnames.item(path, index)
                out.append((fieldnames.key_of(item_path), str(key)))
                out += loose_fields(item_path, item)
        else:
            out += loose_members(path, value)
    else:
        out.append((path, str(value)))
    return out


def loose_members(path: str, value: Mapping[str, object]) -> Pairs:
    out: Pairs = []
    for key, item in value.items():
        name = fieldnames.join(path, str(key))
        if str(key).endswith(NULL_SUFFIX) and item == "":
            out.append((name, ON))
        else:
            out += loose_fields(name, item)
    return out


def _is_map(value: Mapping[object, object]) -> bool:
    """Objects always carry `objectType`; a map's values are all objects or lists."""
    return (
        bool(value)
        and OBJECT_TYPE not in value
        and all(isinstance(item, Mapping | list) for item in value.values())
    )
