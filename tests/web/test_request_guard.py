"""Which requests the console answers at all (app/web/request_guard.py): cross-site posts are
refused before anything reaches the upstream, unknown Host names are refused (DNS rebinding),
a trusted reverse proxy's X-Forwarded-Host/-Proto are believed, and HEAD answers wherever GET
does."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from app.cli import exposure_warning, host_names_note
from app.resources import default_schema_path, resource_path
from app.settings import Settings, SettingsError
from app.web import static_files
from app.web.app import create_app
from tests.web.conftest import FakeKaltura
from tests.web.test_send import KS, KS_XML

CONSOLE = "/api_v3/testme"
SEND = CONSOLE + "/send"
SESSION_START = {"service": "session", "action": "start", "secret": "s3cret", "type": "2"}
MEDIA_LIST = {"service": "media", "action": "list"}
CROSS_SITE = {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}


def test_a_replayed_send_from_another_site_is_refused_and_sends_nothing(
    client: TestClient, fake: FakeKaltura
) -> None:
    fake.reply_xml(KS_XML)
    assert client.post(SEND, data=SESSION_START).status_code == 200  # the user's cookie: a KS
    assert client.cookies and len(fake.received) == 1

    replay = client.post(SEND, data=MEDIA_LIST, headers=CROSS_SITE)

    assert replay.status_code == 403
    assert "only the console's own pages" in replay.text and "Nothing was sent" in replay.text
    assert len(fake.received) == 1  # the upstream never heard of it
    own = client.post(SEND, data={**MEDIA_LIST, "config.ks": KS})  # the page's own still works
    assert own.status_code == 200 and fake.last_json["ks"] == KS


# Every state-changing console route, and any unsafe method under both prefixes: the guard is
# middleware, so a route added later is covered without being listed anywhere.
UNSAFE = [
    ("POST", SEND),
    ("POST", CONSOLE + "/params"),
    ("POST", CONSOLE + "/object"),
    ("POST", CONSOLE + "/code"),
    ("POST", CONSOLE + "/ks"),
    ("POST", CONSOLE + "/schema/reload"),
    ("PUT", CONSOLE + "/"),
    ("DELETE", CONSOLE + "/send"),
    ("PATCH", CONSOLE + "/some-later-route"),
    ("POST", "/api_v3/testmeDoc/"),
    ("POST", "/healthz"),
]
FOREIGN = [
    pytest.param({"Sec-Fetch-Site": "cross-site"}, id="sec-fetch-cross-site"),
    pytest.param({"Sec-Fetch-Site": "same-site"}, id="sec-fetch-same-site"),
    pytest.param({"Sec-Fetch-Site": "cross-site", "Origin": "http://testserver"}, id="fetch-wins"),
    pytest.param({"Origin": "http://evil.example"}, id="origin"),
    pytest.param({"Origin": "null"}, id="origin-null"),
    pytest.param({"Origin": "http://testserver:8080"}, id="origin-other-port"),
    pytest.param({"Origin": "https://testserver"}, id="origin-other-scheme"),
    pytest.param({"Referer": "http://evil.example/api_v3/testme/"}, id="referer"),
]
OWN = [
    pytest.param({"Sec-Fetch-Site": "same-origin"}, id="sec-fetch-same-origin"),
    pytest.param({"Sec-Fetch-Site": "none"}, id="sec-fetch-none"),
    pytest.param({"Origin": "http://testserver"}, id="origin"),
    pytest.param({"Origin": "http://TestServer:80"}, id="origin-default-port"),
    pytest.param({"Referer": "http://testserver/api_v3/testme/?service=media"}, id="referer"),
    pytest.param({}, id="no-browser"),
]


@pytest.fixture
def light(make_client: Callable[..., TestClient], fake: FakeKaltura) -> TestClient:
    """A console on the small embedded schema: quick to build, for the long tables."""
    return make_client(fake, schema=default_schema_path())


@pytest.mark.parametrize(("method", "path"), UNSAFE)
@pytest.mark.parametrize("headers", FOREIGN)
def test_unsafe_requests_from_another_site_are_refused(
    light: TestClient, fake: FakeKaltura, method: str, path: str, headers: dict[str, str]
) -> None:
    response = light.request(method, path, data=MEDIA_LIST, headers=headers)
    assert response.status_code == 403, response.text
    assert fake.received == []


@pytest.mark.parametrize("headers", OWN)
def test_the_consoles_own_requests_pass(
    client: TestClient, fake: FakeKaltura, headers: dict[str, str]
) -> None:
    assert client.post(SEND, data=MEDIA_LIST, headers=headers).status_code == 200
    assert len(fake.received) == 1


def test_reads_from_another_site_are_answered(client: TestClient) -> None:
    page = client.get(CONSOLE + "/", headers=CROSS_SITE)  # a link someone followed
    assert page.status_code == 200 and "Select service" in page.text


@pytest.fixture
def sandboxed(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path, secret_key="k", allowed_hosts=("testserver",))
    with TestClient(create_app(settings)) as client:
        yield client


def test_the_sandbox_api_answers_clients_from_any_site(sandboxed: TestClient) -> None:
    """Like a real Kaltura server: authorised by the KS or secret sent, never by a cookie."""
    ping = sandboxed.post("/api_v3/service/system/action/ping", headers=CROSS_SITE)
    assert ping.status_code == 200 and "<result>1</result>" in ping.text
    legacy = sandboxed.post("/api_v3/index.php?service=system&action=ping", headers=CROSS_SITE)
    assert legacy.status_code == 200 and "<result>1</result>" in legacy.text
    assert sandboxed.post(SEND, data=MEDIA_LIST, headers=CROSS_SITE).status_code == 403


# -- Host names (DNS rebinding) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "settings", "status"),
    [
        ("localhost", {}, 200),
        ("localhost:8000", {}, 200),
        ("LOCALHOST:8000", {}, 200),
        ("127.0.0.1:8000", {}, 200),
        ("[::1]:8000", {}, 200),
        ("[::1]", {}, 200),
        ("10.1.2.3:8000", {"host": "10.1.2.3"}, 200),
        ("[fe80::1]:8000", {"host": "fe80::1"}, 200),
        ("testme.example.com", {"allowed_hosts": ("testme.example.com",)}, 200),
        ("testme.example.com.", {"allowed_hosts": ("testme.example.com",)}, 200),
        ("evil.example:8000", {}, 400),
        ("evil.example", {"host": "10.1.2.3"}, 400),
        ("localhost.evil.example", {}, 400),
        ("127.0.0.1.nip.io:8000", {}, 400),
        ("testserver", {}, 400),  # TestClient's own name passes only where a test allows it
        ("", {}, 400),
    ],
)
def test_only_allowed_host_names_are_answered(
    make_client: Callable[..., TestClient],
    fake: FakeKaltura,
    host: str,
    settings: dict[str, object],
    status: int,
) -> None:
    client = make_client(fake, schema=default_schema_path(), **{"allowed_hosts": (), **settings})
    assert client.get(CONSOLE + "/", headers={"Host": host}).status_code == status


def test_a_rebinding_page_is_refused_everywhere_and_told_why(sandboxed: TestClient) -> None:
    rebound = {"Host": "attacker.example:8000"}
    for path in (CONSOLE + "/", "/api_v3/api_schema.php", "/api_v3/service/system/action/ping"):
        response = sandboxed.get(path, headers=rebound)
        assert response.status_code == 400
        assert "attacker.example:8000" in response.text and "TESTME_ALLOWED_HOSTS" in response.text


@pytest.mark.parametrize(
    ("env", "names"),
    [
        (
            {"TESTME_ALLOWED_HOSTS": "testme.example.com, Other.Example"},
            ("testme.example.com", "other.example"),
        ),
        ({"TESTME_ALLOWED_HOSTS": "::1,[fe80::1]"}, ("::1", "[fe80::1]")),
        ({}, ()),
    ],
)
def test_allowed_hosts_are_read_as_names(env: dict[str, str], names: tuple[str, ...]) -> None:
    assert Settings.from_env(env).allowed_hosts == names


@pytest.mark.parametrize(
    "env",
    [
        {"TESTME_ALLOWED_HOSTS": "https://testme.example.com"},
        {"TESTME_ALLOWED_HOSTS": "testme.example.com:8000"},
        {"TESTME_ALLOWED_HOSTS": "*"},
        {"TESTME_FORWARDED_ALLOW_IPS": "proxy.example"},
    ],
)
def test_a_bad_host_setting_stops_start_up_naming_it(env: dict[str, str]) -> None:
    with pytest.raises(SettingsError, match=next(iter(env))):
        Settings.from_env(env)


@pytest.mark.parametrize(
    ("flags", "warns"),
    [
        ({"host": "0.0.0.0"}, True),
        ({"host": "192.168.1.5"}, True),
        ({"host": "127.0.0.1"}, False),
        ({"host": "::1"}, False),
        ({"host": "0.0.0.0", "service_url": "https://www.kaltura.com"}, False),  # no sandbox
    ],
)
def test_the_sandbox_on_the_network_warns_that_its_secrets_are_shown(
    flags: dict[str, str], warns: bool
) -> None:
    warning = exposure_warning(Settings.from_env({}, **flags))
    assert (warning is not None and "secret" in warning and "anyone" in warning) == warns


# -- behind a reverse proxy ---------------------------------------------------------------

PROXY = ("10.0.0.2", 40000)
PROXIED = {
    "Host": "127.0.0.1:8000",  # the proxy's own upstream address
    "X-Forwarded-Host": "testme.example.com",
    "X-Forwarded-Proto": "https",
    "Origin": "https://testme.example.com",  # a browser on plain http sends no Sec-Fetch-Site
}


def _behind_proxy(tmp_path: Path, fake: FakeKaltura, **settings: object) -> TestClient:
    config = Settings(
        service_url="http://kaltura.test",
        schema_path=None,
        data_dir=tmp_path,
        secret_key="k",
        allowed_hosts=("testme.example.com",),
        **settings,  # type: ignore[arg-type]
    )
    return TestClient(create_app(config, transport=httpx.MockTransport(fake)), client=PROXY)


def test_behind_a_trusted_proxy_the_browsers_origin_is_the_consoles(
    tmp_path: Path, fake: FakeKaltura
) -> None:
    with _behind_proxy(tmp_path, fake, forwarded_allow_ips=("10.0.0.0/8",)) as client:
        fake.received.clear()  # the schema fetch
        assert client.post(SEND, data=MEDIA_LIST, headers=PROXIED).status_code == 200
        assert len(fake.received) == 1
        evil = {**PROXIED, "Origin": "https://evil.example"}
        assert client.post(SEND, data=MEDIA_LIST, headers=evil).status_code == 403
        other = {**PROXIED, "X-Forwarded-Host": "evil.example"}
        assert client.get(CONSOLE + "/", headers=other).status_code == 400
        assert len(fake.received) == 1


def test_forwarded_headers_from_an_untrusted_peer_are_ignored(
    tmp_path: Path, fake: FakeKaltura
) -> None:
    """A rebinding page can set X-Forwarded-Host itself: only the proxies listed are believed."""
    with _behind_proxy(tmp_path, fake, forwarded_allow_ips=("192.168.0.1",)) as client:
        fake.received.clear()
        assert client.post(SEND, data=MEDIA_LIST, headers=PROXIED).status_code == 403
        forged = {"Host": "attacker.example", "X-Forwarded-Host": "localhost"}
        assert client.get(CONSOLE + "/", headers=forged).status_code == 400
        assert fake.received == []


# -- HEAD wherever GET --------------------------------------------------------------------

READS = [
    "/",
    CONSOLE + "/",
    CONSOLE + "/?service=media&action=list",
    CONSOLE + "/actions?service=media",
    CONSOLE + "/params?service=media&action=list",
    CONSOLE + "/find?q=media",
    CONSOLE + "/libraries",
    CONSOLE + "/schema.xml",
    static_files.mount_path(CONSOLE + "/static", resource_path("static")) + "/main.js",
    static_files.mount_path(CONSOLE + "/static", resource_path("static")) + "/testme.css",
    "/api_v3/testmeDoc/",
    "/api_v3/testmeDoc/?service=media",
    "/api_v3/testmeDoc/?object=KalturaMediaEntry",
    "/api_v3/testmeDoc/errors",
    "/healthz",
    "/api_v3/api_schema.php",
]


@pytest.mark.parametrize("path", READS)
def test_head_answers_wherever_get_does(sandboxed: TestClient, path: str) -> None:
    plain = {"Accept-Encoding": "identity"}  # so Content-Length counts the bytes httpx gives
    got = sandboxed.get(path, follow_redirects=False, headers=plain)
    head = sandboxed.head(path, follow_redirects=False, headers=plain)
    assert got.status_code in (200, 307), got.status_code
    assert head.status_code == got.status_code
    assert head.content == b""
    assert head.headers.get("content-type") == got.headers.get("content-type")
    if "content-length" in head.headers:
        assert int(head.headers["content-length"]) == len(got.content)


@pytest.mark.parametrize(
    ("flags", "noted"),
    [
        ({"host": "0.0.0.0"}, True),
        ({"host": "::"}, True),
        ({"host": "0.0.0.0", "allowed_hosts": "testme.lan"}, False),
        ({"host": "10.1.2.3"}, False),  # answers to that address itself
        ({}, False),
    ],
)
def test_listening_everywhere_says_which_names_are_answered(
    flags: dict[str, str], noted: bool
) -> None:
    note = host_names_note(Settings.from_env({}, **flags))
    assert (note is not None and "TESTME_ALLOWED_HOSTS" in note) == noted
