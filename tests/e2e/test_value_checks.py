"""The browser checks typed values by the server's rule (app/protocol/patterns.py): what the
field flags is what Send flags, references to earlier results included."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.core.test_patterns import CASES
from tests.e2e.conftest import FakeKaltura, xml_result
from tests.e2e.console_page import Console, labelled

pytestmark = pytest.mark.browser

# The page's own patterns, compiled as value-checks.js compiles them, over the core's table of cases.
RUN_TABLE = """cases => {
  const data = document.getElementById("console").dataset;
  const source = name => data["pattern" + name[0].toUpperCase() + name.slice(1)];
  return cases.map(([name, text]) => new RegExp("^(?:" + source(name) + ")$").test(text));
}"""


def test_the_browser_matches_values_as_the_server_does(console: Console) -> None:
    got = console.page.evaluate(RUN_TABLE, [[name, text] for name, text, _ in CASES])
    assert got == [whole for _, _, whole in CASES]


def test_a_reference_in_an_int_field_of_a_later_request_is_not_flagged(
    console: Console, fake: FakeKaltura
) -> None:
    fake.answer("multirequest", "", xml_result("<item></item><item></item>"))
    console.choose_multirequest()
    console.choose("media", "get", console.request(1))
    labelled(console.request(1), "entryId").fill("0_a")
    console.add_request()
    second = console.request(2)
    console.choose("media", "get", second)
    labelled(second, "entryId").fill("{1:result:id}")
    version = labelled(second, "version")

    version.fill("{1:result:version}")
    expect(version).not_to_have_attribute("aria-invalid", "true")
    expect(version).not_to_have_accessible_description(re.compile("Not an integer"))
    version.fill("{2:result:version}")  # itself: Send flags it too
    expect(version).to_have_accessible_description(re.compile("does not run before it"))

    version.fill("{1:result:version}")
    result = console.send()
    expect(result).not_to_contain_text("need a look")
    assert fake.calls("multirequest", "")[0].json["2"]["version"] == "{1:result:version}"


def test_a_renumbered_request_judges_references_by_its_new_number(console: Console) -> None:
    """value-checks.js reads a request's number from the page (data-request), which renumbering
    keeps up to date: request 3 become 2 may use result 1 but no longer result 2."""
    console.choose_multirequest()
    for n in (1, 2, 3):
        if n > 1:
            console.add_request()
        console.choose("media", "get", console.request(n))
    console.remove_request(1)
    version = labelled(console.request(2), "version")

    version.fill("{1:result:version}")
    expect(version).not_to_have_attribute("aria-invalid", "true")
    version.fill("{2:result:version}")
    expect(version).to_have_accessible_description(
        re.compile("Refers to request 2, which does not run before it")
    )


# -- what Send holds back is marked on its field ---------------------------------------------

MISSING = re.compile("missing mandatory parameter")


def test_send_marks_an_empty_required_field_focuses_it_and_the_mark_goes_when_filled(
    console: Console, fake: FakeKaltura
) -> None:
    console.choose("session", "start")
    secret = labelled(console.parameters, "secret")
    console.send()

    expect(secret).to_have_attribute("aria-invalid", "true")
    expect(secret).to_be_focused()
    expect(secret).to_have_accessible_description(MISSING)
    expect(console.parameters.get_by_text(MISSING)).to_be_visible()
    assert fake.received == []

    secret.press_sequentially("s")
    expect(secret).not_to_have_attribute("aria-invalid", "true")
    expect(console.parameters.get_by_text(MISSING)).to_be_hidden()


def test_a_missing_required_object_is_marked_on_its_object_type(console: Console) -> None:
    console.choose("media", "add")
    object_type = console.object_type(console.group("entry"))
    console.choose_type(console.group("entry"), "")  # "(not sent)"
    console.send()
    expect(object_type).to_have_attribute("aria-invalid", "true")
    expect(object_type).to_be_focused()
    expect(object_type).to_have_accessible_description(MISSING)

    console.choose_type(console.group("entry"), "KalturaMediaEntry")
    expect(object_type).not_to_have_attribute("aria-invalid", "true")


def test_a_nested_value_send_holds_back_gets_the_focus_and_the_servers_word(
    console: Console,
) -> None:
    filter_ = console.choose_object("media", "list", "filter", "KalturaMediaEntryFilter")
    partner = labelled(filter_, "partnerIdEqual")
    partner.fill("abc")
    console.send()
    expect(partner).to_be_focused()
    expect(partner).to_have_accessible_description(re.compile("expects a whole number"))


def test_in_a_multirequest_the_marks_name_the_request_and_survive_send_anyway(
    console: Console, fake: FakeKaltura
) -> None:
    fake.answer("multirequest", "", xml_result("<item></item><item></item>"))
    console.choose_multirequest()
    console.choose("system", "ping", console.request(1))
    console.add_request()
    console.choose("session", "start", console.request(2))
    secret = labelled(console.request(2), "secret")

    result = console.send()
    expect(secret).to_have_attribute("aria-invalid", "true")
    expect(secret).to_be_focused()
    expect(secret).to_have_accessible_description(MISSING)

    console.send(result.get_by_role("button", name="Send anyway"))
    expect(result).to_contain_text("Sent anyway")
    expect(secret).to_have_attribute("aria-invalid", "true")  # still what Send found
    expect(secret).to_have_accessible_description(MISSING)


def test_a_problem_behind_configurations_more_opens_it_and_gets_the_focus(
    console: Console,
) -> None:
    console.choose("system", "ping")
    console.open_more()
    profile = console.configuration.get_by_role("group", name="responseProfile", exact=True)
    console.choose_type(profile, "KalturaResponseProfileHolder")
    profile_id = labelled(profile, "id")
    profile_id.fill("abc")
    console.more.click()  # closed again, the field out of sight
    expect(profile_id).to_be_hidden()

    console.send()
    expect(profile_id).to_be_visible()
    expect(profile_id).to_be_focused()
    expect(profile_id).to_have_accessible_description(re.compile("expects a whole number"))
