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
from tests.web.conftest import FAKE_URL, FakeKaltura


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
    with TestClient(
        create_app(Settings(data_dir=tmp_path, allowed_hosts=("testserver",)))
    ) as sandboxed:
        href = nav_link(sandboxed.get("/api_v3/testme/").text, "XML Schema")
        assert sandboxed.get(href).content == default_schema_path().read_bytes()


@pytest.mark.parametrize("host", ["testserver", "127.0.0.1:8123", "testme.example.com"])
def test_sandbox_requests_show_the_consoles_own_address_and_still_reach_the_sandbox(
    tmp_path: Path, host: str
) -> None:
    allowed = ("testserver", "testme.example.com")
    with TestClient(create_app(Settings(data_dir=tmp_path, allowed_hosts=allowed))) as sandboxed:
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


def selected(html: str, select_id: str) -> str:
    options = html.split(f'id="{select_id}"')[1].split("</select>")[0]
    found = re.findall(r'<option value="([^"]*)" selected', options)
    return found[0] if found else ""


@pytest.mark.parametrize(
    ("query", "message", "service"),
    [
        ("service=media&action=nosuch", "No action media.nosuch in schema 22.15.0.", "media"),
        ("service=nosuch&action=list", "No service nosuch in schema 22.15.0.", ""),
        ("service=nosuch", "No service nosuch in schema 22.15.0.", ""),
        ("action=list", "No service was given for action list.", ""),
        ("service=%3Cb%3Ex", "No service &lt;b&gt;x in schema 22.15.0.", ""),
    ],
)
def test_a_bad_deep_link_shows_the_console_saying_what_was_not_found(
    client: TestClient, query: str, message: str, service: str
) -> None:
    response = client.get(f"/api_v3/testme/?{query}")
    assert response.status_code == 404
    html = response.text
    assert f'<p class="problem-box" role="alert">{message} Choose' in html
    assert "<legend>Configuration</legend>" in html and ">Send</button>" in html
    assert selected(html, "service") == service
    assert "''" not in html and "<b>" not in html
    if service:  # the service resolved: its actions are there to choose from
        assert '<option value="list">list</option>' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("service=nosuch", "No service nosuch in schema 22.15.0."),
        ("object=KalturaNoSuch", "No type KalturaNoSuch in schema 22.15.0."),
    ],
)
def test_a_bad_docs_link_shows_the_docs_saying_what_was_not_found(
    client: TestClient, query: str, message: str
) -> None:
    response = client.get(f"/api_v3/testmeDoc/?{query}")
    assert response.status_code == 404
    assert f'<p class="problem-box" role="alert">{message}' in response.text
    assert 'aria-label="Services"' in response.text and "?service=media" in response.text


def test_a_deep_link_in_another_case_selects_the_schemas_spelling(client: TestClient) -> None:
    html = client.get("/api_v3/testme/?service=MEDIA&action=LIST").text
    assert selected(html, "service") == "media" and selected(html, "action") == "list"
    assert 'name="filter:objectType"' in html
    html = client.get("/api_v3/testme/?service=BaseEntry&action=ADDCONTENT").text
    assert selected(html, "service") == "baseentry" and selected(html, "action") == "addContent"
    multi = client.get("/api_v3/testme/?service=MultiRequest").text
    assert selected(multi, "service") == "multirequest"


def test_console_fragments_take_names_in_any_case(client: TestClient) -> None:
    actions = client.get("/api_v3/testme/actions", params={"service": "MEDIA"})
    assert actions.status_code == 200 and '<option value="list">list</option>' in actions.text
    params = client.get("/api_v3/testme/params", params={"service": "MEDIA", "action": "LIST"})
    assert params.status_code == 200 and 'name="filter:objectType"' in params.text
    body = client.post(
        "/api_v3/testme/object",
        data={
            "__path": "filter",
            "__declared": "kalturamediaentryfilter",
            "filter:objectType": "KALTURAMEDIAENTRYFILTER",
        },
    )
    assert body.status_code == 200 and 'name="filter:nameLike"' in body.text
    item = client.get(
        "/api_v3/testme/item",
        params={"__path": "entries", "__kind": "array", "__item_type": "kalturamediaentry"},
    )
    assert item.status_code == 200 and 'name="entries:0:objectType"' in item.text
    docs = client.get("/api_v3/testmeDoc/", params={"object": "kalturamediaentry"}).text
    assert '<h1 id="type-KalturaMediaEntry">KalturaMediaEntry' in docs


def test_send_takes_names_in_any_case_and_sends_the_schemas_spelling(
    client: TestClient, fake: FakeKaltura
) -> None:
    sent = client.post(
        "/api_v3/testme/send",
        data={
            "service": "MEDIA",
            "action": "LIST",
            "filter:objectType": "kalturamediaentryfilter",
            "filter:nameLike": "QA",
        },
    )
    assert sent.status_code == 200
    assert str(fake.received[-1].url) == f"{FAKE_URL}/api_v3/service/media/action/list"
    assert fake.last_json["filter"] == {"objectType": "KalturaMediaEntryFilter", "nameLike": "QA"}
    client.post(
        "/api_v3/testme/send",
        data={"service": "MultiRequest", "1:service": "SYSTEM", "1:action": "PING"},
    )
    assert str(fake.received[-1].url) == f"{FAKE_URL}/api_v3/service/multirequest"
    assert fake.last_json["1"] == {"service": "system", "action": "ping"}
