"""A Send the browser abandons (Cancel aborts the request) stops the upstream call at once, rather
than waiting out the Kaltura server's answer for a reader who is gone."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from starlette.types import Message

from app.settings import Settings
from app.web.app import create_app
from tests.web.conftest import in_fresh_loop

PING = b"service=system&action=ping"


class Hanging(httpx.AsyncBaseTransport):
    """A Kaltura server that never answers; says when the console stopped waiting."""

    def __init__(self) -> None:
        self.asked = asyncio.Event()
        self.abandoned = asyncio.Event()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.asked.set()
        try:
            await asyncio.Event().wait()
        except asyncio.CancelledError:
            self.abandoned.set()
            raise
        raise AssertionError("unreachable")


def scope() -> dict[str, object]:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api_v3/testme/send",
        "raw_path": b"/api_v3/testme/send",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"127.0.0.1"),
            (b"content-type", b"application/x-www-form-urlencoded"),
            (b"content-length", str(len(PING)).encode()),
        ],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 80),
    }


async def send_then_hang_up(settings: Settings) -> tuple[bool, list[Message]]:
    upstream = Hanging()
    app = create_app(settings, transport=upstream)
    gone = asyncio.Event()
    messages = [{"type": "http.request", "body": PING, "more_body": False}]

    async def receive() -> Message:
        if messages:
            return messages.pop()
        await gone.wait()
        return {"type": "http.disconnect"}

    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    async with app.router.lifespan_context(app):
        handling = asyncio.ensure_future(app(scope(), receive, send))
        await asyncio.wait_for(upstream.asked.wait(), 10)
        gone.set()  # the browser aborts its request
        await asyncio.wait_for(handling, 10)  # the handler ends without an upstream answer
    return upstream.abandoned.is_set(), sent


def test_a_browser_that_hangs_up_abandons_the_upstream_call(
    tmp_path: Path, real_schema_path: Path
) -> None:
    settings = Settings(
        service_url="http://kaltura.test",
        schema_path=real_schema_path,
        data_dir=tmp_path,
        secret_key="test-secret",
        upstream_timeout=600,  # only the hang-up can end this call in time
    )
    abandoned, sent = in_fresh_loop(send_then_hang_up(settings))

    assert abandoned
    assert not any(b"KalturaAPIException" in m.get("body", b"") for m in sent)
