"""The one module that talks to the Kaltura server (or to the embedded sandbox).

One `httpx.AsyncClient` lives for the app's lifetime; its transport is injectable so tests pass
a fake upstream without monkeypatching. Every request goes to the configured base URL joined
with an `/api_v3/` path that the pure encoder built from schema names: nothing a browser sends
can pick the host. Failures (refused, timed out, too large) come back as an `Answer` with an
`error` for the Result region, never as an exception.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from app.kaltura.wire import HttpRequestSpec

API_PREFIX = "/api_v3/"
MAX_ANSWER_BYTES = 50 * 1024 * 1024  # a console shows answers; past this it is a download


class UpstreamPathError(ValueError):
    """A path outside `/api_v3/`: a bug in the caller, never sent."""


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes
    elapsed_ms: float
    error: str = ""
    headers: tuple[tuple[str, str], ...] = ()


class Upstream:
    def __init__(self, client: httpx.AsyncClient, base_url: str) -> None:
        self.client = client
        self.base_url = base_url.rstrip("/")

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

    async def send(self, spec: HttpRequestSpec) -> Answer:
        """Send a request the pure encoder built (`encoding.to_http`), byte for byte."""
        request = self.client.build_request(
            spec.method, self.url(spec.path), content=spec.content, headers=list(spec.headers)
        )
        return await self._send(request)

    async def get(self, path: str) -> Answer:
        return await self._send(self.client.build_request("GET", self.url(path)))

    async def _send(self, request: httpx.Request) -> Answer:
        started = time.perf_counter()
        try:
            response = await self.client.send(request, stream=True)
            try:
                chunks: list[bytes] = []
                size = 0
                async for chunk in response.aiter_bytes():
                    size += len(chunk)
                    if size > MAX_ANSWER_BYTES:
                        raise _TooLarge
                    chunks.append(chunk)
            finally:
                await response.aclose()
        except _TooLarge:
            return self._failure(
                started, f"The answer is larger than {MAX_ANSWER_BYTES // 2**20} MB; not shown."
            )
        except httpx.TimeoutException:
            return self._failure(
                started, f"No answer from {self.base_url} in time (TESTME_UPSTREAM_TIMEOUT)."
            )
        except httpx.ConnectError as exc:
            return self._failure(
                started, f"Could not connect to {self.base_url}: {exc or 'refused'}."
            )
        except httpx.HTTPError as exc:
            return self._failure(
                started, f"The request to {self.base_url} failed: {type(exc).__name__}: {exc}."
            )
        return Answer(
            status=response.status_code,
            content_type=response.headers.get("content-type", ""),
            body=b"".join(chunks),
            elapsed_ms=(time.perf_counter() - started) * 1000,
            headers=tuple(
                (k, v) for k, v in response.headers.items() if k.lower().startswith("x-")
            ),
        )

    @staticmethod
    def _failure(started: float, message: str) -> Answer:
        return Answer(0, "", b"", (time.perf_counter() - started) * 1000, error=message)


class _TooLarge(Exception):
    pass
