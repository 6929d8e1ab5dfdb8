"""The call as Java with the official client (`com.kaltura.client`, KalturaGeneratedAPIClientsJava).

Read from the client's source: each service is a class of static methods
(`MediaService.list(filter, pager)`, `ESearchService.searchEntry(…)` for a plugin's) returning a
request builder that `APIOkRequestsExecutor.getExecutor().execute(request.build(client))` sends;
overloads drop trailing optional parameters. Classes and enums drop `Kaltura`
(`new MediaEntryFilter()`, `MediaType.VIDEO`), properties have typed setters (Integer, Long,
Double, Boolean, String or the enum), and a token method of the property's name
(`pager.pageSize("{1:result:totalCount}")`) that takes any value as text. A file is a
`java.io.File`; `ParamsValueDefaults.KALTURA_NULL_*` sends an explicit null and an empty list
an emptied one. A multirequest is a `MultiRequestBuilder` that numbers requests from 1; a
request's tokenizer spells references to its result (`request1.getTokenizer().id()`).
Pure: no I/O.
"""

from __future__ import annotations

import json
import math
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
from app.protocol.patterns import FLOAT, INT
from app.protocol.schema import TypeRef
from app.reference.samples import KS_ENV, SampleContext
from app.reference.samples.client_calls import (
    CONFIG_SETTERS,
    Names,
    Plan,
    class_name,
    env_of,
    file_path,
    item_name,
    numbered,
    owner_of,
    plan,
    reference_path,
)
from app.reference.samples.environment import (
    VARIABLES,
    Need,
    client_ks,
    missing,
    reads,
    variable,
)

INDENT = "    "
NULLABLE_BOOLEAN = "KalturaNullableBoolean"
# What a skipped argument is passed as, so the client leaves it out (ParamsValueDefaults).
_UNDEFINED = {
    "int": "ParamsValueDefaults.KALTURA_UNDEF_INT",
    "bigint": "ParamsValueDefaults.KALTURA_UNDEF_LONG",
    "float": "ParamsValueDefaults.KALTURA_UNDEF_DOUBLE",
}
_NULL = {
    "string": "ParamsValueDefaults.KALTURA_NULL_STRING",
    "int": "ParamsValueDefaults.KALTURA_NULL_INT",
    "bigint": "ParamsValueDefaults.KALTURA_NULL_LONG",
    "float": "ParamsValueDefaults.KALTURA_NULL_DOUBLE",
}


