"""Several servers (TESTME_SERVERS): a person picks one in the Server select, and Send reaches
that server only, with its own KS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from app.settings import Settings
from tests.e2e.conftest import FakeKaltura, running_fake, serve_console, xml_result
from tests.e2e.console_page import Console, labelled

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def two_fakes() -> Iterator[tuple[FakeKaltura, FakeKaltura]]:
    with running_fake() as prod, running_fake() as qa:
        yield prod, qa


@pytest.fixture(scope="module")
def servers_console_url(
    two_fakes: tuple[FakeKaltura, FakeKaltura],
    real_schema_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    prod, qa = two_fakes
    settings = Settings(
        servers=(("prod", prod.url), ("qa", qa.url)),
        schema_path=real_schema_path,
        data_dir=tmp_path_factory.mktemp("servers-console"),
    )
    with serve_console(settings) as url:
        yield url


def test_choosing_a_server_sends_there_with_its_own_ks(
    page: Page, servers_console_url: str, two_fakes: tuple[FakeKaltura, FakeKaltura]
) -> None:
    prod, qa = two_fakes
    prod.reset()
    qa.reset()
    console = Console(page, servers_console_url).open()
    server = labelled(console.configuration, "Server")
    expect(server).to_have_value("prod")
    with console.swap("/ks"):
        console.ks_field.fill("PRODKS")

    with page.expect_navigation():
        server.select_option("qa")
    expect(labelled(console.configuration, "Server")).to_have_value("qa")
    expect(console.ks_field).to_have_value("")
    qa.answer("system", "ping", xml_result("1"))
    console.choose("system", "ping")
    console.send()
    expect(console.result).to_contain_text("system.ping")
    assert [r.path for r in qa.received] == ["/api_v3/service/system/action/ping"]
    assert prod.received == []

    with page.expect_navigation():
        labelled(console.configuration, "Server").select_option("prod")
    expect(console.ks_field).to_have_value("PRODKS")
