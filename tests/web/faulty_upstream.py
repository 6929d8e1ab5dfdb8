"""A Kaltura server on a real socket that misbehaves on purpose, one fault per action.

Written on a bare socket, not `http.server`, because the faults live below HTTP's politeness: an
answer that trickles a byte at a time, a body shorter than its Content-Length, a connection held
open with no answer, a stream that never ends. Each request's path picks the fault by its action
(`/api_v3/service/media/action/get` → `faults["get"]`; the schema document → `faults["schema"]`),
"ok" when none is set. Every path asked for is kept in `hits`, so a test can tell that a redirect
was not followed and an external entity was not fetched.
"""

from __future__ import annotations

import contextlib
import gzip
import re
import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache

OK_XML = b'<?xml version="1.0" encoding="utf-8"?><xml><result>pong</result><executionTime>0.01</executionTime></xml>'
SMALL_SCHEMA = (
    b'<?xml version="1.0"?><xml apiVersion="1.0.0" generatedDate="1700000000">'
    b'<classes/><services><service id="thing" name="thing"><action name="get">'
    b'<param name="id" type="int"/></action></service></services></xml>'
)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(2, 10))
    + b'<!ENTITY lol1 "&lol;&lol;">]><xml><result>&lol9;</result></xml>'
)
LEAK_PATH = "/api_v3/service/leak/action/leak"
TRICKLE_BYTES = 40  # at TRICKLE_PAUSE each: far longer than the deadline the tests use
TRICKLE_PAUSE = 0.25
HUGE_CHUNK = b"<" * 65536
SCHEMA_PATH = "/api_v3/api_schema.php"
_ACTION = re.compile(r"/action/([^/?]+)")


@dataclass
class FaultyKaltura:
    url: str = ""
    faults: dict[str, str] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)  # ends a "hang"
    hanging: threading.Event = field(default_factory=threading.Event)  # a "hang" has begun

    @contextmanager
    def fresh(self) -> Iterator[FaultyKaltura]:
        """This server with no fault, hit or hang left from an earlier test; on leaving, a
        handler still hanging is let go, so none waits for the next test."""
        self.faults.clear()
        self.hits.clear()
        self.release.clear()
        self.hanging.clear()
        try:
            yield self
        finally:
            self.release.set()

    def fault_for(self, path: str) -> str:
        if path.startswith(SCHEMA_PATH):
            return self.faults.get("schema", "ok")
        found = _ACTION.search(path)
        return self.faults.get(found.group(1).lower() if found else "", "ok")


