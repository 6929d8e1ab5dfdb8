"""What changed between two schemas: services, actions, parameters, types, properties, enum
values and errors added or removed; types changed; parameters made required; deprecations.

`compare(old, new)` returns a `SchemaDiff`, its changes sorted by kind (services first, errors
last) and then by name, so the same two schemas always give the same list in the same order.
Each change keeps the docs page it belongs to (a service and action, a type, an error) so a view
can link it where the schema it shows still has it. A class's changes are its own properties'
changes: a property added to `KalturaBaseEntry` is reported there once, not again on each
subclass. `as_text` is the command line's rendering. Pure: no I/O, no web imports.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Literal, Protocol, TypeVar, get_args

from app.protocol.schema import (
    ActionDef,
    ClassDef,
    EnumDef,
    ParamDef,
    PropertyDef,
    Schema,
    ServiceDef,
    TypeRef,
)

Kind = Literal["service", "action", "parameter", "type", "property", "enum", "enum value", "error"]
What = Literal[
    "added",
    "removed",
    "type changed",
    "base changed",
    "made required",
    "made optional",
    "value changed",
    "deprecated",
    "no longer deprecated",
]

KINDS: tuple[Kind, ...] = get_args(Kind)  # the order the kinds are listed in
HEADINGS: dict[Kind, str] = {k: k.capitalize() + "s" for k in KINDS} | {"property": "Properties"}
_WHAT_ORDER: dict[str, int] = {w: i for i, w in enumerate(get_args(What))}
_SAID = {w: w.replace(" ", "s ", 1) for w in ("type changed", "base changed", "value changed")}


@dataclass(frozen=True)
class Change:
    kind: Kind
    what: What
    # as a person reads it: `media.list`, `media.list(filter)`, `KalturaEntry.name`; a service
    # by its name, as the console's Select service shows it (`captionAsset`, not its id)
    name: str
    detail: str = ""  # `string → int`, `required`, `= 3`, an error's code
    # the docs page it belongs to: a service (and the action's anchor), a type, an error
    service: str = ""
    action: str = ""
    type_name: str = ""
    error: str = ""
    member: str = ""  # a parameter's, property's or enum value's own name

    @property
    def sign(self) -> str:
        return {"added": "+", "removed": "-"}.get(self.what, "~")

    @property
    def mark(self) -> str:
        """`added`, `removed` or `changed`: how the Changes page colours it."""
        return self.what if self.what in ("added", "removed") else "changed"


@dataclass(frozen=True)
class ChangeGroup:
    kind: Kind
    heading: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class SchemaDiff:
    old_version: str
    new_version: str
    changes: tuple[Change, ...]

    @property
    def groups(self) -> tuple[ChangeGroup, ...]:
        """The changes by kind, in `KINDS` order, the empty kinds left out."""
        found = ((k, tuple(c for c in self.changes if c.kind == k)) for k in KINDS)
        return tuple(ChangeGroup(k, HEADINGS[k], cs) for k, cs in found if cs)

    def count(self, what: str) -> int:
        return sum(1 for c in self.changes if c.what == what)

    def summary(self) -> str:
        """`1.0 → 2.0: 5 changes: 3 added, 1 removed, 1 changed (1 made required)`."""
        versions = f"{self.old_version} → {self.new_version}"
        if not self.changes:
            return f"{versions}: no changes"
        added, removed = self.count("added"), self.count("removed")
        changed = len(self.changes) - added - removed
        kinds = [
            f"{n} {_SAID.get(w, w) if n > 1 else w}"
            for w in _WHAT_ORDER
            if w not in ("added", "removed") and (n := self.count(w))
        ]
        detail = f" ({', '.join(kinds)})" if kinds else ""
        return (
            f"{versions}: {_plural(len(self.changes), 'change')}: {added} added, "
            f"{removed} removed, {changed} changed{detail}"
        )


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def type_text(ref: TypeRef | None) -> str:
    """A type as the change lists spell it; an enum's base type too, since it may change alone."""
    if ref is None:
        return "nothing"
    return f"{ref.label} ({ref.type})" if ref.enum_type else ref.label


