"""The sandbox as an ASGI app: api_v3's URLs over the dispatcher (README "URLs").

`create_sandbox_app` does all its set-up at once — takes the schema it is given (the console's),
else loads `SandboxConfig.schema_path` or the embedded one, and builds its engine, opens and
migrates the database, seeds the partner — so it works mounted in another app or behind
`httpx.ASGITransport` without lifespan events. `serve_schema` swaps the schema and engine while
it runs (the console's "Reload schema" in sandbox mode): a call in flight finishes with the
schema it started with. Every answer is HTTP 200 with
`Access-Control-Allow-Origin: *`; an error adds `X-Kaltura: error-CODE`. A file answer
(`data.serve`) is its bytes with their own Content-Type, never XML or JSON. Answers go
gzip-compressed to a client that asks (`Accept-Encoding`), as a Kaltura server's do (its Apache
compresses them: docs/SANDBOX.md); files, media and Range requests never (`app/compression.py`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app.compression import Compression
from app.protocol.facts import MULTIREQUEST
from app.protocol.param_tree import nest
from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema
from app.resources import default_schema_path
from app.sandbox import multirequest
from app.sandbox.body_limit import BodyTooLarge, capped, drain
from app.sandbox.config import SandboxConfig, SandboxCredentials
from app.sandbox.dispatch import Dispatcher
from app.sandbox.errors import INTERNAL_ERROR, KalturaApiError, describe
from app.sandbox.origin import origin_of
from app.sandbox.render import FORMAT_XML, Outcome, Renderer
from app.sandbox.seeding import ensure_partner
from app.sandbox.served_file import ServedFile
from app.sandbox.serving import delivery_routes
from app.sandbox.store import Store
from app.sandbox.wire import RawTree, read_params

log = logging.getLogger(__name__)

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "*",
}
# Room for the non-file fields of a multipart body on top of the file cap.
_BODY_SLACK_BYTES = 1024 * 1024


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _flag(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true")


def _format(value: Any) -> int:
    try:
        return int(str(value))
    except ValueError:
        return FORMAT_XML


@dataclass(frozen=True)
class Served:
    """The schema being served, its document and the dispatcher (and engine) built from it:
    swapped as one value, so a call never mixes two schemas."""

    dispatcher: Dispatcher
    xml: bytes

    @property
    def schema(self) -> Schema:
        return self.dispatcher.schema


class SandboxApi:
    def __init__(self, config: SandboxConfig, schema: tuple[Schema, bytes] | None = None) -> None:
        self.config = config
        if schema is None:
            schema_path = config.schema_path or default_schema_path()
            schema = load_schema(schema_path), schema_path.read_bytes()
        self.store = Store(config.database_path)
        with self.store.transaction() as db:
            self.credentials = ensure_partner(db, config)
        self.served = self._build(*schema)
        # One thread runs the calls, in the order they came: the database takes one writer at a
        # time anyway, and a pool of threads queued on its lock served them out of order (some
        # waited seconds) while fighting the event loop for the GIL (README "Load").
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sandbox")

    def _build(self, schema: Schema, xml: bytes) -> Served:
        dispatcher = Dispatcher(schema, self.store, self.config, self.credentials.partner_id)
        return Served(dispatcher, xml)

    def serve(self, schema: Schema, xml: bytes) -> None:
        self.served = self._build(schema, xml)  # one assignment: calls in flight keep theirs

    async def _read(self, request: Request, schema: Schema) -> tuple[RawTree, Outcome | None]:
        """The request's parameters, or the error that stops it before dispatch. Uploaded
        parts stay open on `request.state.reader` until `answer` closes it."""
        limit = self.config.max_upload_bytes + _BODY_SLACK_BYTES
        length = request.headers.get("content-length", "")
        query = nest(dict(request.query_params.multi_items()))
        too_large = Outcome(
            error=describe(
                KalturaApiError("FILE_SIZE_EXCEEDED", self.config.max_upload_bytes), schema
            )
        )
        if length.isdigit() and int(length) > limit:
            await drain(request.receive)
            return query, too_large
        reader = Request(request.scope, receive=capped(request.receive, limit))
        request.state.reader = reader
        try:
            return await read_params(reader, limit), None
        except BodyTooLarge:
            await drain(request.receive)
            return query, too_large
        except KalturaApiError as error:
            return query, Outcome(error=describe(error, schema))

    async def answer(self, request: Request, service: str, action: str) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=200, headers=CORS_HEADERS)
        started = time.perf_counter()
        served = self.served
        raw: RawTree = {}
        outcome: Outcome | list[Outcome]
        try:
            raw, failed = await self._read(request, served.schema)
            # A name missing from the path may come with the parameters (index.php, POST).
            service = service or _text(raw.get("service"))
            action = action or _text(raw.get("action"))
            origin = origin_of(request)
            outcome = failed or await self._run(served.dispatcher, service, action, raw, origin)
        except Exception:  # the last net: a Kaltura error, never an HTTP 500
            log.exception("sandbox: %s.%s failed outside dispatch", service, action)
            outcome = Outcome(error=describe(KalturaApiError(INTERNAL_ERROR), served.schema))
        finally:
            reader = getattr(request.state, "reader", None)
            if isinstance(reader, Request):
                await reader.close()
        last = outcome[-1] if isinstance(outcome, list) and outcome else outcome
        if isinstance(last, Outcome) and isinstance(last.value, ServedFile):
            file = last.value  # the bytes, whatever format was asked for (served_file.py)
            headers = {**CORS_HEADERS, **file.headers()}
            return Response(file.body, media_type=file.media_type, headers=headers)
        renderer = Renderer(served.schema, ignore_null=_flag(raw.get("ignoreNull", "")))
        rendered = renderer.render(
            outcome,
            _format(raw.get("format", FORMAT_XML)),
            callback=str(raw.get("callback") or ""),
            execution_time=time.perf_counter() - started,
        )
        headers = dict(CORS_HEADERS)
        if isinstance(outcome, Outcome) and outcome.error is not None:
            headers["X-Kaltura"] = f"error-{outcome.error.code}"
        return Response(rendered.body, media_type=rendered.media_type, headers=headers)

    async def _run(
        self, dispatcher: Dispatcher, service: str, action: str, raw: RawTree, origin: str
    ) -> Outcome | list[Outcome]:
        loop = asyncio.get_running_loop()
        if service.lower() == MULTIREQUEST:
            return await loop.run_in_executor(
                self._worker, multirequest.run, dispatcher, raw, origin
            )
        return await loop.run_in_executor(
            self._worker, dispatcher.call, service, action, raw, origin
        )

    def in_worker(self, fn: Callable[..., Any], *args: Any) -> asyncio.Future[Any]:
        """Run `fn` on the thread that runs the calls (it owns the database connection)."""
        return asyncio.get_running_loop().run_in_executor(self._worker, fn, *args)

    # -- routes ----------------------------------------------------------------------------

    async def service_action(self, request: Request) -> Response:
        params = request.path_params
        return await self.answer(request, params["service"], params.get("action", ""))

    async def legacy(self, request: Request) -> Response:
        return await self.answer(request, "", "")

    async def multirequest(self, request: Request) -> Response:
        return await self.answer(request, MULTIREQUEST, "")

    async def api_schema(self, request: Request) -> Response:
        return Response(self.served.xml, media_type="text/xml", headers=CORS_HEADERS)


def create_sandbox_app(
    config: SandboxConfig, schema: tuple[Schema, bytes] | None = None
) -> Starlette:
    """The api_v3 sandbox, ready to serve (database migrated, partner seeded). `schema`, a
    loaded schema and its document, is served instead of `config.schema_path`'s: the console
    passes the one it shows, so both hold one copy of the same schema."""
    api = SandboxApi(config, schema)
    methods = ["GET", "POST", "OPTIONS"]
    routes: list[tuple[str, Callable[[Request], Awaitable[Response]]]] = [
        ("/api_v3/service/multirequest", api.multirequest),
        ("/api_v3/service/multirequest/action/{action}", api.multirequest),
        ("/api_v3/service/{service}/action/{action}", api.service_action),
        ("/api_v3/service/{service}", api.service_action),
        ("/api_v3/index.php", api.legacy),
        ("/api_v3/", api.legacy),
    ]
    app = Starlette(routes=[Route(path, fn, methods=methods) for path, fn in routes])
    app.router.routes.append(Route("/api_v3/api_schema.php", api.api_schema, methods=["GET"]))
    app.router.routes.extend(
        delivery_routes(api.store, config, api.credentials.partner_id, api.in_worker)
    )
    app.add_middleware(Compression)  # as Kaltura's Apache does (mod_deflate), when asked
    app.state.sandbox_credentials = api.credentials
    app.state.sandbox_api = api
    return app


def serve_schema(app: Starlette, schema: Schema, xml: bytes) -> None:
    """Serve `schema` (and `xml` at api_schema.php) from the next call on, with an engine built
    for it; the stored objects stay. The console calls this when its schema is reloaded in
    sandbox mode, so the sandbox answers the schema the console shows."""
    api: SandboxApi = app.state.sandbox_api
    api.serve(schema, xml)


def sandbox_credentials(source: SandboxConfig | Starlette) -> SandboxCredentials:
    """The seeded partner, its secrets and the admin login, for the console page."""
    if isinstance(source, Starlette):
        credentials: SandboxCredentials = source.state.sandbox_credentials
        return credentials
    store = Store(source.database_path)
    try:
        with store.transaction() as db:
            return ensure_partner(db, source)
    finally:
        store.close()
