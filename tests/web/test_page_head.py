"""What the page's head asks the browser for, and in which order, so that Select service is
usable soon after a load (issue 20): every module of main.js's graph is named up front
(`modulepreload`), not found one level of imports after another, and the colour-scheme script
does not wait for the stylesheets."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin

from fastapi.testclient import TestClient

from app import resources

IMPORT = re.compile(r"""^\s*import\s+(?:[^"';]*?\s+from\s+)?["'](\./[\w.-]+\.js)["']""", re.M)


class Head(HTMLParser):
    """The head's scripts, stylesheets and module preloads, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, str]] = []  # (kind, URL)
        self.inside = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "body":
            self.inside = False
        elif self.inside and tag == "script":
            kind = "module" if found.get("type") == "module" else "script"
            self.items.append((kind, found["src"]))
        elif self.inside and tag == "link" and found.get("rel") in ("stylesheet", "modulepreload"):
            self.items.append((found["rel"], found["href"]))


def head(client: TestClient) -> list[tuple[str, str]]:
    parsed = Head()
    parsed.feed(client.get("/api_v3/testme/").text)
    return parsed.items


def imported_urls(main: str) -> set[str]:
    """Every module main.js imports, directly or not, at the URLs the browser resolves."""
    static = resources.resource_path("static")
    found: set[str] = set()
    todo = [main]
    while todo:
        url = todo.pop()
        text = (static / url.rsplit("/", 1)[1]).read_text(encoding="utf-8")
        for relative in IMPORT.findall(text):
            absolute = urljoin(url, relative)
            if absolute not in found:
                found.add(absolute)
                todo.append(absolute)
    return found


def test_the_head_names_every_module_main_js_imports(client: TestClient) -> None:
    items = head(client)
    main = next(url for kind, url in items if kind == "module" and url.endswith("/main.js"))
    preloaded = [url for kind, url in items if kind == "modulepreload"]
    assert len(preloaded) == len(set(preloaded))
    assert set(preloaded) == imported_urls(main)
    assert len(preloaded) > 10  # the graph was found, not an empty set twice


def test_the_colour_scheme_script_does_not_wait_for_the_stylesheets(client: TestClient) -> None:
    items = head(client)
    kinds = [kind for kind, _ in items]
    theme = next(i for i, (_, url) in enumerate(items) if url.endswith("/theme-first-paint.js"))
    assert kinds[theme] == "script"
    assert "stylesheet" not in kinds[:theme]
