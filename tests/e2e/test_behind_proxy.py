"""Behind a reverse proxy: Chromium opens the console at a name of its own
(`http://testme.test:PORT`, which is no loopback name, so the browser sends `Origin` and no
`Sec-Fetch-Site`), the proxy forwards to the console on 127.0.0.1 with `X-Forwarded-Host` and
`X-Forwarded-Proto`, and the page's own Sends are answered: the console, trusting that proxy
(`TESTME_FORWARDED_ALLOW_IPS`), takes the forwarded origin for its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import BrowserType, Page, expect
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app.settings import Settings
from tests.e2e.conftest import serve_console
from tests.e2e.console_page import Console, labelled
from tests.sandbox.conftest import serve

pytestmark = pytest.mark.browser

NAME = "testme.test"
HOP_BY_HOP = {b"host", b"connection", b"content-length", b"transfer-encoding", b"content-encoding"}
METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]


def reverse_proxy(upstream: str, seen: list[dict[str, str]]) -> Starlette:
    """What nginx does with `proxy_set_header X-Forwarded-Host $host` and `-Proto $scheme`;
    `seen` keeps the headers of each request it forwards."""

    async def forward(request: Request) -> Response:
        seen.append({"method": request.method, "path": request.url.path, **request.headers})
        headers = [(k, v) for k, v in request.headers.raw if k.lower() not in HOP_BY_HOP]
        headers += [
            (b"x-forwarded-host", request.headers["host"].encode()),
            (b"x-forwarded-proto", request.url.scheme.encode()),
        ]
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        async with httpx.AsyncClient(base_url=upstream) as client:
            answer = await client.request(
                request.method, target, headers=headers, content=await request.body()
            )
        response = Response(answer.content, answer.status_code)
        kept = [(k, v) for k, v in answer.headers.raw if k.lower() not in HOP_BY_HOP]
        response.raw_headers = [*kept, (b"content-length", str(len(answer.content)).encode())]
        return response

    return Starlette(routes=[Route("/{path:path}", forward, methods=METHODS)])


@pytest.fixture
def proxied_url(tmp_path: Path) -> Iterator[tuple[str, list[dict[str, str]]]]:
    settings = Settings(
        data_dir=tmp_path, allowed_hosts=(NAME,), forwarded_allow_ips=("127.0.0.1",)
    )
    seen: list[dict[str, str]] = []
    with serve_console(settings) as console_url:
        url, server, thread = serve(reverse_proxy(console_url, seen))
        try:
            yield url.replace("127.0.0.1", NAME), seen
        finally:
            server.should_exit = True
            thread.join(timeout=10)


@pytest.fixture
def named_page(
    browser_type: BrowserType, browser_type_launch_args: dict[str, Any]
) -> Iterator[Page]:
    """Chromium that resolves testme.test to 127.0.0.1, as a DNS entry for the proxy would."""
    args = [
        *browser_type_launch_args.get("args", []),
        f"--host-resolver-rules=MAP {NAME} 127.0.0.1",
    ]
    browser = browser_type.launch(**{**browser_type_launch_args, "args": args})
    try:
        yield browser.new_page()
    finally:
        browser.close()


def test_the_consoles_own_sends_pass_through_a_reverse_proxy(
    named_page: Page, proxied_url: tuple[str, list[dict[str, str]]]
) -> None:
    url, seen = proxied_url
    console = Console(named_page, url).open()
    console.choose("session", "start")
    credentials = named_page.get_by_role("complementary", name="Sandbox credentials")
    labelled(console.parameters, "secret").fill(credentials.locator("dd").nth(1).inner_text())
    labelled(console.parameters, "type").select_option("2")
    expect(console.send()).to_contain_text("djJ8")  # a KS: the Send reached the sandbox
    console.choose("media", "list")
    expect(console.send()).to_contain_text("totalCount")

    sends = [h for h in seen if h["method"] == "POST" and h["path"].endswith("/send")]
    assert len(sends) == 2
    for headers in sends:  # judged by Origin: the browser sent no Sec-Fetch-Site here
        assert headers["origin"] == url and "sec-fetch-site" not in headers
