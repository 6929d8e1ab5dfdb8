"""A Send's form → the `Call` (or `MultiRequest`) it asks for, and the problems found.

`form_reading` reads the values of one request; this module finds the action in the schema,
adds the request-wide configuration, attaches uploaded files and, for a multirequest, groups
the `N:` fields into requests that keep the number the page shows them under (problems name
each request by it; `wire` renumbers them 1..n). Pure: no I/O and no web imports.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from app.forms.form_reading import Reader
from app.forms.form_tree import tree
from app.protocol import fieldnames
from app.protocol.call import Call, FieldProblem, File, FilePart, Members, MultiRequest
from app.protocol.schema import ActionDef, ParamDef, Schema, ServiceDef, TypeRef

_SAFE_NAME = re.compile(r"[A-Za-z0-9_]+")


class UnknownActionError(LookupError):
    """The service or action is not in the schema (the console answers 404)."""


class IncompleteRequestError(ValueError):
    """No service or no action chosen yet; the message tells a person what to do (and where)."""


NO_CALL = "Choose a service and an action."
"""What a form without a service or an action lacks (the Code region says it too)."""


@dataclass(frozen=True)
class SubRequest:
    """One request of a multirequest, with its field names stripped of their `N:` prefix;
    `number` is the N the page shows it under (0: its position in the list)."""

    service_id: str
    action_name: str
    fields: tuple[tuple[str, str], ...] = ()
    files: tuple[FilePart, ...] = ()
    number: int = 0


@dataclass(frozen=True)
class FormCall:
    """What a form asks for, and the problems a server would probably refuse it for."""

    call: Call | MultiRequest
    problems: tuple[FieldProblem, ...] = ()


def resolve(schema: Schema, service_id: str, action_name: str) -> tuple[ServiceDef, ActionDef]:
    service = schema.service(service_id)
    action = service.action(action_name) if service else None
    if service is None or action is None:
        raise UnknownActionError(f"no action {service_id}.{action_name} in the schema")
    # The path is built from the schema's spelling only, and only from safe names, so nothing
    # the browser sends can leave /api_v3/.
    if not (_SAFE_NAME.fullmatch(service.id) and _SAFE_NAME.fullmatch(action.name)):
        raise UnknownActionError(f"unsafe name {service.id}.{action.name} in the schema")
    return service, action


def config_params(schema: Schema) -> tuple[ParamDef, ...]:
    """The request-wide names the schema declares, and `format`, which it may not."""
    declared = [ParamDef(c.name, c.ref, optional=True) for c in schema.configurations]
    if not any(p.name == "format" for p in declared):
        declared.append(ParamDef("format", TypeRef("int"), optional=True))
    return tuple(declared)


def action_params(schema: Schema, action: ActionDef) -> tuple[ParamDef, ...]:
    """What a request may set: its action's parameters, then the request-wide names (a
    multirequest's `2:ks` = `{1:result}` runs request 2 with the KS request 1 returned)."""
    own = {p.name for p in action.params}
    return (*action.params, *(p for p in config_params(schema) if p.name not in own))


def _read_config(schema: Schema, config: Mapping[str, str]) -> tuple[Members, list[FieldProblem]]:
    # Its problems are named by their fields (`config.partnerId`), not by the bare name an
    # action's own parameter may also have (session.start takes a partnerId too).
    reader = Reader(schema, prefix=fieldnames.CONFIG_PREFIX)
    params = reader.params(config_params(schema), tree(config), "the configuration", strict=False)
    return params, reader.problems


def _read_action(
    reader: Reader,
    service: ServiceDef,
    action: ActionDef,
    fields: Sequence[tuple[str, str]],
    files: Sequence[FilePart],
    number: int = 0,
) -> Call:
    declared = action_params(reader.schema, action)
    params = reader.params(declared, tree(fields), f"{service.id}.{action.name}")
    file_params = {p.name: p for p in action.params if p.ref.type == "file"}
    uploads = []
    for upload in files:
        if not upload.filename and not upload.content:
            continue  # a browser sends an empty part for a file input left alone
        if upload.field_name not in file_params:
            reader.flag(upload.field_name, "not a file parameter of this action; sent as given")
        file = File(upload.filename, upload.content, upload.content_type)
        uploads.append((upload.field_name, file))
    sent = {name for name, _ in uploads}
    for name, param in file_params.items():
        if not param.optional and name not in sent:
            reader.flag(name, "missing mandatory file", "missing")
    return Call(service.id, action.name, params, files=tuple(uploads), number=number)


