"""A server whose schema could not be had at start-up says so beside Target (which schema stands
in, and that Reload schema tries again), one server or several; the sandbox among several
servers is not described as "no server configured"."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from app.protocol import fieldnames
from app.settings import Settings
from app.web.app import create_app
from tests.web.conftest import FAKE_URL, FakeKaltura
from tests.web.test_schema_reload import RELOAD, small_schema

EMBEDDED = "showing the embedded schema; Reload schema to try again."


def one_server(tmp_path: Path, fake: FakeKaltura) -> TestClient:
    settings = Settings(
        service_url=FAKE_URL, data_dir=tmp_path, secret_key="k", allowed_hosts=("testserver",)
    )
    return TestClient(create_app(settings, transport=httpx.MockTransport(fake)))


def beside_target(page: str) -> str:
    """The origin line and the status under it, as text."""
    found = re.search(r'<p class="origin">.*?id="schema-status"[^>]*>(.*?)</p>', page, re.S)
    assert found, "no schema status beside Target"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", found[0])).strip()


@pytest.mark.parametrize(
    ("breaks", "said"),
    [
        pytest.param(
            lambda f: setattr(f, "fail", httpx.ConnectError("refused")),
            f"Unreachable at start-up: {EMBEDDED} Could not connect to {FAKE_URL}: refused.",
            id="down",
        ),
        pytest.param(
            lambda f: f.reply_xml("<html>Maintenance</html>", 503),
            f"No usable schema at start-up: {EMBEDDED} HTTP 503.",
            id="HTTP 503",
        ),
    ],
)
def test_a_server_without_a_schema_at_start_up_says_so_beside_target(
    tmp_path: Path, fake: FakeKaltura, breaks: Callable[[FakeKaltura], None], said: str
) -> None:
    breaks(fake)
    with one_server(tmp_path, fake) as client:
        line = beside_target(client.get("/api_v3/testme/").text)
        assert f"Target: {FAKE_URL}" in line and "(embedded schema)" in line
        assert said in line
        fake.fail = None
        fake.reply_xml(small_schema("2.0.0"))
        client.post(RELOAD)
        line = beside_target(client.get("/api_v3/testme/").text)
    assert "schema 2.0.0" in line and "at start-up" not in line  # reloaded: the notice goes


def test_a_cached_copy_at_start_up_says_when_it_was_fetched(
    tmp_path: Path, fake: FakeKaltura
) -> None:
    fake.reply_xml(small_schema("1.0.0"))
    with one_server(tmp_path, fake) as client:
        assert "at start-up" not in beside_target(client.get("/api_v3/testme/").text)
    fake.fail = httpx.ConnectError("refused")
    with one_server(tmp_path, fake) as client:
        line = beside_target(client.get("/api_v3/testme/").text)
    assert re.search(
        r"Unreachable at start-up: showing the copy cached on 20\d\d-\d\d-\d\d \d\d:\d\d UTC; "
        r"Reload schema to try again\.",
        line,
    ), line


SERVERS = (("alpha", "http://alpha.test"), ("beta", "http://beta.test"))


@pytest.fixture
def servers_client(tmp_path: Path) -> TestClient:
    def upstream(request: httpx.Request) -> httpx.Response:
        if request.url.host == "alpha.test":
            raise httpx.ConnectError("refused")
        return httpx.Response(200, content=small_schema("1.0.0").encode())

    settings = Settings(
        servers=SERVERS, data_dir=tmp_path, secret_key="k", allowed_hosts=("testserver",)
    )
    return TestClient(create_app(settings, transport=httpx.MockTransport(upstream)))


def test_among_several_servers_only_the_one_down_says_so(servers_client: TestClient) -> None:
    with servers_client as client:
        alpha = beside_target(
            client.get("/api_v3/testme/", params={fieldnames.SERVER: "alpha"}).text
        )
        beta = beside_target(client.get("/api_v3/testme/", params={fieldnames.SERVER: "beta"}).text)
    assert alpha.startswith("Target: alpha — http://alpha.test")  # its name, as the select's
    assert f"Unreachable at start-up: {EMBEDDED}" in alpha
    assert beta.startswith("Target: beta — http://beta.test") and "at start-up" not in beta


def test_the_sandbox_among_servers_is_not_said_to_be_the_only_one(
    servers_client: TestClient, tmp_path: Path
) -> None:
    with servers_client as client:
        box = client.get("/api_v3/testme/", params={fieldnames.SERVER: "sandbox"}).text
    assert "No Kaltura server is configured" not in box
    assert "The embedded sandbox answers this page's calls" in box
    alone = Settings(data_dir=tmp_path / "alone", secret_key="k", allowed_hosts=("testserver",))
    with TestClient(create_app(alone)) as client:
        assert "No Kaltura server is configured" in client.get("/api_v3/testme/").text
