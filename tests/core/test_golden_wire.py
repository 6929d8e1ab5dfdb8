"""The wire, byte for byte, for every action of 22.15.0 and a multirequest per service, each
filled canonically and as a browser may send it (`golden_calls.messy`), equals what the encoder
of before issue 8 sent: `golden_wire.json` was captured with it (see golden_calls)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema
from tests.core.golden_calls import capture, current_encoder, load_golden

SETS = ("calls", "multirequests", "messy_calls", "messy_multirequests")


@pytest.fixture(scope="module")
def sent(real_schema_path: Path) -> dict[str, dict[str, str]]:
    schema: Schema = load_schema(real_schema_path)
    return capture(schema, current_encoder())


@pytest.mark.parametrize("name", SETS)
def test_what_reaches_the_wire_is_what_it_was(name: str, sent: dict[str, dict[str, str]]) -> None:
    golden = load_golden()[name]
    assert len(golden) == (884 if name.endswith("calls") else 109)
    assert [key for key in golden if sent[name].get(key) != golden[key]] == []
    assert sent[name].keys() == golden.keys()
