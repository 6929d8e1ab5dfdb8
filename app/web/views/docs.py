"""`/api_v3/testmeDoc/`: the API documentation, read from the same schema as the console."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.web.errors import NotFound
from app.web.templating import fragment
from app.web.views.console import state

router = APIRouter(prefix="/api_v3/testmeDoc")


@router.get("/", response_class=HTMLResponse)
async def index(request: Request, service: str = "", object: str = "") -> HTMLResponse:
    schema = state(request).schema
    chosen = schema.service(service) if service else None
    if service and chosen is None:
        raise NotFound(f"Unknown service {service!r}.")
    cls = schema.classes.get(object) if object else None
    if object and cls is None:
        raise NotFound(f"Unknown type {object!r}.")
    context = {
        "schema": schema,
        "services": sorted(schema.services, key=lambda s: s.name.lower()),
        "service": chosen,
        "cls": cls,
        "properties": schema.properties(cls.name) if cls else (),
        "subtypes": schema.concrete_types(cls.name) if cls else (),
    }
    return fragment(request, "docs.html", context)
