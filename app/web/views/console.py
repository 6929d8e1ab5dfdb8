"""The console page and the fragments htmx swaps into it.

Each handler parses its input, asks the pure core for values, and renders one template. The
fragments are the same partials the full page includes, so a request without JavaScript and an
htmx swap show the same markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response, StreamingResponse
from markupsafe import escape
from starlette.concurrency import run_in_threadpool

from app.forms.fields import Field, FieldKind, Selection, config_fields, select, service_options
from app.forms.form_calls import IncompleteRequestError, UnknownActionError
from app.forms.links import Link, read_link
from app.forms.request_removal import requests_of, without_request
from app.protocol import fieldnames
from app.protocol.facts import MULTIREQUEST
from app.protocol.schema import SCALAR_TYPES
from app.protocol.whole_answer import rest_of
from app.web import sending
from app.web.console_state import ConsoleState
from app.web.dom_ids import request_id
from app.web.errors import NotFound, problem
from app.web.hang_up import unless_hung_up
from app.web.import_report import take_report
from app.web.ks_memory import Session, after_send, held_ks, ks_status
from app.web.servers import Server, Servers
from app.web.submission import read_submission
from app.web.templating import fragment
from app.web.upstream import MAX_ANSWER_BYTES
from app.web.urls import CONSOLE
from app.web.views.console_context import (
    HIGHEST_REQUEST_NUMBER,
    ConfigFields,
    NewItem,
    NewRequest,
    ObjectBody,
    Page,
    ReferenceLists,
    Result,
    action_area,
    call_of,
    config_defaults,
    linked_area,
    request_number,
    server_choices,
)

router = APIRouter(prefix=CONSOLE)


def server_of(request: Request, posted: str = "") -> Server:
    """The server this request is for (see `Servers.chosen`); an unknown name is refused."""
    servers: Servers = request.app.state.servers
    return servers.chosen(request, posted)


def state(request: Request, posted: Mapping[str, list[str]] | None = None) -> ConsoleState:
    """The console of the server this request is for; a POST passes its `posted` values,
    whose server name counts, not the browser's last choice (another tab's)."""
    name = (posted or {}).get(fieldnames.SERVER, [""])[0]
    return server_of(request, name).console


def memory(request: Request, server: Server) -> Session:
    """What this browser keeps for `server` (its KS)."""
    servers: Servers = request.app.state.servers
    return servers.memory(request, server)


def values_of(request: Request) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        found.setdefault(key, []).append(value)
    return found


async def form_values(request: Request) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, value in (await request.form()).multi_items():
        if isinstance(value, str):
            found.setdefault(key, []).append(value)
    return found


@router.get("/", response_class=HTMLResponse)
async def page(request: Request, service: str = "", action: str = "") -> HTMLResponse:
    """The console; `?service=…&action=…` opens that action, and the rest of a link (the
    address follows the form) its values. A link naming what the schema lacks still gets the
    whole console (404), saying what was not found; values that do not fit are named."""
    server = server_of(request)
    console, kept = server.console, memory(request, server)
    link = read_link(console.schema, request.query_params.multi_items())
    ks = held_ks(kept)
    chosen = select(console.schema, service, action)
    if chosen.problem:  # keep what resolved (the service of media.nosuch), drop the rest
        chosen = Selection(chosen.service, problem=chosen.problem)
    defaults = config_defaults(console)
    around = Page(
        schema=console.schema,
        schema_origin=console.schema_origin,
        target=server.target_line(request.app.state.servers),
        sandbox=console.sandbox,
        config_fields=ConfigFields.of(
            config_fields(console.schema, link.values, console.config_prefill), defaults
        ),
        selected_service=chosen.service,
        not_found=chosen.problem,
        ks=ks,
        ks_status=ks_status(kept, console, ks),
        dropped=link.dropped,
        config_defaults=defaults,
        servers=server_choices(request.app.state.servers),
        server=server.name,
        schema_notice=server.notice,
        link_query=urlencode([(k, v) for k, vs in link.values.items() for v in vs]),
        imported=take_report(kept),
    )
    area = linked_area(console, chosen.service, chosen.action, link)
    return fragment(
        request, "console.html", around, area, status_code=404 if chosen.problem else 200
    )


@router.get("/actions", response_class=HTMLResponse)
async def actions(request: Request) -> HTMLResponse:
    values = values_of(request)
    number = request_number(values.get(fieldnames.PREFIX, [""])[0])
    service, _ = call_of(values, number)
    area = action_area(state(request), service, "", number, values)
    return fragment(request, "_actions.html", area)


@router.api_route("/params", methods=["GET", "POST"], response_class=HTMLResponse)
async def params(request: Request) -> HTMLResponse:
    """An action's parameters. The page POSTs the form, so values typed under the previous
    action come along (in the body, never the URL: they may be passwords) and those whose
    names the new action still has are kept, as `object_body` does for types."""
    values = await form_values(request) if request.method == "POST" else values_of(request)
    number = request_number(values.get(fieldnames.PREFIX, [""])[0])
    service, action = call_of(values, number)
    area = action_area(state(request, values), service, action, number, values)
    return fragment(request, "_params.html", area)


@router.post("/object", response_class=HTMLResponse)
async def object_body(request: Request) -> HTMLResponse:
    """The properties of the type chosen in an objectType select; values typed under the old
    type come along (in the body, never the URL: they may be passwords), so those whose names
    still exist are kept."""
    values = await form_values(request)
    forms = state(request, values).forms
    path = values.get(fieldnames.PATH, [""])[0]
    declared = values.get(fieldnames.DECLARED, [""])[0]
    cls = forms.schema.class_named(declared)
    if cls is None:
        raise NotFound(f"Unknown type {declared!r}.")
    return fragment(
        request, "_object_body.html", ObjectBody(forms.chosen_children(cls.name, path, values))
    )


@router.get("/item", response_class=HTMLResponse)
async def item(
    request: Request,
    __path: Annotated[str, Query(alias=fieldnames.PATH)] = "",
    __kind: Annotated[str, Query(alias=fieldnames.CONTAINER_KIND)] = "array",
    __item_type: Annotated[str, Query(alias=fieldnames.ITEM_TYPE)] = "",
    __index: Annotated[int, Query(alias=fieldnames.INDEX)] = 0,
) -> HTMLResponse:
    """One more array or map item, plus the Add button carrying the next index (out of band)."""
    forms = state(request).forms
    if __kind not in ("array", "map") or not __path:
        raise NotFound("Unknown container.")
    kind: FieldKind = "map" if __kind == "map" else "array"
    cls = forms.schema.class_named(__item_type)
    if cls:
        __item_type = cls.name
    elif __item_type.lower() in SCALAR_TYPES:
        __item_type = __item_type.lower()
    else:
        raise NotFound(f"Unknown type {__item_type!r}.")
    new = forms.item_field(kind, __item_type, __path, __index, {})
    container = Field(
        kind=kind,
        name=__path,
        path=__path,
        type_label="",
        item_type=__item_type,
        next_index=__index + 1,
    )
    return fragment(request, "_item.html", NewItem(container, new))


@router.get("/request", response_class=HTMLResponse)
async def add_request(request: Request, n: int = 2) -> HTMLResponse:
    """One more multirequest sub-request, plus the Add request button for the next number."""
    if not 1 <= n <= HIGHEST_REQUEST_NUMBER:
        raise NotFound("No such request number.")
    new = NewRequest(n=n, services=service_options(state(request).schema), next_request=n + 1)
    return fragment(request, "_request_added.html", new)


@router.post("/request/remove", response_class=HTMLResponse)
async def remove_request(request: Request) -> HTMLResponse:
    """Remove request: the posted multirequest without request `__remove`, the later requests
    renumbered with their `{N:result}` references and laid out as the page lays them out,
    everything typed kept; refused, in that request's problem line, when another uses its result."""
    values = await form_values(request)
    posted = values.pop(fieldnames.REMOVE, [""])[0]
    number = int(posted) if posted.isascii() and posted.isdigit() else 0
    if number not in requests_of(values):
        raise NotFound("No such request.")
    removal = without_request(values, number)
    if removal.refused:
        response = HTMLResponse(escape(removal.refused))
        response.headers["HX-Retarget"] = "#" + request_id(number, "problem")
        return response
    left = Link(removal.values, removal.requests)
    area = linked_area(state(request, values), MULTIREQUEST, "", left)
    return fragment(request, "_requests_renumbered.html", replace(area, oob=True))


