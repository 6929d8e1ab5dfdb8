"""Console form fields → the parameters a Kaltura server receives, and back.

The browser submits flat `(name, value)` pairs whose names are Kaltura's own colon paths
(`filter:objectType`, `entries:3:name`, `filter:nameLike__null`, `tags:-`); this module turns them,
with the action's declaration from the schema, into the nested parameters the official clients send
(PROTOCOL.md §2): every scalar a string, `objectType` in every object, arrays as JSON lists in
numeric index order, maps as JSON objects, `x__null` for explicit nulls, `{"-": ""}` for explicitly
emptied containers. Values that do not fit their type are reported as `FieldProblem`s but still
encoded: people test negative cases. `to_http` turns the result into the exact bytes to POST.
Rules chosen here: a name given twice is a multi-choice, joined with commas; a `__null` marker
wins over a value and `-` over items; an object without `objectType` is not sent at all; names
the schema does not know are sent as given (and flagged); multirequest sub-requests are numbered
1..n in the order given, problems name each by the number the page shows it under, and a
`{N:result…}` reference follows its request to that request's number on the wire. Pure: no I/O and
no web imports.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from app.kaltura import patterns
from app.kaltura.schema import ActionDef, ParamDef, Schema, ServiceDef, TypeRef

Wire: TypeAlias = "str | dict[str, Wire] | list[Wire]"
"""A parameter value as sent: a string, a nested object or map, or a list."""

NULL_SUFFIX = "__null"
EMPTY_MARK = "-"
MAP_KEY = "__key"
MULTIREQUEST_PATH = "/api_v3/service/multirequest"

_SAFE_NAME = re.compile(r"[A-Za-z0-9_]+")
_INT = re.compile(patterns.INT)
_FLOAT = re.compile(patterns.FLOAT)
_BOOLS = {"true": "true", "1": "true", "false": "false", "0": "false"}
_RESULT_REFERENCE = re.compile(patterns.RESULT_REFERENCE)


@dataclass(frozen=True)
class FilePart:
    """An uploaded file: `field_name` is the parameter (`fileData`, or `2:fileData` on the wire)."""

    field_name: str
    filename: str
    content: bytes
    content_type: str = "application/octet-stream"


UploadedFile = FilePart


@dataclass(frozen=True)
class FieldProblem:
    """A value the server will probably refuse; `path` is its form field name (`pager:pageSize`)."""

    path: str
    message: str


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
class EncodedCall:
    """What to send: `path` below the service URL, nested `params`, file parts and problems;
    `actions` lists each request's (service id, action name) as the schema spells them."""

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


class UnknownActionError(LookupError):
    """The service or action is not in the schema (the console answers 404)."""


class IncompleteRequestError(ValueError):
    """No service or no action chosen yet; the message tells a person what to do (and where)."""


# -- the form as a tree ----------------------------------------------------------------------


@dataclass
class _Node:
    values: list[str] = field(default_factory=list)
    children: dict[str, _Node] = field(default_factory=dict)
    null: bool = False
    emptied: bool = False

    def child(self, name: str) -> _Node:
        return self.children.setdefault(name, _Node())

    def given(self) -> list[str]:
        return [v for v in self.values if v != ""]

    def is_blank(self) -> bool:
        return not (self.given() or self.null or self.emptied) and all(
            c.is_blank() for c in self.children.values()
        )


def _is_on(value: str) -> bool:
    return value.strip().lower() not in ("", "0", "false", "off")


def _tree(pairs: Sequence[tuple[str, str]] | Mapping[str, str]) -> _Node:
    root = _Node()
    items = pairs.items() if isinstance(pairs, Mapping) else pairs
    for name, value in items:
        *parents, last = name.split(":")
        node = root
        for segment in parents:
            node = node.child(segment)
        if last.endswith(NULL_SUFFIX) and last != NULL_SUFFIX:
            if _is_on(value):
                node.child(last[: -len(NULL_SUFFIX)]).null = True
        elif last == EMPTY_MARK and parents:
            node.emptied = node.emptied or _is_on(value)
        else:
            node.child(last).values.append(value)
    return root


