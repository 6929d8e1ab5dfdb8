"""Turn an HTTP request into one tree of raw parameters (docs/PROTOCOL.md §2).

Three body kinds: form (urlencoded or multipart) with nested names joined by `:` or written as
`a[b][c]` (app/protocol/param_tree.py); JSON, parsed only when the Content-Type is exactly
`application/json` (with a `; charset=…` suffix api_v3 silently ignores the body); multipart
with a `json` field holding all parameters plus one part per file. Query parameters override
the body. File parts are placed in the tree as `UploadedFile` values, so `1:fileData` lands
inside sub-request 1 like any parameter.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import IO, Any

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request

from app.protocol.param_tree import Tree, merge, nest
from app.sandbox.errors import KalturaApiError

RawTree = Tree


@dataclass(frozen=True)
class UploadedFile:
    """A file part of the request; `stream` is positioned at its start."""

    filename: str
    stream: IO[bytes]


def _json_object(text: bytes | str) -> RawTree:
    try:
        data = json.loads(text) if text else {}
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise KalturaApiError("INVALID_PARAMETER_VALUE", "json") from None
    if not isinstance(data, dict):
        raise KalturaApiError("INVALID_PARAMETER_VALUE", "json")
    return nest(data)


def _form_tree(form: FormData) -> RawTree:
    flat: dict[str, Any] = {}
    json_field: RawTree = {}
    for name, value in form.multi_items():
        if isinstance(value, UploadFile):
            flat[name] = UploadedFile(value.filename or "", value.file)
        elif name == "json":
            json_field = _json_object(value)
        else:
            flat[name] = value
    return merge(json_field, nest(flat))


async def read_params(request: Request, max_part_bytes: int) -> RawTree:
    """All parameters of the request, body first, then the query string on top."""
    content_type = request.headers.get("content-type", "")
    media_type = content_type.split(";", 1)[0].strip().lower()
    body: RawTree = {}
    if content_type.strip() == "application/json":
        body = _json_object(await request.body())
    elif media_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        try:
            form = await request.form(
                max_files=1000, max_fields=100_000, max_part_size=max_part_bytes
            )
        except (MultiPartException, HTTPException, ValueError) as exc:
            # A body that is not what its Content-Type says (starlette wraps its
            # MultiPartException in a 400 HTTPException when mounted in an app).
            raise KalturaApiError("INVALID_PARAMETER_VALUE", "body") from exc
        body = _form_tree(form)
    return merge(body, nest(dict(request.query_params.multi_items())))
