"""What the console serves of its loaded schema as it is: `/api_v3/testme/schema.xml`, the schema
document the console's forms come from, and `history/known`, the calls History can restore.

The top bar links it, as the original TestMe's menu did. It is served from memory rather than
linked to `/api_v3/api_schema.php`, because that can differ from what the console uses: a
`--schema` file, a cached copy, or the embedded default when the server was unreachable.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response

from app import compression
from app.web.urls import CONSOLE
from app.web.views.console import state

router = APIRouter()


@router.get(CONSOLE + "/schema.xml")
async def schema_xml(request: Request) -> Response:
    """The document as loaded; gzip-compressed once per schema, not by the middleware on each
    request, for a browser that takes it (`compression.wanted`)."""
    console = state(request)
    vary = {"Vary": "Accept-Encoding"}
    if compression.wanted(request.headers):
        gzipped = {**vary, "Content-Encoding": "gzip"}
        return Response(console.schema_xml_gzip, media_type="text/xml", headers=gzipped)
    return Response(console.schema_xml, media_type="text/xml", headers=vary)


@router.get(CONSOLE + "/history/known", response_class=PlainTextResponse)
async def history_known(request: Request, v: str = "") -> PlainTextResponse:
    """Every `service.action` the loaded schema has (`Schema.known_actions`), fetched by
    history.js when History is first shown, rather than 24 KB of every console page. The page
    names it by the list's digest (`?v=`, see templates/_history_known.html): under that name
    the answer never changes, so the browser keeps it; under another (a page from before
    Reload schema), it is this schema's list, kept by no one."""
    schema = state(request).schema
    response = PlainTextResponse(schema.known_actions)
    current = v == schema.known_actions_key
    response.headers["Cache-Control"] = (
        "private, max-age=31536000, immutable" if current else "no-store"
    )
    return response
