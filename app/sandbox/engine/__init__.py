"""The sandbox's engine: every action of the loaded schema answers, from the schema's shapes.

    registry.py   Engine: hand-written handler, else convention, else "not simulated"
    shapes.py     which actions are conventional, read from the schema (pure)
    crud.py       the conventional actions over the document store
    documents.py  ids, filled-in properties and statuses of stored objects
    coverage.py   per service, which actions are stateful, simulated or not (the console
                  and the docs mark actions with `behaviours`)

`build_engine(schema)` registers the project's hand-written handlers explicitly.
"""

from __future__ import annotations

from app.protocol.schema import Schema
from app.sandbox.engine.registry import Answer, Behaviour, Engine
from app.sandbox.services import (
    assets,
    categories,
    category_users,
    content,
    data_entries,
    entries,
    metadata,
    metadata_profiles,
    moderation,
    partner,
    playback,
    playlists,
    profiles,
    session,
    system,
    ui_confs,
    upload_tokens,
    users,
)


def build_engine(schema: Schema) -> Engine:
    engine = Engine(schema)
    for module in (
        session,
        upload_tokens,
        users,
        entries,
        categories,
        playlists,
        moderation,
        data_entries,
        partner,
        ui_confs,
        profiles,
        category_users,
        metadata_profiles,
        metadata,
        content,  # playable media (docs/SANDBOX.md)
        assets,
        playback,
    ):
        engine.register_module(module)
    engine.register_module(system, "simulated")
    return engine


__all__ = ["Answer", "Behaviour", "Engine", "build_engine"]
