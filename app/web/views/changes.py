"""`/api_v3/testmeDoc/changes`: what changed between the loaded schema and another one.

GET compares the schema Reload schema replaced (`previous_schema.py`) with the loaded one; a
POST compares an uploaded schema file, read in memory and never stored (`schema_upload.py`),
as the older or the newer of the two. Each changed name links to its docs page where the
loaded schema has it. The comparison itself is `app/reference/schema_diff.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.applications import Starlette

from app.protocol.schema import Schema
from app.protocol.schema_loader import SchemaError, read_schema
from app.reference.docs import docs_index
from app.reference.schema_diff import Change, SchemaDiff, compare, present_in
from app.web.previous_schema import load_previous
from app.web.schema_upload import UPLOAD_LIMIT, UploadProblem, read_upload
from app.web.templating import fragment
from app.web.urls import DOCS, url_for
from app.web.views.console import state
from app.web.views.docs import DocsPage

router = APIRouter(prefix=DOCS)
FILE_FIELD = "schema"
ORDER_FIELD = "order"  # "older": the file is the older schema (the default), "newer"


@dataclass(frozen=True)
class ChangeRow:
    change: Change
    href: str  # its docs page in the loaded schema; "" where that schema lacks it


@dataclass(frozen=True)
class ChangeList:
    heading: str
    rows: tuple[ChangeRow, ...]

    @property
    def anchor(self) -> str:
        return "changes-" + self.heading.lower().replace(" ", "-")


@dataclass(frozen=True)
class Changes:
    """What the Changes page prints: what was compared, the changes, or why not."""

    against: str = ""  # the other schema, in words
    summary: str = ""
    lists: tuple[ChangeList, ...] = ()
    problem: str = ""
    newer: bool = False  # the upload was the newer schema (the select keeps the choice)
    file_field: str = FILE_FIELD
    order_field: str = ORDER_FIELD
    limit_mb: int = UPLOAD_LIMIT // (1024 * 1024)


@dataclass(frozen=True)
class ChangesPage:
    changes: Changes


def _href(app: Starlette, schema: Schema, change: Change) -> str:
    if not present_in(schema, change):
        return ""
    if change.error:
        return f"{url_for(app, 'docs_errors')}#{change.error}"
    if change.type_name:
        return url_for(app, "docs", object=change.type_name)
    page = url_for(app, "docs", service=change.service)
    return f"{page}#{change.action}" if change.action else page


def _shown(
    app: Starlette, loaded: Schema, diff: SchemaDiff, against: str, newer: bool = False
) -> Changes:
    lists = tuple(
        ChangeList(g.heading, tuple(ChangeRow(c, _href(app, loaded, c)) for c in g.changes))
        for g in diff.groups
    )
    return Changes(against, diff.summary(), lists, newer=newer)


def _page(request: Request, changes: Changes, status_code: int = 200) -> HTMLResponse:
    schema = state(request).schema
    docs = DocsPage(schema=schema, index=docs_index(schema))
    return fragment(request, "docs.html", docs, ChangesPage(changes), status_code=status_code)


@router.get("/changes", response_class=HTMLResponse, name="docs_changes")
async def changes(request: Request) -> HTMLResponse:
    console = state(request)
    try:
        previous = load_previous(console.settings)
    except SchemaError as exc:
        return _page(request, Changes(problem=f"The kept copy cannot be read: {exc}"))
    if previous is None:
        return _page(request, Changes())
    when = f", replaced {previous.replaced}" if previous.replaced else ""
    against = f"the schema Reload schema replaced ({previous.origin}{when})"
    diff = compare(previous.schema, console.schema)
    return _page(request, _shown(request.app, console.schema, diff, against))


@router.post("/changes", response_class=HTMLResponse, name="docs_changes_upload")
async def changes_with_file(request: Request) -> HTMLResponse:
    schema = state(request).schema
    try:
        upload = await read_upload(request, FILE_FIELD)
    except UploadProblem as exc:
        return _page(request, Changes(problem=str(exc)), status_code=400)
    newer = upload.fields.get(ORDER_FIELD) == "newer"
    if not upload.data:
        return _page(request, Changes(problem="Choose a schema file to compare.", newer=newer), 400)
    try:
        # read, not parse_schema: an upload is used once and kept by no cache
        other = read_schema(upload.data, upload.filename or "the uploaded file")
    except SchemaError as exc:
        problem = f"The file is not a schema that can be read: {exc}"
        return _page(request, Changes(problem=problem, newer=newer), status_code=400)
    diff = compare(schema, other) if newer else compare(other, schema)
    against = f"the uploaded file {upload.filename or ''} ({'newer' if newer else 'older'})"
    return _page(request, _shown(request.app, schema, diff, against, newer))
