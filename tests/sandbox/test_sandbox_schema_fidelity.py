"""The embedded schema is a faithful subset of a real Kaltura schema (API 22.15.0): every
action, parameter, property, enum constant and error it declares is declared the same way there.
The metadata plugin's classes and enums, which that file names but does not define, are checked
against Kaltura's official Python client (`KalturaClient.Plugins.Metadata`) instead."""

from __future__ import annotations

from pathlib import Path

import pytest
from KalturaClient.Plugins import Metadata

from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema
from app.resources import default_schema_path


@pytest.fixture(scope="module")
def ours() -> Schema:
    return load_schema(default_schema_path())


@pytest.fixture(scope="module")
def real(real_schema_path: Path) -> Schema:
    return load_schema(real_schema_path)


def test_actions_have_the_real_params_defaults_and_results(ours: Schema, real: Schema) -> None:
    for service in ours.services:
        real_service = real.service(service.id)
        assert real_service is not None and real_service.name == service.name
        for action in service.actions:
            twin = real_service.action(action.name)
            assert twin is not None, f"{service.id}.{action.name}"
            where = f"{service.id}.{action.name}"
            assert [(p.name, p.ref, p.optional, p.default) for p in action.params] == [
                (p.name, p.ref, p.optional, p.default) for p in twin.params
            ], where
            assert (action.result, action.session_required) == (
                twin.result,
                twin.session_required,
            ), where


PLUGIN_ONLY = {name for name in vars(Metadata) if name.startswith("KalturaMetadata")}


def test_classes_keep_the_real_bases_and_property_types(ours: Schema, real: Schema) -> None:
    for cls in ours.classes.values():
        twin = real.classes.get(cls.name)
        if twin is None and cls.name in PLUGIN_ONLY:
            continue  # checked against the official client below
        assert twin is not None, cls.name
        assert (cls.base, cls.abstract) == (twin.base, twin.abstract), cls.name
        real_props = {p.name: p for p in twin.properties}
        for prop in cls.properties:
            other = real_props.get(prop.name)
            assert other is not None, f"{cls.name}.{prop.name}"
            assert (prop.ref, prop.read_only, prop.insert_only, prop.write_only, prop.is_time) == (
                other.ref,
                other.read_only,
                other.insert_only,
                other.write_only,
                other.is_time,
            ), f"{cls.name}.{prop.name}"


def test_metadata_plugin_classes_are_the_official_clients(ours: Schema) -> None:
    plugin_classes = [c for c in ours.classes.values() if c.name in PLUGIN_ONLY]
    assert len(plugin_classes) == 9
    for cls in plugin_classes:
        official = getattr(Metadata, cls.name)
        assert (cls.base or "KalturaObjectBase") == official.__bases__[0].__name__, cls.name
        loaders = getattr(official, "PROPERTY_LOADERS", {})
        assert [p.name for p in cls.properties] == list(loaders), cls.name
    for enum in (e for e in ours.enums.values() if e.name in PLUGIN_ONLY):
        official = getattr(Metadata, enum.name)
        consts = {k: v for k, v in vars(official).items() if k.isupper()}
        ours_consts = {(c.name, c.value) for c in enum.consts}
        assert ours_consts <= {(k, str(v)) for k, v in consts.items()}, enum.name


def test_enum_constants_are_real(ours: Schema, real: Schema) -> None:
    for enum in ours.enums.values():
        if enum.name in PLUGIN_ONLY and enum.name not in real.enums:
            continue  # checked against the official client above
        twin = real.enums.get(enum.name)
        assert twin is not None and twin.enum_type == enum.enum_type, enum.name
        assert set(enum.consts) <= set(twin.consts), enum.name


def test_errors_have_the_real_codes_messages_and_arguments(ours: Schema, real: Schema) -> None:
    for error in ours.errors.values():
        assert real.errors.get(error.name) == error, error.name
