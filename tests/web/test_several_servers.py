"""TESTME_SERVERS: each named server has its own schema, upstream and KS; a browser names a
server, never a host, and a server that is down at start-up leaves the others working."""

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
from tests.web.conftest import FakeKaltura
from tests.web.ott_schema import OTT_SCHEMA
from tests.web.test_schema_reload import RELOAD, small_schema

SERVERS = (("prod", "http://prod.test"), ("qa", "http://qa.test"))
PING = {fieldnames.SERVICE: "system", fieldnames.ACTION: "ping", "config.format": "2"}


@pytest.fixture
def prod() -> FakeKaltura:
    return FakeKaltura()


@pytest.fixture
def qa() -> FakeKaltura:
    return FakeKaltura()


def _client(tmp_path: Path, prod: FakeKaltura, qa: FakeKaltura, schema: Path | None) -> TestClient:
    by_host = {"prod.test": prod, "qa.test": qa}
    settings = Settings(
        servers=SERVERS,
        schema_path=schema,
        data_dir=tmp_path / "var",
        secret_key="s",
        allowed_hosts=("testserver",),
    )
    transport = httpx.MockTransport(lambda request: by_host[request.url.host](request))
    return TestClient(create_app(settings, transport=transport))


@pytest.fixture
def client(
    tmp_path: Path, prod: FakeKaltura, qa: FakeKaltura, real_schema_path: Path
) -> Iterator[TestClient]:
    with _client(tmp_path, prod, qa, real_schema_path) as client:
        yield client


def test_the_server_select_names_each_server_and_the_sandbox(client: TestClient) -> None:
    page = client.get("/api_v3/testme/")
    assert page.status_code == 200
    assert f'name="{fieldnames.SERVER}"' in page.text
    for name in ("prod", "qa", "sandbox"):
        assert f'<option value="{name}"' in page.text
    assert "prod — http://prod.test" in page.text


def test_a_one_server_console_has_no_server_select(tmp_path: Path, fake: FakeKaltura) -> None:
    settings = Settings(
        service_url="http://one.test",
        servers=SERVERS,
        data_dir=tmp_path,
        allowed_hosts=("testserver",),
    )
    with TestClient(create_app(settings, transport=httpx.MockTransport(fake))) as client:
        assert f'name="{fieldnames.SERVER}"' not in client.get("/api_v3/testme/").text


@pytest.mark.parametrize(("name", "reached"), [("prod", "prod"), ("qa", "qa"), ("", "prod")])
def test_send_goes_to_the_chosen_server_only(
    client: TestClient, prod: FakeKaltura, qa: FakeKaltura, name: str, reached: str
) -> None:
    answer = client.post("/api_v3/testme/send", data={**PING, fieldnames.SERVER: name})
    assert answer.status_code == 200
    fakes = {"prod": prod, "qa": qa}
    assert [str(r.url.host) for r in fakes[reached].received] == [f"{reached}.test"]
    assert all(not f.received for n, f in fakes.items() if n != reached)


@pytest.mark.parametrize("name", ["evil", "http://evil.test", "Prod"])
def test_an_unknown_server_name_is_refused(
    client: TestClient, prod: FakeKaltura, qa: FakeKaltura, name: str
) -> None:
    answer = client.post("/api_v3/testme/send", data={**PING, fieldnames.SERVER: name})
    assert answer.status_code == 400
    assert "No server named" in answer.text
    page = client.get("/api_v3/testme/", params={fieldnames.SERVER: name})
    assert page.status_code == 400
    assert not prod.received and not qa.received


def test_the_ks_is_kept_per_server(client: TestClient) -> None:
    ks_field = {"config.ks": "PRODKS"}
    client.post("/api_v3/testme/ks", data={**ks_field, fieldnames.SERVER: "prod"})
    client.post("/api_v3/testme/ks", data={"config.ks": "QAKS", fieldnames.SERVER: "qa"})
    on_prod = client.get("/api_v3/testme/", params={fieldnames.SERVER: "prod"}).text
    on_qa = client.get("/api_v3/testme/", params={fieldnames.SERVER: "qa"}).text
    assert "PRODKS" in on_prod and "QAKS" not in on_prod
    assert "QAKS" in on_qa and "PRODKS" not in on_qa
    # the page a browser chose last is the one it gets back, with that server's KS
    assert "QAKS" in client.get("/api_v3/testme/").text


def test_the_ks_a_send_brings_back_stays_with_its_server(
    client: TestClient, qa: FakeKaltura
) -> None:
    qa.reply_xml("<xml><result>QASESSION</result><executionTime>0</executionTime></xml>")
    start = {fieldnames.SERVICE: "session", fieldnames.ACTION: "start", "secret": "x"}
    client.post("/api_v3/testme/send", data={**start, fieldnames.SERVER: "qa"})
    assert "QASESSION" in client.get("/api_v3/testme/", params={fieldnames.SERVER: "qa"}).text
    assert "QASESSION" not in client.get("/api_v3/testme/", params={fieldnames.SERVER: "prod"}).text


def test_a_server_down_at_start_up_is_marked_and_the_others_work(
    tmp_path: Path, prod: FakeKaltura, qa: FakeKaltura, real_schema_path: Path
) -> None:
    prod.answer = httpx.Response(200, content=real_schema_path.read_bytes())
    qa.fail = httpx.ConnectError("refused")
    with _client(tmp_path, prod, qa, None) as client:
        page = client.get("/api_v3/testme/")
        assert "qa — http://qa.test (unreachable, embedded schema)" in page.text
        assert "prod — http://prod.test</option>" in page.text
        prod.answer = httpx.Response(200, content=b"<xml><result>1</result></xml>")
        sent = client.post("/api_v3/testme/send", data={**PING, fieldnames.SERVER: "prod"})
        assert sent.status_code == 200
        assert prod.received[-1].url.path == "/api_v3/service/system/action/ping"
        docs = client.get("/api_v3/testmeDoc/", params={fieldnames.SERVER: "qa"})
        assert docs.status_code == 200


