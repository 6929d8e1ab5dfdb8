"""Dark mode follows the system's colour scheme; the top bar's toggle overrides it and is
remembered (localStorage holds only that preference). In both schemes the highlighted answer,
the error boxes and the docs pages keep readable contrast (WCAG AA, 4.5:1)."""

from __future__ import annotations

import base64

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import FakeKaltura, xml_result
from tests.e2e.console_page import Console, labelled

pytestmark = pytest.mark.browser

THEME = "testme.theme"
# WCAG contrast of each element's text against the first opaque background behind it.
CONTRAST = """els => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = c => { const v = c.slice(0, 3).map(x => { x /= 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const behind = e => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
    if (c.length === 3 || c[3] > 0.5) return c; } return [255, 255, 255]; };
  return els.filter(e => e.textContent.trim()).map(e => {
    const a = lum(rgb(getComputedStyle(e).color)), b = lum(behind(e));
    return [e.tagName + "." + e.className + " " + e.textContent.trim().slice(0, 20),
            Math.round(100 * (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)) / 100];
  });
}"""
# Each field's background as a person sees it: the box's own, or a file input's button.
BACKGROUND = """e => getComputedStyle(e, e.type === "file" ? "::file-selector-button" : null).backgroundColor"""
# How light a field looks as drawn (0 black … 1 white): its screenshot's mean lightness, so a
# checkbox or a button the browser draws itself counts as seen.
DRAWN = """async png => {
  const img = new Image(); img.src = "data:image/png;base64," + png; await img.decode();
  const canvas = document.createElement("canvas"); canvas.width = img.width; canvas.height = img.height;
  const g = canvas.getContext("2d"); g.drawImage(img, 0, 0);
  const d = g.getImageData(0, 0, img.width, img.height).data; let sum = 0;
  for (let i = 0; i < d.length; i += 4) sum += 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
  return sum / (d.length / 4) / 255;
}"""
DARK = "() => { const c = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number); return c[0] + c[1] + c[2] < 150; }"
ERROR = xml_result(
    '<error><code>ENTRY_ID_NOT_FOUND</code><message>Entry id "0_x" not found</message>'
    "<objectType>KalturaAPIException</objectType><args><item><objectType>KalturaApiExceptionArg"
    "</objectType><name>ENTRY_ID</name><value>0_x</value></item></args></error>"
)
ENTRY = xml_result(
    '<objectType>KalturaMediaEntry</objectType><id>0_a</id><name>a "clip"</name>'
    "<duration>12</duration><views>0</views><tags></tags>"
)


def dark(page: Page) -> bool:
    return bool(page.evaluate(DARK))


def stored(page: Page) -> dict[str, str]:
    """Everything the page keeps in localStorage but its History."""
    kept: dict[str, str] = page.evaluate("() => ({...localStorage})")
    return {k: v for k, v in kept.items() if k != "testme.history"}


def test_dark_mode_follows_the_system_and_the_toggle_is_remembered(
    page: Page, console_url: str
) -> None:
    page.emulate_media(color_scheme="dark")
    Console(page, console_url).open()
    toggle = page.get_by_role("button", name="Dark mode")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert dark(page)

    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    assert not dark(page)
    page.reload()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    assert not dark(page)
    assert stored(page) == {THEME: "light"}

    page.emulate_media(color_scheme="light")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    page.reload()
    assert dark(page)
    assert stored(page) == {THEME: "dark"}

    toggle.click()  # light, as the system is: the page follows the system again
    assert stored(page) == {}
    page.emulate_media(color_scheme="dark")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert dark(page)


def low_contrast(page: Page, selector: str) -> list[tuple[str, float]]:
    found: list[tuple[str, float]] = page.locator(selector).evaluate_all(CONTRAST)
    assert found, f"nothing matches {selector}"
    return [(name, ratio) for name, ratio in found if ratio < 4.5]


@pytest.mark.parametrize("colours", ["dark", "light"])
def test_answers_errors_and_docs_are_readable_in_both_schemes(
    page: Page, console_url: str, fake: FakeKaltura, colours: str
) -> None:
    page.emulate_media(color_scheme=colours)  # type: ignore[arg-type]
    console = Console(page, console_url).open()
    assert dark(page) == (colours == "dark")
    fake.answer("media", "get", ENTRY)
    console.choose("media", "get")
    labelled(console.parameters, "entryId").fill("0_a")
    console.send()
    assert low_contrast(page, "#result pre.code span, #result .meta span") == []
    assert (
        low_contrast(page, "fieldset label, fieldset .help, fieldset input, .send-row button") == []
    )

    fake.answer("media", "get", ERROR)
    console.send()
    assert low_contrast(page, "#result .error-box p, #result .error-box dd") == []

    page.goto(console_url + "/api_v3/testmeDoc/?object=KalturaMediaEntry")
    assert low_contrast(page, "main.docs article :is(h1, p, th, td, a), main.docs nav a") == []
    page.goto(console_url + "/api_v3/testmeDoc/errors")
    assert low_contrast(page, "main.docs article :is(td, code)") == []


def drawn_lightness(field: Locator) -> float:
    png = base64.b64encode(field.screenshot()).decode()
    return float(field.page.evaluate(DRAWN, png))


@pytest.mark.parametrize("chosen_by", ["system", "toggle"])
def test_every_kind_of_field_is_dark_in_dark_mode(
    page: Page, console_url: str, chosen_by: str
) -> None:
    page.emulate_media(color_scheme="dark" if chosen_by == "system" else "light")
    console = Console(page, console_url).open()
    if chosen_by == "toggle":
        page.get_by_role("button", name="Dark mode").click()
    assert dark(page)

    kinds: dict[str, Locator] = {}
    page.goto(console_url + "/api_v3/testme/?service=session&action=start")
    text = labelled(console.parameters, "userId")
    kinds["password"] = labelled(console.parameters, "secret")  # type=password
    kinds["number"] = labelled(console.parameters, "expiry")
    kinds["select"] = labelled(console.parameters, "type")
    kinds["checkbox"] = page.get_by_role("switch", name="Include secrets")
    field_colour = text.evaluate(BACKGROUND)
    button_colour = page.get_by_role("button", name="Share").evaluate(BACKGROUND)
    seen = {
        kind: (field.evaluate(BACKGROUND), drawn_lightness(field)) for kind, field in kinds.items()
    }
    seen["text"] = (field_colour, drawn_lightness(text))

    page.goto(console_url + "/api_v3/testme/?service=elasticsearch_esearch&action=searchEntry")
    textarea = labelled(console.parameters, "searchParams")
    seen["textarea"] = (textarea.evaluate(BACKGROUND), drawn_lightness(textarea))
    page.goto(console_url + "/api_v3/testme/?service=uploadtoken&action=upload")
    file = labelled(console.parameters, "fileData")
    seen["file"] = (file.evaluate(BACKGROUND), drawn_lightness(file))

    boxed = {"password", "number", "select", "textarea"}
    assert {k: colour for k, (colour, _) in seen.items() if k in boxed} == dict.fromkeys(
        boxed, field_colour
    ), "a field left to the browser's colours"
    assert seen["file"][0] == button_colour
    assert {k: round(light, 2) for k, (_, light) in seen.items() if light > 0.35} == {}
