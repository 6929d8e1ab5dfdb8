"""add → get → list (a filter and orderBy) → update → delete through the official Python client,
for every service of 22.15.0 whose five actions the engine answers by convention."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from KalturaClient.Base import KalturaObjectFactory
from KalturaClient.exceptions import KalturaException

from app.kaltura.schema import Schema, ServiceDef
from app.kaltura.schema_loader import load_schema
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
    try:
        added = proxy.add(*_arguments(schema, service, "add"))
    except KalturaException as error:  # the schema's own rules refused the minimal object
        assert error.code.startswith(("PROPERTY_VALIDATION", "INVALID", "MISSING"))
        pytest.skip(f"{service_name}.add needs more than a minimal object: {error.code}")
    cls = type(added).__name__
    assert proxy.get(*_arguments(schema, service, "get", added.id)).id == added.id
    list_action = service.action("list")
    assert list_action is not None
    filter_ = _instance(schema, list_action.params[0].ref.type)
    order = schema.order_by_enum(type(filter_).__name__)
    filter_.orderBy = order.consts[0].value if order and order.consts else "-createdAt"
    listed = proxy.list(filter_)
    assert added.id in [o.id for o in listed.objects] and listed.totalCount >= 1
    update = service.action("update")
    assert update is not None
    changes = _instance(schema, update.params[1].ref.type)
    updated = proxy.update(
        *_arguments(schema, service, "update", added.id, **{update.params[1].name: changes})
    )
    assert type(updated).__name__ == cls and updated.id == added.id
    proxy.delete(*_arguments(schema, service, "delete", added.id))
    with pytest.raises(KalturaException):
        proxy.get(*_arguments(schema, service, "get", added.id))
