"""The call as Node code with the official `kaltura-client` (npm).

Read from the client's source (21.20.0): services are `kaltura.services.<service name>` whose
static methods take the parameters in the schema's order and return a request that
`execute(client)` sends (a Promise); `list`, `delete`, `clone` and `export` are `listAction`…;
classes are `kaltura.objects.<name without Kaltura>` built from a plain object, enums
`kaltura.enums.MediaType.VIDEO`; a file parameter is a path the client reads; a multirequest is
`client.startMultiRequest()` plus `add(request)`, numbered from 1 by the server, so a reference
is the string `'{1:result:id}'`. The client sends JSON and drops nulls, so an explicit null is
written as api_v3's own `name__null` and an emptied array as its `{'-': ''}` mark.
Pure: no I/O.
"""

from __future__ import annotations

import json
import re

from app.protocol.call import (
    Array,
    Call,
    Empty,
    EnumConst,
    File,
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
from app.protocol.facts import EMPTY_MARK, NULL_SUFFIX, OBJECT_TYPE
from app.reference.samples import KS_ENV, SampleContext
from app.reference.samples.client_calls import (
    CONFIG_SETTERS,
    Plan,
    bare_literal,
    class_name,
    env_of,
    file_path,
    numbered,
    owner_of,
    plan,
)
from app.reference.samples.environment import Need, client_ks, missing, reads, variable

RENAMED_ACTIONS = frozenset({"list", "delete", "clone", "export"})
_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
INDENT = "  "


def render(call: Call | MultiRequest, context: SampleContext) -> str:
    lines = ["const kaltura = require('kaltura-client');", ""]
    for env in reads(call, context):
        lines += [
            f"const {variable(env)} = process.env.{env};",
            f"if (!{variable(env)}) {{",
            f"{INDENT}console.error({_string(missing(env))});",
            f"{INDENT}process.exit(1);",
            "}",
            "",
        ]
    config, need = client_ks(call, context)
    lines += [
        "const configuration = new kaltura.Configuration();",
        f"configuration.serviceUrl = {_string(context.service_url)};",
        "const client = new kaltura.Client(configuration);",
    ]
    lines += _ks(need)
    lines += _config(context, config, "client")
    lines.append("")
    if isinstance(call, MultiRequest):
        lines.append("const multiRequest = client.startMultiRequest();")
        for sub in numbered(call):
            request = _request(context, plan(context, sub), 0)
            lines.append(f"multiRequest.add({request});")
        lines.append("")
        lines += _execute("multiRequest")
    else:
        lines.append(f"const request = {_request(context, plan(context, call), 0)};")
        lines += _execute("request")
    return "\n".join(lines) + "\n"


def _execute(name: str) -> list[str]:
    return [
        f"{name}",
        f"{INDENT}.execute(client)",
        f"{INDENT}.then((result) => console.log(JSON.stringify(result, null, 2)))",
        f"{INDENT}.catch((error) => console.error(error));",
    ]


def _ks(need: Need | None) -> list[str]:
    if need == "always":
        return [f"client.setKs({variable(KS_ENV)});"]
    if need == "optional":
        return [
            f"// {KS_ENV} is optional here: sent when it is set",
            f"if ({_env(KS_ENV)}) client.setKs({_env(KS_ENV)});",
        ]
    return []


def _config(context: SampleContext, config: Members, target: str) -> list[str]:
    lines = []
    for name, value in config:
        setter = CONFIG_SETTERS.get(name)
        if setter is None:
            continue  # format: the client always asks for JSON
        lines.append(f"{target}.{setter}({_value(context, value, name, '', 0)});")
    return lines


def _request(context: SampleContext, found: Plan, depth: int) -> str:
    action = found.action.name
    method = f"{action}Action" if action in RENAMED_ACTIONS else action
    owner = f"{found.service.id}.{action}"
    args = [
        "null" if a.value is None else _value(context, a.value, a.param.name, owner, depth + 1)
        for a in found.arguments
    ]
    head = f"kaltura.services.{found.service.name}.{method}"
    if any("\n" in arg for arg in args):
        inner = INDENT * (depth + 1)
        text = f"{head}(\n" + ",\n".join(inner + arg for arg in args) + f"\n{INDENT * depth})"
    else:
        text = f"{head}({', '.join(args)})"
    for name, value in found.extras:
        setter = CONFIG_SETTERS.get(name)
        rendered = _value(context, value, name, owner, depth)
        if setter:
            text += f".{setter}({rendered})"
        else:
            text += f"  /* {name}: not a parameter of {owner}, not sent */"
    return text


def _env(variable: str) -> str:
    return f"process.env.{variable}"


def _value(context: SampleContext, value: Value, name: str, owner: str, depth: int) -> str:
    match value:
        case Scalar(text=text, type=kind):
            env = env_of(context, name, owner)
            if env:
                return variable(env)
            return bare_literal(text, kind) or _string(text)
        case EnumConst(text=text, enum=enum, name=const):
            if const:
                return f"kaltura.enums.{class_name(enum)}.{const}"
            return _string(text)
        case Object():
            return _object(context, value, depth)
        case Array(items=items):
            return _list([_value(context, i, name, owner, depth + 1) for i in items], depth)
        case Map(entries=entries):
            pairs = [(k, _value(context, v, k, owner, depth + 1)) for k, v in entries]
            return _literal(pairs, depth)
        case File():
            return _string(file_path(value))
        case Reference(text=text):
            return _string(text)
        case Empty():
            return f"{{ '{EMPTY_MARK}': '' }}"
        case Null():
            # A parameter's own null: the client has no way to send `name__null`.
            return "null /* explicit null: kaltura-client leaves it out */"
        case Unknown(value=wire) | Loose(value=wire):
            return _wire(wire, depth)
    raise ValueError(value)


def _object(context: SampleContext, value: Object, depth: int) -> str:
    pairs = []
    for name, member in value.members:
        if isinstance(member, Null):
            # The client drops nulls; api_v3 reads `name__null` as one.
            pairs.append((f"{name}{NULL_SUFFIX}", "''"))
            continue
        owner = owner_of(context, value.object_type, name)
        pairs.append((name, _value(context, member, name, owner, depth + 1)))
    if not value.known:
        return _literal([(OBJECT_TYPE, _string(value.object_type)), *pairs], depth)
    body = _literal(pairs, depth) if pairs else ""
    return f"new kaltura.objects.{class_name(value.object_type)}({body})"


def _literal(pairs: list[tuple[str, str]], depth: int) -> str:
    if not pairs:
        return "{}"
    inner = INDENT * (depth + 1)
    body = "".join(f"{inner}{_key(k)}: {v},\n" for k, v in pairs)
    return "{\n" + body + INDENT * depth + "}"


def _list(items: list[str], depth: int) -> str:
    if not items:
        return "[]"
    inner = INDENT * (depth + 1)
    return "[\n" + "".join(f"{inner}{item},\n" for item in items) + INDENT * depth + "]"


def _key(name: str) -> str:
    return name if _IDENTIFIER.fullmatch(name) else _string(name)


def _wire(wire: Wire, depth: int) -> str:
    """A value the schema does not type, as sent; an object still gets its client class (the
    npm client knows plugin classes a server's schema may leave out)."""
    if isinstance(wire, str):
        return _string(wire)
    if isinstance(wire, list):
        return _list([_wire(item, depth + 1) for item in wire], depth)
    object_type = wire.get(OBJECT_TYPE)
    pairs = [(k, _wire(v, depth + 1)) for k, v in wire.items() if k != OBJECT_TYPE]
    if isinstance(object_type, str) and _IDENTIFIER.fullmatch(object_type):
        body = _literal(pairs, depth) if pairs else ""
        return f"new kaltura.objects.{class_name(object_type)}({body})"
    return _literal([(k, _wire(v, depth + 1)) for k, v in wire.items()], depth)


def _string(text: str) -> str:
    """A JavaScript string literal (single-quoted, as the client's own examples write them)."""
    escaped = json.dumps(text, ensure_ascii=False)[1:-1].replace('\\"', '"').replace("'", "\\'")
    return f"'{escaped}'"
