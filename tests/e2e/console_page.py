"""The console as a person finds it: by role and accessible name, never by markup (the names
the acceptance checks rely on).

Each htmx swap is awaited by its response rather than by network idleness, which keeps the suite
fast and makes a missing swap fail where it happens.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

CONSOLE_PATH = "/api_v3/testme/"
SWAP_TIMEOUT_MS = 10_000
# Leaves a promise in the page that resolves with the HTTP status once htmx has settled a swap of
# an answer from the given path (or rejects if an answer for that path is not swapped: htmx
# leaves 4xx/5xx answers out by default).
WATCH_SWAP = f"""path => {{
  window.__e2eSwap = new Promise((resolve, reject) => {{
    const timer = setTimeout(() => reject(new Error("no htmx swap from " + path)), {SWAP_TIMEOUT_MS});
    const from = e => new URL(e.detail.xhr.responseURL).pathname.startsWith(path);
    const settled = e => {{
      if (!from(e)) return;
      clearTimeout(timer);
      document.removeEventListener("htmx:afterSettle", settled);
      resolve(e.detail.xhr.status);
    }};
    document.addEventListener("htmx:afterSettle", settled);
  }});
}}"""


def labelled(scope: Page | Locator, name: str) -> Locator:
    """The control whose accessible name is `name`, optionally followed by its type: `secret`,
    `secret (string)`, but not `secretKey`."""
    return scope.get_by_label(re.compile(rf"^{re.escape(name)}(\s|$)"))


@dataclass
class Console:
    page: Page
    base_url: str

    def open(self) -> Console:
        """Loads the console; htmx and the modules (deferred scripts) are ready by `load`."""
        response = self.page.goto(self.base_url + CONSOLE_PATH)
        assert response is not None and response.ok, response
        return self

    @property
    def configuration(self) -> Locator:
        return self.page.get_by_role("group", name="Configuration", exact=True)

    @property
    def more(self) -> Locator:
        """The summary of Configuration's "More", the disclosure of its rarely changed fields."""
        return self.configuration.locator("summary", has_text=re.compile(r"^More\b"))

    def open_more(self) -> None:
        if not self.more.evaluate("summary => summary.parentElement.open"):
            self.more.click()

    @property
    def ks_field(self) -> Locator:
        return self.configuration.get_by_label("ks", exact=True)

    @property
    def parameters(self) -> Locator:
        return self.page.get_by_role("group", name="Parameters", exact=True)

    @property
    def send_button(self) -> Locator:
        return self.page.get_by_role("button", name="Send", exact=True)

    @property
    def result(self) -> Locator:
        return self.page.get_by_role("region", name="Result")

    def group(self, name: str, scope: Locator | None = None) -> Locator:
        """A group by name, in the Parameters group unless `scope` says where."""
        return (scope or self.parameters).get_by_role("group", name=name, exact=True)

    @contextmanager
    def swap(self, route: str) -> Iterator[None]:
        """Runs the block, then waits until htmx has swapped in the answer from `route` (e.g.
        "/params"). Waiting for the response alone is not enough: the old fields are still
        there for a moment, and typing into them is lost."""
        self.page.evaluate(WATCH_SWAP, CONSOLE_PATH.rstrip("/") + route)
        yield
        status = self.page.evaluate("() => window.__e2eSwap")
        assert 200 <= status < 300, f"{route} answered HTTP {status}"

    def choose(self, service: str, action: str, request: Locator | None = None) -> None:
        """Picks a service and an action, on the page or in a multirequest's `Request N`."""
        scope = request or self.page
        with self.swap("/actions"):
            scope.get_by_label("Select service").select_option(service)
        with self.swap("/params"):
            scope.get_by_label("Select action").select_option(action)
        expect(scope.get_by_role("group", name="Parameters", exact=True)).to_be_visible()

    def choose_multirequest(self) -> None:
        with self.swap("/actions"):
            self.page.get_by_label("Select service").first.select_option("multirequest")

    def request(self, n: int) -> Locator:
        """Sub-request `n` of a multirequest."""
        return self.page.get_by_role("group", name=f"Request {n}", exact=True)

    def add_request(self) -> None:
        with self.swap("/request"):
            self.page.get_by_role("button", name="Add request", exact=True).click()

    def remove_request(self, n: int) -> None:
        """Presses Remove request `n` and waits for the requests left, renumbered: until then
        the page still shows (and a Send still sends) request `n`."""
        with self.swap("/request/remove"):
            self.request(n).get_by_role("button", name=f"Remove request {n}").click()

    @staticmethod
    def object_type(group: Locator) -> Locator:
        """An object group's own objectType select; it precedes those of nested objects."""
        return group.get_by_label("objectType", exact=True).first

    def choose_type(self, group: Locator, object_type: str) -> None:
        """Picks a concrete type in an object group; its properties arrive by htmx."""
        with self.swap("/object"):
            self.object_type(group).select_option(object_type)

    def choose_object(self, service: str, action: str, param: str, object_type: str) -> Locator:
        """Opens an action with one of its object parameters set to a type; returns its group."""
        self.choose(service, action)
        group = self.group(param)
        self.choose_type(group, object_type)
        return group

    def add_item(self, container: Locator) -> None:
        with self.swap("/item"):
            container.get_by_role("button", name="Add", exact=True).click()

    def send(self, button: Locator | None = None) -> Locator:
        """Presses Send (or another button that sends) and returns the updated Result region."""
        with self.swap("/send"):
            (button or self.send_button).click()
        return self.result
