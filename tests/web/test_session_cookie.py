"""The cookie that keeps the KS is one per console instance: browsers keep cookies per host, not
per port, so two consoles on one host must not overwrite each other's KS; a restart of the same
console keeps its KS."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from app.protocol.ks import encode_v1
from app.settings import Settings
from app.web.app import create_app, session_cookie_name
from tests.web.conftest import FAKE_URL, FakeKaltura

FIRST_KS, SECOND_KS = (
    encode_v1("s", 101, expiry=4102444800, session_type=2, user_id=user)
    for user in ("first", "second")
)


def start_session(client: TestClient, fake: FakeKaltura, ks: str) -> None:
    """session.start, answered with `ks`: the console keeps it in its session cookie."""
    fake.reply_xml(f'<?xml version="1.0"?><xml><result>{ks}</result></xml>')
    client.post(
        "/api_v3/testme/send",
        data={"service": "session", "action": "start", "secret": "s"},
        files={"_": ("", b"")},
    )


def ks_on_page(client: TestClient) -> str:
    html = client.get("/api_v3/testme/").text
    field = re.search(r'<input[^>]*name="config\.ks"[^>]*>', html)
    assert field, "no ks field"
    value = re.search(r'value="([^"]*)"', field.group(0))
    return value.group(1) if value else ""


def test_two_consoles_on_one_host_keep_their_own_ks(
    make_client: Callable[..., TestClient], fake: FakeKaltura
) -> None:
    first, second = make_client(fake, port=8001), make_client(fake, port=8002)
    second.cookies.jar = first.cookies.jar  # one browser, one host: the ports share cookies
    start_session(first, fake, FIRST_KS)
    start_session(second, fake, SECOND_KS)
    assert ks_on_page(first) == FIRST_KS
    assert ks_on_page(second) == SECOND_KS


def test_a_restarted_console_keeps_its_ks(tmp_path: Path, real_schema_path: Path) -> None:
    fake = FakeKaltura()
    settings = Settings(
        service_url=FAKE_URL,
        schema_path=real_schema_path,
        data_dir=tmp_path,
        allowed_hosts=("testserver",),
    )
    transport = httpx.MockTransport(fake)
    with TestClient(create_app(settings, transport=transport)) as before:
        start_session(before, fake, FIRST_KS)
        cookies = before.cookies.jar
    with TestClient(create_app(settings, transport=transport)) as after:
        after.cookies.jar = cookies
        assert ks_on_page(after) == FIRST_KS


def test_the_cookie_name_tells_instances_apart(tmp_path: Path) -> None:
    base = Settings(data_dir=tmp_path)
    name = session_cookie_name(base, "key")
    assert name == session_cookie_name(base, "key")  # stable across restarts
    others = {
        session_cookie_name(Settings(data_dir=tmp_path, port=8001), "key"),
        session_cookie_name(Settings(data_dir=tmp_path, service_url=FAKE_URL), "key"),
        session_cookie_name(base, "another data dir's key"),
    }
    assert name not in others and len(others) == 3
    assert re.fullmatch(r"testme_session_[0-9a-f]{12}", name)
