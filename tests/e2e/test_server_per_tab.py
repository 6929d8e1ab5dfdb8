"""Two tabs on two servers with different schemas: each tab's fragments (action lists, object
types, item rows) come from its own server, whichever the browser chose last."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, expect

from app.settings import Settings
from tests.e2e.conftest import FakeKaltura, running_fake, serve_console
from tests.e2e.console_page import Console, labelled
from tests.web.ott_schema import OTT_SCHEMA

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def ovp_and_ott(real_schema_path: Path) -> Iterator[tuple[FakeKaltura, FakeKaltura]]:
    with running_fake() as ovp, running_fake() as ott:
        # the schema a server serves at /api_v3/api_schema.php (no service, no action)
        ovp.answer("", "", real_schema_path.read_bytes(), content_type="text/xml")
        ott.answer("", "", OTT_SCHEMA, content_type="text/xml")
        yield ovp, ott


@pytest.fixture(scope="module")
def two_schemas_url(
    ovp_and_ott: tuple[FakeKaltura, FakeKaltura], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    ovp, ott = ovp_and_ott
    settings = Settings(
        servers=(("ovp", ovp.url), ("ott", ott.url)),
        data_dir=tmp_path_factory.mktemp("two-schemas"),
    )
    with serve_console(settings) as url:
        yield url


def test_each_tab_fetches_its_fragments_from_its_own_server(
    context: BrowserContext, two_schemas_url: str
) -> None:
    first = Console(context.new_page(), two_schemas_url).open()
    expect(labelled(first.configuration, "Server")).to_have_value("ovp")

    second = Console(context.new_page(), two_schemas_url).open()
    with second.page.expect_navigation():
        labelled(second.configuration, "Server").select_option("ott")
    second.choose("ottuser", "login")  # the browser's last choice is now ott

    first.choose("media", "list")  # media is not in the OTT schema: this must ask ovp
    filter_group = first.group("filter")
    first.choose_type(filter_group, "KalturaMediaEntryFilter")
    expect(labelled(filter_group, "mediaTypeEqual")).to_be_visible()

    second.choose("asset", "list")
    filter_group = second.group("filter")
    second.choose_type(filter_group, "KalturaSearchAssetFilter")
    expect(labelled(filter_group, "kSql")).to_be_visible()
