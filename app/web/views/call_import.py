"""Import: the pasted text of the Import dialog → the console opened at the form it asks for.

The dialog POSTs the text (never in a URL: it may hold a KS or a secret). The pure core reads it
(`app/forms/call_import.py`); a KS it carried becomes this browser's KS (the ks field shows it,
as after a Send that brings one), and the browser goes to the form's link — a new address and
History entry, opened like any link, with no KS in it. What was not placed is kept for that one
page (`import_report.py`, in the session beside the KS) and shown there. Text that is no call gets
its message in the dialog, whose text stays as pasted.
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from app.forms.call_import import import_call
from app.protocol import fieldnames
from app.protocol.pasted_request import NotARequestError
from app.web.errors import problem
from app.web.import_report import keep_report
from app.web.ks_memory import keep_ks
from app.web.urls import CONSOLE
from app.web.views.console import memory, server_of

router = APIRouter(prefix=CONSOLE)


@router.post("/import")
async def import_pasted(request: Request) -> Response:
    form = await request.form()
    server = server_of(request, str(form.get(fieldnames.SERVER) or ""))
    try:
        pasted = str(form.get(fieldnames.PASTED) or "")
        imported = await run_in_threadpool(import_call, server.console.schema, pasted)
    except NotARequestError as exc:
        return problem(request, str(exc), 422)
    kept = memory(request, server)
    if imported.ks:
        keep_ks(kept, imported.ks)
    keep_report(kept, imported)
    query = [(name, v) for name, values in imported.link.values.items() for v in values]
    if server.name and request.app.state.servers.several:
        query.append((fieldnames.SERVER, server.name))
    link = request.url_for("page").path + ("?" + urlencode(query) if query else "")
    if request.headers.get("HX-Request"):
        return Response(headers={"HX-Redirect": link, "Cache-Control": "no-store"})
    return RedirectResponse(link, status_code=303)
