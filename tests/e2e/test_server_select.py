"""Several servers (TESTME_SERVERS): a person picks one in the Server select, and Send reaches
that server only, with its own KS."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from app.settings import Settings
from tests.e2e.conftest import FakeKaltura, free_port, running_fake, serve_console, xml_result
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


@pytest.fixture(scope="module")
def down_server_console_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """TESTME_SERVERS="alpha=…" with nothing listening there, beside the sandbox."""
    settings = Settings(
        servers=(("alpha", f"http://127.0.0.1:{free_port()}"),),
        data_dir=tmp_path_factory.mktemp("down-server-console"),
        upstream_timeout=5,
    )
    with serve_console(settings) as url:
        yield url


SELECT_FITS = """select => {
  const style = getComputedStyle(select);
  const context = document.createElement("canvas").getContext("2d");
  context.font = `${style.fontSize} ${style.fontFamily}`;
  const text = select.selectedOptions[0].textContent;
  return context.measureText(text).width + 40 <= select.clientWidth;  // 40: padding, arrow
}"""


def test_a_server_down_at_start_up_says_so_beside_target(
    page: Page, down_server_console_url: str
) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    console = Console(page, down_server_console_url).open()
    origin = page.locator(".origin")
    expect(origin).to_contain_text("Target: alpha — http://127.0.0.1:")
    notice = page.get_by_role("status").filter(has_text=re.compile("start-up|reloaded"))
    expect(notice).to_contain_text(
        "Unreachable at start-up: showing the embedded schema; Reload schema to try again."
    )
    server = labelled(console.configuration, "Server")
    assert server.evaluate(SELECT_FITS), "the Server select cuts its label off at 1366 px"

    page.get_by_role("button", name="Reload schema").click()
    expect(notice).to_contain_text("The schema could not be reloaded. Could not connect to")
    expect(notice).to_contain_text("Kept schema 22.15.0")

    page.set_viewport_size({"width": 400, "height": 800})
    expect(notice).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 400
    page.set_viewport_size({"width": 1366, "height": 768})


def test_the_sandbox_among_servers_says_it_answers_in_their_place(
    page: Page, down_server_console_url: str
) -> None:
    console = Console(page, down_server_console_url).open()
    with page.expect_navigation():
        labelled(console.configuration, "Server").select_option("sandbox")
    box = page.get_by_role("complementary", name="Sandbox credentials")
    expect(box).to_contain_text("The embedded sandbox answers this page's calls")
    expect(box).not_to_contain_text("No Kaltura server is configured")
    expect(page.locator(".origin")).to_contain_text("Target: sandbox — embedded sandbox")
    expect(page.get_by_role("status").filter(has_text="at start-up")).to_have_count(0)


def test_back_after_choosing_a_server_returns_to_the_one_left(
    page: Page, servers_console_url: str
) -> None:
    """The Server select opens the other server's page; the entry left keeps its own address.
    The new page is held a moment, as a slow server would: the address used to follow the
    select in that moment, so Back returned to the new server."""
    console = Console(page, servers_console_url).open()
    left = page.url

    def slowly(route: Route) -> None:
        time.sleep(0.4)  # the page runs on meanwhile: its timers fire
        route.continue_()

    page.route(re.compile(r".*__server=qa.*"), slowly)
    try:
        with page.expect_navigation(url=re.compile(r"__server=qa")):
            labelled(console.configuration, "Server").select_option("qa")
    finally:
        page.unroute(re.compile(r".*__server=qa.*"))
    page.go_back()
    assert page.url == left
    expect(labelled(console.configuration, "Server")).to_have_value("prod")