def read_call(
    schema: Schema,
    service_id: str,
    action_name: str,
    fields: Sequence[tuple[str, str]],
    files: Sequence[FilePart] = (),
    config: Mapping[str, str] | None = None,
) -> FormCall:
    """Read one action call; `IncompleteRequestError` without a service or an action,
    `UnknownActionError` if the schema lacks them."""
    if not (service_id and action_name):
        raise IncompleteRequestError(NO_CALL)
    service, action = resolve(schema, service_id, action_name)
    reader = Reader(schema)
    call = _read_action(reader, service, action, fields, files)
    config_values, config_problems = _read_config(schema, config or {})
    return FormCall(replace(call, config=config_values), (*config_problems, *reader.problems))


def read_multirequest(
    schema: Schema, requests: Sequence[SubRequest], config: Mapping[str, str] | None = None
) -> FormCall:
    """Read a multirequest: its requests in the given order, each numbered as the page shows
    it (by position when it has no number), the configuration once for all.
    `IncompleteRequestError` names every request without a service or an action."""
    pages = [request.number or position for position, request in enumerate(requests, start=1)]
    incomplete = [
        f"Request {page}: choose a service and an action."
        for page, request in zip(pages, requests, strict=True)
        if not (request.service_id and request.action_name)
    ]
    if incomplete:
        raise IncompleteRequestError(" ".join(incomplete))
    config_values, problems = _read_config(schema, config or {})
    if not requests:
        problems.append(FieldProblem("", "a multirequest needs at least one request"))
    calls = []
    for position, (page, request) in enumerate(zip(pages, requests, strict=True)):
        try:
            service, action = resolve(schema, request.service_id, request.action_name)
        except UnknownActionError as error:
            raise UnknownActionError(f"request {page}: {error}") from error
        reader = Reader(
            schema, prefix=fieldnames.request_prefix(page), earlier=frozenset(pages[:position])
        )
        if not action.enable_in_multirequest:
            message = f"{service.id}.{action.name} cannot run in a multirequest"
            reader.flag(fieldnames.ACTION, message, "placement")
        calls.append(_read_action(reader, service, action, request.fields, request.files, page))
        problems.extend(reader.problems)
    return FormCall(MultiRequest(tuple(calls), config_values), tuple(problems))


def split_multirequest(
    fields: Sequence[tuple[str, str]], files: Sequence[FilePart] = ()
) -> tuple[SubRequest, ...]:
    """Group `N:`-prefixed form fields (`1:service`, `1:action`, `1:filter:nameLike`) into
    sub-requests in numeric order, each keeping its number."""
    grouped: dict[int, list[tuple[str, str]]] = {}
    uploads: dict[int, list[FilePart]] = {}
    for name, value in fields:
        if found := fieldnames.numbered(name):
            grouped.setdefault(found[0], []).append((found[1], value))
    for upload in files:
        if found := fieldnames.numbered(upload.field_name):
            renamed = FilePart(found[1], upload.filename, upload.content, upload.content_type)
            uploads.setdefault(found[0], []).append(renamed)
    requests = []
    for number in sorted(grouped.keys() | uploads.keys()):
        pairs = grouped.get(number, [])
        service = next((v for n, v in pairs if n == fieldnames.SERVICE and v), "")
        action = next((v for n, v in pairs if n == fieldnames.ACTION and v), "")
        rest = tuple((n, v) for n, v in pairs if n not in (fieldnames.SERVICE, fieldnames.ACTION))
        requests.append(SubRequest(service, action, rest, tuple(uploads.get(number, [])), number))
    return tuple(requests)
