"""Every faulty upstream ends in a clear message in the Result, within TESTME_UPSTREAM_TIMEOUT,
and never holds up another Send: the console in-process, the Kaltura server a real socket that
misbehaves (`faulty_upstream.py`). The live schema fetch meets the same faults and keeps the last
good schema, saying why."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from app.schema_pull import schema_pull
from app.settings import Settings
from app.web.app import create_app
from tests.web.faulty_upstream import LEAK_PATH, FaultyKaltura, faulty_kaltura

DEADLINE = 2.0  # seconds: TESTME_UPSTREAM_TIMEOUT for these consoles
SEND = "/api_v3/testme/send"
RELOAD = "/api_v3/testme/schema/reload"
PING = {"service": "system", "action": "ping"}


@pytest.fixture(scope="module")
def faulty_server() -> Iterator[FaultyKaltura]:
    with faulty_kaltura() as server:
        yield server


@pytest.fixture
def faulty(faulty_server: FaultyKaltura) -> Iterator[FaultyKaltura]:
    with faulty_server.fresh() as server:
        yield server


@pytest.fixture(scope="module")
def console_for(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., TestClient]]:
    """A console whose Kaltura server is `url`, over the real network stack; one per set-up
    for the module (loading the real schema takes a while)."""
    clients: dict[tuple[str, Path | None, float], TestClient] = {}

    def make(url: str, schema: Path | None = None, timeout: float = DEADLINE) -> TestClient:
        if (url, schema, timeout) not in clients:
            settings = Settings(
                service_url=url,
                schema_path=schema,
                data_dir=tmp_path_factory.mktemp("var"),
                secret_key="k",
                upstream_timeout=timeout,
                allowed_hosts=("testserver",),
            )
            client = TestClient(create_app(settings))
            client.__enter__()
            clients[(url, schema, timeout)] = client
        return clients[(url, schema, timeout)]

    yield make
    for client in clients.values():
        client.__exit__(None, None, None)


def send(client: TestClient, data: dict[str, str]) -> httpx.Response:
    return client.post(SEND, data=data, files={"_": ("", b"")})


# (fault the server plays, what the Result says)
SEND_FAULTS: list[tuple[str, tuple[str, ...]]] = [
    ("hang", ("No answer from {url} within 2 s (TESTME_UPSTREAM_TIMEOUT).",)),
    (
        "trickle",
        ("The answer from {url} did not finish within 2 s (TESTME_UPSTREAM_TIMEOUT):",),
    ),
    (
        "html-502",
        (
            "The server answered HTTP 502.",
            "Not a Kaltura answer: the server sent an HTML page.",
            "&lt;h1&gt;502 Bad Gateway&lt;/h1&gt;nginx",  # the page itself, as text
        ),
    ),
    (
        "truncated",
        ("The answer was cut short: the connection closed after 60 bytes", "&lt;xml&gt;"),
    ),
    ("invalid-utf8", ("The answer is not valid UTF-8 (a bad byte at offset 52)", "p\ufffdng")),
    (
        "garbage-xml",
        ("The Content-Type says XML (text/xml), but the body is not XML: syntax error",),
    ),
    (
        "xml-as-json",
        ("The Content-Type says JSON (application/json), but the body is XML: shown as text.",),
    ),
    ("empty", ("The server answered with an empty body.",)),
    ("billion-laughs", ("XML with a DOCTYPE is shown raw: entities are never expanded.",)),
    ("external-entity", ("XML with a DOCTYPE is shown raw: entities are never expanded.",)),
    ("external-dtd", ("XML with a DOCTYPE is shown raw: entities are never expanded.",)),
    ("huge-announced", ("The answer is larger than 50 MB, the console&#39;s cap; not shown",)),
    ("gzip-bomb", ("The answer is larger than 50 MB, the console&#39;s cap; not shown",)),
    (
        "redirect",
        (
            "The server answered HTTP 302, a redirect to {elsewhere}/api_v3/service/elsewhere/"
            "action/x; not followed: the console sends only to {url}",
        ),
    ),
]


@pytest.mark.parametrize(
    ("fault", "shown"), [pytest.param(*case, id=case[0]) for case in SEND_FAULTS]
)
def test_a_faulty_upstream_is_a_clear_message_in_the_result(
    console_for: Callable[..., TestClient],
    faulty: FaultyKaltura,
    real_schema_path: Path,
    fault: str,
    shown: tuple[str, ...],
) -> None:
    # Inflating past 50 MB takes a busy machine more than the 2 s deadline: the bomb gets time
    # to be caught by its size, which is what it tests.
    client = console_for(faulty.url, real_schema_path, DEADLINE if fault != "gzip-bomb" else 120)
    faulty.faults["ping"] = fault
    response = send(client, PING)
    assert response.status_code == 200
    elsewhere = faulty.url.replace("127.0.0.1", "localhost")
    for text in shown:
        assert text.format(url=faulty.url, elsewhere=elsewhere) in response.text
    assert 'role="alert"' in response.text
    assert "lollol" not in response.text  # no entity was expanded
    assert faulty.hits == ["/api_v3/service/system/action/ping"]  # nothing fetched, or followed
    faulty.faults["ping"] = "ok"
    assert "pong" in send(client, PING).text  # and the console goes on


def test_an_endless_answer_is_cut_off_at_the_cap_while_reading(
    console_for: Callable[..., TestClient], faulty: FaultyKaltura, real_schema_path: Path
) -> None:
    # No Content-Length to refuse up front: the cap is met while the bytes stream in. A long
    # deadline, so that only the cap can end it.
    client = console_for(faulty.url, real_schema_path, timeout=120)
    faulty.faults["ping"] = "huge"
    response = send(client, PING)
    assert "The answer is larger than 50 MB, the console&#39;s cap; not shown" in response.text


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        pytest.param(
            "http://127.0.0.1:{port}", "connection refused (nothing listens there)", id="refused"
        ),
        pytest.param(
            "http://no-such-host.invalid",
            "the name no-such-host.invalid does not resolve",
            id="dns",
        ),
    ],
)
def test_a_server_that_cannot_be_reached_is_named_in_the_result(
    console_for: Callable[..., TestClient], real_schema_path: Path, url: str, shown: str
) -> None:
    url = url.format(port=_closed_port())
    # A long deadline: a busy resolver may take seconds to say the name does not exist.
    response = send(console_for(url, real_schema_path, timeout=60), PING)
    assert response.status_code == 200
    assert f"Could not connect to {url}: {shown}." in response.text


def test_a_send_hanging_on_a_dead_upstream_holds_up_no_other_send(
    console_for: Callable[..., TestClient], faulty: FaultyKaltura, real_schema_path: Path
) -> None:
    # A deadline far beyond the test: only the healthy Send finishing can end the wait below.
    client = console_for(faulty.url, real_schema_path, timeout=60)
    faulty.faults["get"] = "hang"
    hung: list[httpx.Response] = []
    first = threading.Thread(
        target=lambda: hung.append(
            send(client, {"service": "media", "action": "get", "entryId": "0_a"})
        )
    )
    first.start()
    assert faulty.hanging.wait(30)

    assert "pong" in send(client, PING).text
    assert first.is_alive() and not hung  # the first Send is still waiting

    faulty.release.set()  # the dead server hangs up, with no answer
    first.join(30)
    assert "closed the connection: Server disconnected without sending a response." in (
        hung[0].text
    )


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


# -- the live schema fetch -----------------------------------------------------------------------

# (fault, why the reload kept the last good schema)
SCHEMA_FAULTS: list[tuple[str, str]] = [
    ("hang", "No answer from {url} within 2 s (TESTME_UPSTREAM_TIMEOUT)"),
    ("trickle", "did not finish within 2 s (TESTME_UPSTREAM_TIMEOUT)"),
    ("html-502", "HTTP 502"),
    ("truncated", "the answer was cut short after 60 bytes"),
    ("invalid-utf8", "not well-formed XML: not well-formed (invalid token)"),
    ("garbage-xml", "not well-formed XML: syntax error"),
    ("empty", "not well-formed XML: no element found"),
    ("billion-laughs", "entity declarations are refused (lol)"),
    ("external-entity", "entity declarations are refused (leak)"),
    ("huge", "larger than 50 MB"),
    ("huge-announced", "larger than 50 MB"),
    ("redirect", "a redirect to {elsewhere}/api_v3/service/elsewhere/action/x; not followed"),
]


@pytest.mark.parametrize(
    ("fault", "why"), [pytest.param(*case, id=case[0]) for case in SCHEMA_FAULTS]
)
def test_a_faulty_schema_fetch_keeps_the_last_good_schema_and_says_why(
    console_for: Callable[..., TestClient], faulty: FaultyKaltura, fault: str, why: str
) -> None:
    client = console_for(faulty.url, timeout=DEADLINE if "huge" not in fault else 120)
    faulty.faults["schema"] = fault
    response = client.post(RELOAD)
    assert response.status_code == 502
    elsewhere = faulty.url.replace("127.0.0.1", "localhost")
    assert "The schema could not be reloaded. " in response.text
    # the reason may open its own sentence (capitalised), or end one
    assert why.format(url=faulty.url, elsewhere=elsewhere).lower() in response.text.lower()
    assert "Kept schema 1.0.0" in response.text
    assert b'apiVersion="1.0.0"' in client.get("/api_v3/testme/schema.xml").content
    assert LEAK_PATH not in faulty.hits and not any("elsewhere" in hit for hit in faulty.hits)


def test_a_schema_naming_an_external_dtd_loads_without_fetching_it(
    console_for: Callable[..., TestClient], faulty: FaultyKaltura
) -> None:
    client = console_for(faulty.url)
    faulty.faults["schema"] = "external-dtd"
    response = client.post(RELOAD)
    assert response.status_code == 200 and "Schema reloaded: 1.0.0" in response.text
    assert LEAK_PATH not in faulty.hits


@pytest.mark.parametrize(
    ("fault", "why"),
    [
        ("redirect", "a redirect to {elsewhere}/api_v3/service/elsewhere/action/x; not followed"),
        ("billion-laughs", "entity declarations are refused (lol)"),
        ("truncated", "the answer was cut short after 60 bytes"),
    ],
)
def test_schema_pull_from_a_faulty_server_writes_nothing_and_says_why(
    faulty: FaultyKaltura,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fault: str,
    why: str,
) -> None:
    monkeypatch.setenv("TESTME_UPSTREAM_TIMEOUT", str(DEADLINE))
    faulty.faults["schema"] = fault
    output = tmp_path / "schema.xml"
    assert schema_pull(["--service-url", faulty.url, "-o", str(output)]) == 1
    elsewhere = faulty.url.replace("127.0.0.1", "localhost")
    assert why.format(elsewhere=elsewhere) in capsys.readouterr().err
    assert not output.exists()
