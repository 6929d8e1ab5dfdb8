"""The console page and its htmx fragments, in-process against the real 22.15.0 schema."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.protocol import patterns
from app.protocol.schema_loader import load_schema
from app.settings import Settings
from app.web.app import create_app


def test_root_redirects_to_the_console(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code in (302, 307) and response.headers["location"] == "/api_v3/testme/"


def test_healthz_answers_when_ready(client: TestClient) -> None:
    assert client.get("/healthz").status_code == 200


def test_page_has_configuration_service_select_and_send(client: TestClient) -> None:
    html = client.get("/api_v3/testme/").text
    assert "<legend>Configuration</legend>" in html
    for name in ("format", "ks", "partnerId", "clientTag", "apiVersion", "language"):
        assert re.search(rf'<label for="[^"]+">{name}\b', html), name
    assert "<legend>responseProfile</legend>" in html  # an object: a group with its objectType
    assert '<label for="service">Select service</label>' in html
    options = re.findall(
        r'<option value="([^"]*)"', html.split('id="service"')[1].split("</select>")[0]
    )
    assert options[:2] == ["", "multirequest"]
    assert "media" in options and "caption_captionasset" in options
    assert '<button type="submit" class="send">Send</button>' in html
    assert 'role="region" aria-label="Result"' in html


def test_page_is_served_under_a_strict_script_policy(client: TestClient) -> None:
    response = client.get("/api_v3/testme/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "<script>" not in response.text and " on" + "click=" not in response.text
    assert re.search(r"<script[^>]*>[^<]+</script>", response.text) is None


def test_deep_link_preselects_service_and_action(client: TestClient) -> None:
    html = client.get("/api_v3/testme/?service=media&action=list").text
    assert '<option value="media" selected>' in html
    assert '<option value="list" selected>' in html
    assert 'name="filter:objectType"' in html and 'name="pager:objectType"' in html


def test_changing_service_loads_its_actions(client: TestClient) -> None:
    html = client.get("/api_v3/testme/actions", params={"service": "baseentry"}).text
    assert '<option value="addContent">addContent</option>' in html
    assert "<legend>Parameters</legend>" in html


def test_abstract_parameter_offers_concrete_subclasses(client: TestClient) -> None:
    html = client.get(
        "/api_v3/testme/params", params={"service": "baseentry", "action": "addContent"}
    ).text
    select = html.split('name="resource:objectType"')[1].split("</select>")[0]
    offered = re.findall(r'<option value="([^"]*)"', select)
    assert offered[0] == "" and "KalturaResource" not in offered
    assert "KalturaUploadedFileTokenResource" in offered and "KalturaUrlResource" in offered


def test_choosing_a_type_shows_its_properties_and_keeps_typed_values(client: TestClient) -> None:
    html = client.post(
        "/api_v3/testme/object",
        data={
            "__path": "filter",
            "__declared": "KalturaBaseEntryFilter",
            "filter:objectType": "KalturaMediaEntryFilter",
            "filter:nameLike": "kept <b>",
        },
    ).text
    assert 'name="filter:mediaTypeEqual"' in html
    assert 'value="kept &lt;b&gt;"' in html


def test_adding_an_item_returns_it_and_the_next_add_button(client: TestClient) -> None:
    html = client.get(
        "/api_v3/testme/item",
        params={
            "__path": "filter:advancedSearch:items",
            "__kind": "array",
            "__item_type": "KalturaSearchItem",
            "__index": "10",
        },
    ).text
    assert "<legend>items[10]</legend>" in html
    assert 'name="filter:advancedSearch:items:10:objectType"' in html
    assert 'hx-swap-oob="true"' in html and '"__index": "11"' in html


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api_v3/testme/params", {"service": "nosuch", "action": "list"}),
        ("/api_v3/testme/params", {"service": "media", "action": "nosuch"}),
        ("/api_v3/testme/actions", {"service": "nosuch"}),
        ("/api_v3/testme/item", {"__path": "x", "__kind": "array", "__item_type": "KalturaNoSuch"}),
    ],
)
def test_unknown_names_get_a_404_fragment_not_a_500(
    client: TestClient, path: str, params: dict[str, str]
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 404
    assert 'role="alert"' in response.text


def test_unknown_object_type_gets_a_404_fragment(client: TestClient) -> None:
    response = client.post(
        "/api_v3/testme/object", data={"__path": "x", "__declared": "KalturaNoSuch"}
    )
    assert response.status_code == 404 and 'role="alert"' in response.text


def test_every_action_of_the_real_schema_renders_a_form(
    client: TestClient, real_schema_path: Path
) -> None:
    schema = load_schema(real_schema_path)
    count = 0
    for service in schema.services:
        for action in service.actions:
            response = client.get(
                "/api_v3/testme/params", params={"service": service.id, "action": action.name}
            )
            assert response.status_code == 200, (service.id, action.name)
            assert "<legend>Parameters</legend>" in response.text
            for param in action.params:
                assert f'name="{param.name}' in response.text, (service.id, action.name, param.name)
            count += 1
    assert count == 884


def _partner_input(html: str) -> str:
    found = re.search(r'<input[^>]*name="config\.partnerId"[^>]*>', html)
    assert found, "no config.partnerId input"
    return found.group(0)


def test_sandbox_mode_shows_credentials_and_prefills_the_partner(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path,
        sandbox_partner_id=4321,
        sandbox_admin_secret="s" * 32,
        allowed_hosts=("testserver",),
    )
    with TestClient(create_app(settings)) as sandboxed:
        html = sandboxed.get("/api_v3/testme/").text
        assert 'aria-label="Sandbox credentials"' in html
        assert "<code>4321</code>" in html and f"<code>{'s' * 32}</code>" in html
        assert 'value="4321"' in _partner_input(html)
        # session.start with only the secret: the prefilled partnerId goes with it.
        answer = sandboxed.post(
            "/api_v3/testme/send",
            data={
                "service": "session",
                "action": "start",
                "secret": "s" * 32,
                "type": "2",
                "config.partnerId": "4321",
                "config.format": "1",
            },
        )
        assert answer.status_code == 200
        assert "djJ8" in answer.text and "START_SESSION_ERROR" not in answer.text
        # The credentials are open until a KS is held, then folded.
        assert "<details open>" in html
        assert "<details>" in sandboxed.get("/api_v3/testme/").text


def test_a_configured_server_gets_no_prefilled_partner(client: TestClient) -> None:
    html = client.get("/api_v3/testme/").text
    assert "Sandbox credentials" not in html
    assert 'value=""' in _partner_input(html)


@pytest.mark.parametrize(
    "path", ["/api_v3/testme/item?__index=%3Cb%3E", "/api_v3/testme/request?n=%3Cb%3E"]
)
def test_a_query_that_does_not_parse_gets_an_escaped_400_fragment(
    client: TestClient, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert 'class="problem-box"' in response.text and "does not parse" in response.text
    assert "<b>" not in response.text


def test_the_page_hands_the_value_patterns_to_the_browser(client: TestClient) -> None:
    html = client.get("/api_v3/testme/").text
    form = html.split('<form id="console"')[1].split(">")[0]
    found = dict(re.findall(r'data-pattern-(\w+)="([^"]*)"', form))
    assert {name: unescape(source) for name, source in found.items()} == patterns.BROWSER