def test_reload_schema_reloads_the_chosen_servers_schema_only(
    tmp_path: Path, prod: FakeKaltura, qa: FakeKaltura
) -> None:
    prod.reply_xml(small_schema("1.0.0"))
    qa.reply_xml(small_schema("1.0.0"))
    with _client(tmp_path, prod, qa, None) as client:
        qa.reply_xml(small_schema("2.0.0"))
        assert client.get(f"/api_v3/testme/?{fieldnames.SERVER}=qa").status_code == 200
        assert "Schema reloaded: 2.0.0" in client.post(RELOAD).text
        qa_page = client.get(f"/api_v3/testme/?{fieldnames.SERVER}=qa").text
        prod_page = client.get(f"/api_v3/testme/?{fieldnames.SERVER}=prod").text
    assert "schema 2.0.0" in qa_page
    assert "schema 1.0.0" in prod_page and "schema 2.0.0" not in prod_page


@pytest.mark.parametrize(
    ("route", "posted", "only_qa_has"),
    [
        ("params", {fieldnames.SERVICE: "asset", fieldnames.ACTION: "list"}, "KalturaAssetFilter"),
        (
            "object",
            {
                fieldnames.PATH: "filter",
                fieldnames.DECLARED: "KalturaAssetFilter",
                "filter:objectType": "KalturaSearchAssetFilter",
            },
            "kSql",
        ),
        (
            "request/remove",
            {
                fieldnames.SERVICE: "multirequest",
                "1:service": "asset",
                "1:action": "list",
                "2:service": "asset",
                "2:action": "list",
                fieldnames.REMOVE: "1",
            },
            "KalturaAssetFilter",
        ),
    ],
)
def test_a_posted_fragment_comes_from_the_server_it_names(
    tmp_path: Path,
    prod: FakeKaltura,
    qa: FakeKaltura,
    route: str,
    posted: dict[str, str],
    only_qa_has: str,
) -> None:
    """Two tabs: the browser's last choice (prod, another tab's) must not answer a POST that
    names qa; only qa's schema has `asset`, KalturaAssetFilter and KalturaSearchAssetFilter."""
    prod.reply_xml(small_schema("1.0.0"))
    qa.reply_xml(OTT_SCHEMA)
    with _client(tmp_path, prod, qa, None) as client:
        assert client.get("/api_v3/testme/", params={fieldnames.SERVER: "prod"}).is_success
        answer = client.post(f"/api_v3/testme/{route}", data={**posted, fieldnames.SERVER: "qa"})
    assert answer.status_code == 200, answer.text
    assert only_qa_has in answer.text


def test_history_asks_the_pages_own_server_for_its_calls(
    tmp_path: Path, prod: FakeKaltura, qa: FakeKaltura
) -> None:
    prod.reply_xml(small_schema("1.0.0"))
    qa.reply_xml(OTT_SCHEMA)
    with _client(tmp_path, prod, qa, None) as client:
        page = client.get("/api_v3/testme/", params={fieldnames.SERVER: "qa"}).text
        client.get("/api_v3/testme/", params={fieldnames.SERVER: "prod"})  # another tab, later
        url = re.search(r'data-known-url="([^"]+)"', page)
        assert url and f"{fieldnames.SERVER}=qa" in url[1]
        listed = client.get(url[1].replace("&amp;", "&")).text
    assert "asset.list " in listed and "thing.get" not in listed


def test_overlapping_requests_do_not_put_back_an_older_cookie(client: TestClient) -> None:
    """A tab's `/code` refresh leaves with the cookie of before `/ks` kept a pasted KS, and
    answers after it: an answer that changed nothing sets no cookie, so the KS stays kept.
    (Each posted the tab's server, which used to be written as the browser's choice.)"""
    page = client.get("/api_v3/testme/", params={fieldnames.SERVER: "prod"})
    assert page.is_success
    before = dict(client.cookies)
    kept = client.post("/api_v3/testme/ks", data={"config.ks": "PRODKS", fieldnames.SERVER: "prod"})
    assert "set-cookie" in kept.headers
    client.cookies.clear()
    client.cookies.update(before)  # the refresh that left earlier
    late = client.post("/api_v3/testme/code", data={**PING, fieldnames.SERVER: "prod"})
    assert late.is_success
    assert "set-cookie" not in late.headers
    for answer in (kept, late):  # the browser holds the last cookie set: late's, had it set one
        client.cookies.update(answer.cookies)
    assert "PRODKS" in client.get("/api_v3/testme/", params={fieldnames.SERVER: "prod"}).text


def test_a_posted_server_is_the_tabs_own_not_the_browsers_choice(client: TestClient) -> None:
    """The Server select (an address with ?__server=) makes the choice; a fragment posting its
    tab's server does not, so a page opened without one gets the select's last choice."""
    client.get("/api_v3/testme/", params={fieldnames.SERVER: "qa"})
    client.post("/api_v3/testme/code", data={**PING, fieldnames.SERVER: "prod"})
    chosen = re.search(r'<option value="(\w+)" selected', client.get("/api_v3/testme/").text)
    assert chosen and chosen.group(1) == "qa"
