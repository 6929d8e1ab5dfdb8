"""The page's scripts load as ES modules, every one from the same versioned directory (so no
cache mixes versions), with no error and no global of their own (static/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, Response, expect

from app.resources import resource_path

pytestmark = pytest.mark.browser

LOADED = """() => performance.getEntriesByType("resource").map(e => new URL(e.name).pathname)
  .filter(p => p.endsWith(".js"))"""


def test_every_script_loads_from_one_version_without_error(page: Page, console_url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(console_url + "?service=media&action=list")
    toggle = page.get_by_role("button", name="Dark mode")
    # A click through events.js flips the toggle; twice, so nothing is kept. The shared tab may
    # come from a test that left the system's scheme dark: the flip is from whatever it shows.
    before = toggle.get_attribute("aria-pressed")
    flipped = {"true": "false", "false": "true"}[str(before)]
    for pressed in (flipped, before):
        toggle.click()
        assert toggle.get_attribute("aria-pressed") == pressed
    page.wait_for_load_state("networkidle")
    on_disk = {p.name for p in Path(resource_path("static")).glob("*.js")}
    # The dialogs' modules load as their buttons are pressed (main.js), from the same version;
    # the Result's when it needs them.
    assert {path.rsplit("/", 1)[1] for path in page.evaluate(LOADED)} == on_disk - {
        "make-ks.js",
        "import.js",
        "follow.js",  # with the first Result that has an id
        "answer-paths.js",  # when a path is first typed in the Result's path filter
    }
    for button, dialog in (("Make a KS", "Make a KS"), ("Import", "Import")):
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.get_by_role("dialog", name=dialog)).to_be_visible()
        page.keyboard.press("Escape")
        expect(page.get_by_role("dialog", name=dialog)).to_be_hidden()

    loaded: list[str] = page.evaluate(LOADED)
    folders = {path.rsplit("/", 1)[0] for path in loaded}
    assert len(folders) == 1, loaded
    assert {path.rsplit("/", 1)[1] for path in loaded} == on_disk - {"follow.js", "answer-paths.js"}
    assert page.evaluate("Object.keys(window).filter(k => /^testme/i.test(k))") == []
    assert errors == []


TRANSFERRED = """() => performance.getEntriesByType("resource")
  .map(e => [new URL(e.name).pathname, e.transferSize])
  .filter(([path]) => path.includes("/static/") && (path.endsWith(".js") || path.endsWith(".css")))
  .map(([path, size]) => [path.split("/").pop(), size])"""


def test_a_second_load_takes_every_script_and_style_from_the_cache(
    page: Page, console_url: str
) -> None:
    """Scripts and styles only: the favicon is the browser's to ask for, or not, as it likes."""
    told: dict[str, str] = {}

    def note(response: Response) -> None:
        path = response.url.split("?")[0]
        if "/static/" in path and path.endswith((".js", ".css")):
            told[path.rsplit("/", 1)[1]] = response.headers.get("cache-control", "")

    page.on("response", note)
    page.goto(console_url + "/api_v3/testme/?service=system")
    page.remove_listener("response", note)
    first = page.evaluate(TRANSFERRED)
    # Told to keep each file for a year without asking: heuristic caching alone passes the rest.
    assert told and set(told.values()) == {"public, max-age=31536000, immutable"}, told
    assert first, "the page loaded nothing from /static/"
    page.goto(console_url + "/api_v3/testme/?service=media")
    again = page.evaluate(TRANSFERRED)
    assert {name for name, _ in again} == {name for name, _ in first}
    assert [name for name, size in again if size] == []  # nothing fetched nor revalidated
