"""Reload the schema while the console runs: the "Reload schema" button and nothing else.

The narrow interface is `reload(console) -> (console, Reloaded)`: it returns a new frozen
`ConsoleState` that the caller swaps in with one assignment, so a request being served keeps the
schema it started with. In sandbox mode the sandbox is handed the same schema at once: the
console's schema is the one the sandbox answers, never a copy read at start-up. When the server
is down or answers something that is not a schema, the state returned is the one given: the
last good schema stays, and `Reloaded` says why. A schema a reload replaces is kept for the
docs' Changes page (`previous_schema.py`).
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass

from app.forms.fields import FormBuilder
from app.protocol.schema_loader import SchemaError
from app.web.console_state import ConsoleState
from app.web.previous_schema import keep_previous
from app.web.schema_source import LoadedSchema, NoSchema, fetch_remote, load_local, sentence

log = logging.getLogger("testme.schema")


@dataclass(frozen=True)
class Reloaded:
    ok: bool
    message: str  # what the page says: the schema now in use, or why the old one stays


async def reload(console: ConsoleState) -> tuple[ConsoleState, Reloaded]:
    settings = console.settings
    try:
        loaded = load_local(settings) or await fetch_remote(settings, console.upstream)
    except SchemaError as exc:  # the --schema file was broken since start-up
        loaded = NoSchema(str(exc))
    if not isinstance(loaded, LoadedSchema):
        log.warning("schema reload failed, keeping %s: %s", console.schema.api_version, loaded)
        why = sentence(loaded.reason)  # it may end with its own full stop: no doubled one
        kept = f"Kept schema {console.schema.api_version} ({console.schema_origin})."
        return console, Reloaded(False, f"The schema could not be reloaded. {why} {kept}")
    if loaded.xml != console.schema_xml:  # the docs' Changes page compares the two
        keep_previous(console)
    if console.sandbox is not None and console.sandbox.serve_schema is not None:
        console.sandbox.serve_schema(loaded.schema, loaded.xml)
    fresh = dataclasses.replace(
        console,
        schema=loaded.schema,
        schema_origin=loaded.origin,
        schema_xml=loaded.xml,
        forms=FormBuilder(loaded.schema),
    )
    schema, before = loaded.schema, console.schema.api_version
    counts = f"{_count(len(schema.services), 'service')}, {_count(schema.action_count, 'action')}"
    was = "unchanged" if loaded.xml == console.schema_xml else f"was {before}"
    said = f"Schema reloaded: {schema.api_version} from {loaded.origin} ({was}): {counts}."
    return fresh, Reloaded(True, said)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
