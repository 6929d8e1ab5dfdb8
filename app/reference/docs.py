"""What the API docs say beyond the schema itself: where each type is used, who throws each error.

Pure: computed once per loaded schema from its services and classes (the schema is immutable, so
the last few indexes are kept by identity). No web imports; `app/web/views/docs.py` renders it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.protocol.schema import (
    ActionDef,
    ErrorDef,
    Schema,
    ServiceDef,
    per_schema,
    type_names,
)


@dataclass(frozen=True)
class ActionUse:
    """An action naming a type, as a parameter (`param` holds its name) or as its result."""

    service: str
    action: str
    param: str = ""


@dataclass(frozen=True)
class ServiceGroup:
    plugin: str  # "" for the core services
    services: tuple[ServiceDef, ...]


@dataclass(frozen=True)
class DocsIndex:
    groups: tuple[ServiceGroup, ...]
    actions_using: dict[str, tuple[ActionUse, ...]] = field(default_factory=dict)
    classes_using: dict[str, tuple[str, ...]] = field(default_factory=dict)
    throwers: dict[str, tuple[ActionUse, ...]] = field(default_factory=dict)


def _action_uses(service: ServiceDef, action: ActionDef) -> list[tuple[str, ActionUse]]:
    uses = [
        (n, ActionUse(service.id, action.name, p.name))
        for p in action.params
        for n in type_names(p.ref)
    ]
    if action.result:
        uses += [(n, ActionUse(service.id, action.name)) for n in type_names(action.result)]
    return uses


def error_named(schema: Schema, name: str) -> ErrorDef | None:
    """The error an old `?error=` link names, by name or by code, in any case: `2000` is
    OTT's UserDoesNotExist, and 22.15.0 has codes with a trailing space."""
    wanted = name.strip().lower()
    return next(
        (e for e in schema.errors.values() if wanted in (e.name.lower(), e.code.strip().lower())),
        None,
    )


def build_index(schema: Schema) -> DocsIndex:
    actions: dict[str, dict[ActionUse, None]] = {}
    throwers: dict[str, list[ActionUse]] = {}
    for service in schema.services:
        for action in service.actions:
            for name, use in _action_uses(service, action):
                actions.setdefault(name, {})[use] = None
            for error in dict.fromkeys(action.throws):
                throwers.setdefault(error, []).append(ActionUse(service.id, action.name))
    classes: dict[str, dict[str, None]] = {}
    for cls in schema.classes.values():
        for prop in cls.properties:
            for name in type_names(prop.ref):
                if name != cls.name:
                    classes.setdefault(name, {})[cls.name] = None
    by_plugin: dict[str, list[ServiceDef]] = {}
    for service in sorted(schema.services, key=lambda s: s.name.lower()):
        by_plugin.setdefault(service.plugin, []).append(service)
    return DocsIndex(
        groups=tuple(
            ServiceGroup(p, tuple(by_plugin[p])) for p in sorted(by_plugin, key=str.lower)
        ),
        actions_using={n: tuple(u) for n, u in actions.items()},
        classes_using={n: tuple(sorted(c)) for n, c in classes.items()},
        throwers={n: tuple(u) for n, u in throwers.items()},
    )


docs_index = per_schema(build_index)
"""The index of a schema, built on first use (a few ms for the 884 actions of 22.15.0)."""
