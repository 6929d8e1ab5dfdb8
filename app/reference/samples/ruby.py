"""The call as Ruby with the official client, the `kaltura-client` gem
(KalturaGeneratedAPIClientsRuby, `require 'kaltura'`).

Read from the client's source and its generator: everything lives in `module Kaltura` under
its Kaltura name (`KalturaMediaEntryFilter`, `KalturaMediaType::VIDEO`); names are snake_case
by the generator's rule (`snake`): services hang off the client as `media_service`, a
plugin's too (`e_search_service`), actions are methods (`add_from_uploaded_file`) taking the
parameters in the schema's order, properties are accessors (`name_like`); the int, float and
bool setters convert (`val.to_i`), so a reference or a null goes into such a property as is,
through `instance_variable_set`. `KalturaNotImplemented` leaves a parameter out, `nil` sends
an explicit null, an empty array or hash an emptied one; a file is an open `File`. The
request-wide values are accessors (`client.ks = …`) copied into each call as it is queued. A
multirequest is `start_multirequest`, the calls (each returns nil), then `do_multirequest`,
whose answers are keyed from 0 and hold a `KalturaAPIError` for a failed request; the server
numbers requests from 1, so a reference is the text `'{1:result:id}'`. Pure: no I/O.
"""

from __future__ import annotations

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
from app.protocol.facts import OBJECT_TYPE
from app.protocol.schema import TypeRef
from app.reference.samples import KS_ENV, SampleContext
from app.reference.samples.answers import Printed, printed
from app.reference.samples.client_calls import (
    Names,
    Plan,
    bare_literal,
    env_of,
    file_path,
    item_name,
    numbered,
    owner_of,
    plan,
)
from app.reference.samples.environment import VARIABLES, Need, client_ks, missing, reads, variable

SKIPPED = "KalturaNotImplemented"
_CONSTANT = re.compile(r"[A-Z][A-Za-z0-9_]*")
_CONVERTED = frozenset({"int", "bigint", "float", "bool"})  # setters that convert the value


def snake(name: str) -> str:
    """The generator's snake_case (`camelCaseToUnderscoreAndLower`): `nameLike` → `name_like`,
    `widgetHTML` → `widget_ht_ml`, `conversionProfile2Id` → `conversion_profile2id`."""
    name = re.sub(r"(?<=[A-Z])([A-Z]+)([A-Z][A-z])", r"\1_\2", name)
    return re.sub(r"(?<=[a-z])([A-Z])", r"_\1", name).lower()


