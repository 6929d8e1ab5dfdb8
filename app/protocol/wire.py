"""A `Call` → the parameters a Kaltura server receives → the exact HTTP bytes to POST.

The params are what the official clients send (docs/PROTOCOL.md §2): every scalar a string,
`objectType` first in every object, arrays as JSON lists, maps as JSON objects, `x__null` for
explicit nulls, `{"-": ""}` for explicitly emptied containers. A single call carries the
configuration beside its parameters (a parameter of the same name wins: session.start's
`partnerId`); a multirequest carries it once on top and its calls under keys "1".."n", numbered
as api_v3 runs them: it stops at a gap, so a `{N:result…}` reference follows its request from
the page's number to its place on the wire. Pure: no I/O and no web imports.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from app.protocol import fieldnames, patterns
from app.protocol.call import (
    Array,
    Call,
    Empty,
    EnumConst,
    FieldProblem,
    FilePart,
    Loose,
    Map,
    Members,
    MultiRequest,
    Null,
    Object,
    Reference,
    Scalar,
    Unknown,
    Value,
    Wire,
)
from app.protocol.facts import EMPTY_MARK, MULTIREQUEST, OBJECT_TYPE

EMPTY: dict[str, Wire] = {EMPTY_MARK: ""}


@dataclass(frozen=True)
class EncodedCall:
    """What to send: `path` below the service URL, nested `params`, file parts and the problems
    the form had; `actions` lists each request's (service id, action name)."""

    path: str
    params: dict[str, Wire]
    files: tuple[FilePart, ...] = ()
    problems: tuple[FieldProblem, ...] = ()
    actions: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class HttpRequestSpec:
    """The HTTP request exactly as it goes upstream: `content` is the whole body."""

    method: Literal["POST"]
    path: str
    headers: tuple[tuple[str, str], ...]
    content: bytes
    json_body: str
    multipart: bool


def value_wire(value: Value) -> Wire:
    """One value as sent (a `Null` is a member's marker, see `members_wire`)."""
    match value:
        case Scalar(text=text) | EnumConst(text=text) | Reference(text=text):
            return text
        case Object():
            return {OBJECT_TYPE: value.object_type, **members_wire(value.members)}
        case Array():
            return [value_wire(item) for item in value.items]
        case Map():
            return {key: value_wire(item) for key, item in value.entries}
        case Unknown(value=wire) | Loose(value=wire):
            return wire
        case Empty():
            return dict(EMPTY)
    # A Null is its member's `name__null`; a File goes as its own part.
    raise ValueError(f"{value!r} is not sent as a value")


def members_wire(members: Members) -> dict[str, Wire]:
    out: dict[str, Wire] = {}
    for name, value in members:
        if isinstance(value, Null):
            out[fieldnames.null_of(name)] = ""
        else:
            out[name] = value_wire(value)
    return out


def _parts(call: Call, prefix: str = "") -> tuple[FilePart, ...]:
    return tuple(
        FilePart(prefix + name, file.filename, file.content, file.content_type)
        for name, file in call.files
    )


def call_path(service: str, action: str) -> str:
    return f"/api_v3/service/{service}/action/{action}"


def to_wire(call: Call | MultiRequest, problems: Sequence[FieldProblem] = ()) -> EncodedCall:
    """The params and file parts of `call`, with the `problems` the form had."""
    if isinstance(call, MultiRequest):
        return _multirequest(call, tuple(problems))
    params = members_wire(call.params)
    taken = {name for name, _ in call.params}
    config = members_wire(tuple((n, v) for n, v in call.config if n not in taken))
    return EncodedCall(
        path=call_path(call.service, call.action),
        params={**config, **params},
        files=_parts(call),
        problems=tuple(problems),
        actions=((call.service, call.action),),
    )


