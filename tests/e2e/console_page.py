"""The console as a person finds it (SURFACE.md): by role and accessible name, never by markup.

Each htmx swap is awaited by its response rather than by network idleness, which keeps the suite
fast and makes a missing swap fail where it happens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

CONSOLE_PATH = "/api_v3/testme/"


def labelled(scope: Page | Locator, name: str) -> Locator:
    """The control whose accessible name is `name`, optionally followed by its type: `secret`,
    `secret (string)`, but not `secretKey`."""
    return scope.get_by_label(re.compile(rf"^{re.escape(name)}(\s|$)"))


@dataclass
class Console:
    page: Page
    base_url: str

    def open(self) -> Console:
        self.page.goto(self.base_url + CONSOLE_PATH)
        expect(self.send_button).to_be_visible()
        return self

    @property
    def configuration(self) -> Locator:
        return self.page.get_by_role("group", name="Configuration", exact=True)

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

    def swap(self, route: str) -> object:
        """Waits for the htmx fragment answered on `route` (e.g. "/params")."""
        return self.page.expect_response(lambda r: CONSOLE_PATH.rstrip("/") + route in r.url)

    def choose(self, service: str, action: str, request: Locator | None = None) -> None:
        """Picks a service and an action, on the page or in a multirequest's `Request N`."""
        scope = request or self.page
        with self.swap("/actions"):
            scope.get_by_label("Select service").select_option(service)
        with self.swap("/params"):
            scope.get_by_label("Select action").select_option(action)
        expect(scope.get_by_role("group", name="Parameters", exact=True)).to_be_visible()

    def request(self, n: int) -> Locator:
        """Sub-request `n` of a multirequest."""
        return self.page.get_by_role("group", name=f"Request {n}", exact=True)

    def add_request(self) -> None:
        with self.swap("/request"):
            self.page.get_by_role("button", name="Add request", exact=True).click()

    @staticmethod
    def object_type(group: Locator) -> Locator:
        """An object group's own objectType select; it precedes those of nested objects."""
        return group.get_by_label("objectType", exact=True).first

    def choose_type(self, group: Locator, object_type: str) -> None:
        """Picks a concrete type in an object group; its properties arrive by htmx."""
        with self.swap("/object"):
            self.object_type(group).select_option(object_type)

    def add_item(self, container: Locator) -> None:
        with self.swap("/item"):
            container.get_by_role("button", name="Add", exact=True).click()

    def send(self, button: Locator | None = None) -> Locator:
        """Presses Send (or another button that sends) and returns the updated Result region."""
        # A marker the swap will replace: the Result has changed once it is gone, even when the
        # new answer reads the same as the last one.
        self.result.evaluate("el => el.appendChild(document.createElement('e2e-stale'))")
        with self.swap("/send") as answered:
            (button or self.send_button).click()
        assert answered.value.ok, answered.value.status
        expect(self.result.locator("e2e-stale")).to_have_count(0)
        return self.result
