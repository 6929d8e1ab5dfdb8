"""With the embedded sandbox as the target, the console and the docs say which actions it does not
simulate (they answer SANDBOX_ACTION_NOT_SIMULATED); with a real server, nothing is marked. The
classification is the sandbox engine's, so the tests read the same coverage first."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from app.protocol import fieldnames
from app.protocol.schema_loader import load_schema
from app.sandbox.engine import build_engine
from app.sandbox.engine.coverage import coverage as sandbox_coverage
from app.settings import Settings
from app.web.app import create_app
from tests.web.conftest import FakeKaltura

CONSOLE, DOCS = "/api_v3/testme/", "/api_v3/testmeDoc/"
MARK = "— not simulated by the sandbox"


@pytest.fixture(scope="module")
def coverage(real_schema_path: Path) -> dict[tuple[str, str], str]:
    """Each action's behaviour by (service, action), as `testme sandbox coverage` prints it."""
    schema = load_schema(real_schema_path)
    found = {
        (s.service, a): b
        for s in sandbox_coverage(schema, build_engine(schema))
        for a, b in s.actions
    }
    assert found[("liveChannel", "isLive")] == "not simulated"
    assert found[("liveChannel", "add")] == "stateful"
    assert found[("system", "ping")] == "simulated"
    return found


@pytest.fixture
def sandbox(tmp_path: Path, real_schema_path: Path) -> Iterator[TestClient]:
    """The console with no Kaltura server, serving the 22.15.0 schema from its sandbox."""
    settings = Settings(
        schema_path=real_schema_path,
        data_dir=tmp_path / "var",
        secret_key="s",
        allowed_hosts=("testserver",),
    )
    with TestClient(create_app(settings)) as client:
        yield client


def option(html: str, action: str) -> str:
    found = re.search(rf'<option value="{action}"[^>]*>([^<]*)</option>', html)
    assert found, f"no option {action}"
    return found.group(1)


def params_of(html: str) -> str:
    found = re.search(r'<fieldset id="[^"]*params"[^>]*>.*?</fieldset>', html, re.S)
    assert found
    return found.group(0)


def test_select_action_marks_what_the_sandbox_does_not_simulate(
    sandbox: TestClient, coverage: dict[tuple[str, str], str]
) -> None:
    html = sandbox.get(CONSOLE + "actions", params={fieldnames.SERVICE: "livechannel"}).text
    assert option(html, "isLive") == f"isLive {MARK}"
    assert option(html, "add") == "add"  # stateful: the sandbox keeps what it adds
    marked = {a for (s, a), b in coverage.items() if s == "liveChannel" and b == "not simulated"}
    assert len(re.findall(MARK, html)) == len(marked)


def test_choosing_a_not_simulated_action_says_what_the_sandbox_answers_and_what_to_do(
    sandbox: TestClient, coverage: dict[tuple[str, str], str]
) -> None:
    chosen = {fieldnames.SERVICE: "livechannel", fieldnames.ACTION: "isLive"}
    params = sandbox.post(CONSOLE + "params", data=chosen).text
    assert "does not simulate\n    <strong>liveChannel.isLive</strong>" in params
    assert "<code>SANDBOX_ACTION_NOT_SIMULATED</code>" in params
    assert "<code>--service-url URL</code>" in params and "TESTME_SERVERS" in params
    chosen[fieldnames.ACTION] = "add"
    assert "SANDBOX_ACTION_NOT_SIMULATED" not in sandbox.post(CONSOLE + "params", data=chosen).text


def test_a_link_to_a_not_simulated_action_opens_with_its_mark_and_note(
    sandbox: TestClient, coverage: dict[tuple[str, str], str]
) -> None:
    html = sandbox.get(CONSOLE, params={"service": "livechannel", "action": "isLive"}).text
    assert option(html, "isLive") == f"isLive {MARK}"
    assert 'class="sandbox-note" role="note"' in params_of(html)


def test_a_real_server_console_marks_nothing(
    make_client: Callable[..., TestClient], fake: FakeKaltura
) -> None:
    client = make_client(fake)
    html = client.get(CONSOLE, params={"service": "livechannel", "action": "isLive"}).text
    assert option(html, "isLive") == "isLive"
    assert "SANDBOX_ACTION_NOT_SIMULATED" not in html and "not simulated" not in html
    docs = client.get(DOCS, params={"service": "livechannel"}).text
    assert "sandbox" not in docs


def test_with_several_servers_only_the_sandbox_choice_is_marked(
    tmp_path: Path, real_schema_path: Path, fake: FakeKaltura
) -> None:
    settings = Settings(
        servers=(("prod", "http://prod.test"),),
        schema_path=real_schema_path,
        data_dir=tmp_path / "var",
        secret_key="s",
        allowed_hosts=("testserver",),
    )
    with TestClient(create_app(settings, transport=httpx.MockTransport(fake))) as client:
        for server, marked in (("prod", False), ("sandbox", True)):
            asked = {fieldnames.SERVICE: "livechannel", fieldnames.SERVER: server}
            html = client.get(CONSOLE + "actions", params=asked).text
            assert (option(html, "isLive") == f"isLive {MARK}") is marked, server
            docs = client.get(DOCS, params={"service": "livechannel", fieldnames.SERVER: server})
            assert ("not simulated by the sandbox" in docs.text) is marked, server


def test_the_docs_badge_each_action_and_count_what_the_sandbox_answers(
    sandbox: TestClient, coverage: dict[tuple[str, str], str]
) -> None:
    html = sandbox.get(DOCS, params={"service": "livechannel"}).text
    badge = '<h2 id="{}">{}{} <small class="badge sandbox-{}">{}</small></h2>'
    assert badge.format("add", "add", "", "stateful", "sandbox keeps state") in html
    assert (
        badge.format("isLive", "isLive", "", "not-simulated", "not simulated by the sandbox")
        in html
    )
    channel = [b for (s, _), b in coverage.items() if s == "liveChannel"]
    answered = sum(b != "not simulated" for b in channel)
    assert f"The embedded sandbox answers {answered} of {len(channel)} actions" in html
    system = sandbox.get(DOCS, params={"service": "system"}).text
    assert badge.format("ping", "ping", "", "simulated", "sandbox simulates") in system
