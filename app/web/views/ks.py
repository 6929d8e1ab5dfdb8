"""The ks field's own round trip: what it now holds, described as the user types or clears it.

The value travels in a POST body (a KS is a credential: never in a URL) and becomes this
browser's KS, so a reload shows what the field showed; an empty field forgets it.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.kaltura import fieldnames
from app.web.ks_memory import keep_ks, ks_status
from app.web.templating import fragment
from app.web.views.console import state

router = APIRouter(prefix="/api_v3/testme")


@router.post("/ks", response_class=HTMLResponse)
async def ks_changed(request: Request) -> HTMLResponse:
    """The note under the ks field, and (out of band) the warning beside Send."""
    value = (await request.form()).get(fieldnames.config("ks"), "")
    ks = value.strip() if isinstance(value, str) else ""
    keep_ks(request.session, ks)
    status = ks_status(request.session, state(request), ks)
    return fragment(request, "_ks_changed.html", {"ks_status": status, "oob": True})