# -- typed encoding --------------------------------------------------------------------------


class _Encoder:
    """Encodes one request's tree against the schema, collecting problems on the way."""

    def __init__(
        self, schema: Schema, prefix: str = "", earlier: frozenset[int] | None = None
    ) -> None:
        self.schema = schema
        self.prefix = prefix
        # Inside a multirequest: the numbers of the requests that run before this one, which a
        # `{N:result}` may name. None outside one, where such a value is checked like any other.
        self.earlier = earlier
        self.problems: list[FieldProblem] = []

    def flag(self, path: str, message: str) -> None:
        self.problems.append(FieldProblem(self.prefix + path, message))

    def params(
        self, declared: Sequence[ParamDef], root: _Node, owner: str, strict: bool = True
    ) -> dict[str, Wire]:
        out: dict[str, Wire] = {}
        names = {p.name for p in declared}
        for param in declared:
            node = root.children.get(param.name, _Node())
            if param.ref.type == "file":
                if not node.is_blank():
                    self.flag(param.name, "a file parameter takes an uploaded file")
                continue
            self.put(out, param.name, param.ref, node, param.name, mandatory=not param.optional)
        for name, node in root.children.items():
            if name not in names and self.put_loose(out, name, node) and strict:
                self.flag(name, f"not a parameter of {owner}; sent as given")
        return out

    def put(
        self,
        out: dict[str, Wire],
        name: str,
        ref: TypeRef,
        node: _Node,
        path: str,
        mandatory: bool = False,
        values_enum: str = "",
    ) -> None:
        if node.null:
            out[name + NULL_SUFFIX] = ""
            return
        value = self.value(ref, node, path, values_enum)
        if value is not None:
            out[name] = value
        elif mandatory:
            self.flag(path, "missing mandatory parameter")

    def value(self, ref: TypeRef, node: _Node, path: str, values_enum: str = "") -> Wire | None:
        kind = self.schema.kind(ref)
        if kind == "object":
            return self.object(ref.type, node, path)
        if kind == "array":
            return self.array(ref, node, path)
        if kind == "map":
            return self.map(ref, node, path)
        if kind == "unknown":
            return self.unknown(node, path)
        if kind == "file":
            return _loose(node)
        return self.scalar(kind, ref, node, path, values_enum)

    def scalar(
        self, kind: str, ref: TypeRef, node: _Node, path: str, values_enum: str
    ) -> str | None:
        given = node.given()
        if not given:
            return None
        # A repeated name is a multi-choice (`statusIn`): Kaltura takes comma-separated values.
        text = ",".join(given)
        if self.is_reference(text, path):
            return text
        problem = self.check(kind, ref, text.strip(), values_enum)
        if problem:
            self.flag(path, problem)
        if kind == "bool":
            return _BOOLS.get(text.strip().lower(), text)
        return text

    def unknown(self, node: _Node, path: str) -> Wire | None:
        """A value of a type the schema does not define: JSON that starts an object or array
        is sent as the nested value it describes, scalars as strings like every other value;
        anything else (a result reference included) as given."""
        given = node.given()
        text = given[0].strip() if len(given) == 1 and not node.children else ""
        if not text.startswith(("{", "[")) or _RESULT_REFERENCE.fullmatch(text):
            return _loose(node)
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as error:
            where = f"line {error.lineno} column {error.colno}"
            self.flag(path, f"not valid JSON ({error.msg} at {where}); sent as text")
            return given[0]
        return _from_json(parsed)

    def check(self, kind: str, ref: TypeRef, text: str, values_enum: str) -> str:
        if kind == "int" and not _INT.fullmatch(text):
            return f"expects a whole number, got {text!r}"
        if kind == "float" and not _FLOAT.fullmatch(text):
            return f"expects a number, got {text!r}"
        if kind == "bool" and text.lower() not in _BOOLS:
            return f"expects true or false, got {text!r}"
        enum_name = ref.enum_type if kind == "enum" else values_enum
        enum = self.schema.enums.get(enum_name)
        if enum is None or enum.enum_type != "int":
            return ""  # string enums are open: plugins add values the schema may not list
        parts = text.split(",") if values_enum else [text]
        wrong = [p for p in parts if enum.name_of(p.strip()) is None]
        if wrong:
            return f"{', '.join(map(repr, wrong))} not in {enum.name}"
        return ""

    def is_reference(self, text: str, path: str) -> bool:
        match = _RESULT_REFERENCE.fullmatch(text.strip())
        if not match or self.earlier is None:
            return False
        if int(match.group(1)) not in self.earlier:
            self.flag(path, f"refers to request {match.group(1)}, which does not run before it")
        return True

    def object(self, declared: str, node: _Node, path: str) -> dict[str, Wire] | None:
        chosen = node.children.get("objectType", _Node()).given()
        if not chosen:
            return None  # no type chosen: the object is not sent, whatever its fields hold
        cls = self.schema.class_named(chosen[-1].strip())
        object_type = cls.name if cls else chosen[-1].strip()  # sent as the schema spells it
        out: dict[str, Wire] = {"objectType": object_type}
        type_path = f"{path}:objectType"
        if cls is None:
            self.flag(type_path, f"unknown objectType {object_type!r}")
            for name, loose in node.children.items():
                if name != "objectType":
                    self.put_loose(out, name, loose)
            return out
        if declared in self.schema.classes and not self.schema.is_subclass(object_type, declared):
            self.flag(type_path, f"{object_type} is not a {declared}")
        if cls.abstract:
            self.flag(type_path, f"{object_type} is abstract; the server refuses it")
        properties = {p.name: p for p in self.schema.properties(object_type)}
        for prop in properties.values():
            child = node.children.get(prop.name)
            if child is None:
                continue
            prop_path = f"{path}:{prop.name}"
            if prop.read_only and not child.is_blank():
                self.flag(prop_path, "read-only property")
            self.put(out, prop.name, prop.ref, child, prop_path, values_enum=prop.values_enum_type)
        for name, child in node.children.items():
            if name not in properties and name != "objectType" and self.put_loose(out, name, child):
                self.flag(f"{path}:{name}", f"not a property of {object_type}; sent as given")
        return out

    def items(self, node: _Node, path: str) -> list[tuple[str, _Node]]:
        """The numbered items in numeric order: `10` comes after `9`, gaps are fine."""
        numbered = []
        for name, child in node.children.items():
            if name.isascii() and name.isdigit():
                numbered.append((name, child))
            elif not child.is_blank():
                self.flag(f"{path}:{name}", "not an item number; ignored")
        return sorted(numbered, key=lambda item: int(item[0]))

    def array(self, ref: TypeRef, node: _Node, path: str) -> Wire | None:
        if node.emptied:
            return {EMPTY_MARK: ""}
        item_ref = TypeRef(ref.array_type or "string")
        out: list[Wire] = []
        for name, child in self.items(node, path):
            value = self.value(item_ref, child, f"{path}:{name}")
            if value is not None:
                out.append(value)
        return out or None

    def map(self, ref: TypeRef, node: _Node, path: str) -> Wire | None:
        if node.emptied:
            return {EMPTY_MARK: ""}
        item_ref = TypeRef(ref.array_type or "string")
        out: dict[str, Wire] = {}
        for name, child in self.items(node, path):
            item_path = f"{path}:{name}"
            keys = child.children.get(MAP_KEY, _Node()).given()
            entry = _Node(child.values, {k: v for k, v in child.children.items() if k != MAP_KEY})
            value = self.value(item_ref, entry, item_path)
            if value is None:
                continue
            if not keys:
                self.flag(f"{item_path}:{MAP_KEY}", "a map item needs a key; not sent")
                continue
            if keys[-1] in out:
                self.flag(f"{item_path}:{MAP_KEY}", f"key {keys[-1]!r} given twice; the last wins")
            out[keys[-1]] = value
        return out or None

    def put_loose(self, out: dict[str, Wire], name: str, node: _Node) -> bool:
        if node.null:
            out[name + NULL_SUFFIX] = ""
            return True
        value = _loose(node)
        if value is not None:
            out[name] = value
        return value is not None


