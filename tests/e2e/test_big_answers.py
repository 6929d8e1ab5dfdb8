"""Big answers in the Result: a 5 MB answer shows its first part at once and the page stays
usable; Show all brings the rest, in steps, while the page answers clicks; Download gives the
bytes as received; a 50 KB answer is whole and highlighted; a Download with no answer left in
the page says so. The answer lives in the page only (the console keeps no copy)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from playwright.sync_api import Locator, expect

from tests.e2e.big_answers import media_list_json, media_list_xml
from tests.e2e.conftest import FakeKaltura
from tests.e2e.console_page import Console

pytestmark = pytest.mark.browser

LAST_OF_5000 = "0_00001388"  # entry ids count in hex
ALL_SHOWN_MS = 60_000  # a loaded machine may take its time; the page stays usable meanwhile


def answer_of(console: Console) -> Locator:
    return console.result.get_by_label("Answer", exact=True)


def pretty(body: bytes) -> str:
    """The whole answer as the server lays out its first part."""
    root = ET.fromstring(body)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="unicode")


def send_media_list(console: Console, fake: FakeKaltura, body: bytes, content_type: str) -> None:
    fake.answer("media", "list", body, content_type)
    console.choose("media", "list")
    console.send()


def test_a_5mb_answer_shows_its_first_part_and_show_all_the_rest_while_the_page_answers(
    console: Console, fake: FakeKaltura
) -> None:
    body = media_list_xml(5000)
    send_media_list(console, fake, body, "text/xml")
    answer = answer_of(console)
    expect(answer).to_contain_text("<id>0_00000001</id>")
    expect(answer).not_to_contain_text(LAST_OF_5000)
    expect(answer.locator("span.tag").first).to_be_visible()  # the first part is highlighted
    expect(console.result).to_contain_text("Long answer (5.5 MB)")

    show_all = console.result.get_by_role("button", name="Show all", exact=True)
    show_all.focus()  # by keyboard
    # Enter on Show all, then one task later a click elsewhere: the page answers it while the
    # rest is still being added (5 MB takes many steps, whatever the machine's speed).
    meanwhile = console.page.evaluate(
        """() => new Promise(resolve => {
          const box = document.activeElement.closest("[data-answer]");
          document.activeElement.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter"}));
          document.activeElement.click();
          setTimeout(() => {  // a click that leaves the focus where it is: Configuration folds
            const fold = document.querySelector("[data-config-fold]");
            const before = fold.getAttribute("aria-expanded");
            fold.click();
            resolve({busy: box.getAttribute("aria-busy"), toggled: String(fold.getAttribute("aria-expanded") !== before)});
          }, 0);
        })"""
    )
    assert meanwhile == {"busy": "true", "toggled": "true"}

    expect(console.result.get_by_role("status").filter(has_text=re.compile("."))).to_have_text(
        "The whole answer is shown.", timeout=ALL_SHOWN_MS
    )
    assert answer.text_content() == pretty(body)  # nothing repeated, nothing lost
    expect(console.result.get_by_text("its first part is shown")).to_be_hidden()
    expect(show_all).to_be_hidden()
    expect(console.result.get_by_role("button", name="Download", exact=True)).to_be_focused()


def test_a_50kb_answer_is_whole_and_highlighted(console: Console, fake: FakeKaltura) -> None:
    body = media_list_xml(45)
    assert 40_000 < len(body) < 52_000
    send_media_list(console, fake, body, "text/xml")
    answer = answer_of(console)
    expect(answer).to_contain_text("<id>0_0000002d</id>")  # the 45th, the last
    assert answer.inner_text() == pretty(body)
    expect(answer.locator("span.tag").first).to_be_visible()
    expect(console.result.get_by_role("button", name="Show all")).to_have_count(0)
    expect(console.result.get_by_role("button", name="Download", exact=True)).to_be_visible()


@pytest.mark.parametrize(
    ("body", "content_type", "filename"),
    [
        (media_list_xml(5000), "text/xml;charset=utf-8", "media.list.xml"),
        (media_list_json(3), "application/json", "media.list.json"),
        (b"<xml><result>caf\xe9\r\n</result></xml>", "text/xml", "media.list.xml"),  # not UTF-8
    ],
)
def test_download_gives_the_bytes_as_received(
    console: Console,
    fake: FakeKaltura,
    tmp_path: Path,
    body: bytes,
    content_type: str,
    filename: str,
) -> None:
    send_media_list(console, fake, body, content_type)
    console.page.evaluate(
        """() => {
          window.__blobTypes = [];
          const made = URL.createObjectURL;
          URL.createObjectURL = blob => { window.__blobTypes.push(blob.type); return made.call(URL, blob); };
        }"""
    )
    with console.page.expect_download() as event:
        console.result.get_by_role("button", name="Download", exact=True).click()
    download = event.value
    assert download.suggested_filename == filename
    saved = tmp_path / filename
    download.save_as(saved)
    assert saved.read_bytes() == body
    assert console.page.evaluate("() => window.__blobTypes") == [content_type]


def test_download_of_an_answer_the_page_no_longer_holds_says_so(
    console: Console, fake: FakeKaltura
) -> None:
    send_media_list(console, fake, media_list_xml(2), "text/xml")
    # What a page restored without its answer holds: the Result, but not the answer itself.
    console.page.evaluate("() => document.querySelector('template[data-raw-answer]').remove()")
    downloads: list[object] = []
    console.page.on("download", lambda download: downloads.append(download))
    console.result.get_by_role("button", name="Download", exact=True).click()
    expect(console.result.get_by_role("status").filter(has_text=re.compile("."))).to_contain_text(
        "no longer in the page"
    )
    assert downloads == []
