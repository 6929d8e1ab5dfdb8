"""The Result's tools, as a person uses them on XML and JSON answers and on a multirequest:
folds (a big list starts folded), search with a count and next/previous, the path filter, copy
of one value and of the whole answer, each sub-request's answer folding on its own."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import BrowserContext, Locator, expect

from tests.e2e.big_answers import media_list_json, media_list_xml
from tests.e2e.conftest import FakeKaltura, xml_result
from tests.e2e.console_page import Console, labelled
from tests.e2e.test_multirequest import LIST_THEN_NOT_FOUND

pytestmark = pytest.mark.browser

JSON_TYPE = "application/json"


def media_list(count: int, kind: str) -> tuple[str, str]:
    """A media.list answer of `count` entries as Kaltura writes it in `kind`, and its type."""
    entries = [
        {"id": f"0_{i:03d}", "name": f"Entry {i}", "objectType": "KalturaMediaEntry"}
        for i in range(count)
    ]
    if kind == "json":
        answer = {"objects": entries, "totalCount": count, "objectType": "KalturaMediaListResponse"}
        return json.dumps(answer), JSON_TYPE
    items = "".join(
        f"<item><id>{e['id']}</id><name>{e['name']}</name><objectType>{e['objectType']}"
        "</objectType></item>"
        for e in entries
    )
    inner = f"<objects>{items}</objects><totalCount>{count}</totalCount>"
    return xml_result(inner + "<objectType>KalturaMediaListResponse</objectType>"), "text/xml"


def send_media_list(console: Console, fake: FakeKaltura, count: int, kind: str) -> Locator:
    body, content_type = media_list(count, kind)
    fake.answer("media", "list", body, content_type)
    console.choose("media", "list")
    labelled(console.configuration, "format").select_option("1" if kind == "json" else "2")
    return console.send()


def send_multirequest(console: Console, fake: FakeKaltura) -> Locator:
    """A multirequest answered with a list and an error (the fake answers whatever was asked)."""
    fake.answer("multirequest", "", LIST_THEN_NOT_FOUND)
    console.choose_multirequest()
    console.choose("system", "ping", console.request(1))
    return console.send()


def shown_text(locator: Locator) -> str:
    """The text a person sees (innerText leaves out what is folded away)."""
    text: str = locator.evaluate("e => e.innerText")
    return text


@pytest.mark.parametrize("kind", ["xml", "json"])
def test_an_object_folds_and_unfolds(console: Console, fake: FakeKaltura, kind: str) -> None:
    result = send_media_list(console, fake, 3, kind)
    answer = result.get_by_label("Answer", exact=True)
    objects = answer.get_by_role("button", name="objects", exact=True)
    expect(objects).to_have_attribute("aria-expanded", "true")
    assert "Entry 2" in shown_text(answer)

    objects.click()
    expect(objects).to_have_attribute("aria-expanded", "false")
    assert "Entry 2" not in shown_text(answer)
    assert "totalCount" in shown_text(answer)
    assert "3 items" in answer.evaluate(
        "e => [...e.querySelectorAll('.folded')].map(f => getComputedStyle(f, '::before').content).join()"
    )
    objects.press("Enter")
    expect(objects).to_have_attribute("aria-expanded", "true")
    assert "Entry 2" in shown_text(answer)


@pytest.mark.parametrize("kind", ["xml", "json"])
def test_a_list_past_fifty_items_starts_folded(
    console: Console, fake: FakeKaltura, kind: str
) -> None:
    result = send_media_list(console, fake, 51, kind)
    answer = result.get_by_label("Answer", exact=True)
    objects = answer.get_by_role("button", name="objects", exact=True)
    expect(objects).to_have_attribute("aria-expanded", "false")
    assert "Entry 50" not in shown_text(answer)
    result.get_by_role("button", name="Expand all").click()
    expect(objects).to_have_attribute("aria-expanded", "true")
    result.get_by_role("button", name="Collapse all").click()
    expect(answer.get_by_role("button")).to_have_count(1)  # the outermost, folded: all else inside
    expect(answer.get_by_role("button")).to_have_attribute("aria-expanded", "false")


def fold_counts(answer: Locator) -> list[str]:
    """What each folded fold says it holds, as a person reads it (`… 500 items`)."""
    said: list[str] = answer.evaluate(
        "e => [...e.querySelectorAll('.folded')].map(f => getComputedStyle(f, '::before').content)"
    )
    return said


@pytest.mark.parametrize(("kind", "content_type"), [("xml", "text/xml"), ("json", JSON_TYPE)])
def test_a_list_cut_short_says_how_many_it_holds_and_how_many_are_shown(
    console: Console, fake: FakeKaltura, kind: str, content_type: str
) -> None:
    body = media_list_xml(500) if kind == "xml" else media_list_json(500)
    fake.answer("media", "list", body, content_type)
    console.choose("media", "list")
    labelled(console.configuration, "format").select_option("1" if kind == "json" else "2")
    result = console.send()
    expect(result).to_contain_text("its first part is shown")
    answer = result.get_by_label("Answer", exact=True)
    objects = answer.get_by_role("button", name="objects", exact=True)
    expect(objects).to_have_attribute("aria-expanded", "false")
    [said] = fold_counts(answer)
    shown = re.fullmatch(r'"… 500 items \((\d+) shown\) "', said)
    assert shown, said
    in_page = answer.evaluate(
        "e => e.querySelector('.folded').querySelectorAll(':scope > .fold').length"
    )
    assert int(shown.group(1)) == in_page < 500


def test_a_list_shown_whole_says_only_how_many_it_holds(
    console: Console, fake: FakeKaltura
) -> None:
    answer = send_media_list(console, fake, 60, "json").get_by_label("Answer", exact=True)
    assert fold_counts(answer) == ['"… 60 items "']


def test_fifty_items_stay_open(console: Console, fake: FakeKaltura) -> None:
    answer = send_media_list(console, fake, 50, "xml").get_by_label("Answer", exact=True)
    expect(answer.get_by_role("button", name="objects")).to_have_attribute("aria-expanded", "true")


def test_folds_are_one_tab_stop_and_arrows_move_between_them(
    console: Console, fake: FakeKaltura
) -> None:
    answer = send_media_list(console, fake, 2, "json").get_by_label("Answer", exact=True)
    toggles = answer.locator("button.fold-toggle")  # the ids are buttons too (follow.js)
    expect(toggles).to_have_count(4)  # the answer, objects, two entries
    answer.focus()
    console.page.keyboard.press("Tab")
    expect(toggles.nth(0)).to_be_focused()
    console.page.keyboard.press("ArrowDown")
    objects = answer.get_by_role("button", name="objects")
    expect(objects).to_be_focused()
    console.page.keyboard.press("ArrowLeft")
    expect(objects).to_have_attribute("aria-expanded", "false")
    console.page.keyboard.press("ArrowDown")  # the entries are folded away: nothing below
    expect(objects).to_be_focused()
    console.page.keyboard.press("ArrowRight")
    expect(objects).to_have_attribute("aria-expanded", "true")
    console.page.keyboard.press("Tab")  # to the answer's ids, one Tab stop too (follow.js)
    expect(answer.locator("button.follow").first).to_be_focused()
    console.page.keyboard.press("Tab")  # out of the answer in one step
    expect(toggles.nth(2)).not_to_be_focused()
    assert answer.evaluate("e => !e.contains(document.activeElement)")


@pytest.mark.parametrize("kind", ["xml", "json"])
def test_search_counts_and_steps_through_matches(
    console: Console, fake: FakeKaltura, kind: str
) -> None:
    result = send_media_list(console, fake, 60, kind)  # the entries start folded
    box = result.get_by_role("searchbox", name="Search the answer")
    count = result.get_by_role("status").filter(has_text=re.compile("of|match"))
    box.fill("entry 5")
    expect(count).to_have_text("1 of 11")  # Entry 5, Entry 50..59
    marked = "() => CSS.highlights.get('answer-search').size"
    assert console.page.evaluate(marked) == 11
    objects = result.get_by_role("button", name="objects", exact=True)
    expect(objects).to_have_attribute("aria-expanded", "true")  # unfolded to show the match
    box.press("Enter")
    expect(count).to_have_text("2 of 11")
    box.press("Shift+Enter")
    box.press("Shift+Enter")
    expect(count).to_have_text("11 of 11")
    result.get_by_role("button", name="Next match").click()
    expect(count).to_have_text("1 of 11")
    box.fill("no such words")
    expect(count).to_have_text("No match")


def test_a_path_filter_that_did_not_load_says_so(console: Console, fake: FakeKaltura) -> None:
    """The path grammar loads when a path is first typed: when it cannot, the status says so."""
    console.page.route("**/answer-paths.js", lambda route: route.abort())
    try:
        console.open()  # a page whose module map has no answer-paths.js yet
        result = send_media_list(console, fake, 3, "xml")
        result.get_by_role("textbox", name="Path filter").fill("objects.*.name")
        expect(result.get_by_text("The path filter did not load")).to_be_visible()
    finally:
        console.page.unroute("**/answer-paths.js")
        console.open()


@pytest.mark.parametrize("kind", ["xml", "json"])
def test_the_path_filter_shows_the_values_at_a_path(
    console: Console, fake: FakeKaltura, kind: str
) -> None:
    result = send_media_list(console, fake, 3, kind)
    path = result.get_by_role("textbox", name="Path filter")
    values = result.get_by_role("list", name="Values at the path")
    path.fill("objects.*.name")
    expect(values.get_by_role("listitem")).to_have_count(3)
    expect(values.get_by_role("listitem").nth(2)).to_contain_text("objects.2.name")
    expect(values.get_by_role("listitem").nth(2)).to_contain_text("Entry 2")
    expect(result.get_by_text("3 values")).to_be_visible()
    path.fill("totalCount")
    expect(values.get_by_role("listitem")).to_have_text([re.compile(r"^totalCount.*3$")])
    path.fill("objects.3.id")
    expect(result.get_by_text("No value at objects.3.id.")).to_be_visible()
    expect(values).to_be_hidden()
    path.fill("objects..id")
    expect(result.get_by_text(re.compile("^Not a path: .* has an empty part"))).to_be_visible()


def test_the_path_filter_reads_a_multirequest_by_request_number(
    console: Console, fake: FakeKaltura
) -> None:
    result = send_multirequest(console, fake)
    path = result.get_by_role("textbox", name="Path filter")
    values = result.get_by_role("list", name="Values at the path")
    path.fill("0.objects.0.id")
    path.press("Enter")
    expect(values.get_by_role("listitem")).to_have_text([re.compile(r"0\.objects\.0\.id.*0_a")])
    path.fill("*.code")
    path.press("Enter")
    expect(values.get_by_role("listitem")).to_have_text([re.compile("ENTRY_ID_NOT_FOUND")])


def test_each_request_of_a_multirequest_folds_on_its_own(
    console: Console, fake: FakeKaltura
) -> None:
    result = send_multirequest(console, fake)
    first = result.get_by_role("button", name=re.compile("^Request 1"))
    expect(first).to_have_attribute("aria-expanded", "true")
    first.click()
    expect(first).to_have_attribute("aria-expanded", "false")
    expect(result.get_by_label("Answer of request 1")).to_be_hidden()
    expect(result.get_by_label("Answer of request 2")).to_be_visible()
    box = result.get_by_role("searchbox", name="Search the answer")
    box.fill("0_a")  # a match in the folded request opens it
    expect(first).to_have_attribute("aria-expanded", "true")
    expect(result.get_by_label("Answer of request 1")).to_be_visible()


def test_copy_one_value_and_the_whole_answer(
    console: Console, fake: FakeKaltura, shared_context: BrowserContext, console_url: str
) -> None:
    shared_context.grant_permissions(["clipboard-read", "clipboard-write"], origin=console_url)
    result = send_media_list(console, fake, 2, "xml")
    path = result.get_by_role("textbox", name="Path filter")
    path.fill("objects.1.id")
    result.get_by_role("button", name="Copy objects.1.id").click()
    expect(result.get_by_text("Copied.")).to_be_visible()
    assert console.page.evaluate("() => navigator.clipboard.readText()") == "0_001"
    result.get_by_role("button", name="Copy answer").click()
    copied = console.page.evaluate("() => navigator.clipboard.readText()")
    assert "<name>Entry 1</name>" in copied and copied.count("<item>") == 2


# What the page carries of a large answer beside its highlighted first part (the contract with
# the big-answers work): the whole text in a template next to the answer.
RAW_COPY = """([answer, raw]) => {
  const template = document.createElement("template");
  template.setAttribute("data-raw-answer", "");
  template.content.append(raw);
  answer.after(template);
}"""


def test_the_path_filter_and_copy_read_the_whole_answer_the_page_carries(
    console: Console, fake: FakeKaltura, shared_context: BrowserContext, console_url: str
) -> None:
    shared_context.grant_permissions(["clipboard-read", "clipboard-write"], origin=console_url)
    result = send_media_list(console, fake, 2, "json")
    whole, _ = media_list(7, "json")
    answer = result.get_by_label("Answer", exact=True)
    console.page.evaluate(RAW_COPY, [answer.element_handle(), whole])
    result.get_by_role("textbox", name="Path filter").fill("objects.6.name")
    values = result.get_by_role("list", name="Values at the path")
    expect(values.get_by_role("listitem")).to_have_text([re.compile("Entry 6")])
    result.get_by_role("button", name="Copy answer").click()
    expect(result.get_by_text("Copied.")).to_be_visible()
    assert console.page.evaluate("() => navigator.clipboard.readText()") == whole


def test_copy_answer_of_an_answer_that_is_not_utf8_copies_its_text_not_its_base64(
    console: Console, fake: FakeKaltura, shared_context: BrowserContext, console_url: str
) -> None:
    shared_context.grant_permissions(["clipboard-read", "clipboard-write"], origin=console_url)
    body = xml_result("<objects><item><name>caf\xe9</name></item></objects>").encode("latin-1")
    fake.answer("media", "list", body, "text/xml")
    console.choose("media", "list")
    result = console.send()
    expect(result).to_contain_text("not valid UTF-8")
    result.get_by_role("button", name="Copy answer").click()
    expect(result.get_by_text("Copied.")).to_be_visible()
    copied = console.page.evaluate("() => navigator.clipboard.readText()")
    assert copied == body.decode("utf-8", errors="replace")