def _from_json(value: object) -> Wire:
    """JSON typed by hand → wire values: strings throughout, as the official clients send
    them; null members become `name__null`, an empty list an explicitly emptied one."""
    if isinstance(value, dict):
        out: dict[str, Wire] = {}
        for name, member in value.items():
            if member is None:
                out[name + NULL_SUFFIX] = ""
            else:
                out[name] = _from_json(member)
        return out
    if isinstance(value, list):
        return [_from_json(item) for item in value] if value else {EMPTY_MARK: ""}
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _loose(node: _Node) -> Wire | None:
    """Encode without a declaration (an unknown type or name): numbered children make a list,
    or a map when they carry `__key`; other children make an object."""
    if node.emptied:
        return {EMPTY_MARK: ""}
    if not node.children:
        return ",".join(node.given()) or None
    names = list(node.children)
    if all(n.isascii() and n.isdigit() for n in names):
        ordered = sorted(node.children.items(), key=lambda item: int(item[0]))
        if all(MAP_KEY in child.children for _, child in ordered):
            entries: dict[str, Wire] = {}
            for _, child in ordered:
                keys = child.children[MAP_KEY].given()
                rest = _Node(
                    child.values, {k: v for k, v in child.children.items() if k != MAP_KEY}
                )
                value = _loose(rest)
                if keys and value is not None:
                    entries[keys[-1]] = value
            return entries or None
        items = [v for _, child in ordered if (v := _loose(child)) is not None]
        return items or None
    out: dict[str, Wire] = {}
    for name, child in node.children.items():
        if child.null:
            out[name + NULL_SUFFIX] = ""
        elif (value := _loose(child)) is not None:
            out[name] = value
    return out or None


