"""Wire params → the typed `Call` they send: the inverse of `wire`, which tests read back with.

With the schema, each value gets back its type: an object its concrete `objectType` and typed
members, an enum value its constant, `x__null` a `Null`, `{"-": ""}` an `Empty`, a name the
schema does not declare a `Loose`. A single call's top level mixes the action's parameters with
the configuration: an action's own parameter is a parameter, another request-wide name is
configuration. Stored JSON may hold numbers and booleans; they come back as the strings the
wire would carry.

Import (`call_import.py`) reads a pasted call with it; the round-trip tests read the encoder's
wire back with it. Pure: no I/O and no web imports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.forms.form_calls import action_params, config_params, resolve
from app.protocol import fieldnames, patterns
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
    Wire,
)
from app.protocol.facts import EMPTY_MARK, NULL_SUFFIX, OBJECT_TYPE
from app.protocol.schema import ParamDef, Schema, TypeRef


def _wire(value: object) -> Wire:
    """Stored JSON as the wire carries it: strings throughout."""
    if isinstance(value, Mapping):
        return {str(k): _wire(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_wire(item) for item in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


class _Reader:
    def __init__(self, schema: Schema, in_multirequest: bool = False) -> None:
        self.schema = schema
        # Only a multirequest's requests may refer to an earlier result.
        self.in_multirequest = in_multirequest

    def members(self, declared: Sequence[ParamDef], params: Mapping[str, object]) -> Members:
        by_name = {p.name: p for p in declared}
        out: list[tuple[str, Value]] = []
        for name, raw in params.items():
            base = _null_base(name, raw)
            if base is not None:
                out.append((base, Null()))
            elif name in by_name:
                out.append((name, self.value(by_name[name].ref, raw)))
            else:
                out.append((name, Loose(_wire(raw))))
        return tuple(out)

    def value(self, ref: TypeRef, raw: object, values_enum: str = "") -> Value:
        kind = self.schema.kind(ref)
        wire = _wire(raw)
        if wire == {EMPTY_MARK: ""} and kind in ("array", "map"):
            return Empty()
        if kind == "unknown":
            return Unknown(ref.type, wire)
        if kind == "array" and isinstance(wire, dict) and wire and all(map(str.isdigit, wire)):
            wire = [wire[k] for k in sorted(wire, key=int)]  # form-encoded `items:0:…`
        if kind == "object" and isinstance(wire, dict) and OBJECT_TYPE in wire:
            return self.object(wire)
        item = TypeRef(ref.array_type or "string")
        if kind == "array" and isinstance(wire, list):
            return Array(tuple(self.value(item, w) for w in wire))
        if kind == "map" and isinstance(wire, dict):
            return Map(tuple((key, self.value(item, w)) for key, w in wire.items()))
        if not isinstance(wire, str) or kind in ("object", "array", "map", "file"):
            return Loose(wire)
        if self.in_multirequest and patterns.REFERENCE.fullmatch(wire.strip()):
            return Reference(wire)
        if kind == "enum":
            enum = self.schema.enums[ref.enum_type]
            return EnumConst(wire, enum.name, enum.name_of(wire.strip()) or "")
        return Scalar(wire, kind, values_enum if values_enum in self.schema.enums else "")

    def object(self, wire: Mapping[str, Wire]) -> Object:
        object_type = str(wire[OBJECT_TYPE])
        cls = self.schema.class_named(object_type)
        properties = {p.name: p for p in self.schema.properties(cls.name)} if cls else {}
        out: list[tuple[str, Value]] = []
        for name, raw in wire.items():
            base = _null_base(name, raw)
            if name == OBJECT_TYPE:
                continue
            if base is not None:
                out.append((base, Null()))
            elif name in properties:
                prop = properties[name]
                out.append((name, self.value(prop.ref, raw, prop.values_enum_type)))
            else:
                out.append((name, Loose(raw)))
        return Object(object_type, tuple(out), known=cls is not None)


def _null_base(name: str, raw: object) -> str | None:
    if name.endswith(NULL_SUFFIX) and name != NULL_SUFFIX and raw == "":
        return name.removesuffix(NULL_SUFFIX)
    return None


def read_wire(
    schema: Schema,
    service_id: str,
    action_name: str,
    params: Mapping[str, object],
    files: Sequence[FilePart] = (),
) -> Call:
    """The call that sends `params` (and the file parts `files`) to `service_id.action_name`
    (`UnknownActionError` if the schema lacks it)."""
    service, action = resolve(schema, service_id, action_name)
    reader = _Reader(schema)
    config_names = {p.name for p in config_params(schema)} - {p.name for p in action.params}
    own = {k: v for k, v in params.items() if _name(k, v) not in config_names}
    config = {k: v for k, v in params.items() if _name(k, v) in config_names}
    return Call(
        service.id,
        action.name,
        reader.members(action.params, own),
        reader.members(config_params(schema), config),
        tuple((f.field_name, File(f.filename, f.content, f.content_type)) for f in files),
    )


def read_wire_multirequest(schema: Schema, params: Mapping[str, object]) -> MultiRequest:
    """The multirequest that sends `params`: its calls numbered 1..n as on the wire."""
    reader = _Reader(schema, in_multirequest=True)
    calls = []
    config: dict[str, object] = {}
    for key, raw in params.items():
        number = fieldnames.item_number(key)
        if number is None or not isinstance(raw, Mapping):
            config[key] = raw
            continue
        rest = {k: v for k, v in raw.items() if k not in (fieldnames.SERVICE, fieldnames.ACTION)}
        service, action = resolve(
            schema, str(raw.get(fieldnames.SERVICE, "")), str(raw.get(fieldnames.ACTION, ""))
        )
        members = reader.members(action_params(schema, action), rest)
        calls.append(Call(service.id, action.name, members, number=number))
    calls.sort(key=lambda call: call.number)
    return MultiRequest(tuple(calls), _Reader(schema).members(config_params(schema), config))


def _name(key: str, raw: object) -> str:
    return _null_base(key, raw) or key
