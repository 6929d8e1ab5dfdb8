"""A file answer in the Result: data.serve answers the entry's text itself, not XML or JSON.
The Result says so plainly and shows the text, with no alert that it is "not a Kaltura
answer"; an error from the same action is still shown as the Kaltura error it is."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from app.settings import Settings
from app.web.app import create_app
from tests.e2e.console_page import Console, labelled
from tests.e2e.test_ks_inspector import start_session
from tests.sandbox.conftest import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sandbox_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The console with its embedded sandbox (the default set-up)."""
    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("file-answer")))
    url, server, thread = serve(app, lifespan="on")
    yield url
    server.should_exit = True
    thread.join(timeout=10)


def test_data_serve_shows_the_file_as_text_without_an_alert(page: Page, sandbox_url: str) -> None:
    console = Console(page, sandbox_url).open()
    start_session(console, 3600)
    group = console.choose_object("data", "add", "dataEntry", "KalturaDataEntry")
    labelled(group, "name").fill("notes.txt")
    labelled(group, "dataContent").fill("the notes ✓")
    added = console.send()
    found = re.search(r"<id>(0_[a-z0-9]{8})</id>", added.inner_text().replace("\n", ""))
    assert found, added.inner_text()

    console.choose("data", "serve")
    labelled(console.parameters, "entryId").fill(found.group(1))
    result = console.send()
    expect(result).to_contain_text("data.serve answers a file, not XML or JSON")
    expect(result).to_contain_text("text/plain")
    expect(result.get_by_text("the notes ✓", exact=True)).to_be_visible()
    expect(result.get_by_role("alert")).to_have_count(0)

    labelled(console.parameters, "entryId").fill("0_nosuch00")
    result = console.send()
    expect(result.get_by_role("alert")).to_contain_text("ENTRY_ID_NOT_FOUND")
    expect(result).not_to_contain_text("answers a file")
