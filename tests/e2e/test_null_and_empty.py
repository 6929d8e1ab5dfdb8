"""The null and empty switches: while on, what they override is visibly disabled (and out of the
Tab order) but kept; turning them off gives it back as it was. The wire is unchanged: only
`x__null` or `x:-` goes out."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, expect

from tests.e2e.conftest import FakeKaltura, xml_result
from tests.e2e.console_page import Console, labelled
from tests.e2e.wire import EMPTY_MEDIA_LIST

pytestmark = pytest.mark.browser


def switch(field: Locator, name: str) -> Locator:
    """The null/empty switch that belongs to `field` (a control or a group)."""
    return field.locator("xpath=..").get_by_role("button", name=name, exact=True).first


def test_null_on_a_typed_value_disables_it_and_gives_it_back(
    console: Console, fake: FakeKaltura
) -> None:
    fake.answer("media", "update", xml_result("<objectType>KalturaMediaEntry</objectType>"))
    entry = console.choose_object("media", "update", "mediaEntry", "KalturaMediaEntry")
    labelled(console.parameters, "entryId").fill("0_x")
    description = labelled(entry, "description")
    description.fill("typed by hand")
    null = switch(description, "null")

    null.click()
    expect(null).to_have_attribute("aria-pressed", "true")
    expect(description).to_be_disabled()
    expect(description).to_have_value("typed by hand")
    console.send()
    sent = fake.calls("media", "update")[0].json["mediaEntry"]
    assert "description" not in sent and sent["description__null"] == ""

    null.click()
    expect(description).to_be_enabled()
    expect(description).to_have_value("typed by hand")


def test_null_on_a_filter_disables_its_type_and_body_and_gives_them_back(
    console: Console, fake: FakeKaltura
) -> None:
    fake.answer("media", "list", EMPTY_MEDIA_LIST)
    media_filter = console.choose_object("media", "list", "filter", "KalturaMediaEntryFilter")
    name_like = labelled(media_filter, "nameLike")
    name_like.fill("QA")
    tags_like = labelled(media_filter, "tagsLike")
    switch(tags_like, "null").click()  # a field inside whose own null is on
    object_type = console.object_type(media_filter)
    filter_null = switch(object_type, "null")

    filter_null.click()
    for control in (object_type, name_like, tags_like, switch(tags_like, "null")):
        expect(control).to_be_disabled()
    console.send()
    assert fake.calls("media", "list")[0].json["filter__null"] == ""
    assert "filter" not in fake.calls("media", "list")[0].json

    filter_null.click()
    expect(object_type).to_be_enabled()
    expect(object_type).to_have_value("KalturaMediaEntryFilter")
    expect(name_like).to_be_enabled()
    expect(name_like).to_have_value("QA")
    expect(tags_like).to_be_disabled()  # its own null is still on
    expect(switch(tags_like, "null")).to_have_attribute("aria-pressed", "true")
    console.send()
    assert fake.calls("media", "list")[1].json["filter"]["tagsLike__null"] == ""


def test_empty_on_an_array_with_items_disables_them_and_add(
    console: Console, fake: FakeKaltura
) -> None:
    console.choose("report", "execute")
    labelled(console.parameters, "id").fill("1")
    params = console.group("params")
    console.add_item(params)
    item = console.group("params[0]", params)
    console.choose_type(item, "KalturaKeyValue")
    key = labelled(item, "key")
    key.fill("partner_id")
    add = params.get_by_role("button", name="Add", exact=True)
    empty = params.get_by_role("button", name="empty", exact=True)

    empty.click()
    expect(key).to_be_disabled()
    expect(add).to_be_disabled()
    console.send()
    assert fake.calls("report", "execute")[0].json["params"] == {"-": ""}

    empty.click()
    expect(key).to_be_enabled()
    expect(key).to_have_value("partner_id")
    expect(add).to_be_enabled()


def test_tab_skips_what_null_covers(console: Console) -> None:
    entry = console.choose_object("media", "update", "mediaEntry", "KalturaMediaEntry")
    name, description = labelled(entry, "name"), labelled(entry, "description")
    switch(description, "null").click()

    name.focus()
    for _ in range(6):  # past name's own controls, whatever they are
        console.page.keyboard.press("Tab")
        expect(description).not_to_be_focused()


def test_alt_shift_n_in_a_field_switches_its_null_by_keyboard(console: Console) -> None:
    entry = console.choose_object("media", "update", "mediaEntry", "KalturaMediaEntry")
    description = labelled(entry, "description")
    description.fill("kept")
    null = switch(description, "null")
    expect(null).to_have_attribute("aria-keyshortcuts", "Alt+Shift+N")

    description.press("Alt+Shift+N")
    expect(null).to_have_attribute("aria-pressed", "true")
    expect(null).to_be_focused()  # the field is disabled now; Tab reaches the switch
    expect(null).to_have_attribute("tabindex", "0")

    null.press("Alt+Shift+N")
    expect(null).to_have_attribute("aria-pressed", "false")
    expect(description).to_be_focused()
    expect(description).to_have_value("kept")


def test_alt_shift_e_on_add_empties_a_list(console: Console) -> None:
    console.choose("report", "execute")
    params = console.group("params")
    add = params.get_by_role("button", name="Add", exact=True)
    empty = params.get_by_role("button", name="empty", exact=True)

    add.press("Alt+Shift+E")
    expect(empty).to_have_attribute("aria-pressed", "true")
    expect(empty).to_be_focused()
    expect(add).to_be_disabled()
