"""Every URL the pages link to or htmx calls, built from the routes' names.

A path is written once, on its router (`views/*`, with the two prefixes below); templates and
handlers ask for it by the route's name: `url_for("send")`, `url_for("page", service="media")`,
`static_url("console.js")`. Paths, never absolute URLs, so the page works under whatever host
name it was reached by.
"""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.applications import Starlette

CONSOLE = "/api_v3/testme"
DOCS = "/api_v3/testmeDoc"
STATIC = CONSOLE + "/static"


def url_for(app: Starlette, name: str, /, **query: str | int) -> str:
    """The path of the route named `name`, with `query` (in the order given) url-encoded."""
    path = str(app.url_path_for(name))
    return path + ("?" + urlencode(query) if query else "")


def static_url(app: Starlette, file: str) -> str:
    return str(app.url_path_for("static", path="/" + file))
