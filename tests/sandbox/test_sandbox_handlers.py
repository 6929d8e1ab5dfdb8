"""The embedded schema and the sandbox's engine describe the same API."""

from __future__ import annotations

from app.protocol.schema_loader import load_schema
from app.resources import default_schema_path
from app.sandbox.engine import build_engine


def test_every_embedded_action_is_answered_and_every_hand_written_handler_is_in_the_schema() -> (
    None
):
    schema = load_schema(default_schema_path())
    engine = build_engine(schema)
    answers = {
        (s.id.lower(), a.name.lower()): engine.answer(s, a).behaviour
        for s in schema.services
        for a in s.actions
    }
    assert set(engine.hand_written()) <= set(answers)
    assert "not simulated" not in answers.values()


def test_hand_written_handlers_are_registered_by_the_engine_not_by_importing_them() -> None:
    from app.sandbox.engine import Engine
    from app.sandbox.services import session

    schema = load_schema(default_schema_path())
    service = schema.service("session")
    assert service is not None and session.start is not None
    start = service.action("start")
    assert start is not None
    assert Engine(schema).answer(service, start).behaviour == "not simulated"
    assert build_engine(schema).answer(service, start).how == "hand-written"


def test_embedded_schema_loads_without_warnings() -> None:
    schema = load_schema(default_schema_path())
    assert schema.warnings == ()
    assert schema.api_version.endswith("-testme")


def test_every_error_a_handler_declares_is_in_the_error_table() -> None:
    schema = load_schema(default_schema_path())
    thrown = {t for s in schema.services for a in s.actions for t in a.throws}
    assert thrown <= set(schema.errors)