class _Writer:
    """Statements in order: objects are built in variables before the call that uses them."""

    def __init__(self, context: SampleContext) -> None:
        self.context = context
        self.lines: list[str] = []
        self.names = Names(("client", "config", "result", "results", *VARIABLES.values()))
        self.configured: dict[str, str] = {}

    def value(self, value: Value, ref: TypeRef | None, name: str, owner: str) -> str:
        match value:
            case Scalar(text=text, type=kind):
                env = env_of(self.context, name, owner)
                return variable(env) if env else (_literal(text, kind) or _string(text))
            case EnumConst(enum=enum, name=const) if const and _CONSTANT.fullmatch(const):
                return f"{enum}::{const}"
            case EnumConst(text=text, enum=enum):
                found = self.context.schema.enums.get(enum)
                return _literal(text, found.enum_type if found else "string") or _string(text)
            case Object():
                return self.object(value, name)
            case Array(items=items):
                item_ref = TypeRef(ref.array_type) if ref and ref.array_type else None
                rendered = [self.value(i, item_ref, item_name(i, name), owner) for i in items]
                return f"[{', '.join(rendered)}]"
            case Map(entries=entries):
                item_ref = TypeRef(ref.array_type) if ref and ref.array_type else None
                pairs = [f"{_string(k)} => {self.value(v, item_ref, k, owner)}" for k, v in entries]
                return f"{{ {', '.join(pairs)} }}" if pairs else "{}"
            case File():
                return f"File.open({_string(file_path(value))})"
            case Reference(text=text):
                return _string(text)
            case Empty():
                return "{}" if ref and ref.type == "map" else "[]"
            case Null():
                return "nil"
            case Unknown(value=wire) | Loose(value=wire):
                return self.wire(wire, name)
        raise ValueError(value)

    def object(self, value: Object, name: str) -> str:
        if not value.known:
            return self.wire({OBJECT_TYPE: value.object_type}, name)
        variable_name = self.names.take(snake(name))
        self.lines.append(f"{variable_name} = {value.object_type}.new")
        for member, inner in value.members:
            if isinstance(inner, Loose):
                self.lines.append(f"# {member}: not a property of {value.object_type}, not sent")
                continue
            prop = self.context.schema.property(value.object_type, member)
            ref = prop.ref if prop else None
            owner = owner_of(self.context, value.object_type, member)
            rendered = self.value(inner, ref, member, owner)
            if ref and ref.type in _CONVERTED and not _converts(inner, ref.type):
                # The setter would make it a number (`nil.to_i` is 0): set as it is.
                attribute = f":@{snake(member)}"
                self.lines.append(f"{variable_name}.instance_variable_set({attribute}, {rendered})")
            else:
                self.lines.append(f"{variable_name}.{snake(member)} = {rendered}")
        return variable_name

    def wire(self, wire: Wire, name: str) -> str:
        """A value the schema does not type, as sent; an object with an `objectType` still
        becomes its client class (the client has plugin classes a schema may leave out)."""
        if isinstance(wire, str):
            return _string(wire)
        if isinstance(wire, list):
            return f"[{', '.join(self.wire(item, item_name(item, name)) for item in wire)}]"
        object_type = wire.get(OBJECT_TYPE)
        if isinstance(object_type, str) and re.fullmatch(r"Kaltura\w+", object_type):
            variable_name = self.names.take(snake(name))
            self.lines.append(f"{variable_name} = {object_type}.new")
            for member, inner in wire.items():
                if member != OBJECT_TYPE:
                    rendered = self.wire(inner, member)
                    self.lines.append(f"{variable_name}.{snake(member)} = {rendered}")
            return variable_name
        pairs = [f"{_string(k)} => {self.wire(v, k)}" for k, v in wire.items()]
        return f"{{ {', '.join(pairs)} }}" if pairs else "{}"

    def call(self, found: Plan) -> tuple[str, list[str]]:
        """The call's expression, and the lines that put the client back after it."""
        owner = f"{found.service.id}.{found.action.name}"
        own = {a.param.name for a in found.arguments if a.value is not None}
        after: list[str] = []
        for name, value in found.extras:
            if name not in self.configurable:
                self.lines.append(f"# {name}: not a parameter of {owner}, not sent")
                continue
            setter = f"client.{snake(name)}"
            rendered = self.value(value, None, name, owner)
            # The client copies these into every call queued after them: put back after it.
            self.lines.append(f"{setter} = {rendered}")
            after.append(f"{setter} = {self.configured.get(name, SKIPPED)}")
        for name in own & self.configured.keys():
            # The client would overwrite this parameter with the configured value.
            self.lines.append(f"client.{snake(name)} = {SKIPPED}")
            after.append(f"client.{snake(name)} = {self.configured[name]}")
        args = [
            SKIPPED if a.value is None else self.value(a.value, a.param.ref, a.param.name, owner)
            for a in found.arguments
        ]
        service = snake(found.service.name + "Service")
        method = f"client.{service}.{snake(found.action.name)}"
        return f"{method}({', '.join(args)})" if args else method, after

    @property
    def configurable(self) -> frozenset[str]:
        return frozenset(f.name for f in self.context.schema.configurations) - {"format"}

    def config(self, config: Members, need: Need | None) -> None:
        if need == "always":
            self.configured["ks"] = variable(KS_ENV)
            self.lines.append(f"client.ks = {variable(KS_ENV)}")
        elif need == "optional":
            self.lines.append(f"# {KS_ENV} is optional here: sent when it is set")
            self.lines.append(f"client.ks = ENV['{KS_ENV}'] if ENV['{KS_ENV}']")
        for name, value in config:
            if name in self.configurable:  # format: the client asks for XML
                self.configured[name] = self.value(value, None, name, "")
                self.lines.append(f"client.{snake(name)} = {self.configured[name]}")

    def prints(self, shown: Printed, value: str) -> list[str]:
        """What is printed of `value`, the answer: see `answers`."""
        fields = " ".join("#{item." + snake(f) + "}" for f in shown.fields)
        item = f'puts "{fields}"' if fields else "p item"
        match shown.kind:
            case "nothing":
                return []
            case "list" | "items":
                objects = f"{value}.objects" if shown.kind == "list" else value
                lines = [f"Array({objects}).each {{ |item| {item} }}"]
                if shown.total:
                    lines.append(f'puts "#{{{value}.total_count}} in all"')
                return lines
            case "object" if shown.fields:
                return [f'puts "{f}: #{{{value}.{snake(f)}}}"' for f in shown.fields]
            case "object":
                return [f"p {value}"]
        return [f"puts {value}"]


def render(call: Call | MultiRequest, context: SampleContext) -> str:
    writer = _Writer(context)
    head = ["require 'kaltura'", "", "include Kaltura", ""]
    for env in reads(call, context):
        message = _string(missing(env))
        head.append(f"{variable(env)} = ENV.fetch('{env}') {{ abort({message}) }}")
    config, need = client_ks(call, context)
    writer.lines += [
        *([""] if head[-1] != "" else []),
        "config = KalturaConfiguration.new",
        f"config.service_url = {_string(context.service_url)}",
        "client = KalturaClient.new(config)",
    ]
    if isinstance(call, MultiRequest):
        writer.config(config, need)
        writer.lines += ["", "client.start_multirequest"]
        for sub in numbered(call):
            expression, after = writer.call(plan(context, sub))
            writer.lines += [expression, *after]
        writer.lines += [
            "results = client.do_multirequest",
            "results.each_value { |result| raise result if result.is_a?(KalturaAPIError) }",
        ]
        for at, sub in enumerate(call.calls):
            shown = printed(context.schema, sub)
            if shown.kind != "nothing":
                lines = writer.prints(shown, f"results[{at}]")
                writer.lines += [f"# {sub.service}.{sub.action}", *lines]
    else:
        own = frozenset(name for name, _ in call.params)
        writer.config(tuple((n, v) for n, v in config if n not in own), need)
        writer.lines.append("")
        expression, after = writer.call(plan(context, call))
        shown = printed(context.schema, call)
        if shown.kind == "nothing":
            writer.lines += [expression, 'puts "Done."']
        else:
            writer.lines += [f"result = {expression}", *writer.prints(shown, "result")]
    return "\n".join([*head, *writer.lines]) + "\n"


def _converts(value: Value, kind: str) -> bool:
    """Whether a converting setter keeps `value`: a literal of its type or an enum constant."""
    if isinstance(value, EnumConst):
        return bool(value.name)
    return isinstance(value, Scalar) and _literal(value.text, kind) is not None


def _literal(text: str, kind: str) -> str | None:
    """A number or boolean as Ruby writes it, or None where the text is not one."""
    return bare_literal(text, "int" if kind == "bigint" else kind)


def _string(text: str) -> str:
    """A single-quoted Ruby string: only `\\` and `'` are special in it."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
