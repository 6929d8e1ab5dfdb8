"""Two consoles on one host, open in one browser: each keeps its own KS although browsers share
cookies across ports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from app.settings import Settings
from tests.e2e.conftest import FakeKaltura, serve_console, xml_result
from tests.e2e.console_page import Console, labelled
from tests.e2e.test_ks_capture import admin_ks

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def other_console_url(
    fake_server: FakeKaltura, real_schema_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A second console on the same host, another port, its own data dir."""
    settings = Settings(
        service_url=fake_server.url,
        schema_path=real_schema_path,
        data_dir=tmp_path_factory.mktemp("other-console"),
    )
    with serve_console(settings) as url:
        yield url


def start_session(console: Console, fake: FakeKaltura, ks: str) -> None:
    fake.answer("session", "start", xml_result(ks))
    console.choose("session", "start")
    labelled(console.parameters, "secret").fill("s")
    console.send()
    expect(console.ks_field).to_have_value(ks)


def test_two_consoles_on_one_host_keep_their_own_ks(
    page: Page, console_url: str, other_console_url: str, fake: FakeKaltura
) -> None:
    first_ks, second_ks = admin_ks("first"), admin_ks("second")
    first = Console(page, console_url).open()
    start_session(first, fake, first_ks)
    second = Console(page, other_console_url).open()
    start_session(second, fake, second_ks)

    first.open()
    expect(first.ks_field).to_have_value(first_ks)
    second.open()
    expect(second.ks_field).to_have_value(second_ks)
