"""`/api_v3/testmeDoc/`: the API documentation, read from the same schema as the console.

Names match in any case, as api_v3's do. A link naming what the schema lacks still gets the
whole documentation page (404), saying what was not found."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.web.templating import fragment
from app.web.views.console import state

router = APIRouter(prefix="/api_v3/testmeDoc")


@router.get("/", response_class=HTMLResponse)
async def index(request: Request, service: str = "", object: str = "") -> HTMLResponse:
    schema = state(request).schema
    chosen = schema.service(service) if service else None
    cls = schema.class_named(object) if object else None
    missing = []
    if service and chosen is None:
        missing.append(f"service {service}")
    if object and cls is None:
        missing.append(f"type {object}")
    context = {
        "schema": schema,
        "services": sorted(schema.services, key=lambda s: s.name.lower()),
        "service": chosen,
        "cls": cls,
        "properties": schema.properties(cls.name) if cls else (),
        "subtypes": schema.concrete_types(cls.name) if cls else (),
        "not_found": f"No {' and no '.join(missing)} in schema {schema.api_version}."
        if missing
        else "",
    }
    return fragment(request, "docs.html", context, 404 if missing else 200)