@router.get("/references", response_class=HTMLResponse)
async def references(request: Request) -> HTMLResponse:
    """The `{N:result…}` references the fields of request `prefix` may use: the result paths
    of the requests before it, whose calls (`1:service`, `1:action`…) come in the query."""
    values = values_of(request)
    number = request_number(values.get(fieldnames.PREFIX, [""])[0])
    lists = ReferenceLists.of(state(request).schema, number, values)
    return fragment(request, "_references.html", lists)


@router.post("/send", response_class=HTMLResponse)
async def send(request: Request) -> Response:
    """Encode and send the form; the Result region gets the answer and, out of band, the ks
    field gets a KS the answer carried."""
    form = await request.form()
    server = server_of(request, str(form.get(fieldnames.SERVER) or ""))
    console = server.console
    submission = await read_submission(form)
    try:
        shown_base = console.shown_base(str(request.base_url))
        work = sending.send(console.upstream, console.schema, submission, shown_base)
        outcome = await unless_hung_up(request, work)
    except UnknownActionError as exc:
        raise NotFound(str(exc)) from None
    except IncompleteRequestError as exc:
        # Nothing to send yet: a message in the Result, not an error of the console (the form,
        # which this answer does not replace, keeps everything typed).
        return problem(request, str(exc), 200)
    if outcome is None:  # Cancel (or a closed tab): no one reads this, and nothing is kept
        return Response(status_code=204)
    held = after_send(memory(request, server), console, submission, outcome)
    result = Result(outcome, held.ks, held.status, held.changed)
    response = fragment(request, "_result.html", result)
    response.headers["Cache-Control"] = "no-store"  # the answer is this browser's alone
    return response


@router.post("/whole", response_class=PlainTextResponse)
async def whole_answer(
    request: Request,
    content_type: Annotated[str, Query(alias="type")] = "",
) -> Response:
    """Show all: the pretty text of the answer the page posts (the bytes it holds, as received,
    with their `type`) after the first part its Result prints, plain, in pieces of whole
    lines. Nothing is kept. The body may be as large as an answer the console shows
    (`MAX_ANSWER_BYTES`), no larger."""
    body = bytearray()
    async for piece in request.stream():
        body += piece
        if len(body) > MAX_ANSWER_BYTES:
            return PlainTextResponse("Larger than any answer the console shows.", 413)
    pieces = await run_in_threadpool(lambda: list(rest_of(bytes(body), content_type)))
    headers = {"Cache-Control": "no-store"}
    return StreamingResponse(iter(pieces), media_type="text/plain", headers=headers)
