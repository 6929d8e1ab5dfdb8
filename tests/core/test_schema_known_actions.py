"""History's list of the calls a schema can restore (`Schema.known_actions`, served at
`history/known` under its digest `known_actions_key`): made once per schema."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from app.protocol.schema_loader import load_schema


def test_every_action_of_the_schema_is_known_lowercased_each_followed_by_a_space(
    real_schema_path: Path,
) -> None:
    schema = load_schema(real_schema_path)
    known = schema.known_actions
    assert known.endswith(" ") and "  " not in known
    names = known.split()
    assert len(names) == len(set(names)) == 884  # every action of 22.15.0's 111 services, once
    assert "media.list" in names and "accesscontrolprofile.add" in names  # accessControlProfile
    assert names == [f"{s.id}.{a.name}".lower() for s in schema.services for a in s.actions]


def test_the_list_is_made_once_per_schema(real_schema_path: Path) -> None:
    schema = load_schema(real_schema_path)
    assert schema.known_actions is schema.known_actions


def test_the_key_names_the_list_and_changes_with_it(real_schema_path: Path) -> None:
    schema = load_schema(real_schema_path)
    key = schema.known_actions_key
    assert re.fullmatch(r"[0-9a-f]{16}", key)  # short, and safe in an address
    assert key == schema.known_actions_key
    fewer = replace(schema, services=schema.services[1:])
    assert fewer.known_actions_key != key
