"""No secret at rest: after a whole session in the browser — a KS started with the admin secret,
a Send with it, a login with the admin password, History opened and restored, a link shared,
the code samples viewed, Back and Forward — no KS, secret or password is in localStorage,
sessionStorage, htmx's history cache, the address, any history entry (its address or its
state), the copied link, the samples (Include secrets off) or the server's log lines.

The console runs as `python -m app` in its own process (sandbox mode, the access log on), so
its stdout and stderr are what an operator's log would keep.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import free_port, wait_until_ready
from tests.e2e.console_page import Console, labelled

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ADMIN_SECRET = "at-rest-admin-secret-0123456789ab"
USER_SECRET = "at-rest-user-secret-0123456789abcd"
KS_PATTERN = re.compile(r"djJ8[A-Za-z0-9_\-]+=*")
LANGUAGES = ("curl", "Python", "PHP", "JavaScript", "Java", "Ruby", "HTTP")

# Every address and state the page gives a history entry, as it gives it (replaceState and
# pushState), kept by Playwright across the page's reloads.
RECORD_HISTORY = """() => {
  for (const name of ["pushState", "replaceState"]) {
    const original = history[name].bind(history);
    history[name] = (state, title, url) => {
      window.__historyEntry(JSON.stringify(state), String(url));
      return original(state, title, url);
    };
  }
}"""
# Everything the page keeps in the browser's storage, htmx's history cache included.
STORAGE = """() => {
  const dump = store => Object.fromEntries(Object.keys(store).map(k => [k, store.getItem(k)]));
  return {local: dump(localStorage), session: dump(sessionStorage), state: history.state,
          htmxCache: sessionStorage.getItem("htmx-history-cache")
                     || localStorage.getItem("htmx-history-cache")};
}"""
# A control that has htmx push an address (none does today; one added later might): htmx
# snapshots the page, KS and Result included, into its history cache before it pushes.
HTMX_PUSH = """path => {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "htmx push";
  button.setAttribute("hx-get", path);
  button.setAttribute("hx-push-url", "true");
  button.setAttribute("hx-target", "this");
  document.body.appendChild(button);
  htmx.process(button);
  return new Promise(resolve => {
    document.addEventListener("htmx:pushedIntoHistory", () => resolve(location.pathname), {once: true});
    button.click();
  });
}"""


@pytest.fixture
def console_process(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`python -m app` on a free port, its stdout and stderr in one file."""
    port = free_port()
    log = tmp_path / "server.log"
    env = {
        **os.environ,
        "TESTME_SANDBOX_ADMIN_SECRET": ADMIN_SECRET,
        "TESTME_SANDBOX_USER_SECRET": USER_SECRET,
    }
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "app", "--port", str(port), "--data-dir", str(tmp_path / "var")],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(url, lambda: server.poll() is None, seconds=60)
        yield url, log
    finally:
        server.terminate()
        server.wait(timeout=10)


def send_and_read_ks(console: Console) -> str:
    answer = console.send().inner_text()
    found = KS_PATTERN.search(answer)
    assert found, answer
    expect(console.ks_field).to_have_value(found.group(0))
    return found.group(0)


def samples(page: Page) -> str:
    """The text of every language's sample, Include secrets left off."""
    region = page.get_by_role("region", name="Code")
    expect(region.get_by_role("switch", name="Include secrets")).not_to_be_checked()
    texts = []
    for language in LANGUAGES:
        region.get_by_role("tab", name=language, exact=True).click()
        panel = region.get_by_role("tabpanel")
        expect(panel).to_contain_text(re.compile(r"KALTURA_(PASSWORD|SECRET|KS)"))
        texts.append(panel.inner_text())
    return "\n".join(texts)


def test_no_secret_is_left_in_the_browser_or_the_log(
    browser: Browser, console_process: tuple[str, Path]
) -> None:
    url, log = console_process
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    entries: list[tuple[str, str]] = []
    context.expose_function("__historyEntry", lambda state, url: entries.append((state, url)))
    context.add_init_script(f"({RECORD_HISTORY})()")
    page = context.new_page()
    addresses: list[str] = []
    page.on("framenavigated", lambda frame: addresses.append(frame.url))
    try:
        console = Console(page, url).open()
        credentials = page.get_by_role("complementary", name="Sandbox credentials")
        login, password = (
            c.inner_text() for c in credentials.locator("dd").nth(3).locator("code").all()
        )

        console.choose("session", "start")
        labelled(console.parameters, "secret").fill(ADMIN_SECRET)
        labelled(console.parameters, "type").select_option("2")
        started = send_and_read_ks(console)
        shown = samples(page)  # session.start with its secret typed, the ks field filled

        console.choose("media", "list")
        assert "<totalCount>" in console.send().inner_text()

        console.choose("user", "loginByLoginId")
        labelled(console.parameters, "loginId").fill(login)
        labelled(console.parameters, "password").fill(password)
        logged_in = send_and_read_ks(console)
        shown += samples(page)

        page.get_by_role("button", name="History", exact=True).click()
        history = page.get_by_role("region", name="History entries")
        restore = history.get_by_role("button", name=re.compile(r"^session\.start"))
        restore.click()
        expect(page.get_by_label("Select action")).to_have_value("start")  # the link opened
        page.wait_for_load_state("load")  # and its scripts (Share's) are running

        page.get_by_role("button", name="Share").click()
        expect(page.get_by_role("status").filter(has_text="Link copied.")).to_be_visible()
        copied = page.evaluate("navigator.clipboard.readText()")

        kept = [page.evaluate(STORAGE)]
        for step in ("back", "back", "forward", "back", "forward", "forward"):
            # each step loads a page: another document, or this one reloaded on popstate
            with page.expect_event("load"):
                getattr(page, f"go_{step}")()
            expect(page.get_by_label("Select service")).to_be_visible()
            kept.append(page.evaluate(STORAGE))
            addresses.append(page.url)
        assert page.evaluate(HTMX_PUSH, "/healthz") == "/healthz"
        kept.append(page.evaluate(STORAGE))
    finally:
        context.close()

    secrets = {
        "admin secret": ADMIN_SECRET,
        "user secret": USER_SECRET,
        "admin password": password,
        "first KS": started,
        "second KS": logged_in,
    }
    places = {
        "storage (local, session, htmx cache, history.state)": json.dumps(kept),
        "history entries": json.dumps(entries),
        "addresses": "\n".join(addresses),
        "copied link": copied,
        "code samples": shown,
        "server log": log.read_text(),
    }
    assert any("HTTP" in line for line in places["server log"].splitlines()), "no access log"
    assert entries and len(set(addresses)) > 2, (entries, addresses)
    leaks = [
        f"{what} in {where}"
        for where, text in places.items()
        for what, secret in secrets.items()
        if secret in text
    ]
    assert leaks == []
