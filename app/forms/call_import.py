"""Import: pasted text → the console form asking for the same call, its KS, what was left out.

`pasted_request.read_pasted` finds the HTTP request in the text (curl, URL, raw HTTP, HAR). Its
parameters are gathered as api_v3 gathers them — the path's `/service/S/action/A[/name/value…]`,
then the query, then the body (form-encoded, JSON, or multipart with a `json` part), a later
one winning — and nested by their `a:b` / `a[b]` names. `wire_reading` reads that wire into a
typed call, `form_writing` writes the call's form fields, and `links.read_link` reads those as
the console reads a link, with the same rules: what the action lacks, a value that is not its
type's, a secret (the form's address would carry it) is left out and named. The top-level `ks`
is taken apart for the ks field, never for the form. Everything that is not placed is in
`not_placed`; nothing is dropped unsaid. Pure: no I/O and no web imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from app.forms.form_calls import UnknownActionError
from app.forms.form_writing import form_of
from app.forms.links import Dropped, Link, read_link
from app.forms.wire_reading import read_wire, read_wire_multirequest
from app.protocol import fieldnames
from app.protocol.facts import MULTIREQUEST
from app.protocol.param_tree import merge, nest
from app.protocol.pasted_request import (
    API_MARK,
    FILE_REASON,
    NotARequestError,
    PastedRequest,
    parsed_json,
    read_pasted,
)
from app.protocol.schema import Schema

Tree = dict[str, Any]
KS = "ks"
JSON_PART = "json"  # the multipart field api_v3 reads a JSON body from
SECRET_HERE = "a secret: the form's address would carry it, so type it into its field"
_VARIABLE = re.compile(r"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?")


@dataclass(frozen=True)
class Imported:
    """`link`: the form, as a link would open it (its `values` make the address); `ks` for the
    ks field; `not_placed` every part of the paste the form does not hold, and why."""

    link: Link
    ks: str
    not_placed: tuple[Dropped, ...]
    notes: tuple[str, ...]
    call: str  # `service.action`, or `multirequest`


def import_call(schema: Schema, text: str) -> Imported:
    """NotARequestError (its message for a person) when `text` is no call of `schema`."""
    pasted = read_pasted(text)
    left_out = [Dropped(what, why) for what, why in pasted.left_out]
    params = _params(pasted, left_out)
    service = str(params.pop(fieldnames.SERVICE, "") or "")
    action = str(params.pop(fieldnames.ACTION, "") or "")
    ks = params.pop(KS, "")
    if not isinstance(ks, str):
        left_out.append(Dropped(KS, "not a KS: a KS is text"))
        ks = ""
    elif _VARIABLE.fullmatch(ks.strip()):
        left_out.append(Dropped(KS, f"{ks.strip()} is read from the environment: paste the KS"))
        ks = ""
    if not service:
        raise NotARequestError(
            "This request names no service: a Kaltura call goes to "
            "/api_v3/service/SERVICE/action/ACTION or carries service= and action=."
        )
    try:
        if service.lower() == MULTIREQUEST:
            batch = read_wire_multirequest(schema, params)
            form = form_of(batch)
            called = MULTIREQUEST
        else:
            if not action:
                raise NotARequestError(f"This request names service {service} but no action.")
            one = read_wire(schema, service, action, params)
            form = form_of(one)
            called = f"{one.service}.{one.action}"
    except UnknownActionError as exc:
        raise NotARequestError(
            f"Not a call of schema {schema.api_version}: {exc}. Nothing was filled."
        ) from None
    pairs = [(fieldnames.SERVICE, form.service)]
    pairs += [(fieldnames.ACTION, form.action)] if form.action else []
    pairs += list(form.fields)
    pairs += [(fieldnames.config(name), value) for name, value in form.config.items()]
    link = read_link(schema, pairs)
    dropped = [replace(d, reason=SECRET_HERE) if d.secret else d for d in link.dropped]
    return Imported(link, ks.strip(), (*left_out, *dropped), pasted.notes, called)


def _params(pasted: PastedRequest, left_out: list[Dropped]) -> Tree:
    """The request's parameters as api_v3 gathers them: the body (a `json` part, then the form
    fields over it), then the path and the query on top (docs/PROTOCOL.md §2)."""
    address = urlsplit(pasted.url)
    path = unquote(address.path)
    if API_MARK not in path and "service=" not in address.query:
        raise NotARequestError(
            "This address is no Kaltura API call: it has neither /api_v3/service/… nor service=."
        )
    body: Tree = {}
    fields: list[tuple[str, str]] = []
    content_type = pasted.content_type.split(";", 1)[0].strip().lower()
    json_body = content_type == "application/json" or (
        not content_type and pasted.body.lstrip().startswith("{")
    )
    if json_body and pasted.body.strip():
        body = nest(_json_object(pasted.body))
    elif not json_body and pasted.body:
        fields += parse_qsl(pasted.body, keep_blank_values=True)
    for part in pasted.parts:
        if part.filename:
            left_out.append(Dropped(part.name, f"{FILE_REASON} ({part.filename})"))
        elif part.name == JSON_PART:
            body = merge(body, nest(_json_object(part.value)))
        else:
            fields.append((part.name, part.value))
    query = _path_pairs(path) + parse_qsl(address.query, keep_blank_values=True)
    return merge(merge(body, nest(dict(fields))), nest(dict(query)))


def _path_pairs(path: str) -> list[tuple[str, str]]:
    """api_v3 reads the path after `/api_v3/` as name/value pairs (`service/media/action/get`);
    `index.php` and the like carry none."""
    rest = path.split(API_MARK, 1)[1] if API_MARK in path else ""
    segments = [s for s in rest.split("/") if s and not s.endswith(".php")]
    return list(zip(segments[::2], segments[1::2], strict=False))


def _json_object(text: str) -> Tree:
    found = parsed_json(text, "The JSON body")
    if not isinstance(found, dict):
        raise NotARequestError("The JSON body is not an object of parameters.")
    return found