# -- calls -----------------------------------------------------------------------------------


def _resolve(schema: Schema, service_id: str, action_name: str) -> tuple[ServiceDef, ActionDef]:
    service = schema.service(service_id)
    action = service.action(action_name) if service else None
    if service is None or action is None:
        raise UnknownActionError(f"no action {service_id}.{action_name} in the schema")
    # The path is built from the schema's spelling only, and only from safe names, so nothing
    # the browser sends can leave /api_v3/.
    if not (_SAFE_NAME.fullmatch(service.id) and _SAFE_NAME.fullmatch(action.name)):
        raise UnknownActionError(f"unsafe name {service.id}.{action.name} in the schema")
    return service, action


def _config_params(schema: Schema) -> tuple[ParamDef, ...]:
    declared = [ParamDef(c.name, c.ref, optional=True) for c in schema.configurations]
    if not any(p.name == "format" for p in declared):
        declared.append(ParamDef("format", TypeRef("int"), optional=True))
    return tuple(declared)


def _encode_config(
    schema: Schema, config: Mapping[str, str]
) -> tuple[dict[str, Wire], list[FieldProblem]]:
    encoder = _Encoder(schema)
    params = encoder.params(
        _config_params(schema), _tree(config), "the configuration", strict=False
    )
    return params, encoder.problems


def _encode_action(
    encoder: _Encoder,
    service: ServiceDef,
    action: ActionDef,
    fields: Sequence[tuple[str, str]],
    files: Sequence[FilePart],
    part_prefix: str = "",
) -> tuple[dict[str, Wire], tuple[FilePart, ...]]:
    # Request-wide names are welcome in any request: a multirequest's `2:ks` = `{1:result}`
    # runs request 2 with the KS that request 1 returned.
    own = {p.name for p in action.params}
    declared = (*action.params, *(p for p in _config_params(encoder.schema) if p.name not in own))
    params = encoder.params(declared, _tree(fields), f"{service.id}.{action.name}")
    file_params = {p.name: p for p in action.params if p.ref.type == "file"}
    parts = []
    for upload in files:
        if not upload.filename and not upload.content:
            continue  # a browser sends an empty part for a file input left alone
        if upload.field_name not in file_params:
            encoder.flag(upload.field_name, "not a file parameter of this action; sent as given")
        parts.append(
            FilePart(
                part_prefix + upload.field_name,
                upload.filename,
                upload.content,
                upload.content_type,
            )
        )
    sent = {p.field_name for p in parts}
    for name, param in file_params.items():
        if not param.optional and part_prefix + name not in sent:
            encoder.flag(name, "missing mandatory file")
    return params, tuple(parts)


