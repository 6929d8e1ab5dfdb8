"""`create_app(settings)`: the one way to build the ASGI app.

It wires the console views to one outbound `Upstream` and, when no Kaltura server is configured,
mounts the embedded sandbox as the API behind the same host and reaches it through an in-process
HTTP transport: the console still speaks plain api_v3 HTTP to it and never imports it.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from functools import partial

import httpx
from fastapi import FastAPI
from fastapi.responses import PlainTextResponse, RedirectResponse
from starlette.routing import Mount
from starlette.types import ASGIApp

from app.compression import Compression
from app.forms.fields import FormBuilder
from app.resources import resource_path
from app.settings import SANDBOX_SERVER, Settings
from app.web import static_files, urls
from app.web.console_state import ConsoleState, SandboxInfo
from app.web.errors import install_error_handlers
from app.web.request_guard import RequestGuard
from app.web.schema_source import LoadedSchema, load_local, load_remote
from app.web.security import SecurityHeadersMiddleware
from app.web.servers import Server, Servers
from app.web.session_cookie import SessionCookies
from app.web.upstream import Upstream
from app.web.views import (
    call_import,
    changes,
    code,
    console,
    docs,
    finder,
    follow,
    ks,
    ks_make,
    libraries,
    schema_file,
    schema_reload,
)

log = logging.getLogger("testme")

SANDBOX_BASE_URL = "http://sandbox.testme.invalid"


def _secret_key(settings: Settings) -> str:
    """TESTME_SECRET_KEY, else one generated once and kept (0600) in the data dir."""
    if settings.secret_key:
        return settings.secret_key
    path = settings.data_dir / "secret_key"
    if path.is_file():
        return path.read_text().strip()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(32)
    path.touch(mode=0o600)
    path.write_text(key)
    return key


def session_cookie_name(settings: Settings, secret_key: str) -> str:
    """The session cookie's name, one per console instance. Browsers keep cookies per host name,
    not per port, so two consoles on one host (or one console restarted against another server)
    must not share a name or each overwrites the other's KS. The name hashes what tells
    instances apart and stays the same across restarts: the port, the server (or the sandbox)
    and the signing key, which lives in the data dir. A different server gets a new name, so its
    KS is never sent to another."""
    target = settings.service_url or (repr(settings.servers) if settings.servers else "sandbox")
    instance = "\n".join((str(settings.port), target, secret_key))
    return "testme_session_" + hashlib.sha256(instance.encode()).hexdigest()[:12]


def _sandbox(settings: Settings, local: LoadedSchema | None) -> tuple[ASGIApp, SandboxInfo]:
    """The sandbox, serving the schema the console shows (`local`: one copy for both), and
    what the console knows of it."""
    from app.sandbox import SandboxConfig, create_sandbox_app, sandbox_credentials, serve_schema

    config = SandboxConfig(
        data_dir=settings.data_dir,
        partner_id=settings.sandbox_partner_id,
        admin_secret=settings.sandbox_admin_secret,
        user_secret=settings.sandbox_user_secret,
        max_upload_bytes=settings.sandbox_max_upload_bytes,
        ready_delay_seconds=settings.sandbox_ready_delay,
        schema_path=settings.schema_path,
    )
    api = create_sandbox_app(config, (local.schema, local.xml) if local else None)
    creds = sandbox_credentials(api)
    info = SandboxInfo(
        partner_id=creds.partner_id,
        admin_secret=creds.admin_secret,
        user_secret=creds.user_secret,
        admin_login=creds.admin_login,
        admin_password=creds.admin_password,
        serve_schema=partial(serve_schema, api),
    )
    return api, info


def server_settings(settings: Settings) -> tuple[tuple[str, Settings], ...]:
    """Each server's name and own settings. `--service-url` (or no TESTME_SERVERS) is the
    one-server case; otherwise the TESTME_SERVERS in their order, then the embedded sandbox."""
    if settings.service_url or not settings.servers:
        return (("server" if settings.service_url else SANDBOX_SERVER, settings),)
    named = tuple((name, replace(settings, service_url=url)) for name, url in settings.servers)
    return (*named, (SANDBOX_SERVER, replace(settings, service_url=None)))


async def _load(
    name: str,
    settings: Settings,
    upstream: Upstream,
    sandbox: SandboxInfo | None,
    local: LoadedSchema | None,
) -> Server:
    loaded = local or load_local(settings) or await load_remote(settings, upstream)
    if loaded.schema.warnings:
        log.warning(
            "the schema of %s refers to %d unknown types, shown as JSON fields "
            "(`testme schema check` lists them)",
            name,
            len(loaded.schema.warnings),
        )
    console = ConsoleState(
        settings=settings,
        schema=loaded.schema,
        schema_origin=loaded.origin,
        schema_xml=loaded.xml,
        forms=FormBuilder(loaded.schema),
        upstream=upstream,
        sandbox=sandbox if settings.sandbox else None,
    )
    return Server(name, console, loaded.fallback, loaded.notice)


def create_app(settings: Settings, transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """Build the app. `transport` replaces the network for tests (a fake Kaltura upstream)."""
    local = load_local(settings)  # a broken --schema stops start-up here, with its line
    sandbox_api, sandbox_info = _sandbox(settings, local) if settings.sandbox else (None, None)
    each = server_settings(settings)
    sandbox_transport: httpx.AsyncBaseTransport | None = transport
    if sandbox_api is not None and (transport is None or len(each) > 1):
        from app.sandbox.origin import InProcess  # the console's origin reaches it this way only

        sandbox_transport = httpx.ASGITransport(app=InProcess(sandbox_api))

    def client(through: httpx.AsyncBaseTransport | None) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=through,
            timeout=httpx.Timeout(settings.upstream_timeout),
            follow_redirects=False,
            headers={"User-Agent": "testme"},
        )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with client(transport) as remote, client(sandbox_transport) as inside:
            loads = (
                _load(
                    name,
                    own,
                    Upstream(
                        inside if own.sandbox else remote, own.service_url or SANDBOX_BASE_URL
                    ),
                    sandbox_info,
                    local if own is settings or own.sandbox else None,
                )
                for name, own in each
            )
            servers = Servers(tuple(await asyncio.gather(*loads)))
            app.state.servers = servers
            app.state.console = servers.default.console
            yield

    app = FastAPI(
        title="testme", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None
    )
    secret_key = _secret_key(settings)
    app.add_middleware(
        SessionCookies,  # Starlette's, signing with less work per request (session_cookie.py)
        secret_key=secret_key,
        session_cookie=session_cookie_name(settings, secret_key),
        same_site="strict",
        max_age=14 * 24 * 3600,
    )
    app.add_middleware(
        RequestGuard,
        allowed_hosts=settings.host_names,
        trusted_proxies=settings.forwarded_allow_ips,
    )
    app.add_middleware(Compression)  # gzip, when asked (app/compression.py)
    app.add_middleware(SecurityHeadersMiddleware)  # outermost: refusals carry the headers too
    install_error_handlers(app)
    static = resource_path("static")  # under its version: see static_files.py
    static_path = static_files.mount_path(urls.STATIC, static)
    app.mount(static_path, static_files.Immutable(directory=static), name="static")
    app.include_router(console.router)
    app.include_router(code.router)
    app.include_router(docs.router)
    app.include_router(finder.router)
    app.include_router(ks.router)
    app.include_router(schema_file.router)
    app.include_router(libraries.router)
    app.include_router(schema_reload.router)
    app.include_router(changes.router)
    app.include_router(ks_make.router)
    app.include_router(call_import.router)
    app.include_router(follow.router)

    @app.get("/", include_in_schema=False)
    async def root() -> RedirectResponse:
        return RedirectResponse(urls.url_for(app, "page"))

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> PlainTextResponse:
        ready = hasattr(app.state, "console")
        return PlainTextResponse("ok" if ready else "starting", status_code=200 if ready else 503)

    if sandbox_api is not None:
        app.router.routes.append(Mount("", app=sandbox_api))
    return app