class _Writer:
    def __init__(self, context: SampleContext) -> None:
        self.context = context
        self.lines: list[str] = []
        taken = ("client", "configuration", "request", "multiRequest", "args", *VARIABLES.values())
        self.names = Names(taken)

    def value(self, value: Value, ref: TypeRef | None, name: str, owner: str) -> str:
        match value:
            case Scalar(text=text):
                env = env_of(self.context, name, owner)
                return variable(env) if env else _scalar(text, ref)
            case EnumConst(text=text, enum=enum, name=const):
                if enum == NULLABLE_BOOLEAN:
                    # The Java client types these as Boolean; -1 (its null) it cannot send.
                    return {"1": "true", "0": "false"}.get(text.strip(), "null")
                return f"{class_name(enum)}.{const}" if const else _string(text)
            case Object():
                return self.object(value, name)
            case Array(items=items):
                item_ref = TypeRef(ref.array_type) if ref and ref.array_type else None
                rendered = [self.value(i, item_ref, item_name(i, name), owner) for i in items]
                return f"Arrays.asList({', '.join(rendered)})"
            case Map(entries=entries):
                item_ref = TypeRef(ref.array_type) if ref and ref.array_type else None
                pairs = [f"{_string(k)}, {self.value(v, item_ref, k, owner)}" for k, v in entries]
                return f"Map.of({', '.join(pairs)})"
            case File():
                return f"new File({_string(file_path(value))})"
            case Reference(text=text):
                return _reference(text)
            case Empty():
                return "new HashMap<>()" if ref and ref.type == "map" else "new ArrayList<>()"
            case Null():
                return _null_of(ref) or "null"
            case Unknown(value=wire) | Loose(value=wire):
                return self.wire(wire, name)
        raise ValueError(value)

    def object(self, value: Object, name: str) -> str:
        if not value.known:
            return self.wire({OBJECT_TYPE: value.object_type}, name)
        java_class = class_name(value.object_type)
        variable = self.names.take(name)
        self.lines.append(f"{java_class} {variable} = new {java_class}();")
        for member, inner in value.members:
            prop = self.context.schema.property(value.object_type, member)
            ref = prop.ref if prop else None
            if prop and prop.is_time and ref and ref.type == "int":
                ref = TypeRef("bigint")  # the Java client holds times as Long
            owner = owner_of(self.context, value.object_type, member)
            token = self.token(inner, ref, member, owner)
            if token is not None:
                # The token method takes any property as text (a null marker included).
                self.lines.append(f"{variable}.{member}({token});")
                continue
            rendered = self.value(inner, ref, member, owner)
            setter = "set" + member[:1].upper() + member[1:]
            self.lines.append(f"{variable}.{setter}({rendered});")
        return variable

    def token(self, value: Value, ref: TypeRef | None, name: str, owner: str) -> str | None:
        """The text for a property's token method where its typed setter cannot take the
        value: a reference, a null the type has no constant for, a number out of range."""
        if isinstance(value, Reference):
            return _reference(value.text)
        if isinstance(value, Null) and not _null_of(ref):
            return _NULL["string"]
        if isinstance(value, Scalar) and ref and ref.type in _UNDEFINED:
            rendered = self.value(value, ref, name, owner)
            return rendered if rendered.startswith('"') else None
        return None

    def wire(self, wire: Wire, name: str) -> str:
        """A value the schema does not type: an object still gets its client class (which has
        plugin classes a schema may lack), its members set as text through token methods."""
        if isinstance(wire, str):
            return _string(wire)
        if isinstance(wire, list):
            items = [self.wire(item, item_name(item, name)) for item in wire]
            return f"Arrays.asList({', '.join(items)})"
        object_type = wire.get(OBJECT_TYPE)
        if not (isinstance(object_type, str) and re.fullmatch(r"\w+", object_type)):
            pairs = [f"{_string(k)}, {self.wire(v, k)}" for k, v in wire.items()]
            return f"Map.of({', '.join(pairs)})"
        java_class = class_name(object_type)
        variable = self.names.take(name)
        self.lines.append(f"{java_class} {variable} = new {java_class}();")
        for member, inner in wire.items():
            if member == OBJECT_TYPE:
                continue
            rendered = self.wire(inner, member)
            if isinstance(inner, str):
                self.lines.append(f"{variable}.{member}({rendered});")
            else:
                setter = "set" + member[:1].upper() + member[1:]
                self.lines.append(f"{variable}.{setter}({rendered});")
        return variable

    def call(self, found: Plan, variable: str) -> None:
        action = found.action.name
        owner = f"{found.service.id}.{action}"
        args, later = [], []
        for argument in found.arguments:
            ref, value = argument.param.ref, argument.value
            if value is None:
                args.append(_UNDEFINED.get(ref.type, "false" if ref.type == "bool" else "null"))
            elif isinstance(value, Reference) and ref.type != "string":
                # A builder's token method of the parameter's name takes it as text.
                args.append(_UNDEFINED.get(ref.type, "null"))
                later.append(f"{variable}.{argument.param.name}({_reference(value.text)});")
            else:
                args.append(self.value(value, ref, argument.param.name, owner))
        service = found.service.name
        service_class = service[:1].upper() + service[1:] + "Service"
        self.lines.append(f"var {variable} = {service_class}.{action}({', '.join(args)});")
        self.lines += later
        for name, value in found.extras:
            setter = CONFIG_SETTERS.get(name)
            if setter:
                rendered = self.value(value, self.config_ref(name), name, owner)
                self.lines.append(f"{variable}.{setter}({rendered});")
            else:
                self.lines.append(f"// {name}: not a parameter of {owner}, not sent")

    def config_ref(self, name: str) -> TypeRef | None:
        return next((f.ref for f in self.context.schema.configurations if f.name == name), None)

    def config(self, config: Members, need: Need | None) -> None:
        if need == "always":
            self.lines.append(f"client.setKs({variable(KS_ENV)});")
        elif need == "optional":
            read = f'System.getenv("{KS_ENV}")'
            self.lines += [
                f"// {KS_ENV} is optional here: sent when it is set",
                f"if ({read} != null) client.setKs({read});",
            ]
        for name, value in config:
            setter = CONFIG_SETTERS.get(name)
            if setter:  # format: the client picks its own
                rendered = self.value(value, self.config_ref(name), name, "")
                self.lines.append(f"client.{setter}({rendered});")


