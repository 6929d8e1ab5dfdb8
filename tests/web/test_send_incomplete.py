"""Send before a service and an action are chosen: a message in the Result saying what to
choose (and in a multirequest, in which request); nothing goes upstream."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import FakeKaltura


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"service": "", "action": ""}, "Choose a service and an action."),
        ({"service": "media", "action": "", "entryId": "0_a"}, "Choose a service and an action."),
        ({"service": "media"}, "Choose a service and an action."),
        (
            {
                "service": "multirequest",
                "1:service": "system",
                "1:action": "ping",
                "2:service": "",
            },
            "Request 2: choose a service and an action.",
        ),
        (
            {"service": "multirequest", "1:service": "media", "1:action": ""},
            "Request 1: choose a service and an action.",
        ),
    ],
)
def test_send_without_service_or_action_says_what_to_choose_and_sends_nothing(
    client: TestClient, fake: FakeKaltura, data: dict[str, str], message: str
) -> None:
    response = client.post(
        "/api_v3/testme/send", data={"config.ks": "k", **data}, files={"_": ("", b"")}
    )
    assert response.status_code == 200
    assert f'<div class="problem-box" role="alert">{message}</div>' in response.text
    assert "in the schema" not in response.text
    assert fake.received == []
