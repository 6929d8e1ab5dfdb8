"""`make bench`, in a real Chromium: Send → Result usable for a big answer, against a bare page.

A fake Kaltura server on a real socket answers `media.list` with N media entries (5,000 make
about 5 MB of XML). "Ours" clicks Send on the console and stops the clock once the Result shows
the answer and the page answers again (a frame drawn and a task run after it). The baseline is a
bare page in the same browser, in the same run, that fetches the same bytes from the same server
and puts them in a `<pre>` as plain text, stopping the clock the same way. Each figure is the
median of `--repeat` runs; the machine may be loaded, so run it a few times.
Run: `.venv/bin/python scripts/bench_browser.py [--repeat N]` (scripts/bench.py calls it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.settings import Settings  # noqa: E402
from tests.conftest import CHROMIUM_ARGS, SHARED_SCHEMA  # noqa: E402
from tests.e2e.big_answers import media_list_xml  # noqa: E402
from tests.e2e.conftest import FakeKaltura, running_fake, serve_console  # noqa: E402

SIZES = (("5 MB", 5000), ("50 KB", 45))
"""(label, media entries): about 1.1 KB of XML an entry."""

# Both measurements end alike: the shown text is in the page, then one frame is drawn (layout and
# paint of what was added) and a task queued after it runs (the page answers input again).
SETTLED = "() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))"

OURS = f"""async () => {{
  const settled = {SETTLED};
  const result = document.getElementById("result");
  const shown = new Promise(done => document.addEventListener("htmx:afterSettle", function on(e) {{
    if (e.detail.elt !== result) return;
    document.removeEventListener("htmx:afterSettle", on); done();
  }}));
  const started = performance.now();
  document.querySelector("#console button.send").click();
  await shown;
  if (!result.querySelector("pre.code")) throw new Error("no answer in the Result");
  await settled();
  return performance.now() - started;
}}"""

BARE = f"""async url => {{
  const settled = {SETTLED};
  const pre = document.createElement("pre");
  document.body.replaceChildren(pre);
  const started = performance.now();
  const response = await fetch(url, {{method: "POST"}});
  pre.textContent = await response.text();
  await settled();
  return performance.now() - started;
}}"""


def chromium() -> str | None:
    found = os.environ.get("TESTME_CHROMIUM") or shutil.which("chromium")
    return found if found and Path(found).exists() else None


@contextmanager
def console_in_chromium() -> Iterator[tuple[FakeKaltura, str, Browser]]:
    """What every browser bench runs on: a fake Kaltura server, the console on a real socket
    with the 22.15.0 schema sending to it, and Chromium. Yields (fake, the console's URL,
    browser)."""
    with (
        running_fake() as fake,
        tempfile.TemporaryDirectory() as data,
        serve_console(
            Settings(service_url=fake.url, schema_path=SHARED_SCHEMA, data_dir=Path(data))
        ) as console,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            yield fake, console, browser
        finally:
            browser.close()


def ours_ms(page: Page, console: str) -> float:
    page.goto(f"{console}/api_v3/testme/?service=media&action=list")
    return float(page.evaluate(OURS))


def bare_ms(page: Page, upstream: str) -> float:
    page.goto(f"{upstream}/api_v3/service/bench/action/page")
    return float(page.evaluate(BARE, f"{upstream}/api_v3/service/media/action/list"))


def rows(repeat: int) -> list[tuple[str, float, str, float]]:
    """(what, ms, baseline, ms) for each size: medians of `repeat` runs, interleaved."""
    out = []
    with console_in_chromium() as (fake, console, browser):
        page = browser.new_page()
        fake.answer("bench", "page", "<!doctype html><title>bare</title>", "text/html")
        for label, entries in SIZES:
            body = media_list_xml(entries)
            fake.answer("media", "list", body)
            ours, bare = [], []
            for _ in range(repeat + 1):  # the first of each is a warm-up
                ours.append(ours_ms(page, console))
                bare.append(bare_ms(page, fake.url))
            size = f"{len(body) / 2**20:.1f} MB" if entries > 1000 else f"{len(body) // 1024} KB"
            out.append(
                (
                    f"browser: Send → Result usable, {label} XML ({size})",
                    statistics.median(ours[1:]),
                    "bare page fetch + <pre>",
                    statistics.median(bare[1:]),
                )
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for name, ours, base_name, base in rows(args.repeat):
        print(f"{name}  {ours:8.1f} ms  {base_name} {base:8.1f} ms  {ours / base:5.2f}x")


if __name__ == "__main__":
    main()
