"""The browser checks typed values by the server's rule (app/kaltura/patterns.py): what the
field flags is what Send flags, references to earlier results included."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.core.test_patterns import CASES
from tests.e2e.conftest import FakeKaltura, xml_result
from tests.e2e.console_page import Console, labelled

pytestmark = pytest.mark.browser

# The page's own patterns, compiled as console.js compiles them, over the core's table of cases.
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
    """console.js reads a request's number from the page (data-request), which renumbering
    keeps up to date: request 3 become 2 may use result 1 but no longer result 2."""
    console.choose_multirequest()
    for n in (1, 2, 3):
        if n > 1:
            console.add_request()
        console.choose("media", "get", console.request(n))
    console.request(1).get_by_role("button", name="Remove request 1").click()
    version = labelled(console.request(2), "version")

    version.fill("{1:result:version}")
    expect(version).not_to_have_attribute("aria-invalid", "true")
    version.fill("{2:result:version}")
    expect(version).to_have_accessible_description(
        re.compile("Refers to request 2, which does not run before it")
    )
