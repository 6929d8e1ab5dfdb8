"""`/api_v3/testme/libraries`: the official client libraries, how to install each, and a first
call (`session.start`) written for the server this console talks to."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.protocol.schema import Schema
from app.reference.client_libraries import LIBRARIES, PARTNER_PLACEHOLDER, Library, first_calls
from app.web.templating import fragment
from app.web.urls import CONSOLE
from app.web.views.console import state

router = APIRouter(prefix=CONSOLE)


@dataclass(frozen=True)
class LibrariesPage:
    schema: Schema
    service_url: str
    libraries: tuple[Library, ...]
    first_call: dict[str, str]  # by language id
    partner_placeholder: str  # "" when the partner id written in is the real one


@router.get("/libraries", response_class=HTMLResponse, name="libraries")
async def libraries(request: Request) -> HTMLResponse:
    console = state(request)
    # The sandbox answers on the console's own host, so a sample aims there.
    service_url = console.settings.service_url or str(request.base_url).rstrip("/")
    partner = console.config_prefill.get("partnerId", "")
    page = LibrariesPage(
        schema=console.schema,
        service_url=service_url,
        libraries=LIBRARIES,
        first_call=first_calls(console.schema, service_url, partner),
        partner_placeholder="" if partner else PARTNER_PLACEHOLDER,
    )
    return fragment(request, "libraries.html", page)
