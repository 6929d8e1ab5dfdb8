"""Real parts for end-to-end tests: a fake Kaltura server on a real socket, and the console served
by uvicorn on a free port, both in background threads.

The fake server records every request it receives (method, path, headers, raw body, the JSON body
or the multipart parts) and answers each (service, action) with a body the test chose, XML by
default. The console talks to it over HTTP exactly as it would talk to a Kaltura server, so the
tests see what really goes over the wire. Both live for the whole session; `fake` hands each test
the server with its answers and records cleared.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import re
import select
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from KalturaClient import KalturaClient, KalturaConfiguration
from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError
from starlette.types import ASGIApp
from uvicorn.config import LifespanType

from app.settings import Settings
from app.web.app import create_app
from tests.e2e.console_page import Console

XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'
CALL_PATH = re.compile(r"^/api_v3/service/(?P<service>[^/?]+)(/action/(?P<action>[^/?]+))?")


def xml_result(inner: str) -> str:
    """A whole api_v3 XML answer around the inside of `<result>`."""
    return (
        f"{XML_DECLARATION}<xml><result>{inner}</result><executionTime>0.01</executionTime></xml>"
    )


VOID_ANSWER = xml_result("")
UPSTREAM_TIMEOUT = 1.5  # seconds, for the console that talks to the fake


@dataclass(frozen=True)
class Part:
    """One part of a multipart body."""

    name: str
    filename: str | None
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Received:
    """One request as the fake Kaltura server saw it."""

    method: str
    path: str
    headers: dict[str, str]  # names lower-cased
    body: bytes
    service: str
    action: str
    parts: dict[str, Part]

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def json(self) -> Any:
        """The parameters: the JSON body, or the `json` field of a multipart body."""
        if "json" in self.parts:
            return json.loads(self.parts["json"].data)
        return json.loads(self.body)


def parse_multipart(content_type: str, body: bytes) -> dict[str, Part]:
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    parts: dict[str, Part] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        data = part.get_payload(decode=True) or b""
        parts[str(name)] = Part(
            str(name), part.get_filename(), part.get_content_type(), bytes(data)
        )
    return parts


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes
    delay: float = 0.0


VOID = Answer(200, "text/xml", VOID_ANSWER.encode())


@dataclass
class FakeKaltura:
    """A Kaltura server that keeps what it is sent and answers what the test told it to."""

    url: str = ""
    received: list[Received] = field(default_factory=list)
    answers: dict[tuple[str, str], Answer] = field(default_factory=dict)
    hung_up: list[Received] = field(default_factory=list)  # the client left before the answer
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(
        self,
        service: str,
        action: str,
        body: str | bytes,
        content_type: str = "text/xml;charset=utf-8",
        status: int = 200,
        delay: float = 0.0,
    ) -> None:
        """How to answer (service, action) from now on; `delay` seconds before answering."""
        raw = body.encode() if isinstance(body, str) else body
        self.answers[(service.lower(), action.lower())] = Answer(status, content_type, raw, delay)

    def reset(self) -> None:
        with self.lock:
            self.received.clear()
            self.answers.clear()
            self.hung_up.clear()

    def calls(self, service: str, action: str) -> list[Received]:
        with self.lock:
            return [
                r
                for r in self.received
                if (r.service, r.action) == (service.lower(), action.lower())
            ]

    def record(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Received:
        found = CALL_PATH.match(path)
        service, action = (found["service"], found["action"] or "") if found else ("", "")
        content_type = headers.get("content-type", "")
        parts = (
            parse_multipart(content_type, body)
            if content_type.startswith("multipart/form-data")
            else {}
        )
        received = Received(method, path, headers, body, service.lower(), action.lower(), parts)
        with self.lock:
            self.received.append(received)
        return received

    def reply(self, received: Received) -> Answer:
        return self.answers.get((received.service, received.action), VOID)

    def gave_up(self, received: Received) -> None:
        with self.lock:
            self.hung_up.append(received)


def hangs_up_within(connection: socket.socket, seconds: float) -> bool:
    """Waits up to `seconds`, and says whether the client closed its end meanwhile (it gave up
    waiting: a cancelled Send, or the console's own timeout)."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        readable, _, _ = select.select([connection], [], [], left)
        if not readable:
            continue
        try:
            if connection.recv(1, socket.MSG_PEEK) == b"":
                return True
        except OSError:
            return True
        time.sleep(min(left, 0.05))  # bytes of a next request: not a hang-up
    return False


def _handler_for(fake: FakeKaltura) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # The body is written after the headers: with Nagle on, it waited for the client's
        # delayed ACK (40 ms on Linux) whenever the kernel had left quick-ACK mode.
        disable_nagle_algorithm = True

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            headers = {k.lower(): v for k, v in self.headers.items()}
            received = fake.record("POST", self.path, headers, body)
            answer = fake.reply(received)
            if answer.delay and hangs_up_within(self.connection, answer.delay):
                fake.gave_up(received)
                return
            try:
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.content_type)
                self.send_header("Content-Length", str(len(answer.body)))
                self.send_header("Access-Control-Allow-Origin", "*")
                self.end_headers()
                self.wfile.write(answer.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the console gave up waiting (a timeout test)

        do_GET = do_POST

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture(scope="session")
def fake_server() -> Iterator[FakeKaltura]:
    with running_fake() as fake:
        yield fake


@contextmanager
def running_fake() -> Iterator[FakeKaltura]:
    """A fake Kaltura server listening on a free port until the block ends."""
    fake = FakeKaltura()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(fake))
    server.daemon_threads = True
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield fake
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def fake(fake_server: FakeKaltura) -> FakeKaltura:
    """The session's fake Kaltura server, its records and answers cleared for this test."""
    fake_server.reset()
    return fake_server


