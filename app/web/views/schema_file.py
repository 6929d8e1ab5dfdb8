"""`/api_v3/testme/schema.xml`: the schema document the console's forms come from, as loaded.

The top bar links it, as the original TestMe's menu did. It is served from memory rather than
linked to `/api_v3/api_schema.php`, because that can differ from what the console uses: a
`--schema` file, a cached copy, or the embedded default when the server was unreachable.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.web.urls import CONSOLE
from app.web.views.console import state

router = APIRouter()


@router.get(CONSOLE + "/schema.xml")
async def schema_xml(request: Request) -> Response:
    return Response(state(request).schema_xml, media_type="text/xml")