def _multirequest(batch: MultiRequest, problems: tuple[FieldProblem, ...]) -> EncodedCall:
    # api_v3 numbers the requests it runs 1..n and stops at a gap, so a page showing 1, 3, 4
    # sends 1, 2, 3, and `{3:result}` must become `{2:result}` to name the same request.
    numbers = {call.number or at: at for at, call in enumerate(batch.calls, start=1)}
    params = members_wire(batch.config)
    parts: list[FilePart] = []
    for at, call in enumerate(batch.calls, start=1):
        sub: Wire = {
            fieldnames.SERVICE: call.service,
            fieldnames.ACTION: call.action,
            **members_wire(call.params),
        }
        params[str(at)] = _with_references_renumbered(sub, numbers)
        parts.extend(_parts(call, fieldnames.request_prefix(at)))
    actions = tuple((call.service, call.action) for call in batch.calls)
    return EncodedCall(f"/api_v3/service/{MULTIREQUEST}", params, tuple(parts), problems, actions)


def renumber_references(text: str, numbers: Mapping[int, int]) -> str:
    """`text` with the N of every `{N:result…}` reference in it mapped through `numbers`; a
    number the mapping lacks is left as typed. Like api_v3, a reference counts anywhere in a
    value, not only as the whole of it."""

    def renumbered(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if number not in numbers:
            return match.group(0)
        return f"{{{numbers[number]}:result{match.group(2) or ''}}}"

    return patterns.REFERENCE.sub(renumbered, text)


def _with_references_renumbered(value: Wire, numbers: Mapping[int, int]) -> Wire:
    if isinstance(value, str):
        return renumber_references(value, numbers)
    if isinstance(value, list):
        return [_with_references_renumbered(item, numbers) for item in value]
    return {key: _with_references_renumbered(item, numbers) for key, item in value.items()}


# -- HTTP --------------------------------------------------------------------------------------


def to_http(call: EncodedCall) -> HttpRequestSpec:
    """The request as the official clients send it (docs/PROTOCOL.md §2): a JSON body with the
    Content-Type exactly `application/json` (with a charset the server ignores the body), or,
    when files go along, multipart/form-data: the JSON in a `json` field plus a part per file."""
    body = json.dumps(call.params, ensure_ascii=False, separators=(",", ":"))
    if not call.files:
        headers = (("Content-Type", "application/json"),)
        return HttpRequestSpec("POST", call.path, headers, body.encode(), body, multipart=False)
    content, boundary = _multipart(body, call.files)
    headers = (("Content-Type", f"multipart/form-data; boundary={boundary}"),)
    return HttpRequestSpec("POST", call.path, headers, content, body, multipart=True)


def _multipart(body: str, files: Sequence[FilePart]) -> tuple[bytes, str]:
    # The boundary is derived from the content, so the same call always gives the same bytes.
    digest = hashlib.sha256(body.encode())
    for part in files:
        digest.update(part.content)
    boundary = f"testme-{digest.hexdigest()[:32]}"
    while any(boundary.encode() in p.content for p in files) or boundary in body:
        boundary += "x"
    chunks = [
        _part_head(boundary, 'name="json"', ""),
        body.encode(),
    ]
    for part in files:
        disposition = f'name="{_quote(part.field_name)}"; filename="{_quote(part.filename)}"'
        chunks += [b"\r\n", _part_head(boundary, disposition, part.content_type), part.content]
    chunks.append(f"\r\n--{boundary}--\r\n".encode())
    return b"".join(chunks), boundary


def _part_head(boundary: str, disposition: str, content_type: str) -> bytes:
    head = f"--{boundary}\r\nContent-Disposition: form-data; {disposition}\r\n"
    if content_type:
        head += f"Content-Type: {content_type}\r\n"
    return (head + "\r\n").encode()


def _quote(name: str) -> str:
    """Escape a part name or filename the way browsers do (WHATWG multipart/form-data)."""
    return name.replace("\r", "%0D").replace("\n", "%0A").replace('"', "%22")