def free_port() -> int:
    """A port nothing listens on (the socket is closed before returning)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def wait_until_ready(url: str, alive: Callable[[], bool], seconds: float = 30) -> None:
    """Returns once the console at `url` answers `/healthz` with 200 (its schema is loaded)."""
    deadline = time.monotonic() + seconds
    while True:
        if not alive() or time.monotonic() > deadline:
            raise RuntimeError("the console did not start")
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)


SANDBOX_SECRET = "adminsecret0123456789abcdef012345"
"""The admin secret of `known_sandbox`'s partner, for a test's session.start."""


@contextmanager
def known_sandbox(data_dir: Path, partner: int) -> Iterator[str]:
    """The console with its embedded sandbox for `partner`, whose admin secret is
    SANDBOX_SECRET, on a real socket: its base URL."""
    settings = Settings(
        data_dir=data_dir, sandbox_partner_id=partner, sandbox_admin_secret=SANDBOX_SECRET
    )
    with serve_console(settings) as url:
        yield url


def sandbox_api(url: str, service: str, action: str, **params: object) -> Any:
    """One api_v3 call straight to the sandbox at `url`, answered as JSON (format 1): what a
    test sets up before a person opens the console."""
    body = {"format": 1, **params}
    return httpx.post(f"{url}/api_v3/service/{service}/action/{action}", json=body).json()


@contextmanager
def serve_console(settings: Settings) -> Iterator[str]:
    """The console on uvicorn, on a free 127.0.0.1 port in a daemon thread; yields its base URL
    once `/healthz` answers 200 (the lifespan has loaded the schema)."""
    with serve_app(create_app(settings), lifespan="on") as (url, alive):
        wait_until_ready(url, alive)
        yield url


@contextmanager
def serve_app(
    app: ASGIApp, lifespan: LifespanType = "off"
) -> Iterator[tuple[str, Callable[[], bool]]]:
    """`app` on uvicorn on a free 127.0.0.1 port in a daemon thread: its base URL, and whether
    the server still runs. The socket is TCP's (`IPPROTO_TCP`) with Nagle off, as the socket
    uvicorn binds itself is: asyncio turns Nagle off only on sockets that say they are TCP, and
    with it on, each answer's body (written after its headers) waited for the client's delayed
    ACK, 40 ms on Linux."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    config = uvicorn.Config(app, log_level="warning", lifespan=lifespan)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30  # the schema's load is in the lifespan: seconds at most
        while not server.started and thread.is_alive():
            if time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start on {url} within 30 s")
            time.sleep(0.01)
        yield url, thread.is_alive
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def console_url(
    fake_server: FakeKaltura, real_schema_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The console, configured with the fake Kaltura server and the real 22.15.0 schema."""
    settings = Settings(
        service_url=fake_server.url,
        schema_path=real_schema_path,
        data_dir=tmp_path_factory.mktemp("console"),
        # The fake answers at once; a short timeout keeps the timeout test short.
        upstream_timeout=UPSTREAM_TIMEOUT,
    )
    with serve_console(settings) as url:
        yield url


@pytest.fixture(scope="session")
def unreachable_console_url(
    real_schema_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A console whose Kaltura server is a closed port on this machine."""
    settings = Settings(
        service_url=f"http://127.0.0.1:{free_port()}",
        schema_path=real_schema_path,
        data_dir=tmp_path_factory.mktemp("unreachable"),
        upstream_timeout=5,
    )
    with serve_console(settings) as url:
        yield url


@pytest.fixture(scope="session")
def shared_context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture(scope="session")
def shared_tab(shared_context: BrowserContext) -> Iterator[Page]:
    tab = shared_context.new_page()
    yield tab
    tab.close()


@pytest.fixture
def page(shared_context: BrowserContext, shared_tab: Page) -> Iterator[Page]:
    """One tab for the session, reset for each test: a new tab starts a renderer process, which
    made the suite half again as slow. Cookies are cleared, so each test starts with no console
    session (KS); leaving for about:blank drops the page's state and any request in flight.
    What a test may have changed of the tab goes back too, so no test runs on another's screen:
    its size, its colour scheme and reduced motion, and what the page it ended on kept in
    localStorage (History, the theme; another console's origin keeps its own)."""
    shared_context.clear_cookies()
    size = shared_tab.viewport_size
    yield shared_tab
    with suppress(PlaywrightError):  # a page that is gone, or of no origin
        shared_tab.evaluate("() => localStorage.clear()")
    shared_tab.goto("about:blank")
    shared_tab.emulate_media(color_scheme="null", reduced_motion="null")
    if size is not None and shared_tab.viewport_size != size:
        shared_tab.set_viewport_size(size)


@pytest.fixture
def console(page: Page, console_url: str) -> Console:
    """The console, opened in this test's (reset) tab."""
    return Console(page, console_url).open()


@pytest.fixture
def official_client(fake: FakeKaltura) -> KalturaClient:
    """The official Python client, pointed at the same fake server."""
    return KalturaClient(KalturaConfiguration(serviceUrl=fake.url))
