"""`GET /api_v3/testme/find?q=`: the finder's results, as the top bar's listbox options.

Matching runs on the server (`app.reference.finder`, a few ms over the full schema), so the page
carries no copy of the schema; a query names API things, never a secret. The index is built once
per loaded schema."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.protocol.schema import per_schema
from app.reference.finder import FinderIndex, Hit
from app.web.dom_ids import request_id, service_heading_id, type_heading_id
from app.web.templating import fragment
from app.web.urls import CONSOLE, url_for
from app.web.views.console import state

router = APIRouter(prefix=CONSOLE)

index_of = per_schema(FinderIndex.of)


@dataclass(frozen=True)
class Option:
    label: str
    kind: str
    href: str


@dataclass(frozen=True)
class Found:
    query: str
    options: tuple[Option, ...]


def href_of(request: Request, hit: Hit) -> str:
    """An action opens in the console at its Select action; the rest in the docs, at the heading
    or the error list's row that is it (`#`: the browser scrolls there, and `:target` marks it)."""
    app = request.app
    if hit.kind == "action":
        page = url_for(app, "page", service=hit.service, action=hit.action)
        return f"{page}#{request_id(0, 'action')}"
    if hit.kind == "service":
        return f"{url_for(app, 'docs', service=hit.service)}#{service_heading_id(hit.service)}"
    if hit.kind == "error":
        return f"{url_for(app, 'docs_errors')}#{hit.name}"
    return f"{url_for(app, 'docs', object=hit.name)}#{type_heading_id(hit.name)}"


@router.get("/find", response_class=HTMLResponse, name="find")
async def find(request: Request, q: str = "") -> HTMLResponse:
    hits = index_of(state(request).schema).find(q[:100])
    options = tuple(Option(hit.label, hit.kind, href_of(request, hit)) for hit in hits)
    return fragment(request, "_finder.html", Found(query=q, options=options))
