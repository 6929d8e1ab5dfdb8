"""Make a KS: the dialog's one round trip (templates/_make_ks.html).

The dialog posts the partner's secret with its order; the pure core checks and signs it
(`app.protocol.ks_making`) and the answer puts the KS into the ks field out of band, with what
it says in the inspector, as a KS returned by `session.start` is put there. The secret lives
only in this request: it is not in the answer, the address, History, a cookie or a log (the
access log has no bodies), and nothing here keeps it. A field that does not hold what it should
gets its message beside it; the dialog's fields are not re-rendered, so nothing typed is lost.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.protocol import fieldnames
from app.protocol.ks_inspection import Inspection, local_details
from app.protocol.ks_making import KsOrder, compose_privileges, make, read_order
from app.protocol.ks_status import KsStatus
from app.web.ks_memory import keep_ks, ks_status
from app.web.templating import fragment
from app.web.urls import CONSOLE
from app.web.views.console import memory, server_of

router = APIRouter(prefix=CONSOLE)

FIELDS = ("secret", "partnerId", "type", "userId", "expiry", "privileges", "version")


@dataclass(frozen=True)
class KsMade:
    """The dialog's answer: the problems per field, or the KS made (and the ks field with it)."""

    problems: dict[str, str] = field(default_factory=dict)
    order: KsOrder | None = None
    ks: str = ""
    ks_status: KsStatus | None = None
    inspection: Inspection | None = None
    fields: tuple[str, ...] = FIELDS
    oob: bool = True


@router.post("/ks/make", response_class=HTMLResponse)
async def ks_make(request: Request) -> HTMLResponse:
    """A KS signed from the posted secret, into the ks field of the server the form is set to."""
    form = await request.form()
    text = {k: v for k, v in form.multi_items() if isinstance(v, str)}
    chosen = [v for v in form.getlist("privilege") if isinstance(v, str)]
    values = {name: text.get(f"privilege.{name}", "") for name in chosen}
    text["privileges"] = compose_privileges(chosen, values, text.get("privileges", ""))
    order = read_order(text)
    if not isinstance(order, KsOrder):
        return fragment(request, "_ks_made.html", KsMade(problems=order))
    now = int(time.time())
    ks = make(order, now)
    server = server_of(request, text.get(fieldnames.SERVER, ""))
    kept = memory(request, server)
    keep_ks(kept, ks)
    inspection = Inspection(now, local_details(ks, (order.secret,)))
    status = ks_status(kept, server.console, ks)
    told = replace(order, secret="")  # the answer has no use for the secret: never echoed
    return fragment(request, "_ks_made.html", KsMade({}, told, ks, status, inspection))
