"""gzip on the wire, for the console and the sandbox alike: the answers that gain from it, to the
clients that ask for it (`Accept-Encoding`). Starlette only; the static files come compressed
already (`app/web/static_files.py`, once per process) and pass through.

Compressed: a whole body (one message) of a text type — HTML pages and htmx fragments, api_v3's
XML, JSON and JSONP, plain text, the schema — of at least `MINIMUM_BYTES`. Never compressed:

- a Range request, and any answer that is partial (206) or offers byte ranges (`Accept-Ranges`:
  the sandbox's media and `data.serve` files), since a range counts the bytes sent;
- an answer already encoded, or a download (`Content-Disposition`): its bytes go as they are;
- a streamed body (Show all's `/whole`): its pieces go out as they are made;
- a request another site made the browser send (`Sec-Fetch-Site: cross-site` or `same-site`):
  a page holds secrets beside what its address put there, and an attacker who can both choose
  the address and watch the sizes of encrypted answers could guess a secret a byte at a time
  from how well it compresses (BREACH; SECURITY.md).

Every answer that could be compressed says `Vary: Accept-Encoding`, compressed or not, so a
cache between never hands gzip to a client that did not ask for it.

Why gzip alone: the standard library has it and every client takes it. brotli would save about
a seventh more of the static files (57 KB → 49 KB for a first load, a cost paid once a version
thanks to the year-long caching), but it is a compiled dependency, and browsers offer it only to
HTTPS and localhost (README "Compression and caching").
"""

from __future__ import annotations

import zlib

import anyio.to_thread
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MINIMUM_BYTES = 1024
"""Below this a body and its headers fit in one TCP segment (1460 bytes) either way: gzip's
frame (18 bytes) and the work buy nothing."""

LEVEL = 6
"""zlib's default: the console page (49 KB) goes to 10.6 KB in 1.7 ms; level 9 saves 0.3% more
for 25% more time, level 1 leaves 17% more bytes."""

THREAD_BYTES = 128 * 1024
"""A body this large is compressed in a worker thread (the 1.2 MB schema takes ~27 ms)."""

LARGE_BYTES = 1024 * 1024
"""From this size on, level 1: the Result of a 5 MB answer (7 MB of page) compresses in 50 ms
there against 120 ms at level 6, to 226 KB against 164 KB (a localhost console gains nothing
from the bytes, and waits for the time)."""

TEXT_TYPES = (
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
)


def compressible(content_type: str) -> bool:
    media = content_type.partition(";")[0].strip().lower()
    return media.startswith("text/") or media in TEXT_TYPES


def accepts_gzip(headers: Headers) -> bool:
    """Whether `Accept-Encoding` takes gzip: named (or `*`) with a q-value above 0."""
    weights: dict[str, float] = {}
    for part in headers.get("accept-encoding", "").split(","):
        coding, _, params = part.partition(";")
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        weights[coding.strip().lower()] = q
    return weights.get("gzip", weights.get("x-gzip", weights.get("*", 0.0))) > 0


def gzip(body: bytes, level: int = LEVEL) -> bytes:
    compressor = zlib.compressobj(level, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # gzip framing
    return compressor.compress(body) + compressor.flush()


_SENT_AS_THEY_ARE = ("content-encoding", "content-range", "content-disposition", "accept-ranges")


def _cross_site(headers: Headers) -> bool:
    return headers.get("sec-fetch-site", "") in ("cross-site", "same-site")


def wanted(asked: Headers) -> bool:
    """Whether a request may get a gzip-compressed answer: it takes gzip, asks for no range
    and comes from this site (see the module's docstring)."""
    return "range" not in asked and accepts_gzip(asked) and not _cross_site(asked)


def _may_vary(message: Message) -> bool:
    """Whether this answer could be sent compressed (to a client that asks): the same for every
    client, so it decides `Vary`."""
    headers = Headers(raw=message.get("headers", []))
    return (
        message["status"] not in (204, 206, 304)
        and compressible(headers.get("content-type", ""))
        and not any(name in headers for name in _SENT_AS_THEY_ARE)
    )


class Compression:
    """ASGI middleware: gzip for the answers and clients described above."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        asked = Headers(scope=scope)
        if "range" in asked:  # a range counts the bytes sent: they go as they are
            await self.app(scope, receive, send)
            return
        to_compress = wanted(asked)
        start: Message | None = None
        passing = False

        async def send_compressed(message: Message) -> None:
            nonlocal start, passing
            if passing:
                await send(message)
            elif message["type"] == "http.response.start":
                if _may_vary(message):
                    start = message  # held until the body says whether it is whole
                else:
                    passing = True
                    await send(message)
            elif start is not None:
                passing = True
                body = message.get("body", b"")
                whole = message["type"] == "http.response.body" and not message.get("more_body")
                if not whole or len(body) < MINIMUM_BYTES:
                    await send(start)  # streamed, or too small to gain
                    await send(message)
                    return
                headers = MutableHeaders(raw=start["headers"])
                if "accept-encoding" not in headers.get("vary", "").lower():  # said inside
                    headers.add_vary_header("Accept-Encoding")
                if to_compress:
                    body = await _compressed(body)
                    headers["Content-Encoding"] = "gzip"
                    headers["Content-Length"] = str(len(body))
                    if (etag := headers.get("etag", "")).startswith('"'):
                        headers["ETag"] = "W/" + etag  # the same content, other bytes
                await send(start)
                await send({**message, "body": body})
            else:  # before the start: an extension's message (TestClient's template debug)
                await send(message)

        await self.app(scope, receive, send_compressed)


async def _compressed(body: bytes) -> bytes:
    if len(body) >= THREAD_BYTES:
        level = 1 if len(body) >= LARGE_BYTES else LEVEL
        return await anyio.to_thread.run_sync(gzip, body, level)
    return gzip(body)
