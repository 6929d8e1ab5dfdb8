"""add → get → list (orderBy, then a filter field that picks one object out) → update → delete
through the official Python client, for every service of 22.15.0 whose five actions the engine
answers by convention."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from KalturaClient.Base import KalturaObjectFactory
from KalturaClient.exceptions import KalturaException

from app.protocol.schema import ParamDef, Schema, ServiceDef
from app.protocol.schema_loader import load_schema
from app.sandbox import SandboxConfig
from app.sandbox.engine import build_engine
from tests.conftest import SHARED_SCHEMA
from tests.sandbox.conftest import LiveSandbox, start_live

FIVE = ("add", "get", "list", "update", "delete")


def _round_trip_services() -> list[str]:
    schema = load_schema(SHARED_SCHEMA)
    engine = build_engine(schema)
    names = []
    for service in schema.services:
        actions = [service.action(a) for a in FIVE]
        if all(a and engine.answer(service, a).how.startswith("convention") for a in actions):
            names.append(service.id)
    return names


@pytest.fixture(scope="module")
def full_live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSandbox]:
    config = SandboxConfig(data_dir=tmp_path_factory.mktemp("official"), schema_path=SHARED_SCHEMA)
    sandbox = start_live(config)
    yield sandbox
    sandbox.stop()


@pytest.fixture(scope="module")
def schema() -> Schema:
    return load_schema(SHARED_SCHEMA)


def _instance(schema: Schema, declared: str) -> Any:
    cls = schema.concrete_types(declared)[0]
    return KalturaObjectFactory.objectFactories[cls]()


def _arguments(
    schema: Schema, service: ServiceDef, action: str, object_id: Any = None, **given: Any
) -> list[Any]:
    """Positional arguments in the schema's order: `object_id` first (each action names its id
    its own way), then what is given, minimal values for the rest."""
    found = service.action(action)
    assert found is not None
    if object_id is not None:
        given[found.params[0].name] = object_id
    values = []
    for param in found.params:
        if param.name in given:
            values.append(given[param.name])
        elif param.optional:
            values.append(None if schema.kind(param.ref) == "object" else param.default and None)
        elif schema.kind(param.ref) == "object":
            values.append(_instance(schema, param.ref.type))
        else:
            values.append(1 if schema.kind(param.ref) in ("int", "enum") else "0_parent1")
    while values and values[-1] is None:
        values.pop()
    return values


def _narrowing(schema: Schema, filter_cls: str, stored: str) -> tuple[str, str | None]:
    """The filter field that picks one object out and the property the test sets at add for it:
    `idEqual` or `idIn` where the filter has one (the id is the server's), else `XEqual` on a
    property X of the stored class that the caller may set."""
    fields = {p.name for p in schema.properties(filter_cls)}
    for field in ("idEqual", "idIn"):
        if field in fields:
            return field, None
    for prop in schema.writable_properties(stored):
        if prop.name + "Equal" in fields and schema.kind(prop.ref) in ("string", "int"):
            return prop.name + "Equal", prop.name
    raise AssertionError(f"{filter_cls} has no field that picks one {stored} out")


def _object_param(schema: Schema, service: ServiceDef, action: str) -> ParamDef:
    found = service.action(action)
    assert found is not None
    return next(p for p in found.params if schema.kind(p.ref) == "object")


@pytest.mark.parametrize("service_name", _round_trip_services())
def test_a_conventional_service_round_trips_through_the_official_client(
    full_live: LiveSandbox, schema: Schema, service_name: str
) -> None:
    client = full_live.client(full_live.admin_ks())
    service = schema.service(service_name)
    assert service is not None
    proxy = getattr(client, service.name, None)
    if proxy is None:
        pytest.skip(f"the official client has no {service.name} (its plugin is not installed)")
    add_param = _object_param(schema, service, "add")
    mine = _instance(schema, add_param.ref.type)
    list_action = service.action("list")
    assert list_action is not None
    filter_cls = schema.concrete_types(list_action.params[0].ref.type)[0]
    field, settable = _narrowing(schema, filter_cls, type(mine).__name__)
    if settable is not None:
        prop = schema.property(type(mine).__name__, settable)
        assert prop is not None
        setattr(mine, settable, 7101 if schema.kind(prop.ref) == "int" else "0_narrow01")
    try:
        added = proxy.add(*_arguments(schema, service, "add", **{add_param.name: mine}))
    except KalturaException as error:  # the schema's own rules refused the minimal object
        assert error.code.startswith(("PROPERTY_VALIDATION", "INVALID", "MISSING"))
        pytest.skip(f"{service_name}.add needs more than a minimal object: {error.code}")
    other = proxy.add(*_arguments(schema, service, "add"))
    cls = type(added).__name__
    assert proxy.get(*_arguments(schema, service, "get", added.id)).id == added.id
    filter_ = _instance(schema, filter_cls)
    order = schema.order_by_enum(filter_cls)
    filter_.orderBy = order.consts[0].value if order and order.consts else "-createdAt"
    listed = proxy.list(filter_)
    assert {added.id, other.id} <= {o.id for o in listed.objects} and listed.totalCount >= 2
    narrow = _instance(schema, filter_cls)
    setattr(narrow, field, str(added.id) if settable is None else getattr(mine, settable))
    picked = proxy.list(narrow)
    assert [o.id for o in picked.objects] == [added.id] and picked.totalCount == 1, field
    update = service.action("update")
    assert update is not None
    changes = _instance(schema, update.params[1].ref.type)
    updated = proxy.update(
        *_arguments(schema, service, "update", added.id, **{update.params[1].name: changes})
    )
    assert type(updated).__name__ == cls and updated.id == added.id
    proxy.delete(*_arguments(schema, service, "delete", added.id))
    proxy.delete(*_arguments(schema, service, "delete", other.id))
    with pytest.raises(KalturaException):
        proxy.get(*_arguments(schema, service, "get", added.id))
