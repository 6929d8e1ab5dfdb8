"""What the samples for the generated official clients (JavaScript, PHP, Java) share: a call's
arguments in the client method's order, request numbers as the client counts them, result
references taken apart, the names the clients give classes and variables, and which values come
from the environment. The languages differ only in how they spell these. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from app.protocol import fieldnames
from app.protocol.call import (
    Array,
    Call,
    File,
    Map,
    Members,
    MultiRequest,
    Object,
    Reference,
    Value,
    Wire,
)
from app.protocol.facts import OBJECT_TYPE
from app.protocol.patterns import FLOAT, INT, REFERENCE
from app.protocol.schema import ActionDef, ParamDef, ServiceDef
from app.protocol.wire import renumber_references
from app.reference.samples import SampleContext, secret_env

CONFIG_SETTERS = {
    "ks": "setKs",
    "partnerId": "setPartnerId",
    "language": "setLanguage",
    "responseProfile": "setResponseProfile",
    "clientTag": "setClientTag",
    "apiVersion": "setApiVersion",
}
"""The client's setter of each request-wide name (the three clients spell them alike);
`format` has none: each client asks for the format it reads."""


@dataclass(frozen=True)
class Argument:
    """A positional argument of the client's method: `value` None is a gap left to the client
    (a later argument is given), which each language writes as its null."""

    param: ParamDef
    value: Value | None


@dataclass(frozen=True)
class Plan:
    """One call as a client method call: `arguments` up to the last one given (the client
    fills in the rest), `extras` the request-wide names a multirequest's request sets on its
    own (`ks` = `{1:result}`) and names the action does not declare."""

    call: Call
    service: ServiceDef
    action: ActionDef
    arguments: tuple[Argument, ...]
    extras: Members


def plan(context: SampleContext, call: Call) -> Plan:
    """`call` as its client method is called (LookupError if the schema lacks the action)."""
    service = context.schema.service(call.service)
    action = service.action(call.action) if service else None
    if service is None or action is None:
        raise LookupError(f"no action {call.service}.{call.action} in the schema")
    given: dict[str, Value] = dict(call.params)
    given.update({name: file for name, file in call.files})
    declared = [p.name for p in action.params]
    arguments = [Argument(p, given.get(p.name)) for p in action.params]
    while arguments and arguments[-1].value is None:
        arguments.pop()
    extras = tuple((n, v) for n, v in call.params if n not in declared)
    return Plan(call, service, action, tuple(arguments), extras)


def numbered(batch: MultiRequest) -> tuple[Call, ...]:
    """The calls of a multirequest with every `{N:result…}` reference renumbered from the
    number the page shows to the call's place (1..n), as the clients count them."""
    numbers = {call.number or at: at for at, call in enumerate(batch.calls, start=1)}
    return tuple(
        replace(call, params=_renumbered(call.params, numbers), number=at)
        for at, call in enumerate(batch.calls, start=1)
    )


def _renumbered(members: Members, numbers: dict[int, int]) -> Members:
    def walk(value: Value) -> Value:
        match value:
            case Reference(text=text):
                return Reference(renumber_references(text, numbers))
            case Object():
                return replace(value, members=_renumbered(value.members, numbers))
            case Array(items=items):
                return Array(tuple(walk(item) for item in items))
            case Map(entries=entries):
                return Map(tuple((k, walk(v)) for k, v in entries))
        return value

    return tuple((name, walk(value)) for name, value in members)


def reference_path(text: str) -> tuple[int, tuple[str, ...]] | None:
    """`{2:result:objects:0:id}` → (2, ("objects", "0", "id")); None when `text` is not one
    whole reference."""
    found = REFERENCE.fullmatch(text.strip())
    if not found:
        return None
    return int(found.group(1)), tuple(p for p in fieldnames.segments(found.group(2) or "") if p)


def referenced(calls: tuple[Call, ...]) -> frozenset[int]:
    """The numbers of the calls whose result a later one refers to."""
    found: set[int] = set()

    def walk(value: Value) -> None:
        match value:
            case Reference(text=text):
                found.update(int(n) for n, _ in REFERENCE.findall(text))
            case Object(members=members) | Map(entries=members):
                for _, inner in members:
                    walk(inner)
            case Array(items=items):
                for inner in items:
                    walk(inner)

    for call in calls:
        for _, value in call.params:
            walk(value)
    return frozenset(found)


def class_name(kaltura_name: str) -> str:
    """The name the JavaScript and Java clients give a class or enum: without `Kaltura`."""
    return kaltura_name.removeprefix("Kaltura") or kaltura_name


def bare_literal(text: str, kind: str) -> str | None:
    """A number or boolean as JavaScript and PHP write it unquoted, or None where the text is
    not one (it is then sent as typed, a string)."""
    if kind == "int" and re.fullmatch(INT, text):
        return str(int(text))
    if kind == "float" and re.fullmatch(FLOAT, text):
        return text.strip()
    if kind == "bool" and text in ("true", "false"):
        return text
    return None


def item_name(item: Value | Wire, name: str) -> str:
    """The variable of an array item: an object is named after its class (`keyValue`)."""
    if isinstance(item, Object):
        object_type: object = item.object_type
    else:
        object_type = item.get(OBJECT_TYPE) if isinstance(item, dict) else None
    if not isinstance(object_type, str):
        return name
    short = class_name(object_type)
    return short[:1].lower() + short[1:]


def env_of(context: SampleContext, name: str, owner: str) -> str | None:
    """The environment variable a secret is read from, or None to write the value in."""
    return None if context.include_secrets else secret_env(name, owner)


def owner_of(context: SampleContext, object_type: str, name: str) -> str:
    """The class that declares property `name` of `object_type` (secrets follow it)."""
    found = context.schema.property(object_type, name)
    return found.owner if found and found.owner else object_type


def file_path(file: File) -> str:
    """Where a sample opens an uploaded file: the name it was uploaded under."""
    return file.filename or "file.bin"


class Names:
    """Variable names, each used once: `filter`, then `filter2`…"""

    def __init__(self, taken: tuple[str, ...] = ()) -> None:
        self.taken = set(taken)

    def take(self, base: str) -> str:
        base = re.sub(r"\W", "", base) or "value"
        name, count = base, 1
        while name in self.taken:
            count += 1
            name = f"{base}{count}"
        self.taken.add(name)
        return name
