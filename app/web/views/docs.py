"""`/api_v3/testmeDoc/`: the API documentation, read from the same schema as the console.

Names match in any case, as api_v3's do. A link naming what the schema lacks still gets the
whole documentation page (404), saying what was not found."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.kaltura.schema import ClassDef, PropertyDef, Schema, ServiceDef
from app.web.templating import fragment
from app.web.urls import DOCS
from app.web.views.console import state

router = APIRouter(prefix=DOCS)


@dataclass(frozen=True)
class DocsPage:
    schema: Schema
    services: tuple[ServiceDef, ...]
    service: ServiceDef | None = None
    cls: ClassDef | None = None
    properties: tuple[PropertyDef, ...] = ()
    subtypes: tuple[str, ...] = ()
    not_found: str = ""


@router.get("/", response_class=HTMLResponse, name="docs")
async def index(request: Request, service: str = "", object: str = "") -> HTMLResponse:
    schema = state(request).schema
    chosen = schema.service(service) if service else None
    cls = schema.class_named(object) if object else None
    missing = []
    if service and chosen is None:
        missing.append(f"service {service}")
    if object and cls is None:
        missing.append(f"type {object}")
    docs = DocsPage(
        schema=schema,
        services=tuple(sorted(schema.services, key=lambda s: s.name.lower())),
        service=chosen,
        cls=cls,
        properties=tuple(schema.properties(cls.name)) if cls else (),
        subtypes=tuple(schema.concrete_types(cls.name)) if cls else (),
        not_found=f"No {' and no '.join(missing)} in schema {schema.api_version}."
        if missing
        else "",
    )
    return fragment(request, "docs.html", docs, status_code=404 if missing else 200)