def _without_sent(config: dict[str, Wire], params: Mapping[str, Wire]) -> dict[str, Wire]:
    """Configuration minus the names the action's own params already set (session.start's
    `partnerId` param wins over the configured partnerId)."""

    def base(name: str) -> str:
        return name.removesuffix(NULL_SUFFIX)

    taken = {base(name) for name in params}
    return {name: value for name, value in config.items() if base(name) not in taken}


def encode_call(
    schema: Schema,
    service_id: str,
    action_name: str,
    fields: Sequence[tuple[str, str]],
    files: Sequence[FilePart] = (),
    config: Mapping[str, str] | None = None,
) -> EncodedCall:
    """Encode one action call; `IncompleteRequestError` without a service or an action,
    `UnknownActionError` if the schema lacks them."""
    if not (service_id and action_name):
        raise IncompleteRequestError("Choose a service and an action.")
    service, action = _resolve(schema, service_id, action_name)
    encoder = _Encoder(schema)
    params, parts = _encode_action(encoder, service, action, fields, files)
    config_params, config_problems = _encode_config(schema, config or {})
    return EncodedCall(
        path=f"/api_v3/service/{service.id}/action/{action.name}",
        params={**_without_sent(config_params, params), **params},
        files=parts,
        problems=(*config_problems, *encoder.problems),
        actions=((service.id, action.name),),
    )


def encode_multirequest(
    schema: Schema, requests: Sequence[SubRequest], config: Mapping[str, str] | None = None
) -> EncodedCall:
    """Encode a multirequest: sub-request N (from 1, in the given order) goes under key "N",
    the configuration once at the top (the server copies it into each sub-request).
    `IncompleteRequestError` names every request without a service or an action."""
    pages = [request.number or position for position, request in enumerate(requests, start=1)]
    incomplete = [
        f"Request {page}: choose a service and an action."
        for page, request in zip(pages, requests, strict=True)
        if not (request.service_id and request.action_name)
    ]
    if incomplete:
        raise IncompleteRequestError(" ".join(incomplete))
    # api_v3 numbers the requests it runs 1..n and stops at a gap, so a page showing 1, 3, 4
    # sends 1, 2, 3, and `{3:result}` must become `{2:result}` to name the same request.
    wire_numbers = {page: wire for wire, page in enumerate(pages, start=1)}
    params, problems = _encode_config(schema, config or {})
    parts: list[FilePart] = []
    actions: list[tuple[str, str]] = []
    if not requests:
        problems.append(FieldProblem("", "a multirequest needs at least one request"))
    for wire, (page, request) in enumerate(zip(pages, requests, strict=True), start=1):
        try:
            service, action = _resolve(schema, request.service_id, request.action_name)
        except UnknownActionError as error:
            raise UnknownActionError(f"request {page}: {error}") from error
        encoder = _Encoder(schema, prefix=f"{page}:", earlier=frozenset(pages[: wire - 1]))
        if not action.enable_in_multirequest:
            encoder.flag("action", f"{service.id}.{action.name} cannot run in a multirequest")
        sub_params, sub_files = _encode_action(
            encoder, service, action, request.fields, request.files, f"{wire}:"
        )
        sub_call: Wire = {"service": service.id, "action": action.name, **sub_params}
        params[str(wire)] = _with_references_renumbered(sub_call, wire_numbers)
        parts.extend(sub_files)
        problems.extend(encoder.problems)
        actions.append((service.id, action.name))
    return EncodedCall(MULTIREQUEST_PATH, params, tuple(parts), tuple(problems), tuple(actions))


