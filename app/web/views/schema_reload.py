"""`POST /api_v3/testme/schema/reload`: the console's "Reload schema" button.

A plain form POST (it works without JavaScript) answering a page that says what happened.
Only the console's own pages may ask, as for every other POST (`app/web/request_guard.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.kaltura.schema import Schema
from app.web.schema_reload import reload
from app.web.servers import Servers
from app.web.templating import fragment
from app.web.urls import CONSOLE
from app.web.views.console import server_of

router = APIRouter(prefix=CONSOLE)


@dataclass(frozen=True)
class ReloadPage:
    ok: bool
    message: str
    schema: Schema
    schema_origin: str


@router.post("/schema/reload", response_class=HTMLResponse, name="schema_reload")
async def schema_reload(request: Request) -> HTMLResponse:
    server = server_of(request)
    fresh, outcome = await reload(server.console)
    if outcome.ok:  # one assignment each: requests in flight keep the state they started with
        servers: Servers = request.app.state.servers
        request.app.state.servers = servers.replaced(server.name, fresh)
        if server is servers.default:
            request.app.state.console = fresh
    page = ReloadPage(outcome.ok, outcome.message, fresh.schema, fresh.schema_origin)
    return fragment(request, "schema_reload.html", page, status_code=200 if outcome.ok else 502)
