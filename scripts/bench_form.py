"""`make bench`, in a real Chromium: choosing an action, and the console's first load.

The console runs on a real socket with the 22.15.0 schema (111 services), as in
`bench_browser.py`. Two rows, each against a baseline timed in the same browser, in the same run,
interleaved with ours (the first run of each is a warm-up; each figure is the median of the rest):

- Choose an action → its form usable. Ours picks `media.list` in the console's Select action
  (service media already chosen) and stops the clock once the first parameter field is visible
  and the page answers again (a frame drawn and a task run after it). The baseline is a bare page
  on the console's origin that fetches the same `/params` fragment and sets it as `innerHTML`,
  stopped the same way. The goal is absolute too (≤ 30 ms median), so `main` prints the ms.
- First load → Select service usable. From the navigation's start to the Select service shown
  with htmx listening on it (after DOMContentLoaded, which waits for every deferred script and
  module) and the page answering again, in a new browser context each run: once with the
  scripts and styles cached (a first load in that context before it: someone who opened the
  console before, the goal's row) and once with nothing cached. The baseline is a trivial page
  holding one select of the same 111 options, served from a socket by the same process.
With `--floor`, one more row says how much of the first load is not the scripts': the console's
own page with every script taken out (htmx, the modules, the theme's first-paint script), served
by the fake server with its styles from the console, against the same trivial page.
Run: `.venv/bin/python scripts/bench_form.py [--repeat N] [--floor]`; scripts/bench.py calls it.
"""

from __future__ import annotations

import argparse
import html
import re
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_browser import SETTLED, console_in_chromium  # noqa: E402

ACTION = "list"
"""media.list: the issue's example (a filter and a pager, their types' selects)."""

BARE_PAGE = "api_v3/service/bench/action/select"
"""Where the fake server answers the trivial page (service bench, action select)."""

FIRST_FIELD = "#params .field :is(input, select, textarea):not([type=hidden])"

# From the select's change to the first parameter field visible, then a frame and a task. A
# mutation observer sees the field in the microtask after the task that put it there, so the
# handlers that ran in that task (htmx's and ours after the swap) are inside the figure.
OURS = f"""async action => {{
  const settled = {SETTLED};
  const select = document.getElementById("action");
  const visible = () => {{
    const field = document.querySelector({FIRST_FIELD!r});
    return !!field && field.checkVisibility();
  }};
  const shown = new Promise(done => {{
    const watch = new MutationObserver(() => {{
      if (visible()) {{ watch.disconnect(); done(); }}
    }});
    watch.observe(document.body, {{childList: true, subtree: true}});
  }});
  const started = performance.now();
  select.value = action;
  select.dispatchEvent(new Event("change", {{bubbles: true}}));
  await shown;
  await settled();
  return performance.now() - started;
}}"""

BARE = f"""async url => {{
  const settled = {SETTLED};
  const box = document.createElement("div");
  document.body.replaceChildren(box);
  const started = performance.now();
  const response = await fetch(url);
  box.innerHTML = await response.text();
  const field = box.querySelector({FIRST_FIELD.replace("#params ", "")!r});
  if (!field || !field.checkVisibility()) throw new Error("no field shown");
  await settled();
  return performance.now() - started;
}}"""

# First load: the time since the navigation started (performance.now() counts from it) at the
# task after the frame after DOMContentLoaded; htmx processes the page in its DOMContentLoaded
# listener, so by then the select answers a change. Put in place before any script of the page.
LOADED = f"""window.__usable = new Promise(done => {{
  document.addEventListener("DOMContentLoaded", () => {{
    ({SETTLED})().then(() => done(performance.now()));
  }});
}});"""

USABLE = """async () => {
  const at = await window.__usable;
  const select = document.getElementById("service");
  if (!select || !select.checkVisibility()) throw new Error("no Select service shown");
  if (select.options.length < 100) throw new Error("not the 22.15.0 services");
  return at;
}"""


SCRIPTLESS_PAGE = "api_v3/service/bench/action/scriptless"
"""Where the fake server answers the console's page without its scripts (`--floor`)."""


def scriptless_page(console: str) -> str:
    """The console's page as it serves it, without a script or a module preload, its other
    URLs (styles, icon) made absolute so that they still come from the console."""
    page = httpx.get(f"{console}/api_v3/testme/").text
    page = re.sub(
        r"<script\b[^>]*>.*?</script>|<link rel=\"modulepreload\"[^>]*>", "", page, flags=re.S
    )
    return page.replace('href="/api_v3/', f'href="{console}/api_v3/')


