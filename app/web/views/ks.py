"""The ks field's own round trips: what it now holds, described as the user types or clears it,
and Inspect, which asks the server what it makes of the KS (`ks_inspector`).

The value travels in a POST body (a KS is a credential: never in a URL) and becomes this
browser's KS, so a reload shows what the field showed; an empty field forgets it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.protocol import fieldnames
from app.protocol.ks_inspection import Inspection
from app.protocol.ks_status import KsStatus
from app.web.ks_inspector import inspect
from app.web.ks_memory import keep_ks, ks_status, report
from app.web.servers import Server
from app.web.templating import fragment
from app.web.urls import CONSOLE
from app.web.views.console import memory, server_of

router = APIRouter(prefix=CONSOLE)


@dataclass(frozen=True)
class KsChanged:
    ks_status: KsStatus
    oob: bool = True  # the warning beside Send


async def posted_ks(request: Request) -> tuple[str, Server]:
    """The KS the ks field posted, and the server the form is set to."""
    form = await request.form()
    value = form.get(fieldnames.config("ks"), "")
    ks = value.strip() if isinstance(value, str) else ""
    return ks, server_of(request, str(form.get(fieldnames.SERVER) or ""))


@router.post("/ks", response_class=HTMLResponse)
async def ks_changed(request: Request) -> HTMLResponse:
    """The note under the ks field, and (out of band) the warning beside Send."""
    ks, server = await posted_ks(request)
    kept = memory(request, server)
    keep_ks(kept, ks)
    status = ks_status(kept, server.console, ks)
    return fragment(request, "_ks_changed.html", KsChanged(status))


@dataclass(frozen=True)
class KsInspected:
    """The inspector panel, and (out of band) the ks note and the warning beside Send, which
    change when the server said the KS is dead."""

    inspection: Inspection
    asked: str  # the server asked, as the Server select names it
    ks_status: KsStatus
    oob: bool = True


@router.post("/ks/inspect", response_class=HTMLResponse)
async def ks_inspect(request: Request) -> HTMLResponse:
    """`session.get` for the KS in the field (POSTed: a KS is never in a URL)."""
    ks, server = await posted_ks(request)
    kept = memory(request, server)
    keep_ks(kept, ks)  # what the field holds, as its own round trip would keep it
    inspection = await inspect(server.console, ks) if ks else Inspection(int(time.time()))
    if inspection.refused_for_good:
        report(kept, ks, inspection.refused_for_good)
    status = ks_status(kept, server.console, ks)
    return fragment(request, "_ks_inspected.html", KsInspected(inspection, server.label, status))
