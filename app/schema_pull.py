"""`testme schema pull [--service-url URL] [-o FILE]`: save a server's schema as a file.

A snapshot to pin with `--schema`, to diff between releases, or to check with `testme schema
check`. The document is saved byte for byte as the server sent it, and only once it parses as a
schema: a maintenance page is not written over a good file.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from app.settings import Settings, SettingsError
from app.web.schema_source import LoadedSchema, NoSchema, fetch_schema
from app.web.upstream import Upstream


def schema_pull(argv: Sequence[str], transport: httpx.AsyncBaseTransport | None = None) -> int:
    """`transport` replaces the network for tests."""
    parser = argparse.ArgumentParser(
        prog="testme schema pull", description="Save a Kaltura server's schema as a file."
    )
    parser.add_argument("--service-url", help="the server (default TESTME_SERVICE_URL)")
    parser.add_argument(
        "-o", "--output", type=Path, help="the file (default kaltura-schema-<apiVersion>.xml)"
    )
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env(service_url=args.service_url)
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if settings.service_url is None:
        print("error: no server: give --service-url or set TESTME_SERVICE_URL", file=sys.stderr)
        return 2
    # Its own thread and loop: `asyncio.run` refuses a thread whose loop is already running
    # (a caller inside an event loop: a notebook, a test after Playwright's sync API).
    with ThreadPoolExecutor(1) as pool:
        loaded = pool.submit(asyncio.run, _fetch(settings, transport)).result()
    if not isinstance(loaded, LoadedSchema):
        print(f"error: {settings.service_url} gave no usable schema: {loaded}", file=sys.stderr)
        return 1
    output: Path = args.output or Path(f"kaltura-schema-{loaded.schema.api_version}.xml")
    output.write_bytes(loaded.xml)
    print(f"{output}: {loaded.schema.summary()}", file=sys.stderr)
    return 0


async def _fetch(
    settings: Settings, transport: httpx.AsyncBaseTransport | None
) -> LoadedSchema | NoSchema:
    async with httpx.AsyncClient(
        transport=transport,
        timeout=httpx.Timeout(settings.upstream_timeout),
        follow_redirects=False,
        headers={"User-Agent": "testme"},
    ) as client:
        source = f"{settings.service_url}/api_v3/api_schema.php"
        return await fetch_schema(Upstream(client, settings.service_url or ""), source)
