"""Sandbox fixtures: the sandbox on a tmp data dir, served on a real socket by uvicorn in a
background thread, for the official Kaltura client and for raw HTTP (httpx)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
import uvicorn
from KalturaClient import KalturaClient, KalturaConfiguration
from KalturaClient.Plugins.Core import KalturaSessionType
from starlette.types import ASGIApp

from app.sandbox import SandboxConfig, SandboxCredentials, create_sandbox_app, sandbox_credentials

SMALL_UPLOAD_CAP = 256 * 1024


@dataclass
class LiveSandbox:
    """A sandbox served by uvicorn on 127.0.0.1; `stop()` shuts it down."""

    url: str
    config: SandboxConfig
    credentials: SandboxCredentials
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def client(self, ks: str | None = None) -> KalturaClient:
        configuration = KalturaConfiguration()
        configuration.serviceUrl = self.url
        configuration.requestTimeout = 30
        client = KalturaClient(configuration)
        if ks:
            client.setKs(ks)
        return client

    def admin_ks(self, user_id: str = "admin") -> str:
        client = self.client()
        ks: str = client.session.start(
            self.credentials.admin_secret,
            user_id,
            KalturaSessionType.ADMIN,
            self.credentials.partner_id,
        )
        return ks


def serve(app: ASGIApp, *, lifespan: str = "off") -> tuple[str, uvicorn.Server, threading.Thread]:
    """Serve an ASGI app on a free 127.0.0.1 port from a daemon thread; returns its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Without TCP_NODELAY small answers wait ~40 ms for delayed ACKs.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan=lifespan))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    return f"http://127.0.0.1:{port}", server, thread


def start_live(config: SandboxConfig) -> LiveSandbox:
    app = create_sandbox_app(config)
    url, server, thread = serve(app)
    return LiveSandbox(url, config, sandbox_credentials(app), server, thread)


@pytest.fixture(scope="module")
def http(live: LiveSandbox) -> Iterator[httpx.Client]:
    """Raw HTTP to the module's live sandbox."""
    with httpx.Client(base_url=live.url, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def credentials(live: LiveSandbox) -> SandboxCredentials:
    return live.credentials


@pytest.fixture(scope="module")
def admin_ks(live: LiveSandbox) -> str:
    return live.admin_ks()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSandbox]:
    config = SandboxConfig(
        data_dir=tmp_path_factory.mktemp("live"), max_upload_bytes=SMALL_UPLOAD_CAP
    )
    sandbox = start_live(config)
    yield sandbox
    sandbox.stop()


@dataclass
class Api:
    """api_v3 calls in JSON format over raw HTTP, as a browser or curl would make them."""

    http: httpx.Client
    ks: str

    def response(self, service: str, action: str, **params: object) -> httpx.Response:
        body = {"format": "1", "ks": self.ks, **params}
        return self.http.post(f"/api_v3/service/{service}/action/{action}", json=body)

    def __call__(self, service: str, action: str, **params: object) -> object:
        return self.response(service, action, **params).json()


@pytest.fixture(scope="module")
def api(http: httpx.Client, admin_ks: str) -> Api:
    return Api(http, admin_ks)
