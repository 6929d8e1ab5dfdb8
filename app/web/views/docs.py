"""`/api_v3/testmeDoc/`: the API documentation, read from the same schema as the console.

One page per service (each action at its own anchor), per type (`?object=` names a class or an
enum) and the error list (`?error=CODE`, the finder's old link, redirects to its row). Names
match in any case, as api_v3's do. A link naming what the schema lacks still gets the whole
documentation page (404), saying what was not found."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.protocol.schema import ClassDef, EnumDef, PropertyDef, Schema, ServiceDef
from app.reference.docs import DocsIndex, docs_index, error_named
from app.web.sandbox_coverage import ServiceAnswers
from app.web.templating import fragment
from app.web.urls import DOCS, url_for
from app.web.views.console import state

router = APIRouter(prefix=DOCS)


@dataclass(frozen=True)
class DocsPage:
    schema: Schema
    index: DocsIndex
    service: ServiceDef | None = None
    cls: ClassDef | None = None
    enum: EnumDef | None = None
    properties: tuple[PropertyDef, ...] = ()
    subtypes: tuple[str, ...] = ()
    errors_page: bool = False
    not_found: str = ""
    sandbox: ServiceAnswers | None = None  # the service's actions as the sandbox answers them


def _enum_named(schema: Schema, name: str) -> EnumDef | None:
    wanted = name.lower()
    return schema.enums.get(name) or next(
        (e for n, e in schema.enums.items() if n.lower() == wanted), None
    )


@router.get("/", response_class=HTMLResponse, name="docs")
async def index(request: Request, service: str = "", object: str = "", error: str = "") -> Response:
    console = state(request)
    schema = console.schema
    if error:  # the finder's old links, `?error=CODE`: the error list's row
        known = error_named(schema, error)
        if known is not None:
            return RedirectResponse(f"{url_for(request.app, 'docs_errors')}#{known.name}")
    chosen = schema.service(service) if service else None
    cls = schema.class_named(object) if object else None
    enum = _enum_named(schema, object) if object and cls is None else None
    missing = []
    if service and chosen is None:
        missing.append(f"service {service}")
    if object and cls is None and enum is None:
        missing.append(f"type {object}")
    if error:
        missing.append(f"error {error}")
    docs = DocsPage(
        schema=schema,
        index=docs_index(schema),
        service=chosen,
        cls=cls,
        enum=enum,
        properties=schema.properties(cls.name) if cls else (),
        subtypes=tuple(schema.concrete_types(cls.name)) if cls else (),
        errors_page=bool(error) and not (chosen or cls or enum),
        not_found=f"No {' and no '.join(missing)} in schema {schema.api_version}."
        if missing
        else "",
        sandbox=console.coverage.service(chosen) if console.coverage and chosen else None,
    )
    return fragment(request, "docs.html", docs, status_code=404 if missing else 200)


@router.get("/errors", response_class=HTMLResponse, name="docs_errors")
async def errors(request: Request) -> HTMLResponse:
    schema = state(request).schema
    docs = DocsPage(schema=schema, index=docs_index(schema), errors_page=True)
    return fragment(request, "docs.html", docs)
