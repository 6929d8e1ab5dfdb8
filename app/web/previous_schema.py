"""The schema Reload schema replaced, kept in the data dir for the docs' Changes page.

When Reload schema brings a document that differs from the one the console showed, the one it
replaces is written beside the server's schema cache as `schema-cache/<key>.previous.xml` (one
copy per server, the last replaced one; `<key>.previous.json` says where it came from and
when it was replaced). Nothing else writes it, and nothing but the Changes page reads it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.protocol.schema import Schema
from app.protocol.schema_loader import parse_schema
from app.settings import Settings
from app.web.console_state import ConsoleState
from app.web.schema_source import cache_path

log = logging.getLogger("testme.schema")


@dataclass(frozen=True)
class PreviousSchema:
    schema: Schema
    origin: str  # where the console had it from: "http://…/api_v3/api_schema.php", a file
    replaced: str  # when Reload replaced it, `2026-12-06 05:10 UTC`; "" when unknown


def previous_path(settings: Settings) -> Path:
    cache = cache_path(settings)
    return cache.with_name(f"{cache.stem}.previous.xml")


def keep_previous(replaced: ConsoleState) -> None:
    """Keep the schema a reload replaces; a data dir that cannot be written only loses it."""
    path = previous_path(replaced.settings)
    meta = {
        "origin": replaced.schema_origin,
        "replaced": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(replaced.schema_xml)
        path.with_suffix(".json").write_text(json.dumps(meta))
    except OSError as exc:
        log.warning("could not keep the replaced schema in %s: %s", path, exc)


def load_previous(settings: Settings) -> PreviousSchema | None:
    """The kept copy, or None when no reload has replaced a schema yet; a copy that no longer
    parses raises `SchemaError` (naming the file and line)."""
    path = previous_path(settings)
    if not path.is_file():
        return None
    schema = parse_schema(path.read_bytes(), str(path))
    try:
        meta = json.loads(path.with_suffix(".json").read_text())
        origin, replaced = str(meta["origin"]), str(meta["replaced"])
    except (OSError, ValueError, KeyError, TypeError):
        origin, replaced = str(path), ""
    return PreviousSchema(schema, origin, replaced)