# -- comparing ------------------------------------------------------------------------------

K = TypeVar("K")
V = TypeVar("V")


class _Deprecable(Protocol):
    @property
    def deprecated(self) -> bool: ...


def _pairs(old: Mapping[K, V], new: Mapping[K, V]) -> tuple[list[V], list[V], list[tuple[V, V]]]:
    """What only `new` has, what only `old` has, and what both have (old, new)."""
    return (
        [v for k, v in new.items() if k not in old],
        [v for k, v in old.items() if k not in new],
        [(v, new[k]) for k, v in old.items() if k in new],
    )


def _deprecation(old: _Deprecable, new: _Deprecable) -> What | None:
    if old.deprecated == new.deprecated:
        return None
    return "deprecated" if new.deprecated else "no longer deprecated"


def _services(old: Schema, new: Schema) -> Iterator[Change]:
    def by_id(schema: Schema) -> dict[str, ServiceDef]:
        return {s.id.lower(): s for s in schema.services}

    added, removed, both = _pairs(by_id(old), by_id(new))
    yield from (Change("service", "added", s.name, service=s.id) for s in added)
    yield from (Change("service", "removed", s.name, service=s.id) for s in removed)
    for was, now in both:
        if what := _deprecation(was, now):
            yield Change("service", what, now.name, service=now.id)
        yield from _actions(was, now)


def _actions(old: ServiceDef, new: ServiceDef) -> Iterator[Change]:
    def by_name(service: ServiceDef) -> dict[str, ActionDef]:
        return {a.name.lower(): a for a in service.actions}

    def change(what: What, action: ActionDef, detail: str = "") -> Change:
        name = f"{new.name}.{action.name}"
        return Change("action", what, name, detail, service=new.id, action=action.name)

    added, removed, both = _pairs(by_name(old), by_name(new))
    yield from (change("added", a) for a in added)
    yield from (change("removed", a) for a in removed)
    for was, now in both:
        if what := _deprecation(was, now):
            yield change(what, now)
        if was.result != now.result:
            result = f"result {type_text(was.result)} → {type_text(now.result)}"
            yield change("type changed", now, result)
        yield from _params(new, was, now)


def _params(service: ServiceDef, old: ActionDef, new: ActionDef) -> Iterator[Change]:
    def by_name(action: ActionDef) -> dict[str, ParamDef]:
        return {p.name: p for p in action.params}

    def change(what: What, param: ParamDef, detail: str = "") -> Change:
        name = f"{service.name}.{new.name}({param.name})"
        return Change(
            "parameter", what, name, detail, service=service.id, action=new.name, member=param.name
        )

    added, removed, both = _pairs(by_name(old), by_name(new))
    yield from (change("added", p, "optional" if p.optional else "required") for p in added)
    yield from (change("removed", p) for p in removed)
    for was, now in both:
        if was.ref != now.ref:
            yield change("type changed", now, f"{type_text(was.ref)} → {type_text(now.ref)}")
        if was.optional != now.optional:
            yield change("made optional" if now.optional else "made required", now)


def _classes(old: Schema, new: Schema) -> Iterator[Change]:
    added, removed, both = _pairs(old.classes, new.classes)
    yield from (Change("type", "added", c.name, type_name=c.name) for c in added)
    yield from (Change("type", "removed", c.name, type_name=c.name) for c in removed)
    for was, now in both:
        if what := _deprecation(was, now):
            yield Change("type", what, now.name, type_name=now.name)
        if was.base != now.base:
            based = f"{was.base or 'none'} → {now.base or 'none'}"
            yield Change("type", "base changed", now.name, based, type_name=now.name)
        yield from _properties(was, now)


def _properties(old: ClassDef, new: ClassDef) -> Iterator[Change]:
    def by_name(cls: ClassDef) -> dict[str, PropertyDef]:
        return {p.name: p for p in cls.properties}

    def change(what: What, prop: PropertyDef, detail: str = "") -> Change:
        name = f"{new.name}.{prop.name}"
        return Change("property", what, name, detail, type_name=new.name, member=prop.name)

    added, removed, both = _pairs(by_name(old), by_name(new))
    yield from (change("added", p, type_text(p.ref)) for p in added)
    yield from (change("removed", p) for p in removed)
    for was, now in both:
        if was.ref != now.ref:
            yield change("type changed", now, f"{type_text(was.ref)} → {type_text(now.ref)}")
        if what := _deprecation(was, now):
            yield change(what, now)


