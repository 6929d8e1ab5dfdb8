"""The ks field's own round trip: what it now holds, described as the user types or clears it.

The value travels in a POST body (a KS is a credential: never in a URL) and becomes this
browser's KS, so a reload shows what the field showed; an empty field forgets it.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.kaltura import fieldnames
from app.kaltura.ks_status import KsStatus
from app.web.ks_memory import keep_ks, ks_status
from app.web.templating import fragment
from app.web.urls import CONSOLE
from app.web.views.console import memory, server_of

router = APIRouter(prefix=CONSOLE)


@dataclass(frozen=True)
class KsChanged:
    ks_status: KsStatus
    oob: bool = True  # the warning beside Send


@router.post("/ks", response_class=HTMLResponse)
async def ks_changed(request: Request) -> HTMLResponse:
    """The note under the ks field, and (out of band) the warning beside Send."""
    form = await request.form()
    value = form.get(fieldnames.config("ks"), "")
    ks = value.strip() if isinstance(value, str) else ""
    server = server_of(request, str(form.get(fieldnames.SERVER) or ""))
    kept = memory(request, server)
    keep_ks(kept, ks)
    status = ks_status(kept, server.console, ks)
    return fragment(request, "_ks_changed.html", KsChanged(status))
