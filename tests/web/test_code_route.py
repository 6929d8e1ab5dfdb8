"""The Code region's route: every language's tab, a clear text for a language whose module is
not there, its own controls never taken for parameters, nothing sent upstream."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from app.reference import samples
from tests.web.conftest import FakeKaltura

CODE = "/api_v3/testme/code"
PING = {"service": "system", "action": "ping", "config.format": "2"}


def tabs(html: str) -> list[str]:
    return re.findall(r'role="tab"[^>]*>([^<]*)</button>', html)


def test_every_language_has_a_tab_and_nothing_is_sent(
    client: TestClient, fake: FakeKaltura
) -> None:
    page = client.post(CODE, data={**PING, "__language": "http", "__include_secrets": "1"})
    assert page.status_code == 200
    assert tabs(page.text) == ["curl", "Python", "PHP", "JavaScript", "Java", "Ruby", "HTTP"]
    assert (
        'id="code-tab-http" aria-controls="code-panel-http"\n          aria-selected="true"'
        in page.text
    )
    assert "__language" not in page.text and "__include_secrets" not in page.text
    assert fake.received == []


def test_a_language_without_its_module_says_so(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = samples.render

    def without_php(
        language: str, call: samples.Call | samples.MultiRequest, context: samples.SampleContext
    ) -> str:
        if language == "php":
            raise ModuleNotFoundError("No module", name=f"{samples.__name__}.php")
        return real(language, call, context)

    monkeypatch.setattr(samples, "render", without_php)
    page = client.post(CODE, data=PING).text
    panel = page[page.index('id="code-panel-php"') : page.index('id="code-panel-javascript"')]
    assert "not available" in panel
    assert "client.system.ping()" in page


def test_no_call_chosen_says_what_to_do(client: TestClient) -> None:
    page = client.post(CODE, data={"service": "media"}).text
    assert "Choose a service and an action." in page and tabs(page) == []
