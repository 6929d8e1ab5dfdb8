"""With the embedded sandbox serving the 22.15.0 schema, a person sees in Select action which
actions it does not simulate, and on choosing one, a note before the parameters saying what the
sandbox will answer and how to call the action for real; sending it shows that very error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from app.settings import Settings
from tests.e2e.conftest import serve_console
from tests.e2e.console_page import Console

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sandbox_url(real_schema_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = Settings(schema_path=real_schema_path, data_dir=tmp_path_factory.mktemp("marks"))
    with serve_console(settings) as url:
        yield url


def test_a_person_sees_which_actions_the_sandbox_does_not_simulate(
    page: Page, sandbox_url: str
) -> None:
    console = Console(page, sandbox_url).open()
    console.choose("livechannel", "add")
    select = page.get_by_label("Select action")
    expect(select.locator("option[value=isLive]")).to_have_text(
        "isLive — not simulated by the sandbox"
    )
    expect(select.locator("option[value=add]")).to_have_text("add")
    note = console.parameters.get_by_role("note")
    expect(note).to_have_count(0)

    console.choose("livechannel", "isLive")
    expect(select.locator("option:checked")).to_have_text("isLive — not simulated by the sandbox")
    expect(note).to_contain_text("does not simulate liveChannel.isLive")
    expect(note).to_contain_text("SANDBOX_ACTION_NOT_SIMULATED")
    expect(note).to_contain_text("--service-url")
    first = console.parameters.get_by_label("id", exact=False).first
    above, below = note.bounding_box(), first.bounding_box()
    assert above and below and above["y"] + above["height"] <= below["y"]  # before the fields

    first.fill("0_abc")
    expect(console.send()).to_contain_text("SANDBOX_ACTION_NOT_SIMULATED")
