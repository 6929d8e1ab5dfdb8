"""Secrets, as the page shows them: password inputs with a Show button, and masked in "Request
sent" by what is secret (an upload token's id is not)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import FakeKaltura


def input_tag(html: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', html)
    assert found, f"no input {name}"
    return found.group(0)


@pytest.mark.parametrize(
    ("query", "data", "name", "secret"),
    [
        ({"service": "session", "action": "start"}, None, "secret", True),
        ({"service": "user", "action": "loginByLoginId"}, None, "password", True),
        ({"service": "appToken", "action": "startSession"}, None, "tokenHash", True),
        ({"service": "livestream", "action": "authenticate"}, None, "token", True),
        ({"service": "session", "action": "start"}, None, "userId", False),
        ({"service": "uploadToken", "action": "upload"}, None, "uploadTokenId", False),
        (None, ("KalturaUser", "user"), "user:password", True),
        (None, ("KalturaUploadedFileTokenResource", "resource"), "resource:token", False),
    ],
)
def test_secrets_are_typed_into_password_inputs_with_a_show_button(
    client: TestClient,
    query: dict[str, str] | None,
    data: tuple[str, str] | None,
    name: str,
    secret: bool,
) -> None:
    if query:
        html = client.get("/api_v3/testme/params", params=query).text
    else:
        assert data
        object_type, path = data
        html = client.post(
            "/api_v3/testme/object",
            data={"__path": path, "__declared": object_type, f"{path}:objectType": object_type},
        ).text
    tag = input_tag(html, name)
    assert ('type="password"' in tag) is secret
    field_id = re.search(r'id="([^"]+)"', tag)
    assert field_id
    show = re.search(rf'<button[^>]*data-reveal="{field_id.group(1)}"[^>]*>Show</button>', html)
    assert bool(show) is secret
    if show:
        assert 'aria-pressed="false"' in show.group(0)
        assert f'aria-label="Show {name.rpartition(":")[2]}"' in show.group(0)


def test_request_sent_shows_an_upload_token_id_and_masks_a_token_hash(
    client: TestClient, fake: FakeKaltura
) -> None:
    html = client.post(
        "/api_v3/testme/send",
        data={
            "service": "media",
            "action": "addContent",
            "entryId": "0_e",
            "resource:objectType": "KalturaUploadedFileTokenResource",
            "resource:token": "1_uploadtokenid",
        },
    ).text
    assert "1_uploadtokenid" in html.split("Request sent")[1]
    html = client.post(
        "/api_v3/testme/send",
        data={"service": "appToken", "action": "startSession", "id": "1_t", "tokenHash": "f00d"},
    ).text
    assert "f00d" not in html and "••••••" in html
