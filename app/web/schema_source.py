"""Which schema the console shows: `--schema PATH`, else the server's own, else the embedded one.

For a configured server the schema is fetched from its `/api_v3/api_schema.php` at start-up and
cached in the data dir; when the server cannot be reached the cache stands in, and failing that
the embedded default, and the page says so beside Target (`LoadedSchema.notice`). The sandbox
serves the embedded default itself, so it is loaded directly.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from app.protocol.schema import Schema
from app.protocol.schema_loader import SchemaError, load_schema, parse_schema
from app.resources import default_schema_path
from app.settings import Settings
from app.web.upstream import Upstream

log = logging.getLogger("testme.schema")
_RETRY = "Reload schema to try again."


@dataclass(frozen=True)
class LoadedSchema:
    schema: Schema
    origin: str  # shown on the page: where the forms come from
    xml: bytes  # the document itself, which the top bar's "XML Schema" link serves back
    fallback: str = ""  # why the server's own schema is not the one shown: its mark in the list
    notice: str = ""  # the same, in a sentence beside Target, saying what to do about it


@dataclass(frozen=True)
class NoSchema:
    """Why a server gave no usable schema; `reached`: it answered, with something else."""

    reason: str
    reached: bool = True

    def __str__(self) -> str:
        return self.reason


def sentence(text: str) -> str:
    """`text` as one sentence: a capital first letter and one full stop, whether or not the
    reason it holds (an upstream problem, a schema error) already ended with one."""
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def cache_path(settings: Settings) -> Path:
    key = hashlib.sha256((settings.service_url or "").encode()).hexdigest()[:16]
    return settings.data_dir / "schema-cache" / f"{key}.xml"


def load_local(settings: Settings) -> LoadedSchema | None:
    """The schema that needs no network: `--schema`, or the embedded one in sandbox mode.
    A broken `--schema` file raises `SchemaError` so start-up stops with its line number."""
    if settings.schema_path is not None:
        return _from_file(settings.schema_path, str(settings.schema_path))
    if settings.sandbox:
        return _from_file(default_schema_path(), "embedded sandbox schema")
    return None


async def load_remote(settings: Settings, upstream: Upstream) -> LoadedSchema:
    """The configured server's schema, refreshed into the cache; the cache or the embedded
    default when the server does not give a usable one."""
    cache = cache_path(settings)
    fetched = await fetch_remote(settings, upstream)
    if isinstance(fetched, LoadedSchema):
        return fetched
    log.warning("could not load the server's schema: %s", fetched)
    state = "no usable schema" if fetched.reached else "unreachable"
    why = sentence(fetched.reason)
    if cache.is_file():
        try:
            cached = _from_file(cache, _cached_origin(settings))
            on = _cached_on(settings)
            copy = f"the copy cached on {on}" if on else "a cached copy"
            notice = f"{state.capitalize()} at start-up: showing {copy}; {_RETRY} {why}"
            return replace(cached, fallback=f"{state}, cached schema", notice=notice)
        except SchemaError as exc:
            log.warning("the cached schema is unusable: %s", exc)
    embedded = _from_file(default_schema_path(), "embedded schema")  # the notice says why
    notice = f"{state.capitalize()} at start-up: showing the embedded schema; {_RETRY} {why}"
    return replace(embedded, fallback=f"{state}, embedded schema", notice=notice)


async def fetch_remote(settings: Settings, upstream: Upstream) -> LoadedSchema | NoSchema:
    """The server's schema, freshly fetched and written to the cache, or why not (nothing is
    cached then: a server that answers garbage must not replace the last good copy)."""
    fetched = await fetch_schema(upstream, f"{settings.service_url}/api_v3/api_schema.php")
    if isinstance(fetched, LoadedSchema):
        _write_cache(settings, fetched.schema, fetched.xml)
    return fetched


async def fetch_schema(upstream: Upstream, source: str) -> LoadedSchema | NoSchema:
    """`/api_v3/api_schema.php` from `upstream` (named `source` in messages), parsed, or why it
    cannot be used: no answer, an HTTP error, or a document that is not a schema."""
    answer = await upstream.get("/api_v3/api_schema.php")
    problem = (
        answer.error
        or (f"HTTP {answer.status}" if answer.status != 200 else "")
        or (f"the answer was cut short after {len(answer.body)} bytes" if answer.cut_short else "")
    )
    if problem:
        return NoSchema(problem, reached=answer.status != 0)  # 0: no HTTP answer at all
    try:
        return LoadedSchema(parse_schema(answer.body, source), source, answer.body)
    except SchemaError as exc:
        return NoSchema(str(exc))


def _write_cache(settings: Settings, schema: Schema, xml: bytes) -> None:
    """The document, and beside it which one it is and when it was fetched, so the page can
    say how old a cached copy is without trusting the file's mtime."""
    cache = cache_path(settings)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(xml)
    meta = {
        "url": settings.service_url,
        "apiVersion": schema.api_version,
        "generatedDate": schema.generated_date,
        "fetched": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
    cache.with_suffix(".json").write_text(json.dumps(meta))


def _cached_origin(settings: Settings) -> str:
    origin = f"cached copy of {settings.service_url}'s schema"
    on = _cached_on(settings)
    return f"{origin}, fetched {on}" if on else origin


def _cached_on(settings: Settings) -> str:
    """When the cached copy was fetched, as its record beside it says; "" when unknown."""
    try:
        fetched = json.loads(cache_path(settings).with_suffix(".json").read_text())["fetched"]
    except (OSError, ValueError, KeyError, TypeError):
        return ""
    return str(fetched)


def _from_file(path: Path, origin: str) -> LoadedSchema:
    return LoadedSchema(load_schema(path), origin, path.read_bytes())
