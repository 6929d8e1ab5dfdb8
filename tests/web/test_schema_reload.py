"""Reload schema: the server's schema refetched while the console runs, the last good one kept
when the server is down or answers garbage, and the page saying which happened."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from app.settings import Settings
from app.web.app import create_app
from app.web.schema_source import cache_path
from app.web.templating import generated_age
from tests.web.conftest import FAKE_URL, FakeKaltura

RELOAD = "/api_v3/testme/schema/reload"


def small_schema(version: str) -> str:
    return (
        f'<?xml version="1.0"?><xml apiVersion="{version}" generatedDate="1700000000">'
        '<classes/><services><service id="thing" name="thing"><action name="get">'
        '<param name="id" type="int"/></action></service></services></xml>'
    )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        service_url=FAKE_URL,
        data_dir=tmp_path / "var",
        secret_key="k",
        allowed_hosts=("testserver",),
    )


@pytest.fixture
def client(settings: Settings, fake: FakeKaltura) -> Iterator[TestClient]:
    fake.reply_xml(small_schema("1.0.0"))
    with TestClient(create_app(settings, transport=httpx.MockTransport(fake))) as client:
        yield client


def console_origin(client: TestClient) -> str:
    html = client.get("/api_v3/testme/").text
    return html[html.index('class="origin"') :][:600]


def test_the_console_says_which_schema_and_how_old(client: TestClient) -> None:
    origin = console_origin(client)
    assert "schema 1.0.0, generated 2023-11-14 (" in origin and "days ago)" in origin
    assert f"{FAKE_URL}/api_v3/api_schema.php" in origin
    assert ">Reload schema</button>" in origin


def test_reload_swaps_in_the_servers_new_schema(client: TestClient, fake: FakeKaltura) -> None:
    fake.reply_xml(small_schema("2.0.0"))
    response = client.post(RELOAD)
    assert response.status_code == 200
    assert "Schema reloaded: 2.0.0" in response.text and "(was 1.0.0)" in response.text
    assert "schema 2.0.0" in console_origin(client)
    assert b'apiVersion="2.0.0"' in client.get("/api_v3/testme/schema.xml").content
    assert fake.received[-1].url.path == "/api_v3/api_schema.php"


@pytest.mark.parametrize(
    "breaks",
    [
        pytest.param(lambda f: setattr(f, "fail", httpx.ConnectError("refused")), id="server down"),
        pytest.param(lambda f: f.reply_xml("<html>Maintenance</html>"), id="garbage"),
        pytest.param(lambda f: f.reply_xml("<xml", 200), id="not XML"),
        pytest.param(lambda f: f.reply_xml(small_schema("3.0.0"), 500), id="HTTP 500"),
    ],
)
def test_a_failed_reload_keeps_the_last_good_schema_and_says_so(
    client: TestClient, fake: FakeKaltura, settings: Settings, breaks: Callable[[FakeKaltura], None]
) -> None:
    breaks(fake)
    response = client.post(RELOAD)
    assert response.status_code == 502
    assert "could not be reloaded" in response.text
    assert "Kept schema 1.0.0" in response.text
    assert "schema 1.0.0" in console_origin(client)
    assert b'apiVersion="1.0.0"' in cache_path(settings).read_bytes()  # the cache kept too


def test_the_cache_records_which_schema_it_is(client: TestClient, settings: Settings) -> None:
    meta = cache_path(settings).with_suffix(".json").read_text()
    assert '"apiVersion": "1.0.0"' in meta and '"generatedDate": "1700000000"' in meta


def test_a_cached_copy_says_when_it_was_fetched(
    client: TestClient, settings: Settings, fake: FakeKaltura
) -> None:
    fake.fail = httpx.ConnectError("refused")
    with TestClient(create_app(settings, transport=httpx.MockTransport(fake))) as again:
        origin = console_origin(again)
    assert "cached copy of" in origin and ", fetched 20" in origin and "schema 1.0.0" in origin


def test_the_sandbox_reloads_its_embedded_schema(tmp_path: Path) -> None:
    with TestClient(
        create_app(Settings(data_dir=tmp_path, secret_key="k", allowed_hosts=("testserver",)))
    ) as client:
        response = client.post(RELOAD)
    assert response.status_code == 200
    assert "Schema reloaded" in response.text and "embedded sandbox schema" in response.text


def test_another_site_cannot_make_the_console_reload(client: TestClient) -> None:
    response = client.post(RELOAD, headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("value", "now", "shown"),
    [
        ("1700000000", 1700000000 + 3600, "2023-11-14 (today)"),
        ("1700000000", 1700000000 + 86400, "2023-11-14 (1 day ago)"),
        ("1700000000", 1700000000 + 10 * 86400, "2023-11-14 (10 days ago)"),
        ("yesterday", 0, "yesterday"),
    ],
)
def test_generated_age(value: str, now: float, shown: str) -> None:
    assert generated_age(value, now) == shown
