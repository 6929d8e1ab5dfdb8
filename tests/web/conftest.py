"""In-process console apps: the real schema, and a fake Kaltura upstream behind
`httpx.MockTransport` that records what it received."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from fastapi.testclient import TestClient

from app.settings import Settings
from app.web.app import create_app

FAKE_URL = "http://kaltura.test"
T = TypeVar("T")


def in_fresh_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on its own loop in its own thread: Playwright's sync API, used by the
    browser tests in this same process, leaves the main thread's loop marked as running."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


XML_OK = b'<?xml version="1.0" encoding="utf-8"?><xml><result></result><executionTime>0.01</executionTime></xml>'


@dataclass
class FakeKaltura:
    """Answers every call with `answer` (or raises `fail`), keeping what it was sent."""

    answer: httpx.Response = field(default_factory=lambda: httpx.Response(200, content=XML_OK))
    fail: Exception | None = None
    received: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.received.append(request)
        if self.fail is not None:
            raise self.fail
        return self.answer

    def reply_xml(self, body: str, status: int = 200) -> None:
        self.answer = httpx.Response(
            status, content=body.encode(), headers={"Content-Type": "text/xml"}
        )

    @property
    def last_json(self) -> dict[str, object]:
        data: dict[str, object] = json.loads(self.received[-1].content)
        return data


@pytest.fixture
def fake() -> FakeKaltura:
    return FakeKaltura()


@pytest.fixture
def make_client(tmp_path: Path, real_schema_path: Path) -> Iterator[Callable[..., TestClient]]:
    clients: list[TestClient] = []

    def make(upstream: FakeKaltura, schema: Path | None = None, **settings: object) -> TestClient:
        config = Settings(
            service_url=FAKE_URL,
            schema_path=schema or real_schema_path,
            data_dir=tmp_path / "var",
            secret_key="test-secret",
            # TestClient's Host, allowed as a deployment's name is (TESTME_ALLOWED_HOSTS)
            **{"allowed_hosts": ("testserver",), **settings},  # type: ignore[arg-type]
        )
        client = TestClient(create_app(config, transport=httpx.MockTransport(upstream)))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient], fake: FakeKaltura) -> TestClient:
    return make_client(fake)
