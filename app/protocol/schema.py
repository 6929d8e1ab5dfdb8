"""The Kaltura API schema as plain values: enums, classes, services, actions, errors.

This module holds the model only; `schema_loader` builds it from the XML a Kaltura server serves
at `/api_v3/api_schema.php` (docs/PROTOCOL.md §1). Everything here is immutable and pure: no I/O,
no web imports. Service ids and action names are matched case-insensitively, as api_v3 does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, TypeVar

SCALAR_TYPES = frozenset({"int", "bigint", "float", "bool", "string"})
CONTAINER_TYPES = frozenset({"array", "map"})

Kind = Literal[
    "int", "float", "bool", "string", "enum", "object", "array", "map", "file", "unknown"
]


@dataclass(frozen=True)
class EnumConst:
    name: str
    value: str


@dataclass(frozen=True)
class EnumDef:
    name: str
    enum_type: Literal["int", "string"]
    consts: tuple[EnumConst, ...]
    plugin: str = ""
    deprecated: bool = False

    def name_of(self, value: str) -> str | None:
        return next((c.name for c in self.consts if c.value == value), None)


@dataclass(frozen=True)
class TypeRef:
    """What a parameter or property holds: `type` plus the enum/array refinements."""

    type: str
    enum_type: str = ""
    array_type: str = ""

    @property
    def label(self) -> str:
        """The type as a person reads it: `KalturaMediaType`, `array of KalturaCategory`."""
        if self.type in CONTAINER_TYPES:
            return f"{self.type} of {self.array_type or 'string'}"
        return self.enum_type or self.type


@dataclass(frozen=True)
class PropertyDef:
    name: str
    ref: TypeRef
    description: str = ""
    read_only: bool = False
    insert_only: bool = False
    write_only: bool = False
    values_enum_type: str = ""
    is_time: bool = False
    deprecated: bool = False
    owner: str = ""
    # what else the schema says of the value, worded for the docs: `nullable`, `multi-lingual`,
    # `length 1 to 256`, `at least 1` (OTT schemas carry these; OVP ones rarely do)
    limits: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClassDef:
    name: str
    base: str = ""
    abstract: bool = False
    plugin: str = ""
    description: str = ""
    deprecated: bool = False
    properties: tuple[PropertyDef, ...] = ()


@dataclass(frozen=True)
class ParamDef:
    name: str
    ref: TypeRef
    optional: bool = False
    default: str | None = None
    description: str = ""
    values_enum_type: str = ""  # a comma-separated list of this enum's values (`…In`)


@dataclass(frozen=True)
class ActionDef:
    name: str
    params: tuple[ParamDef, ...] = ()
    result: TypeRef | None = None
    description: str = ""
    enable_in_multirequest: bool = True
    session_required: Literal["always", "optional", "none"] = "always"
    deprecated: bool = False
    beta: bool = False
    throws: tuple[str, ...] = ()


@dataclass(frozen=True)
class ServiceDef:
    id: str
    name: str
    actions: tuple[ActionDef, ...] = ()
    plugin: str = ""
    description: str = ""
    deprecated: bool = False
    beta: bool = False

    @property
    def plugin_note(self) -> str:
        """The plugin, where it tells a person more than the name does: `caption` for
        captionAsset, nothing for annotation's own `annotation` or fileSync's `fileSync`."""
        return self.plugin if self.plugin.lower() != self.name.lower() else ""

    def action(self, name: str) -> ActionDef | None:
        wanted = name.lower()
        return next((a for a in self.actions if a.name.lower() == wanted), None)


@dataclass(frozen=True)
class ErrorDef:
    name: str
    code: str
    message: str
    parameters: tuple[str, ...] = ()

    def format(self, *args: object) -> str:
        """The message with its `@ARG@` placeholders filled in order."""
        text = self.message
        for name, value in zip(self.parameters, args, strict=False):
            text = text.replace(f"@{name}@", str(value))
        return text


@dataclass(frozen=True)
class ConfigField:
    """A request-wide field from `<configurations>` (ks, partnerId, clientTag…)."""

    name: str
    ref: TypeRef
    scope: Literal["client", "request"]
    description: str = ""


@dataclass(frozen=True)
class Schema:
    api_version: str
    generated_date: str
    enums: dict[str, EnumDef] = field(default_factory=dict)
    classes: dict[str, ClassDef] = field(default_factory=dict)
    services: tuple[ServiceDef, ...] = ()
    errors: dict[str, ErrorDef] = field(default_factory=dict)
    configurations: tuple[ConfigField, ...] = ()
    plugins: dict[str, tuple[str, ...]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    # -- lookups ---------------------------------------------------------------------------

    @cached_property
    def _services_by_id(self) -> dict[str, ServiceDef]:
        return {s.id.lower(): s for s in self.services}

    def service(self, service_id: str) -> ServiceDef | None:
        return self._services_by_id.get(service_id.lower())

    @cached_property
    def known_actions(self) -> str:
        """Every `service.action`, lowercased, each followed by a space: History's list of what
        this schema can restore (`GET history/known`, app/web/views/schema_file.py). Made once
        per schema: 884 actions in 22.15.0, 24 KB that the page itself no longer carries."""
        return "".join(
            f"{s.id.lower()}.{a.name.lower()} " for s in self.services for a in s.actions
        )

    @cached_property
    def known_actions_key(self) -> str:
        """A short digest of `known_actions`: the page names the list by it, so a browser
        keeps the list for as long as the schema has the same actions."""
        return hashlib.sha256(self.known_actions.encode()).hexdigest()[:16]

    def action(self, service_id: str, action_name: str) -> ActionDef | None:
        service = self.service(service_id)
        return service.action(action_name) if service else None

    def call_name(self, service_id: str, action_name: str) -> str:
        """`uploadToken.add` for `uploadtoken`, `add`: the call as the schema spells it, as the
        Select service option shows it (a plugin service by its own name: `metadata.add` for
        `metadata_metadata`); as given when the schema lacks it."""
        service = self.service(service_id)
        action = service.action(action_name) if service else None
        if service is None or action is None:
            return f"{service_id}.{action_name}"
        return f"{service.name}.{action.name}"

    @cached_property
    def _classes_by_lower_name(self) -> dict[str, ClassDef]:
        return {name.lower(): cls for name, cls in self.classes.items()}

    def class_named(self, name: str) -> ClassDef | None:
        """A class by name in any case (PHP's class names, and so api_v3's, ignore case)."""
        return self.classes.get(name) or self._classes_by_lower_name.get(name.lower())

    @property
    def action_count(self) -> int:
        return sum(len(s.actions) for s in self.services)

    def summary(self) -> str:
        return (
            f"{self.api_version}: {len(self.services)} services, {self.action_count} actions, "
            f"{len(self.classes)} classes, {len(self.enums)} enums, {len(self.errors)} errors"
        )

    # -- class hierarchy -------------------------------------------------------------------

    def ancestry(self, class_name: str) -> tuple[str, ...]:
        """The class and its bases, nearest first, stopping at an unknown base or a cycle."""
        chain: list[str] = []
        name = class_name
        while name in self.classes and name not in chain:
            chain.append(name)
            name = self.classes[name].base
        return tuple(chain)

    def is_subclass(self, class_name: str, base_name: str) -> bool:
        return base_name in self.ancestry(class_name)

    @cached_property
    def _properties(self) -> dict[str, tuple[PropertyDef, ...]]:
        result: dict[str, tuple[PropertyDef, ...]] = {}
        for name in self.classes:
            seen: dict[str, PropertyDef] = {}
            for ancestor in reversed(self.ancestry(name)):
                for prop in self.classes[ancestor].properties:
                    seen[prop.name] = prop  # a subclass may redeclare; keep the base's place
            result[name] = tuple(seen.values())
        return result

    def properties(self, class_name: str) -> tuple[PropertyDef, ...]:
        """All properties of a class, inherited ones first, in declaration order."""
        return self._properties.get(class_name, ())

    def writable_properties(self, class_name: str) -> tuple[PropertyDef, ...]:
        return tuple(p for p in self.properties(class_name) if not p.read_only)

    def property(self, class_name: str, name: str) -> PropertyDef | None:
        return next((p for p in self.properties(class_name) if p.name == name), None)

    @cached_property
    def _subclasses(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {name: [] for name in self.classes}
        for name in self.classes:
            for ancestor in self.ancestry(name)[1:]:
                found[ancestor].append(name)
        return {name: tuple(sorted(subs)) for name, subs in found.items()}

    def concrete_types(self, class_name: str) -> tuple[str, ...]:
        """Types an object declared as `class_name` may take: itself if concrete, then every
        concrete subclass, sorted by name."""
        cls = self.classes.get(class_name)
        if cls is None:
            return ()
        own = () if cls.abstract else (class_name,)
        subs = tuple(s for s in self._subclasses[class_name] if not self.classes[s].abstract)
        return own + subs

    # -- type classification ---------------------------------------------------------------

    def kind(self, ref: TypeRef) -> Kind:
        """How a form should treat a value of this type."""
        if ref.enum_type and ref.type in ("int", "string"):
            return "enum" if ref.enum_type in self.enums else ref.type  # type: ignore[return-value]
        match ref.type:
            case "int" | "bigint":
                return "int"
            case "float":
                return "float"
            case "bool":
                return "bool"
            case "string":
                return "string"
            case "array" | "map" | "file":
                return ref.type
        return "object" if ref.type in self.classes else "unknown"

    def order_by_enum(self, filter_class: str) -> EnumDef | None:
        """The `…OrderBy` enum for a filter class, by Kaltura's naming convention
        (`KalturaMediaEntryFilter` → `KalturaMediaEntryOrderBy`), walking up base classes."""
        for name in self.ancestry(filter_class):
            stem = name[: -len("Filter")] if name.endswith("Filter") else name
            for candidate in (stem + "OrderBy", stem.replace("Base", "") + "OrderBy"):
                if candidate in self.enums:
                    return self.enums[candidate]
        return None


_BUILT_IN = SCALAR_TYPES | CONTAINER_TYPES | {"file"}


def type_names(ref: TypeRef) -> tuple[str, ...]:
    """The schema types a reference names: an object or array item class, an enum."""
    return tuple(n for n in (ref.type, ref.array_type, ref.enum_type) if n and n not in _BUILT_IN)


def doc_type(schema: Schema, ref: TypeRef, values_enum_type: str = "") -> str:
    """The class or enum a field's type label links to, or "" for a plain scalar (an `…In`
    string lists the values of `values_enum_type`)."""
    names = (*type_names(ref), values_enum_type)
    return next((n for n in names if n in schema.classes or n in schema.enums), "")


Built = TypeVar("Built")


def per_schema(build: Callable[[Schema], Built]) -> Callable[[Schema], Built]:
    """`build(schema)` made once per schema and kept while the schema is among the eight most
    recently asked for (a reload makes a new one; each server of several has its own). For an
    index of a schema that a module outside this one builds (the finder's, the docs', the
    follow menus')."""
    recent: list[tuple[Schema, Built]] = []

    def kept(schema: Schema) -> Built:
        for known, value in recent:
            if known is schema:
                return value
        value = build(schema)
        recent[:] = [(schema, value), *recent[:7]]
        return value

    return kept
