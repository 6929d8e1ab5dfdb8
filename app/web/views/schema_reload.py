"""`POST /api_v3/testme/schema/reload`: the console's "Reload schema" button.

The page (htmx; send.js keeps its status) posts its whole form and gets, in place, what happened
beside the button, the new schema line, and its call rebuilt where the new schema changes it
(`reloaded_form.py`). Without JavaScript the button posts a small form of its own and gets a page
saying what happened, whose "Back to the console" reopens the console's link and server. Only
the console's own pages may ask, as for every other POST (`app/web/request_guard.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.forms.links import read_link
from app.protocol import fieldnames
from app.protocol.schema import Schema
from app.web.schema_reload import reload
from app.web.servers import Server, Servers
from app.web.templating import fragment
from app.web.urls import CONSOLE, url_for
from app.web.views.console import form_values, server_of
from app.web.views.console_context import server_choices
from app.web.views.reloaded_form import reloaded_form

router = APIRouter(prefix=CONSOLE)


@dataclass(frozen=True)
class Reload:
    """What the status beside the button (or the page without JavaScript) says."""

    ok: bool
    message: str
    schema: Schema
    schema_origin: str
    back: str  # the console page to go back to, without JavaScript
    servers: tuple[tuple[str, str], ...]  # the Server select's options anew (several servers)
    server: str


@router.post("/schema/reload", response_class=HTMLResponse, name="schema_reload")
async def schema_reload(request: Request) -> HTMLResponse:
    values = await form_values(request)
    server = server_of(request, values.get(fieldnames.SERVER, [""])[0])
    fresh, outcome = await reload(server.console)
    servers: Servers = request.app.state.servers
    if outcome.ok:  # one assignment each: requests in flight keep the state they started with
        request.app.state.servers = servers.replaced(server.name, fresh)
        if server is servers.default:
            request.app.state.console = fresh
    back = _back(request, fresh.schema, server, values.get(fieldnames.BACK, [""])[0])
    said = Reload(
        outcome.ok,
        outcome.message,
        fresh.schema,
        fresh.schema_origin,
        back,
        server_choices(request.app.state.servers),
        server.name,
    )
    if not request.headers.get("HX-Request"):
        return fragment(request, "schema_reload.html", said, status_code=200 if outcome.ok else 502)
    form = reloaded_form(server.console, fresh, values)
    response = fragment(request, "_schema_reloaded.html", said, form, form.area)
    if not form.call_changed:  # the page's call stays as it is, files chosen and all
        response.headers["HX-Reswap"] = "none"
    response.headers["Vary"] = "HX-Request"
    return response


def _back(request: Request, schema: Schema, server: Server, query: str) -> str:
    """The console page the reload was asked from: its link (read again, so nothing the new
    schema lacks or a link may not hold comes back) and, with several servers, its server."""
    pairs = [(k, v) for k, vs in read_link(schema, parse_qsl(query)).values.items() for v in vs]
    servers: Servers = request.app.state.servers
    if servers.several:
        pairs.append((fieldnames.SERVER, server.name))
    page = url_for(request.app, "page")
    return page + ("?" + urlencode(pairs) if pairs else "")