def renumber_references(text: str, numbers: Mapping[int, int]) -> str:
    """`text` with the N of every `{N:result…}` reference in it mapped through `numbers`; a
    number the mapping lacks is left as typed. Like api_v3, a reference counts anywhere in a
    value, not only as the whole of it."""

    def renumbered(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if number not in numbers:
            return match.group(0)
        return f"{{{numbers[number]}:result{match.group(2) or ''}}}"

    return _RESULT_REFERENCE.sub(renumbered, text)


def _with_references_renumbered(value: Wire, numbers: Mapping[int, int]) -> Wire:
    if isinstance(value, str):
        return renumber_references(value, numbers)
    if isinstance(value, list):
        return [_with_references_renumbered(item, numbers) for item in value]
    return {key: _with_references_renumbered(item, numbers) for key, item in value.items()}


def split_multirequest(
    fields: Sequence[tuple[str, str]], files: Sequence[FilePart] = ()
) -> tuple[SubRequest, ...]:
    """Group `N:`-prefixed form fields (`1:service`, `1:action`, `1:filter:nameLike`) into
    sub-requests in numeric order, each keeping its number."""
    grouped: dict[int, list[tuple[str, str]]] = {}
    uploads: dict[int, list[FilePart]] = {}
    for name, value in fields:
        if numbered := _numbered(name):
            grouped.setdefault(numbered[0], []).append((numbered[1], value))
    for upload in files:
        if numbered := _numbered(upload.field_name):
            renamed = FilePart(numbered[1], upload.filename, upload.content, upload.content_type)
            uploads.setdefault(numbered[0], []).append(renamed)
    requests = []
    for number in sorted(grouped.keys() | uploads.keys()):
        pairs = grouped.get(number, [])
        service = next((v for n, v in pairs if n == "service" and v), "")
        action = next((v for n, v in pairs if n == "action" and v), "")
        rest = tuple((n, v) for n, v in pairs if n not in ("service", "action"))
        requests.append(SubRequest(service, action, rest, tuple(uploads.get(number, [])), number))
    return tuple(requests)


def _numbered(name: str) -> tuple[int, str] | None:
    number, _, rest = name.partition(":")
    return (int(number), rest) if number.isascii() and number.isdigit() and rest else None


# -- back from the wire ----------------------------------------------------------------------


def decode_wire(params: Mapping[str, object]) -> list[tuple[str, str]]:
    """The form fields that encode to `params` (for history and deep links): the inverse of
    `encode_call`/`encode_multirequest`. A comma-joined multi-choice comes back as one value,
    which encodes the same; non-string scalars from stored JSON are turned into strings."""
    out: list[tuple[str, str]] = []
    _decode_members("", params, out)
    return out


def _decode(path: str, value: object, out: list[tuple[str, str]]) -> None:
    if value is None:
        out.append((path + NULL_SUFFIX, "1"))
    elif isinstance(value, bool):
        out.append((path, "true" if value else "false"))
    elif isinstance(value, list):
        if not value:
            out.append((f"{path}:{EMPTY_MARK}", "1"))
        for index, item in enumerate(value):
            _decode(f"{path}:{index}", item, out)
    elif isinstance(value, Mapping):
        if dict(value) == {EMPTY_MARK: ""}:
            out.append((f"{path}:{EMPTY_MARK}", "1"))
        elif _is_map(value):
            for index, (key, item) in enumerate(value.items()):
                out.append((f"{path}:{index}:{MAP_KEY}", str(key)))
                _decode(f"{path}:{index}", item, out)
        else:
            _decode_members(f"{path}:", value, out)
    else:
        out.append((path, str(value)))


def _decode_members(prefix: str, value: Mapping[str, object], out: list[tuple[str, str]]) -> None:
    for key, item in value.items():
        if str(key).endswith(NULL_SUFFIX) and item == "":
            out.append((f"{prefix}{key}", "1"))
        else:
            _decode(f"{prefix}{key}", item, out)


def _is_map(value: Mapping[object, object]) -> bool:
    """Objects always carry `objectType`; a map's values are all objects or lists."""
    return (
        bool(value)
        and "objectType" not in value
        and all(isinstance(item, Mapping | list) for item in value.values())
    )


# -- HTTP --------------------------------------------------------------------------------------


def to_http(call: EncodedCall) -> HttpRequestSpec:
    """The request as the official clients send it (PROTOCOL.md §2): a JSON body with the
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