def render(call: Call | MultiRequest, context: SampleContext) -> str:
    writer = _Writer(context)
    for env in reads(call, context):
        name = variable(env)
        writer.lines += [
            f'String {name} = System.getenv("{env}");',
            f"if ({name} == null || {name}.isEmpty()) {{",
            f"{INDENT}System.err.println({_string(missing(env))});",
            f"{INDENT}System.exit(1);",
            "}",
            "",
        ]
    config, need = client_ks(call, context)
    writer.lines += [
        "Configuration configuration = new Configuration();",
        f"configuration.setEndpoint({_string(context.service_url)});",
        "Client client = new Client(configuration);",
    ]
    writer.config(config, need)
    writer.lines.append("")
    if isinstance(call, MultiRequest):
        writer.lines.append("MultiRequestBuilder multiRequest = new MultiRequestBuilder();")
        for sub in numbered(call):
            writer.call(plan(context, sub), f"request{sub.number}")
            writer.lines.append(f"multiRequest.add(request{sub.number});")
        sent = "multiRequest"
    else:
        writer.call(plan(context, call), "request")
        sent = "request"
    # `execute` waits for the answer; `queue` would return at once and main would end first.
    executor = "APIOkRequestsExecutor.getExecutor()"
    writer.lines += [
        f"Response<?> response = {executor}.execute({sent}.build(client));",
        "System.out.println(response.isSuccess() ? response.results : response.error);",
    ]
    body = "".join(f"{INDENT * 2}{line}\n" if line else "\n" for line in writer.lines)
    main = f"{INDENT}public static void main(String[] args) throws Exception {{\n"
    return f"{_imports(body)}\npublic class Sample {{\n{main}{body}{INDENT}}}\n}}\n"


def _imports(body: str) -> str:
    names = [
        "com.kaltura.client.APIOkRequestsExecutor",
        "com.kaltura.client.Client",
        "com.kaltura.client.Configuration",
        "com.kaltura.client.utils.response.base.Response",
    ]
    optional = {
        "ParamsValueDefaults.": "com.kaltura.client.ParamsValueDefaults",
        "MultiRequestBuilder": "com.kaltura.client.utils.request.MultiRequestBuilder",
        "new File(": "java.io.File",
        "Arrays.": "java.util.Arrays",
        "ArrayList<": "java.util.ArrayList",
        "HashMap<": "java.util.HashMap",
        "Map.of(": "java.util.Map",
    }
    names += [name for marker, name in optional.items() if marker in body]
    names += ["com.kaltura.client.enums.*", "com.kaltura.client.services.*"]
    names.append("com.kaltura.client.types.*")
    return "".join(f"import {name};\n" for name in sorted(names))


def _null_of(ref: TypeRef | None) -> str | None:
    """The constant a typed setter takes for null; None where there is none (enums, objects,
    booleans: the token method then takes the string one)."""
    if ref is None or ref.enum_type:
        return None
    return _NULL.get(ref.type)


def _reference(text: str) -> str:
    """`{1:result:objects:0:id}` through request 1's tokenizer:
    `request1.getTokenizer().objects().get(0).id()`."""
    found = reference_path(text)
    if found is None:
        return _string(text)
    number, path = found
    out = f"request{number}.getTokenizer()"
    for step in path:
        out += f".get({step})" if step.isdigit() else f".{step}()"
    return out


def _scalar(text: str, ref: TypeRef | None) -> str:
    kind = ref.type if ref else "string"
    if kind in ("int", "bigint") and re.fullmatch(INT, text):
        number, bits = int(text), (31 if kind == "int" else 63)
        if -(2**bits) <= number < 2**bits:  # Java's int and long
            return str(number) + ("L" if kind == "bigint" else "")
    if kind == "float" and re.fullmatch(FLOAT, text):
        decimal = float(text)
        if math.isfinite(decimal):
            return repr(decimal)
    if kind == "bool" and text in ("true", "false"):
        return text
    return _string(text)


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)
