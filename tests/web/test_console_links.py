"""Addresses into and out of the console: the top bar's XML Schema, the address "Request sent"
shows, and deep links (`?service=…`) that name something the schema lacks or spell it in
another case."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.resources import default_schema_path
from app.settings import Settings
from app.web.app import create_app


def nav_link(html: str, name: str) -> str:
    nav = html.split('<nav aria-label="Main">')[1].split("</nav>")[0]
    found = re.search(rf'<a href="([^"]+)"[^>]*>{re.escape(name)}</a>', nav)
    assert found, f"no {name!r} link in the top bar: {nav}"
    return found.group(1)


@pytest.mark.parametrize("page", ["/api_v3/testme/", "/api_v3/testmeDoc/"])
def test_top_bar_links_the_schema_the_console_uses(
    client: TestClient, real_schema_path: Path, page: str
) -> None:
    href = nav_link(client.get(page).text, "XML Schema")
    response = client.get(href)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/xml")
    assert response.content == real_schema_path.read_bytes()


def test_in_sandbox_mode_the_schema_link_serves_the_embedded_schema(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path))) as sandboxed:
        href = nav_link(sandboxed.get("/api_v3/testme/").text, "XML Schema")
        assert sandboxed.get(href).content == default_schema_path().read_bytes()


@pytest.mark.parametrize("host", ["testserver", "127.0.0.1:8123", "evil.example"])
def test_sandbox_requests_show_the_consoles_own_address_and_still_reach_the_sandbox(
    tmp_path: Path, host: str
) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path))) as sandboxed:
        html = sandboxed.post(
            "/api_v3/testme/send",
            data={"service": "system", "action": "ping", "config.format": "1"},
            headers={"Host": host},
        ).text
    assert f"POST http://{host}/api_v3/service/system/action/ping" in html
    assert "sandbox.testme.invalid" not in html
    assert 'class="bool">true<' in html  # the sandbox answered the ping


def test_a_real_servers_requests_show_its_address(client: TestClient) -> None:
    html = client.post("/api_v3/testme/send", data={"service": "system", "action": "ping"}).text
    assert "POST http://kaltura.test/api_v3/service/system/action/ping" in html
