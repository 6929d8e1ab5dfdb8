"""The one module that talks to the Kaltura server (or to the embedded sandbox).

One `httpx.AsyncClient` lives for the app's lifetime; its transport is injectable so tests pass
a fake upstream without monkeypatching. Every request goes to the configured base URL joined
with an `/api_v3/` path that the pure encoder built from schema names: nothing a browser sends
can pick the host. Failures (refused, a name that does not resolve, no answer or an unfinished one
within the deadline, too large, a redirect, which is never followed) come back as an `Answer` with
an `error` for the Result region, never as an exception; a body cut short is kept and marked.
"""

from __future__ import annotations

import asyncio
import socket
import time
from dataclasses import dataclass, field

import httpx

from app.protocol.wire import HttpRequestSpec

API_PREFIX = "/api_v3/"
# A console shows answers; past this it is a job for a download tool. Enforced while reading
# (decoded bytes), and at once when the Content-Length announces more.
MAX_ANSWER_BYTES = 50 * 1024 * 1024
DEFAULT_DEADLINE = 30.0  # seconds, as TESTME_UPSTREAM_TIMEOUT's default
# Where the console's users reach the embedded sandbox, told to it in-process only
# (app/sandbox/origin.py reads it; the two names are one by test).
CONSOLE_ORIGIN_HEADER = "X-Testme-Console-Origin"


class UpstreamPathError(ValueError):
    """A path outside `/api_v3/`: a bug in the caller, never sent."""


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes
    elapsed_ms: float
    error: str = ""
    # the error in a few words, for History beside the call: `no answer: timed out`
    failure: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    cut_short: bool = False  # the connection closed before the announced end of the body


class Upstream:
    def __init__(
        self,
        client: httpx.AsyncClient,
        base_url: str,
        deadline: float | None = None,
        max_bytes: int = MAX_ANSWER_BYTES,
    ) -> None:
        self.client = client
        self.base_url = base_url.rstrip("/")
        # One deadline for a whole exchange: by default the client's (TESTME_UPSTREAM_TIMEOUT).
        self.deadline = deadline or client.timeout.read or DEFAULT_DEADLINE
        self.max_bytes = max_bytes

    def url(self, path: str) -> str:
        if (
            not path.startswith(API_PREFIX)
            or ".." in path
            or "//" in path
            or "?" in path
            or "#" in path
        ):
            raise UpstreamPathError(f"refusing to send outside {API_PREFIX}: {path!r}")
        return self.base_url + path

    async def send(self, spec: HttpRequestSpec, console_origin: str = "") -> Answer:
        """Send a request the pure encoder built (`app.protocol.wire.to_http`), byte for byte.
        `console_origin` tells the in-process sandbox where the console's users reach it, for
        the URLs in its answers (`app.sandbox.origin`); a real server never gets it."""
        headers = list(spec.headers)
        if console_origin:
            headers.append((CONSOLE_ORIGIN_HEADER, console_origin))
        request = self.client.build_request(
            spec.method, self.url(spec.path), content=spec.content, headers=headers
        )
        return await self._send(request)

    async def get(self, path: str) -> Answer:
        return await self._send(self.client.build_request("GET", self.url(path)))

    async def _send(self, request: httpx.Request) -> Answer:
        started = time.perf_counter()
        reading = _Reading(self.max_bytes)
        try:
            # httpx's timeouts bound each operation (connect, each read), so a server trickling
            # a byte a second never trips them: the same figure bounds the whole exchange too.
            async with asyncio.timeout(self.deadline):
                return await self._exchange(request, started, reading)
        except _TooLarge:
            return self._failure(
                started,
                f"The answer is larger than {self.max_bytes // 2**20} MB, the console's cap; "
                "not shown (ask the API directly for it).",
                "answer too large",
            )
        except (TimeoutError, httpx.TimeoutException):
            if not reading.started:
                return self._failure(
                    started,
                    f"No answer from {self.base_url} within {self.deadline:g} s "
                    "(TESTME_UPSTREAM_TIMEOUT).",
                    "no answer: timed out",
                )
            return self._failure(
                started,
                f"The answer from {self.base_url} did not finish within {self.deadline:g} s "
                f"(TESTME_UPSTREAM_TIMEOUT): {reading.size} bytes had arrived.",
                "timed out mid-answer",
            )
        except httpx.ConnectError as exc:
            return self._failure(started, self._connect_problem(exc), "no answer: unreachable")
        except httpx.RemoteProtocolError as exc:
            return self._failure(
                started,
                f"The server at {self.base_url} closed the connection: {str(exc).rstrip('.')}.",
                "no answer: connection closed",
            )
        except httpx.HTTPError as exc:
            what = f"{type(exc).__name__}: {str(exc).rstrip('.')}"
            return self._failure(
                started, f"The request to {self.base_url} failed: {what}.", "no answer: failed"
            )

    async def _exchange(self, request: httpx.Request, started: float, reading: _Reading) -> Answer:
        response = await self.client.send(request, stream=True)
        reading.started = True
        cut_short = False
        try:
            announced = response.headers.get("content-length", "")
            if announced.isdigit() and int(announced) > self.max_bytes:
                raise _TooLarge
            try:
                # Decoded bytes are counted, so a small gzip body cannot inflate past the cap.
                async for chunk in response.aiter_bytes():
                    reading.add(chunk)
            except httpx.RemoteProtocolError:
                # The connection closed before the announced end: what came is shown, marked.
                cut_short = True
        finally:
            await response.aclose()
        return Answer(
            status=response.status_code,
            content_type=response.headers.get("content-type", ""),
            body=b"".join(reading.chunks),
            elapsed_ms=(time.perf_counter() - started) * 1000,
            error=self._redirect_problem(response),
            failure="redirect not followed" if response.is_redirect else "",
            headers=tuple(
                (k, v) for k, v in response.headers.items() if k.lower().startswith("x-")
            ),
            cut_short=cut_short,
        )

    def _connect_problem(self, exc: httpx.ConnectError) -> str:
        """What went wrong, in words: httpx says "All connection attempts failed" for a
        refused port; the OS error under it says which."""
        cause: BaseException | None = exc
        while cause is not None:
            if isinstance(cause, socket.gaierror):
                host = httpx.URL(self.base_url).host
                return f"Could not connect to {self.base_url}: the name {host} does not resolve."
            if isinstance(cause, ConnectionRefusedError):
                return (
                    f"Could not connect to {self.base_url}: connection refused "
                    "(nothing listens there)."
                )
            cause = cause.__cause__ or cause.__context__
        return f"Could not connect to {self.base_url}: {exc or 'refused'}."

    def _redirect_problem(self, response: httpx.Response) -> str:
        """A redirect is never followed: the console talks to its configured server only."""
        if not response.is_redirect:
            return ""
        target = str(response.url.join(response.headers["location"]))[:300]
        return (
            f"The server answered HTTP {response.status_code}, a redirect to {target}; not "
            f"followed: the console sends only to {self.base_url} (set that to where it points "
            "if you trust it)."
        )

    @staticmethod
    def _failure(started: float, message: str, failure: str) -> Answer:
        elapsed = (time.perf_counter() - started) * 1000
        return Answer(0, "", b"", elapsed, error=message, failure=failure)


class _TooLarge(Exception):
    pass


@dataclass
class _Reading:
    """An answer being read: its chunks so far, for the cap and for the timeout's message."""

    max_bytes: int
    started: bool = False  # the status line and headers have come
    size: int = 0
    chunks: list[bytes] = field(default_factory=list)

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.max_bytes:
            raise _TooLarge
        self.chunks.append(chunk)
