"""Headings and what axe-core finds, as a screen reader user meets them: every page has one
heading one, and axe-core reports nothing on the console, on a first visit or in
full use (a filter, More, the KS inspector, an answer, History open), in light and in dark."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import ROOT
from tests.e2e.conftest import FakeKaltura, xml_result
from tests.e2e.console_page import Console, labelled

pytestmark = pytest.mark.browser

AXE_CORE = "axe-core@4.11.0"  # the version the Makefile installs
# What axe-core reports: each rule broken, with the first few elements that break it.
AXE_RUN = """() => axe.run(document).then(r => r.violations.map(v =>
  v.id + ": " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")))"""
ENTRY = xml_result("<objectType>KalturaMediaEntry</objectType><id>0_a</id><name>clip</name>")
PAGES = [
    "/api_v3/testme/",
    "/api_v3/testme/?service=media&action=list",
    "/api_v3/testme/?service=nosuch",
    "/api_v3/testmeDoc/",
    "/api_v3/testmeDoc/?service=media",
    "/api_v3/testmeDoc/?object=KalturaMediaEntry",
    "/api_v3/testmeDoc/?object=KalturaEntryStatus",
    "/api_v3/testmeDoc/?object=Nosuch",
    "/api_v3/testmeDoc/errors",
    "/api_v3/testmeDoc/changes",
    "/api_v3/testme/libraries",
]


@pytest.fixture(scope="session")
def axe_source(tmp_path_factory: pytest.TempPathFactory) -> str:
    """axe-core's script: `make test` installs it beside kaltura-client (TESTME_NODE_MODULES);
    without it, npm installs it here once."""
    given = os.environ.get("TESTME_NODE_MODULES") or str(ROOT / ".venv/node/node_modules")
    script = Path(given) / "axe-core" / "axe.min.js"
    if not script.is_file():
        if not shutil.which("npm"):
            pytest.skip("axe-core comes from npm, which is not installed here")
        prefix = tmp_path_factory.mktemp("axe")
        subprocess.run(
            ["npm", "install", "--silent", "--prefix", str(prefix), AXE_CORE],
            check=True,
            timeout=300,
        )
        script = prefix / "node_modules" / "axe-core" / "axe.min.js"
    return script.read_text()


def axe(page: Page, source: str) -> list[str]:
    # Evaluated by the browser's debugger, past the page's CSP (script-src 'self').
    page.evaluate(source + ";0")
    found: list[str] = page.evaluate(AXE_RUN)
    return found


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_one_heading_one(page: Page, console_url: str, path: str) -> None:
    page.goto(console_url + path)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)


@pytest.mark.parametrize("colours", ["light", "dark"])
def test_axe_finds_nothing_on_the_console_first_seen_or_in_full_use(
    page: Page, console_url: str, fake: FakeKaltura, axe_source: str, colours: str
) -> None:
    page.emulate_media(color_scheme=colours)  # type: ignore[arg-type]
    console = Console(page, console_url).open()
    assert axe(page, axe_source) == []

    console.open_more()
    console.ks_field.fill("not-a-ks")
    console.configuration.get_by_role("button", name="Inspect", exact=True).click()
    expect(page.get_by_role("region", name="KS inspector")).not_to_be_empty()
    console.choose_object("media", "list", "filter", "KalturaMediaEntryFilter")
    labelled(console.group("filter"), "idIn").fill("0_a")
    fake.answer("media", "list", ENTRY)
    console.send()
    page.get_by_role("button", name="History", exact=True).click()
    assert axe(page, axe_source) == []
