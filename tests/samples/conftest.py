"""Samples that run: the console in-process (its Send and its Code region), a fake Kaltura
server on a real socket that records what each sender sends, and a helper that reads a
sample out of the Code region's HTML."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from app.settings import Settings
from app.web.app import create_app
from tests.e2e.conftest import FakeKaltura, fake, fake_server  # noqa: F401  (the recording server)

_CODE = re.compile(r'<code id="code-text-(?P<language>\w+)">(?P<text>.*?)</code>', re.S)


def sample_of(page: str, language: str) -> str:
    """The text of one language's sample in a Code region fragment."""
    found = {m["language"]: html.unescape(m["text"]) for m in _CODE.finditer(page)}
    return found[language]


@pytest.fixture(scope="module")
def console(
    fake_server: FakeKaltura,  # noqa: F811
    real_schema_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[TestClient]:
    """The console in-process, talking over HTTP to the fake server (no transport injected)."""
    settings = Settings(
        service_url=fake_server.url,
        schema_path=real_schema_path,
        data_dir=tmp_path_factory.mktemp("samples"),
        secret_key="samples-test",
        allowed_hosts=("testserver",),  # TestClient's Host
    )
    with TestClient(create_app(settings)) as client:
        yield client


def post_form(
    client: TestClient,
    route: str,
    fields: list[tuple[str, str]],
    files: dict[str, tuple[str, bytes]],
) -> httpx.Response:
    """The form as the page posts it: multipart, a part per field, a file part per file."""
    parts = [(name, (None, value)) for name, value in fields]
    parts += [(name, (filename, data)) for name, (filename, data) in files.items()]
    if not parts:
        parts = [("service", (None, ""))]
    return client.post(route, files=parts)
