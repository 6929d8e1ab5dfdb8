"""Reload schema from the console page (htmx): the form posted along stays as typed, the page
is told what happened in one place beside the button, and a call the new schema lacks is named.
Without JavaScript, the page it answers leads back to the same console link and server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from app.protocol import fieldnames
from app.settings import Settings
from app.web.app import create_app
from tests.web.conftest import FAKE_URL, FakeKaltura
from tests.web.test_schema_reload import RELOAD, small_schema

HTMX = {"HX-Request": "true"}
TYPED = {
    fieldnames.SERVICE: "thing",
    fieldnames.ACTION: "get",
    "id": "7",
    "config.clientTag": "mine",
}


def schema_with(version: str, actions: str) -> str:
    """A schema whose one service, `thing`, has `actions` (XML)."""
    return (
        f'<?xml version="1.0"?><xml apiVersion="{version}" generatedDate="1700000000"><classes/>'
        f'<services><service id="thing" name="thing">{actions}</service></services></xml>'
    )


@pytest.fixture
def client(tmp_path: Path, fake: FakeKaltura) -> Iterator[TestClient]:
    fake.reply_xml(small_schema("1.0.0"))
    settings = Settings(
        service_url=FAKE_URL, data_dir=tmp_path, secret_key="k", allowed_hosts=("testserver",)
    )
    with TestClient(create_app(settings, transport=httpx.MockTransport(fake))) as client:
        yield client


def oob(html: str, element_id: str) -> str:
    """The text of the out-of-band part `element_id` of an htmx answer."""
    found = re.search(rf'<(\w+) id="{element_id}"[^>]*hx-swap-oob[^>]*>(.*?)</\1>', html, re.S)
    assert found, f"no out-of-band #{element_id} in {html[:400]}"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", found[2])).strip()


def test_a_failed_reload_says_why_in_sentences_with_one_full_stop_each(
    client: TestClient, fake: FakeKaltura
) -> None:
    fake.fail = httpx.ConnectError("refused")
    said = oob(client.post(RELOAD, data=TYPED, headers=HTMX).text, "schema-status")
    assert said == (
        f"The schema could not be reloaded. Could not connect to {FAKE_URL}: refused. "
        f"Kept schema 1.0.0 ({FAKE_URL}/api_v3/api_schema.php)."
    )
    assert f"{FAKE_URL}: refused. Kept schema 1.0.0" in client.post(RELOAD).text  # no JavaScript


def test_a_reload_in_place_leaves_an_unchanged_call_as_typed(
    client: TestClient, fake: FakeKaltura
) -> None:
    fake.reply_xml(small_schema("2.0.0"))
    answer = client.post(RELOAD, data=TYPED, headers=HTMX)
    assert answer.status_code == 200
    assert answer.headers["HX-Reswap"] == "none"  # the page keeps its fields, files and all
    said = oob(answer.text, "schema-status")
    assert (
        said.startswith("Schema reloaded: 2.0.0 from")
        and "(was 1.0.0): 1 service, 1 action." in said
    )
    assert oob(answer.text, "schema-line").startswith("schema 2.0.0, generated 2023-11-14")
    assert 'id="service"' not in answer.text  # the same services: Select service stays


def test_a_changed_call_comes_back_with_the_values_typed(
    client: TestClient, fake: FakeKaltura
) -> None:
    params = '<param name="id" type="int"/><param name="version" type="int"/>'
    fake.reply_xml(schema_with("2.0.0", f'<action name="get">{params}</action>'))
    answer = client.post(RELOAD, data=TYPED, headers=HTMX)
    assert "HX-Reswap" not in answer.headers  # the action area is replaced…
    assert re.search(r'<input[^>]* name="id"[^>]* value="7"', answer.text)  # …keeping the id
    assert re.search(r'<input[^>]* name="version"', answer.text)  # …with the new parameter


@pytest.mark.parametrize(
    ("actions", "said"),
    [
        pytest.param(
            '<action name="list"/>',
            "No action thing.get in schema 2.0.0, so the form no longer holds it.",
            id="action gone",
        ),
        pytest.param(
            None,
            "No service thing in schema 2.0.0, so the form no longer holds it.",
            id="service gone",
        ),
    ],
)
def test_a_call_the_new_schema_lacks_is_named_not_dropped_unsaid(
    client: TestClient, fake: FakeKaltura, actions: str | None, said: str
) -> None:
    if actions is None:
        fake.reply_xml(schema_with("2.0.0", "").replace('"thing"', '"other"'))
    else:
        fake.reply_xml(schema_with("2.0.0", actions))
    answer = client.post(RELOAD, data=TYPED, headers=HTMX)
    assert said in oob(answer.text, "schema-status")
    assert "HX-Reswap" not in answer.headers and 'name="id"' not in answer.text


def test_a_multirequest_keeps_its_requests_and_names_the_one_gone(
    client: TestClient, fake: FakeKaltura
) -> None:
    fake.reply_xml(small_schema("2.0.0").replace('name="get"', 'name="fetch"'))
    typed = {
        fieldnames.SERVICE: "multirequest",
        "1:service": "thing",
        "1:action": "get",
        "1:id": "7",
        "2:service": "thing",
        "2:action": "",
    }
    answer = client.post(RELOAD, data=typed, headers=HTMX)
    assert "Request 1: No action thing.get in schema 2.0.0" in oob(answer.text, "schema-status")
    assert "Request 2" in answer.text and 'name="2:action"' in answer.text


def test_the_status_names_the_server_posted_not_the_last_one_chosen(
    tmp_path: Path, fake: FakeKaltura
) -> None:
    fake.reply_xml(small_schema("1.0.0"))
    servers = (("prod", "http://prod.test"), ("qa", "http://qa.test"))
    settings = Settings(
        servers=servers, data_dir=tmp_path, secret_key="k", allowed_hosts=("testserver",)
    )
    with TestClient(create_app(settings, transport=httpx.MockTransport(fake))) as client:
        client.get("/api_v3/testme/", params={fieldnames.SERVER: "qa"})  # another tab's choice
        fake.reply_xml(small_schema("2.0.0"))
        client.post(RELOAD, data={fieldnames.SERVER: "prod"}, headers=HTMX)
        prod = client.get("/api_v3/testme/", params={fieldnames.SERVER: "prod"}).text
        qa = client.get("/api_v3/testme/", params={fieldnames.SERVER: "qa"}).text
    assert "schema 2.0.0" in prod and "schema 1.0.0" in qa


def test_without_javascript_back_to_the_console_reopens_its_link(client: TestClient) -> None:
    page = client.get("/api_v3/testme/?service=thing&action=get&id=7").text
    back = re.search(rf'name="{fieldnames.BACK}" value="([^"]*)"', page)
    assert back
    answer = client.post(RELOAD, data={fieldnames.BACK: back[1].replace("&amp;", "&")})
    link = re.search(r'<a href="([^"]*)">Back to the console</a>', answer.text)
    assert link
    reopened = client.get(link[1].replace("&amp;", "&")).text
    assert re.search(r'<input[^>]* name="id"[^>]* value="7"', reopened)


def test_a_reload_tells_history_which_calls_the_new_schema_can_restore(
    client: TestClient, fake: FakeKaltura
) -> None:
    before = client.get("/api_v3/testme/").text
    first = re.search(r'id="history-known"[^>]*data-known-url="([^"]+)"', before)
    assert first, "the page says where History finds the schema's calls"
    listed = client.get(first[1].replace("&amp;", "&"))
    assert listed.text == "thing.get "
    assert listed.headers["cache-control"] == "private, max-age=31536000, immutable"
    fake.reply_xml(schema_with("3.0.0", '<action name="get"/><action name="list"/>'))
    answer = client.post(RELOAD, data=TYPED, headers=HTMX).text
    known = re.search(r'<span id="history-known"[^>]*hx-swap-oob="outerHTML"[^>]*>', answer)
    assert known, "Reload schema sends History's known calls anew"
    url = re.search(r'data-known-url="([^"]+)"', known[0])
    assert url and url[1] != first[1], "under a new name, so no browser keeps the old list"
    assert client.get(url[1].replace("&amp;", "&")).text == "thing.get thing.list "
    stale = client.get(first[1].replace("&amp;", "&"))  # a page from before the reload
    assert stale.text == "thing.get thing.list " and stale.headers["cache-control"] == "no-store"