def trivial_page(options: list[tuple[str, str]]) -> str:
    """One select of the console's services, nothing else (no script, no style)."""
    shown = "".join(
        f'<option value="{html.escape(v)}">{html.escape(label)}</option>' for v, label in options
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare</title></head>'
        f'<body><label for="service">Select service</label><select id="service">{shown}</select>'
        "</body></html>"
    )


def service_options(console: str) -> list[tuple[str, str]]:
    """The options of the console's Select service, as its page serves them."""
    from html.parser import HTMLParser

    found: list[tuple[str, str]] = []

    class Options(HTMLParser):
        inside = False
        value = ""

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "select":
                self.inside = dict(attrs).get("id") == "service"
            elif tag == "option" and self.inside:
                self.value = dict(attrs).get("value") or ""

        def handle_endtag(self, tag: str) -> None:
            if tag == "select":
                self.inside = False

        def handle_data(self, data: str) -> None:
            if self.inside and data.strip():
                found.append((self.value, data.strip()))

    Options().feed(httpx.get(f"{console}/api_v3/testme/").text)
    return found


def ours_form_ms(page: Page, console: str) -> float:
    page.goto(f"{console}/api_v3/testme/?service=media")
    page.wait_for_load_state("networkidle")  # the Code region's first refresh is over
    return float(page.evaluate(OURS, ACTION))


def bare_form_ms(page: Page, console: str) -> float:
    page.goto(f"{console}/healthz")
    url = f"{console}/api_v3/testme/params?service=media&action={ACTION}"
    return float(page.evaluate(BARE, url))


def load_ms(browser: Browser, url: str, cached: bool) -> float:
    """One load of `url` in a new context; `cached`: after a first load in the same context,
    whose cache then holds every script and style (as for anyone who opened the page before)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(LOADED)
        if cached:
            page.goto(url, wait_until="load")
        page.goto(url, wait_until="commit")
        return float(page.evaluate(USABLE))
    finally:
        context.close()


def interleaved(
    repeat: int, ours: Callable[[], float], bare: Callable[[], float]
) -> tuple[list[float], list[float]]:
    mine, theirs = [], []
    for _ in range(repeat + 1):  # the first of each is a warm-up
        mine.append(ours())
        theirs.append(bare())
    return mine[1:], theirs[1:]


def rows(repeat: int, floor: bool = False) -> list[tuple[str, float, str, float]]:
    """(what, ms, baseline, ms): medians of `repeat` runs, ours and the baseline's interleaved;
    `floor`: with the row of the console's page without its scripts."""
    with console_in_chromium() as (fake, console, browser):
        options = service_options(console)
        fake.answer("bench", "select", trivial_page(options), "text/html")
        page = browser.new_page()
        form, bare_form = interleaved(
            repeat, lambda: ours_form_ms(page, console), lambda: bare_form_ms(page, console)
        )
        loads = [
            interleaved(
                repeat,
                lambda: load_ms(browser, f"{console}/api_v3/testme/", cached),  # noqa: B023
                lambda: load_ms(browser, f"{fake.url}/{BARE_PAGE}", cached),  # noqa: B023
            )
            for cached in (True, False)
        ]
        floor_rows = []
        if floor:
            fake.answer("bench", "scriptless", scriptless_page(console), "text/html")
            scriptless, bare = interleaved(
                repeat,
                lambda: load_ms(browser, f"{fake.url}/{SCRIPTLESS_PAGE}", True),
                lambda: load_ms(browser, f"{fake.url}/{BARE_PAGE}", True),
            )
            floor_rows.append(
                (
                    "browser: first load → Select service shown, the page without scripts (cached)",
                    statistics.median(scriptless),
                    "trivial page, one select",
                    statistics.median(bare),
                )
            )
    return (
        [
            (
                f"browser: choose action → form usable (media.{ACTION}, 22.15.0)",
                statistics.median(form),
                "bare fetch /params + innerHTML",
                statistics.median(bare_form),
            ),
        ]
        + [
            (
                f"browser: first load → Select service usable (22.15.0{how})",
                statistics.median(load),
                "trivial page, one select",
                statistics.median(bare_load),
            )
            for how, (load, bare_load) in zip(
                (", scripts cached", ", nothing cached"), loads, strict=True
            )
        ]
        + floor_rows
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--floor", action="store_true", help="add the page without its scripts")
    args = parser.parse_args()
    found = rows(args.repeat, args.floor)
    for name, ours, base_name, base in found:
        print(f"{name}  {ours:8.1f} ms  {base_name} {base:8.1f} ms  {ours / base:5.2f}x")
    print(f"choose action → form usable: {found[0][1]:.1f} ms median (goal: 30 ms at most)")


if __name__ == "__main__":
    main()
