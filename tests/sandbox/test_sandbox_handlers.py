"""The embedded schema and the sandbox's handlers describe the same API."""

from __future__ import annotations

from app.kaltura.schema_loader import load_schema
from app.resources import default_schema_path
from app.sandbox.context import HANDLERS
from app.sandbox.dispatch import Dispatcher  # noqa: F401  (imports every handler)


def test_every_schema_action_has_a_handler_and_every_handler_is_in_the_schema() -> None:
    schema = load_schema(default_schema_path())
    in_schema = {(s.id.lower(), a.name.lower()) for s in schema.services for a in s.actions}
    assert in_schema == set(HANDLERS)


def test_embedded_schema_loads_without_warnings() -> None:
    schema = load_schema(default_schema_path())
    assert schema.warnings == ()
    assert schema.api_version.endswith("-testme")


def test_every_error_a_handler_declares_is_in_the_error_table() -> None:
    schema = load_schema(default_schema_path())
    thrown = {t for s in schema.services for a in s.actions for t in a.throws}
    assert thrown <= set(schema.errors)
