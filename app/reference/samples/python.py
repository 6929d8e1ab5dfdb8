"""The call as a Kaltura developer writes it with the official Python client (`KalturaApiClient`,
module `KalturaClient`).

What the client does, read from its source (KalturaClient 23.10): services hang off the client
by the schema's service name, a plugin's under the plugin's name (`client.elasticSearch.eSearch`);
classes and enums live in `KalturaClient.Plugins.Core` or the plugin's module (`ElasticSearch`
for `elasticSearch`); objects take their properties as keyword arguments; enum constants are
class attributes (`KalturaMediaType.VIDEO`); `None` sends `name__null`, `[]` and `{}` send an
explicitly empty array or map; a file is an open file object (its `name` is the part's
filename); the request-wide values are `client.setKs(…)`, `client.setPartnerId(…)`…; a
multirequest is `client.startMultiRequest()`, calls whose return values stand for their results
(`result1.objects[0].id` is sent as `{1:result:objects:0:id}`), then `client.doMultiRequest()`.
It reads only XML answers, so `format` is left out. Pure: text only.
"""

from __future__ import annotations

import json
import re

from app.forms.form_calls import config_params
from app.protocol import fieldnames, patterns
from app.protocol.call import (
    Array,
    Call,
    Empty,
    EnumConst,
    File,
    Loose,
    Map,
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
from app.protocol.schema import TypeRef
from app.reference.samples import KS_ENV, SampleContext
from app.reference.samples.answers import Printed, printed
from app.reference.samples.environment import Need, client_ks, missing, variable
from app.reference.samples.placeholders import ENVIRONMENT, env_of, with_placeholders

INDENT = "    "
_INT = re.compile(r"-?[0-9]+")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Python keywords among the schema's property names; the client appends `_` (`not_`).
_KEYWORDS = frozenset({"not", "in", "is", "and", "or", "from", "class", "def", "global"})


def render(call: Call | MultiRequest, context: SampleContext) -> str:
    return _Writer(context).program(with_placeholders(call, context))


def string(text: str) -> str:
    """A Python string literal; a secret's marker is the variable its environment variable is
    read into (`environment.variable`)."""
    env = env_of(text)
    return variable(env) if env else json.dumps(text, ensure_ascii=False)


def _attribute(name: str) -> str:
    return name + "_" if name in _KEYWORDS else name


def module_of(plugin: str) -> str:
    return plugin[:1].upper() + plugin[1:] if plugin else "Core"


class _Writer:
    def __init__(self, context: SampleContext) -> None:
        self.context = context
        self.schema = context.schema
        self.imports: dict[str, set[str]] = {}
        self.results: dict[int, str] = {}  # a multirequest request's number → its variable
        self.plugin = ""  # the current call's plugin: where classes the schema lacks live
        self.batch: dict[str, str] = {}  # a multirequest's configuration, as written
        self.skipped: list[str] = []  # names the client cannot send, said in a comment
        self.envs: set[str] = set()  # the environment variables the sample reads

    # -- the program -----------------------------------------------------------------------

    def program(self, call: Call | MultiRequest) -> str:
        config, ks = client_ks(call, self.context)
        body: list[str] = []
        if isinstance(call, MultiRequest):
            body += self.configuration(config)
            body += self.ks_lines(ks)
            body += ["", "client.startMultiRequest()"]
            for at, one in enumerate(call.calls, start=1):
                variable = f"result{at}"
                body += self.call_lines(one, variable)
                self.results[one.number or at] = variable
            body += ["results = client.doMultiRequest()", *self.batch_prints(call)]
        else:
            # A parameter named like a configuration value wins on the wire (session.start's
            # partnerId); the client would overwrite it with the configured one, so that goes.
            own = {name for name, _ in call.params}
            body += self.configuration(tuple((n, v) for n, v in config if n not in own))
            body += self.ks_lines(ks)
            shown = printed(self.schema, call)
            variable = "" if shown.kind == "nothing" else "result"
            body += ["", *self.call_lines(call, variable), *self.prints(shown, variable)]
        head = ["from KalturaClient import KalturaClient, KalturaConfiguration"]
        if isinstance(call, MultiRequest):
            head.append("from KalturaClient.exceptions import KalturaException")
        for module in sorted(self.imports, key=lambda m: (m != "Core", m)):
            names = sorted(self.imports[module])
            line = f"from KalturaClient.Plugins.{module} import {', '.join(names)}"
            if len(line) > 99:  # the longest line a reader takes in at once
                line = self.sequence(f"from KalturaClient.Plugins.{module} import (", names, ")", 0)
            head.append(line)
        reads = [self.read(env) for env in ENVIRONMENT if env in self.envs]
        if reads:
            head = ["import os", "import sys", "", *head, "", *reads]
        elif any("os.environ" in line for line in body):
            head = ["import os", "", *head]
        setup = [
            "",
            "configuration = KalturaConfiguration()",
            f"configuration.serviceUrl = {string(self.context.service_url)}",
            "client = KalturaClient(configuration)",
        ]
        return "\n".join(head + setup + body) + "\n"

    def read(self, env: str) -> str:
        """The variable `env` is read into, stopping with a message when it is unset."""
        line = f'{variable(env)} = os.environ.get("{env}") or sys.exit({string(missing(env))})'
        if len(line) <= 99:
            return line
        head, message = line.removesuffix(")").split("sys.exit(")
        return f"{head}sys.exit(\n{INDENT}{message}\n)"

    def ks_lines(self, need: Need | None) -> list[str]:
        if need == "always":
            self.envs.add(KS_ENV)
            self.batch["ks"] = variable(KS_ENV)  # put back after a request's own ks
            return [f"client.setKs({variable(KS_ENV)})"]
        if need == "optional":
            return [
                f"# {KS_ENV} is optional here: sent when it is set",
                f'if os.environ.get("{KS_ENV}"):',
                f'{INDENT}client.setKs(os.environ["{KS_ENV}"])',
            ]
        return []

    def prints(self, shown: Printed, value: str) -> list[str]:
        """What is printed of `value`, the answer: see `answers`."""
        match shown.kind:
            case "nothing":
                return ['print("Done.")'] if value == "" else []
            case "list" | "items":
                objects = f"{value}.objects" if shown.kind == "list" else value
                fields = ", ".join(f"item.{_attribute(f)}" for f in shown.fields) or "vars(item)"
                lines = [f"for item in {objects}:", f"{INDENT}print({fields})"]
                if shown.total:
                    lines.append(f'print({value}.totalCount, "in all")')
                return lines
            case "object":
                if not shown.fields:
                    return [f"print(vars({value}))"]
                return [f'print("{f}:", {value}.{_attribute(f)})' for f in shown.fields]
        return [f"print({value})"]

    def batch_prints(self, batch: MultiRequest) -> list[str]:
        """Each request's answer, once none of them failed (a failed one is its exception)."""
        lines = [
            "for result in results:",
            f"{INDENT}if isinstance(result, KalturaException):",
            f"{INDENT * 2}raise result",
        ]
        for at, one in enumerate(batch.calls):
            shown = printed(self.schema, one)
            if shown.kind != "nothing":
                lines += [f"# {one.service}.{one.action}", *self.prints(shown, f"results[{at}]")]
        return lines

    def configuration(self, config: tuple[tuple[str, Value], ...]) -> list[str]:
        lines = []
        declared = {p.name: p.ref for p in config_params(self.schema)}
        for name, value in config:
            if name == "format":
                if value != Scalar("2", "int") and isinstance(value, Scalar):
                    lines.append(f"# format {value.text}: the Python client reads XML answers only")
                continue
            self.batch[name] = self.value(value, declared.get(name, TypeRef("string")), 0)
            lines.append(f"client.set{name[:1].upper()}{name[1:]}({self.batch[name]})")
        return lines

    def call_lines(self, call: Call, variable: str) -> list[str]:
        service = self.schema.service(call.service)
        action = service.action(call.action) if service else None
        self.plugin = service.plugin if service else ""
        accessor = ".".join(
            part
            for part in (
                "client",
                service.plugin if service else "",
                service.name if service else call.service,
                action.name if action else call.action,
            )
            if part
        )
        declared = {p.name: p.ref for p in action.params} if action else {}
        config = {p.name: p.ref for p in config_params(self.schema)}
        before, arguments, after = [], [], []
        for name, value in call.params:
            if name not in declared and name in config:
                # A request's own configuration (`2:ks` = `{1:result}`): the client copies
                # what is set when a call is queued into that call, so it is set just for it.
                setter = f"client.set{name[:1].upper()}{name[1:]}"
                before.append(f"{setter}({self.value(value, config[name], 0)})")
                if name in self.batch:
                    after.append(f"{setter}({self.batch[name]})")
                else:
                    after.append(f"client.requestConfiguration.pop({string(name)}, None)")
                continue
            if name in self.batch:
                # The client would overwrite this parameter with the batch's configuration
                # (session.start's partnerId): it steps aside for this call.
                setter = f"client.set{name[:1].upper()}{name[1:]}"
                before.append(f"client.requestConfiguration.pop({string(name)}, None)")
                after.append(f"{setter}({self.batch[name]})")
            if isinstance(value, Loose) and name not in declared:
                self.skipped.append(name)  # the client's methods take declared ones only
                continue
            ref = declared.get(name, TypeRef("string"))
            arguments.append(f"{INDENT}{name}={self.value(value, ref, 1)},")
        for name, file in call.files:
            arguments.append(f'{INDENT}{name}=open({string(file.filename)}, "rb"),')
        if self.skipped:
            before.append(f"# not sent: the client has no way to send {', '.join(self.skipped)}")
            self.skipped = []
        assigned = f"{variable} = {accessor}" if variable else accessor
        if not arguments:
            return [*before, f"{assigned}()", *after]
        return [*before, f"{assigned}(", *arguments, ")", *after]

    # -- values ----------------------------------------------------------------------------

    def value(self, value: Value, ref: TypeRef, depth: int) -> str:
        match value:
            case Scalar():
                return self.scalar(value.text, value.type)
            case EnumConst(name=name) if name and _IDENTIFIER.fullmatch(name):
                self.uses(
                    value.enum,
                    self.schema.enums[value.enum].plugin if value.enum in self.schema.enums else "",
                )
                return f"{value.enum}.{name}"
            case EnumConst(text=text):
                enum = self.schema.enums.get(value.enum)
                return self.scalar(text, enum.enum_type if enum else "string")
            case Object():
                return self.object(value, depth)
            case Array(items=items):
                item_ref = TypeRef(ref.array_type or "string")
                return self.sequence(
                    "[", [self.value(i, item_ref, depth + 1) for i in items], "]", depth
                )
            case Map(entries=entries):
                item_ref = TypeRef(ref.array_type or "string")
                pairs = [f"{string(k)}: {self.value(v, item_ref, depth + 1)}" for k, v in entries]
                return self.sequence("{", pairs, "}", depth)
            case Null():
                return "None"
            case Empty():
                return "{}" if ref.type == "map" else "[]"
            case Reference(text=text):
                return self.reference(text)
            case Unknown(value=wire) | Loose(value=wire):
                return self.wire(wire, depth)
            case File(filename=filename):
                return f'open({string(filename)}, "rb")'
        raise TypeError(value)

    def scalar(self, text: str, type_: str) -> str:
        if env := env_of(text):
            self.envs.add(env)
            return string(text)
        if patterns.REFERENCE.search(text):
            return self.reference(text)
        if type_ in ("int", "bigint") and _INT.fullmatch(text) and str(int(text)) == text:
            return text
        if type_ == "float":
            try:
                if repr(float(text)) == text:
                    return text
            except ValueError:
                pass
        if type_ == "bool" and text in ("true", "false"):
            return "True" if text == "true" else "False"
        return string(text)

    def object(self, value: Object, depth: int) -> str:
        cls = self.schema.class_named(value.object_type)
        self.uses(value.object_type, cls.plugin if cls else self.plugin)
        arguments = []
        for name, member in value.members:
            if isinstance(member, Loose):
                self.skipped.append(f"{value.object_type}.{name}")
                continue  # the client's classes send only the properties they declare
            prop = self.schema.property(cls.name, name) if cls else None
            ref = prop.ref if prop else TypeRef("string")
            keyword = name + "_" if name in _KEYWORDS else name
            arguments.append(f"{keyword}={self.value(member, ref, depth + 1)}")
        return self.sequence(f"{value.object_type}(", arguments, ")", depth)

    def wire(self, wire: Wire, depth: int) -> str:
        """A value of a type the schema lacks, as typed: an object (it names its
        `objectType`) is built from the class of that name, numbers go as numbers (an
        int-typed property refuses a string), null and empty as the client writes them."""
        if isinstance(wire, str):
            return self.scalar(wire, "int" if _INT.fullmatch(wire) else "string")
        if isinstance(wire, list):
            return self.sequence("[", [self.wire(item, depth + 1) for item in wire], "]", depth)
        if list(wire) == [EMPTY_MARK]:
            return "[]"
        object_type = wire.get(OBJECT_TYPE)
        if not isinstance(object_type, str):
            pairs = [f"{string(k)}: {self.wire(v, depth + 1)}" for k, v in wire.items()]
            return self.sequence("{", pairs, "}", depth)
        cls = self.schema.class_named(object_type)
        self.uses(object_type, cls.plugin if cls else self.plugin)
        arguments = []
        for key, item in wire.items():
            if key == OBJECT_TYPE:
                continue
            if key.endswith(NULL_SUFFIX):
                arguments.append(f"{key.removesuffix(NULL_SUFFIX)}=None")
            else:
                arguments.append(f"{key}={self.wire(item, depth + 1)}")
        return self.sequence(f"{object_type}(", arguments, ")", depth)

    def reference(self, text: str) -> str:
        """`{1:result:objects:0:id}` → `result1.objects[0].id`, as the client writes it; one
        inside a longer text → an f-string; one to no earlier request stays text."""
        whole = patterns.REFERENCE.fullmatch(text)
        if whole and int(whole.group(1)) in self.results:
            return self.path(whole)
        if not all(int(m.group(1)) in self.results for m in patterns.REFERENCE.finditer(text)):
            return json.dumps(text, ensure_ascii=False)
        parts, at = [], 0
        for found in patterns.REFERENCE.finditer(text):
            literal = json.dumps(text[at : found.start()], ensure_ascii=False)[1:-1]
            parts += [literal.replace("{", "{{").replace("}", "}}"), "{" + self.path(found) + "}"]
            at = found.end()
        literal = json.dumps(text[at:], ensure_ascii=False)[1:-1]
        return 'f"' + "".join(parts) + literal.replace("{", "{{").replace("}", "}}") + '"'

    def path(self, found: re.Match[str]) -> str:
        out = self.results[int(found.group(1))]
        steps = fieldnames.segments(found.group(2))[1:] if found.group(2) else []
        for step in steps:
            if _INT.fullmatch(step):
                out += f"[{step}]"
            elif _IDENTIFIER.fullmatch(step) and not step.startswith("__"):
                out += "." + step
            else:
                out += f"[{json.dumps(step)}]"
        return out

    # -- layout ----------------------------------------------------------------------------

    def sequence(self, opening: str, items: list[str], closing: str, depth: int) -> str:
        if not items:
            return opening + closing
        inner = INDENT * (depth + 1)
        lines = "".join(f"\n{inner}{item}," for item in items)
        return f"{opening}{lines}\n{INDENT * depth}{closing}"

    def uses(self, name: str, plugin: str) -> None:
        self.imports.setdefault(module_of(plugin), set()).add(name)
