"""A parameter whose type the schema lacks takes JSON in the browser and reaches the server as
the nested object it describes (elasticsearch_esearch.searchEntry in the 22.15.0 schema)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import FakeKaltura
from tests.e2e.console_page import Console, labelled
from tests.e2e.wire import call_params

pytestmark = pytest.mark.browser

SEARCH = '{"objectType": "KalturaESearchEntryParams", "searchOperator": {"objectType": "KalturaESearchEntryOperator", "operator": 1}}'


def test_an_unknown_type_takes_json_checked_as_typed_and_sent_nested(
    console: Console, fake: FakeKaltura
) -> None:
    console.choose("elasticsearch_esearch", "searchEntry")
    field = labelled(console.parameters, "searchParams")
    expect(console.parameters).to_contain_text("KalturaESearchEntryParams is not in this schema")

    field.fill('{"objectType": ')
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(console.parameters).to_contain_text("Not valid JSON")
    result = console.send()
    expect(result).to_contain_text("not valid JSON")
    assert fake.calls("elasticsearch_esearch", "searchEntry") == []

    field.fill(SEARCH)
    expect(field).not_to_have_attribute("aria-invalid", "true")
    expect(console.parameters).not_to_contain_text("Not valid JSON")
    console.send()
    [sent] = fake.calls("elasticsearch_esearch", "searchEntry")
    assert call_params(sent.json)["searchParams"] == {
        "objectType": "KalturaESearchEntryParams",
        "searchOperator": {"objectType": "KalturaESearchEntryOperator", "operator": "1"},
    }