def _head(status: str, content_type: str, length: int | None, extra: str = "") -> bytes:
    lines = [f"HTTP/1.1 {status}", f"Content-Type: {content_type}", "Connection: close"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    if extra:
        lines.append(extra)
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _whole(status: str, content_type: str, body: bytes, extra: str = "") -> Callable[..., None]:
    def answer(sock: socket.socket, fake: FaultyKaltura, path: str) -> None:
        sock.sendall(_head(status, content_type, len(body), extra) + body)

    return answer


def _ok(sock: socket.socket, fake: FaultyKaltura, path: str) -> None:
    body = SMALL_SCHEMA if path.startswith(SCHEMA_PATH) else OK_XML
    sock.sendall(_head("200 OK", "text/xml; charset=utf-8", len(body)) + body)


def _hang(sock: socket.socket, fake: FaultyKaltura, path: str) -> None:
    fake.hanging.set()
    fake.release.wait(60)  # then the connection closes with no answer at all


def _trickle(sock: socket.socket, fake: FaultyKaltura, path: str) -> None:
    sock.sendall(_head("200 OK", "text/xml", TRICKLE_BYTES))
    for _ in range(TRICKLE_BYTES):
        time.sleep(TRICKLE_PAUSE)
        sock.sendall(b"<")


def _truncated(sock: socket.socket, fake: FaultyKaltura, path: str) -> None:
    sock.sendall(_head("200 OK", "text/xml", len(OK_XML) + 1000) + OK_XML[:60])


def _huge(sock: socket.socket, fake: FaultyKaltura, path: str) -> None:
    """Without a Content-Length (the body ends when the connection does), until the reader
    gives up; 80 MB at most, past the console's 50 MB cap."""
    sock.sendall(_head("200 OK", "text/xml", None))
    for _ in range(80 * 16):
        sock.sendall(HUGE_CHUNK)


def _huge_announced(sock: socket.socket, fake: FaultyKaltura, path: str) -> None:
    sock.sendall(_head("200 OK", "text/xml", 80 * 2**20))
    for _ in range(80 * 16):
        sock.sendall(HUGE_CHUNK)


def _redirect(sock: socket.socket, fake: FaultyKaltura, path: str) -> None:
    # Another host name for the same server, so a followed redirect would show in `hits`.
    elsewhere = fake.url.replace("127.0.0.1", "localhost") + "/api_v3/service/elsewhere/action/x"
    sock.sendall(_head("302 Found", "text/html", 0, f"Location: {elsewhere}"))


def _external_entity(sock: socket.socket, fake: FaultyKaltura, path: str) -> None:
    body = (
        f'<?xml version="1.0"?><!DOCTYPE xml SYSTEM "{fake.url}{LEAK_PATH}" '
        f'[<!ENTITY leak SYSTEM "{fake.url}{LEAK_PATH}">]><xml><result>&leak;</result></xml>'
    ).encode()
    sock.sendall(_head("200 OK", "text/xml", len(body)) + body)


def _external_dtd(sock: socket.socket, fake: FaultyKaltura, path: str) -> None:
    """A well-formed document whose DOCTYPE names an external DTD: a parser that fetched it
    would ask this server for LEAK_PATH."""
    document = SMALL_SCHEMA if path.startswith(SCHEMA_PATH) else OK_XML
    body = document.replace(
        b"?><xml", f'?><!DOCTYPE xml SYSTEM "{fake.url}{LEAK_PATH}"><xml'.encode(), 1
    )
    sock.sendall(_head("200 OK", "text/xml", len(body)) + body)


@cache
def _gzip_bomb() -> bytes:
    return gzip.compress(b"<" * (60 * 2**20), compresslevel=9)  # about 60 KB on the wire


def _inflating(sock: socket.socket, fake: FaultyKaltura, path: str) -> None:
    """A small gzip body that inflates past the cap: only counting decoded bytes catches it."""
    body = _gzip_bomb()
    sock.sendall(_head("200 OK", "text/xml", len(body), "Content-Encoding: gzip") + body)


FAULTS: dict[str, Callable[[socket.socket, FaultyKaltura, str], None]] = {
    "ok": _ok,
    "hang": _hang,
    "trickle": _trickle,
    "truncated": _truncated,
    "huge": _huge,
    "huge-announced": _huge_announced,
    "redirect": _redirect,
    "external-entity": _external_entity,
    "external-dtd": _external_dtd,
    "gzip-bomb": _inflating,
    "html-502": _whole(
        "502 Bad Gateway",
        "text/html",
        b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1>nginx</body></html>",
    ),
    "invalid-utf8": _whole("200 OK", "text/xml", OK_XML.replace(b"pong", b"p\xffng\xc3")),
    "garbage-xml": _whole(
        "200 OK", "text/xml", b"Service temporarily unavailable, try again later"
    ),
    "xml-as-json": _whole("200 OK", "application/json", OK_XML),
    "empty": _whole("200 OK", "text/xml", b""),
    "billion-laughs": _whole("200 OK", "text/xml", BILLION_LAUGHS),
}


def _read_request(sock: socket.socket) -> str:
    """The request's path, after reading its head and its Content-Length of body."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return ""
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    remaining = int(length.group(1)) - len(body) if length else 0
    while remaining > 0:
        chunk = sock.recv(min(remaining, 65536))
        if not chunk:
            break
        remaining -= len(chunk)
    return head.split(b" ", 2)[1].decode("latin-1")


@contextmanager
def faulty_kaltura() -> Iterator[FaultyKaltura]:
    """The server on a free 127.0.0.1 port until the block ends."""
    fake = FaultyKaltura()

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            path = _read_request(self.request)
            if not path:
                return
            fake.hits.append(path)
            with contextlib.suppress(OSError):  # the console hung up: gave up or stopped reading
                FAULTS[fake.fault_for(path)](self.request, fake, path)

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        fake.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
