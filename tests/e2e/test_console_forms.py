"""The forms the console builds from the real 22.15.0 schema, used in Chromium the way a person
uses them: dropdowns, objectType choices, nested objects opened on demand, array items."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from app.protocol import facts
from app.web import templating
from tests.e2e.console_page import Console, labelled

pytestmark = pytest.mark.browser


@cache
def concrete_subclasses(schema_path: Path, base: str) -> frozenset[str]:
    """Read straight from the schema XML: every non-abstract class descending from `base`."""
    classes = ET.parse(schema_path).getroot().find("classes")
    assert classes is not None
    parent = {c.get("name"): c.get("base") for c in classes}
    abstract = {c.get("name") for c in classes if c.get("abstract") == "1"}

    def descends(name: str | None) -> bool:
        while name:
            if name == base:
                return True
            name = parent.get(name)
        return False

    return frozenset(str(n) for n in parent if n not in abstract and descends(n))


def offered_types(select_values: list[str]) -> list[str]:
    return [v for v in select_values if v]


def test_multirequest_is_the_first_service_and_actions_follow_the_service(
    console: Console,
) -> None:
    services = console.page.get_by_label("Select service")
    values = services.locator("option").evaluate_all("os => os.map(o => o.value)")
    assert values[:2] == ["", "multirequest"]
    assert {"media", "uploadtoken", "caption_captionasset"} <= set(values)
    labels = services.locator("option").all_inner_texts()
    assert "accessControl (deprecated)" in labels
    assert labels[2:] == sorted(labels[2:], key=str.lower)

    console.choose("baseentry", "addContent")
    actions = console.page.get_by_label("Select action")
    action_values = actions.locator("option").evaluate_all("os => os.map(o => o.value)")
    assert {"addContent", "list", "get", "delete"} <= set(action_values)
    expect(labelled(console.parameters, "entryId")).to_be_visible()


def test_abstract_resource_offers_its_concrete_subclasses_only(
    console: Console, real_schema_path: Path
) -> None:
    console.choose("baseentry", "addContent")
    resource = console.group("resource")
    object_type = console.object_type(resource)

    values = object_type.locator("option").evaluate_all("os => os.map(o => o.value)")
    assert values[0] == "", "the first choice means 'not sent'"
    offered = offered_types(values)
    assert "KalturaResource" not in offered
    assert {"KalturaUploadedFileTokenResource", "KalturaUrlResource"} <= set(offered)
    assert set(offered) == concrete_subclasses(real_schema_path, "KalturaResource")
    assert len(offered) == len(set(offered))


def test_choosing_a_type_shows_its_properties(console: Console) -> None:
    console.choose("baseentry", "addContent")
    resource = console.group("resource")
    expect(labelled(resource, "url")).to_have_count(0)

    console.choose_type(resource, "KalturaUrlResource")
    expect(labelled(resource, "url")).to_be_visible()
    expect(labelled(resource, "forceAsyncDownload")).to_be_visible()

    console.choose_type(resource, "KalturaUploadedFileTokenResource")
    expect(labelled(resource, "token")).to_be_visible()
    expect(labelled(resource, "url")).to_have_count(0)


def test_read_only_properties_are_hidden(console: Console) -> None:
    console.choose("media", "add")
    entry = console.group("entry")
    console.choose_type(entry, "KalturaMediaEntry")
    expect(labelled(entry, "name")).to_be_visible()
    # id, createdAt and partnerId are read-only on KalturaBaseEntry
    for read_only in ("id", "createdAt", "partnerId"):
        expect(labelled(entry, read_only)).to_have_count(0)


def test_nested_objects_open_one_level_at_a_time(console: Console) -> None:
    """KalturaSearchOperator.items holds KalturaSearchItems, one of which is a
    KalturaSearchOperator: the form only grows as far as the user opens it."""
    console.choose("media", "list")
    media_filter = console.group("filter")
    console.choose_type(media_filter, "KalturaMediaEntryFilter")

    search = console.group("advancedSearch", media_filter)
    expect(console.object_type(search)).to_be_visible()
    expect(console.group("items", search)).to_have_count(0)

    console.choose_type(search, "KalturaSearchOperator")
    items = console.group("items", search)
    expect(items).to_be_visible()
    expect(items.get_by_role("group")).to_have_count(0)

    console.add_item(items)
    first = console.group("items[0]", items)
    item_types = console.object_type(first)
    offered = offered_types(item_types.locator("option").evaluate_all("os => os.map(o => o.value)"))
    assert "KalturaSearchOperator" in offered, offered
    assert "KalturaSearchItem" not in offered, "abstract"

    console.choose_type(first, "KalturaSearchOperator")
    expect(console.group("items", first)).to_be_visible()


def test_changing_the_type_keeps_values_whose_names_still_exist(console: Console) -> None:
    console.choose("media", "list")
    media_filter = console.group("filter")
    console.choose_type(media_filter, "KalturaMediaEntryFilter")
    labelled(media_filter, "nameLike").fill("holiday")
    labelled(media_filter, "mediaTypeEqual").select_option("1")

    console.choose_type(media_filter, "KalturaLiveStreamEntryFilter")
    expect(labelled(media_filter, "nameLike")).to_have_value("holiday")


def test_array_items_are_added_and_removed(console: Console) -> None:
    console.choose("report", "execute")
    params = console.group("params")

    for _ in range(3):
        console.add_item(params)
    expect(params.get_by_role("group", name="params[2]", exact=True)).to_be_visible()

    second = console.group("params[1]", params)
    second.get_by_role("button", name="Remove", exact=True).click()
    expect(second).to_have_count(0)
    expect(console.group("params[0]", params)).to_be_visible()
    expect(console.group("params[2]", params)).to_be_visible()

    console.add_item(params)
    expect(console.group("params[3]", params)).to_be_visible()


def test_more_than_ten_items_keep_their_order(console: Console) -> None:
    console.choose("report", "execute")
    params = console.group("params")
    for _ in range(12):
        console.add_item(params)
    names = re.findall(r'group "(params\[\d+\])"', params.aria_snapshot())
    assert names == [f"params[{i}]" for i in range(12)], names


def test_text_in_an_int_field_is_flagged_at_the_field(console: Console) -> None:
    console.choose("media", "list")
    pager = console.group("pager")
    console.choose_type(pager, "KalturaFilterPager")
    page_size = labelled(pager, "pageSize")

    page_size.fill("abc")
    expect(page_size).to_have_attribute("aria-invalid", "true")
    expect(page_size).to_have_accessible_description(re.compile("Not an integer"))

    page_size.fill("30")
    expect(page_size).not_to_have_attribute("aria-invalid", "true")
    page_size.fill("+5")  # as Send reads it (app/protocol/patterns.py)
    expect(page_size).not_to_have_attribute("aria-invalid", "true")


def test_each_parameter_shows_its_type_help_and_default(console: Console) -> None:
    console.choose("session", "start")
    params = console.parameters

    expiry = params.get_by_label("expiry (int)", exact=True)
    expect(expiry).to_have_attribute("placeholder", "86400")
    expect(expiry).to_have_accessible_description(re.compile("KS expiry time in seconds"))

    session_type = params.get_by_label("type (KalturaSessionType)", exact=True)
    options = session_type.locator("option").all_inner_texts()
    assert options[0].startswith("not set"), options
    assert options[1:] == ["USER (0)", "ADMIN (2)"]


def test_a_bool_is_a_three_way_choice(console: Console) -> None:
    console.choose("uploadtoken", "upload")
    resume = labelled(console.parameters, "resume")
    values = resume.locator("option").evaluate_all("os => os.map(o => o.value)")
    assert values == ["", "true", "false"]
    expect(resume).to_have_value("")


def test_a_time_field_shows_the_date_it_means(console: Console) -> None:
    console.choose("media", "list")
    media_filter = console.group("filter")
    console.choose_type(media_filter, "KalturaMediaEntryFilter")
    created = labelled(media_filter, "createdAtGreaterThanOrEqual")

    created.fill("1700000000")
    expect(media_filter).to_contain_text("2023-11-14 22:13")
    created.fill("-3600")  # under ten years: relative to now
    expect(media_filter).to_contain_text(re.compile(r"now\s*-\s*3600"))


def test_the_time_hint_says_what_the_server_states(
    page: Page, console_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ten-year rule and the hint's words are the server's, carried by the page: changed
    in Python, the hint the browser writes as a value is typed follows, with no script changed."""
    monkeypatch.setattr(facts, "RELATIVE_TIME_LIMIT", 1000)
    monkeypatch.setattr(templating, "TIME_HINT_RELATIVE", "{n} s {sign} now")
    console = Console(page, console_url).open()
    console.choose("media", "list")
    media_filter = console.group("filter")
    console.choose_type(media_filter, "KalturaMediaEntryFilter")
    created = labelled(media_filter, "createdAtGreaterThanOrEqual")

    created.fill("-30")
    expect(media_filter).to_contain_text("30 s - now")
    created.fill("-3600")  # past the rule's limit now: a date
    expect(media_filter).to_contain_text("1969-12-31 23:00:00 UTC")


def test_the_docs_open_an_action_in_the_console(page: Page, console_url: str) -> None:
    page.goto(console_url + "/api_v3/testmeDoc/?service=media")
    page.get_by_role("heading", name="list", exact=True).locator("..").get_by_role(
        "link", name="Try it in the console"
    ).click()

    console = Console(page, console_url)
    expect(page.get_by_label("Select service")).to_have_value("media")
    expect(page.get_by_label("Select action")).to_have_value("list")
    expect(console.group("filter")).to_be_visible()
    expect(console.group("pager")).to_be_visible()
