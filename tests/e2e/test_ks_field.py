"""The ks field as a person uses it: its note follows what is typed, Clear empties it for good,
and a KS ended by session.end is called out beside Send while Send still sends it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import FakeKaltura
from tests.e2e.console_page import Console
from tests.e2e.test_ks_capture import PARTNER_ID, admin_ks

pytestmark = pytest.mark.browser


def test_the_note_follows_what_the_field_holds_and_clear_forgets_it(console: Console) -> None:
    field = console.ks_field
    field.fill(admin_ks())
    expect(field).to_have_accessible_description(re.compile(rf"KS v2, partner {PARTNER_ID}"))
    field.fill("garbage")
    expect(field).to_have_accessible_description(re.compile("not a KS this console can read"))
    expect(field).not_to_have_accessible_description(re.compile("partner"))

    field.fill(admin_ks())
    expect(field).to_have_accessible_description(re.compile(rf"partner {PARTNER_ID}"))
    console.configuration.get_by_role("button", name="Clear", exact=True).click()
    expect(field).to_have_value("")
    expect(field).to_be_focused()
    expect(field).to_have_accessible_description("Kaltura API session")
    console.page.reload()
    expect(console.ks_field).to_have_value("")


def test_a_ks_ended_by_session_end_is_called_out_beside_send(
    console: Console, fake: FakeKaltura
) -> None:
    ks = admin_ks()
    console.ks_field.fill(ks)
    expect(console.ks_field).to_have_accessible_description(re.compile("partner"))
    console.choose("session", "end")
    console.send()
    warning = console.page.get_by_role("status").filter(has_text="will be refused")
    expect(warning).to_contain_text("it was ended by session.end")
    expect(console.ks_field).to_have_value(ks)

    console.choose("system", "ping")
    console.send()
    [ping] = fake.calls("system", "ping")
    assert ping.json["ks"] == ks  # the warning holds nothing back
    expect(warning).to_be_visible()

    console.page.reload()
    expect(console.page.get_by_role("status").filter(has_text="will be refused")).to_be_visible()
    console.configuration.get_by_role("button", name="Clear", exact=True).click()
    expect(console.page.get_by_role("status").filter(has_text="will be refused")).to_have_count(0)
