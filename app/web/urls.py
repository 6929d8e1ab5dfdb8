"""Every URL the pages link to or htmx calls, built from the routes' names.

A path is written once, on its router (`views/*`, with the two prefixes below); templates and
handlers ask for it by the route's name: `url_for("send")`, `url_for("page", service="media")`,
`static_url("main.js")`. Paths, never absolute URLs, so the page works under whatever host
name it was reached by.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlencode

from starlette.applications import Starlette

CONSOLE = "/api_v3/testme"
DOCS = "/api_v3/testmeDoc"
STATIC = CONSOLE + "/static"


@lru_cache(maxsize=256)  # a page asks for the same few paths once per field
def _path(app: Starlette, name: str, file: str) -> str:
    return str(app.url_path_for(name, path="/" + file) if file else app.url_path_for(name))


def url_for(app: Starlette, name: str, /, **query: str | int) -> str:
    """The path of the route named `name`, with `query` (in the order given) url-encoded."""
    return _path(app, name, "") + ("?" + urlencode(query) if query else "")


def static_url(app: Starlette, file: str) -> str:
    """`/api_v3/testme/static/<version>/file`: the mount carries the version (static_files.py)."""
    return _path(app, "static", file)
