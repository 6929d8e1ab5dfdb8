"""`make bench`, in a real Chromium: what a first load of the console costs on the wire, and
what a second one asks the server again.

The console (real socket, the 22.15.0 schema) is opened in a fresh browser context, an empty
cache. "First load" adds up, from the Resource Timing API, the `encodedBodySize` of every script
and style the page loaded: their bodies as they crossed the wire (compressed or not). Response
headers are left out: Chromium reports a flat 300 B each for them (`transferSize` minus
`encodedBodySize`), and their number is the modules', not compression's, doing. The baseline is
the vendored htmx alone, uncompressed, as the issue put it (52 KB). The page itself is measured
the same way against its own decoded size. "Second load" opens another console page in the same
context and counts the requests for static files (scripts, styles, the favicon) that went to the
server again, fetched or revalidated, from Chromium's own network events: the goal is none, of
every one the page asked for. Run: `.venv/bin/python scripts/bench_wire.py [--repeat N]`
(scripts/bench.py calls it).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_browser import console_in_chromium  # noqa: E402
from bench_units import Figure, unit_of  # noqa: E402

from app.resources import resource_path  # noqa: E402

KB = 1000  # bytes, as the issue counts them (htmx.min.js, 52,182 bytes: "52 KB")
FIRST = "/api_v3/testme/?service=media&action=list"
SECOND = "/api_v3/testme/?service=media&action=get"

SCRIPTS_AND_STYLES = """() => performance.getEntriesByType("resource")
  .filter(e => /\\/static\\/.*\\.(js|css)$/.test(new URL(e.name).pathname))
  .map(e => ({name: e.name, transfer: e.transferSize, encoded: e.encodedBodySize,
              decoded: e.decodedBodySize}))"""


PAGE = """() => performance.getEntriesByType("navigation")
  .map(e => ({encoded: e.encodedBodySize, decoded: e.decodedBodySize}))[0]"""


def first_load(browser: Browser, console: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Each script and style of a first load into an empty cache, and the page, with sizes."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(console + FIRST)
    page.wait_for_load_state("networkidle")
    loaded: list[dict[str, Any]] = page.evaluate(SCRIPTS_AND_STYLES)
    document: dict[str, Any] = page.evaluate(PAGE)
    context.close()
    return loaded, document


def second_load(browser: Browser, console: str) -> tuple[int, int]:
    """(static requests that reached the server, static requests) on loading a second page
    after a first, in one context."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(console + FIRST)
    page.wait_for_load_state("networkidle")
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    asked: dict[str, str] = {}  # request id: URL
    reached: set[str] = set()
    from_memory: set[str] = set()  # a memory-cache hit says so in its own event

    def sent(event: dict[str, Any]) -> None:
        if "/static/" in event["request"]["url"]:
            asked[event["requestId"]] = event["request"]["url"]

    def received(event: dict[str, Any]) -> None:
        response = event["response"]
        cached = response.get("fromDiskCache") or response.get("fromMemoryCache")
        if not cached and event["requestId"] not in from_memory:
            reached.add(event["requestId"])

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.requestServedFromCache", lambda event: from_memory.add(event["requestId"]))
    cdp.on("Network.responseReceived", received)
    page.goto(console + SECOND)
    page.wait_for_load_state("networkidle")
    context.close()
    return len(reached & asked.keys()), len(asked)


def rows(repeat: int) -> list[tuple[str, float, str, float]]:
    """(what, figure, baseline, figure): the KB of a first load's scripts and styles against
    htmx's own, the page's against its decoded size, and the static requests a second load
    sends again against all it makes."""
    htmx_kb = (Path(resource_path("static")) / "htmx.min.js").stat().st_size / KB
    with console_in_chromium() as (_, console, browser):
        firsts = [first_load(browser, console) for _ in range(max(1, repeat))]
        seconds = [second_load(browser, console) for _ in range(max(1, repeat))]
    wire = statistics.median(sum(e["encoded"] for e in loaded) / KB for loaded, _ in firsts)
    page, page_decoded = (
        statistics.median(document[size] / KB for _, document in firsts)
        for size in ("encoded", "decoded")
    )
    again, asked = max(seconds)  # the worst run: any revalidation counts
    return [
        (
            "browser: JS + CSS of a first load, KB on the wire",
            Figure(wire, "KB"),
            "htmx alone, uncompressed",
            Figure(htmx_kb, "KB"),
        ),
        (
            "browser: console page (HTML), KB on the wire",
            Figure(page, "KB"),
            "the same page, decoded",
            Figure(page_decoded, "KB"),
        ),
        (
            "browser: second load, static requests sent again",
            Figure(again, "req"),
            "static requests made",
            Figure(asked, "req"),
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for name, ours, base_name, base in rows(args.repeat):
        ratio = f"{ours / base:5.2f}x" if base else "-"
        ours_shown, base_shown = (f"{v:8.1f} {unit_of(v)}" for v in (ours, base))
        print(f"{name}  {ours_shown}  {base_name} {base_shown}  {ratio}")


if __name__ == "__main__":
    main()