def _enums(old: Schema, new: Schema) -> Iterator[Change]:
    added, removed, both = _pairs(old.enums, new.enums)
    yield from (Change("enum", "added", e.name, type_name=e.name) for e in added)
    yield from (Change("enum", "removed", e.name, type_name=e.name) for e in removed)
    for was, now in both:
        if what := _deprecation(was, now):
            yield Change("enum", what, now.name, type_name=now.name)
        if was.enum_type != now.enum_type:
            detail = f"{was.enum_type} → {now.enum_type}"
            yield Change("enum", "type changed", now.name, detail, type_name=now.name)
        yield from _enum_values(was, now)


def _enum_values(old: EnumDef, new: EnumDef) -> Iterator[Change]:
    def by_name(enum: EnumDef) -> dict[str, str]:
        return {c.name: c.value for c in enum.consts}

    def change(what: What, const: str, detail: str) -> Change:
        name = f"{new.name}.{const}"
        return Change("enum value", what, name, detail, type_name=new.name, member=const)

    was, now = by_name(old), by_name(new)
    yield from (change("added", n, f"= {v}") for n, v in now.items() if n not in was)
    yield from (change("removed", n, f"= {v}") for n, v in was.items() if n not in now)
    for name in (n for n in was if n in now and was[n] != now[n]):
        yield change("value changed", name, f"{was[name]} → {now[name]}")


def _errors(old: Schema, new: Schema) -> Iterator[Change]:
    added, removed, _both = _pairs(old.errors, new.errors)
    yield from (Change("error", "added", e.name, e.code.strip(), error=e.name) for e in added)
    yield from (Change("error", "removed", e.name, e.code.strip(), error=e.name) for e in removed)


def _order(change: Change) -> tuple[int, str, str, int]:
    return (KINDS.index(change.kind), change.name.lower(), change.name, _WHAT_ORDER[change.what])


def compare(old: Schema, new: Schema) -> SchemaDiff:
    """Every change from `old` to `new`, sorted (see the module's docstring)."""
    found: Iterable[Change] = (
        *_services(old, new),
        *_classes(old, new),
        *_enums(old, new),
        *_errors(old, new),
    )
    return SchemaDiff(old.api_version, new.api_version, tuple(sorted(found, key=_order)))


def present_in(schema: Schema, change: Change) -> bool:
    """Whether `schema` has what the change names (the docs page can link it there)."""
    match change.kind:
        case "service":
            return schema.service(change.service) is not None
        case "action" | "parameter":
            action = schema.action(change.service, change.action)
            return action is not None and (
                change.kind == "action" or any(p.name == change.member for p in action.params)
            )
        case "type" | "enum":
            return change.type_name in schema.classes or change.type_name in schema.enums
        case "property":
            return schema.property(change.type_name, change.member) is not None
        case "enum value":
            enum = schema.enums.get(change.type_name)
            return enum is not None and any(c.name == change.member for c in enum.consts)
        case "error":
            return change.error in schema.errors
    return False


# -- the command line's text ---------------------------------------------------------------


def change_line(change: Change) -> str:
    """`+ media.add(entry) (required)`, `~ media.list(filter): type changed, A → B`."""
    if change.what in ("added", "removed"):
        detail = f" ({change.detail})" if change.detail else ""
        return f"{change.sign} {change.name}{detail}"
    detail = f", {change.detail}" if change.detail else ""
    return f"{change.sign} {change.name}: {change.what}{detail}"


def as_text(diff: SchemaDiff) -> str:
    """The summary line, then each kind's heading with its count and one change a line."""
    lines = [diff.summary()]
    for group in diff.groups:
        lines += ["", f"{group.heading} ({len(group.changes)})"]
        lines += [f"  {change_line(c)}" for c in group.changes]
    return "\n".join(lines)
