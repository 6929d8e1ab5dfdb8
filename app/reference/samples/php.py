r"""The call as PHP with the official client that `composer require kaltura/api-client-library`
installs (KalturaGeneratedAPIClientsPHP53: namespaced, loaded by Composer's autoloader).

Read from the client's source: the client is `Kaltura\Client\Client` built from a
`Kaltura\Client\Configuration`; services come from getters (`$client->getMediaService()`), a
plugin's through its plugin object (`ElasticSearchPlugin::get($client)->getESearchService()`,
in `Kaltura\Client\Plugin\ElasticSearch`); methods take the parameters in the schema's order,
`list`, `clone` and `goto` being `listAction`…; classes and enums drop `Kaltura` and live in
`Kaltura\Client\Type` and `Kaltura\Client\Enum` (a plugin's in its own `Type` and `Enum`),
objects are built with `new MediaEntryFilter()` and their properties set one by one, enums
are class constants (`MediaType::VIDEO`); a file parameter is a path;
`NullValue::getInstance()` sends an explicit null and an empty `array()` an emptied one. A
multirequest is queued between `startMultiRequest()` and `doMultiRequest()`, each call then
returning a stand-in for its result whose properties are references: `$result1->id` is
`{1:result:id}`. Pure: no I/O.
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
from app.reference.samples import KS_ENV, SampleContext
from app.reference.samples.client_calls import (
    CONFIG_SETTERS,
    Argument,
    Names,
    Plan,
    bare_literal,
    class_name,
    env_of,
    file_path,
    item_name,
    numbered,
    owner_of,
    plan,
    reference_path,
    referenced,
)
from app.reference.samples.environment import (
    VARIABLES,
    Need,
    client_ks,
    missing,
    reads,
    variable,
)

RENAMED_ACTIONS = frozenset({"list", "clone", "goto"})


class _Writer:
    """Statements in order: objects are built in variables before the call that uses them."""

    def __init__(self, context: SampleContext) -> None:
        self.context = context
        self.lines: list[str] = []
        self.names = Names(("client", "config", "result", "results", *VARIABLES.values()))
        self.plugins: dict[str, str] = {}
        self.configured: dict[str, str] = {}
        self.uses = {"Kaltura\\Client\\Client", "Kaltura\\Client\\Configuration"}
        self.restore: list[str] = []
        self.plugin = ""  # the current call's plugin: where a class the schema lacks lives

    def use(self, kaltura_name: str, kind: str, plugin: str) -> str:
        """The class's short name, its namespace imported: `MediaType` from
        `Kaltura\\Client\\Enum`, a plugin's from `Kaltura\\Client\\Plugin\\<Plugin>\\Enum`."""
        short = class_name(kaltura_name)
        space = f"Plugin\\{_plugin_name(plugin)}\\{kind}" if plugin else kind
        self.uses.add(f"Kaltura\\Client\\{space}\\{short}")
        return short

    def type_of(self, kaltura_name: str) -> str:
        found = self.context.schema.class_named(kaltura_name)
        return self.use(kaltura_name, "Type", found.plugin if found else self.plugin)

    def value(self, value: Value, name: str, owner: str) -> str:
        match value:
            case Scalar(text=text, type=kind):
                env = env_of(self.context, name, owner)
                return f"${variable(env)}" if env else (bare_literal(text, kind) or _string(text))
            case EnumConst(text=text, enum=enum, name=const) if const:
                found = self.context.schema.enums.get(enum)
                return f"{self.use(enum, 'Enum', found.plugin if found else '')}::{const}"
            case EnumConst(text=text):
                return _string(text)
            case Object():
                return self.object(value, name)
            case Array(items=items):
                return _array([self.value(item, item_name(item, name), owner) for item in items])
            case Map(entries=entries):
                return _array([f"{_string(k)} => {self.value(v, k, owner)}" for k, v in entries])
            case File():
                return _string(file_path(value))
            case Reference(text=text):
                return _reference(text)
            case Empty():
                return "array()"
            case Null():
                self.uses.add("Kaltura\\Client\\NullValue")
                return "NullValue::getInstance()"
            case Unknown(value=wire) | Loose(value=wire):
                return self.wire(wire, name)
        raise ValueError(value)

    def object(self, value: Object, name: str) -> str:
        if not value.known:
            return self.wire({OBJECT_TYPE: value.object_type}, name)
        variable = "$" + self.names.take(name)
        self.lines.append(f"{variable} = new {self.type_of(value.object_type)}();")
        for member, inner in value.members:
            owner = owner_of(self.context, value.object_type, member)
            rendered = self.value(inner, member, owner)
            self.lines.append(f"{variable}->{member} = {rendered};")
        return variable

    def wire(self, wire: Wire, name: str) -> str:
        """A value the schema does not type, as sent; an object with an `objectType` still
        becomes its client class (the client has plugin classes a schema may leave out)."""
        if isinstance(wire, str):
            return _string(wire)
        if isinstance(wire, list):
            return _array([self.wire(item, item_name(item, name)) for item in wire])
        object_type = wire.get(OBJECT_TYPE)
        if isinstance(object_type, str) and re.fullmatch(r"\w+", object_type):
            variable = "$" + self.names.take(name)
            self.lines.append(f"{variable} = new {self.type_of(object_type)}();")
            for member, inner in wire.items():
                if member != OBJECT_TYPE:
                    self.lines.append(f"{variable}->{member} = {self.wire(inner, member)};")
            return variable
        return _array([f"{_string(k)} => {self.wire(v, k)}" for k, v in wire.items()])

    def service(self, found: Plan) -> str:
        service = found.service
        getter = f"get{service.name[:1].upper()}{service.name[1:]}Service()"
        if not service.plugin:
            return f"$client->{getter}"
        plugin = self.plugins.get(service.plugin)
        if plugin is None:
            plugin = "$" + self.names.take(f"{service.plugin}Plugin")
            self.plugins[service.plugin] = plugin
            plugin_class = f"{_plugin_name(service.plugin)}Plugin"
            space = f"Kaltura\\Client\\Plugin\\{_plugin_name(service.plugin)}"
            self.uses.add(f"{space}\\{plugin_class}")
            self.lines.append(f"{plugin} = {plugin_class}::get($client);")
        return f"{plugin}->{getter}"

    def call(self, found: Plan) -> str:
        self.plugin = found.service.plugin
        action = found.action.name
        owner = f"{found.service.id}.{action}"
        for name, value in found.extras:
            setter = CONFIG_SETTERS.get(name)
            rendered = self.value(value, name, owner)
            if setter:
                # The client copies these into every call queued after them, so the
                # client's own value is put back after this call.
                self.lines.append(f"$client->{setter}({rendered});")
                self.restore.append(f"$client->{setter}({self.configured.get(name, 'null')});")
            else:
                self.lines.append(f"// {name}: not a parameter of {owner}, not sent")
        args = [self.argument(a, owner) for a in found.arguments]
        method = f"{action}Action" if action in RENAMED_ACTIONS else action
        return f"{self.service(found)}->{method}({', '.join(args)})"

    def argument(self, argument: Argument, owner: str) -> str:
        if argument.value is None:
            return "null"
        if isinstance(argument.value, Null) and self.context.schema.kind(argument.param.ref) in (
            "object",
            "array",
            "map",
        ):
            # The method reads an object's properties; KalturaNull has none to read.
            return "null /* explicit null: the client cannot send one here */"
        return self.value(argument.value, argument.param.name, owner)

    def config(self, config: Members, need: Need | None) -> None:
        if need == "always":
            self.configured["ks"] = f"${variable(KS_ENV)}"
            self.lines.append(f"$client->setKs(${variable(KS_ENV)});")
        elif need == "optional":
            self.lines += [
                f"// {KS_ENV} is optional here: sent when it is set",
                f"if (getenv('{KS_ENV}')) {{",
                f"    $client->setKs(getenv('{KS_ENV}'));",
                "}",
            ]
        for name, value in config:
            setter = CONFIG_SETTERS.get(name)
            if setter:  # format: the client picks its own
                self.configured[name] = self.value(value, name, "")
                self.lines.append(f"$client->{setter}({self.configured[name]});")


def render(call: Call | MultiRequest, context: SampleContext) -> str:
    writer = _Writer(context)
    for env in reads(call, context):
        writer.lines += [
            f"${variable(env)} = getenv('{env}');",
            f"if (!${variable(env)}) {{",
            f"    fwrite(STDERR, {_string(missing(env))} . PHP_EOL);",
            "    exit(1);",
            "}",
            "",
        ]
    config, need = client_ks(call, context)
    writer.lines += [
        "$config = new Configuration();",
        f"$config->setServiceUrl({_string(context.service_url)});",
        "$client = new Client($config);",
    ]
    writer.config(config, need)
    writer.lines.append("")
    if isinstance(call, MultiRequest):
        calls = numbered(call)
        needed = referenced(calls)
        writer.lines.append("$client->startMultiRequest();")
        for sub in calls:
            statement = writer.call(plan(context, sub))
            prefix = f"$result{sub.number} = " if sub.number in needed else ""
            writer.lines += [f"{prefix}{statement};", *writer.restore]
            writer.restore.clear()
        writer.lines += ["$results = $client->doMultiRequest();", "print_r($results);"]
    else:
        writer.lines.append(f"$result = {writer.call(plan(context, call))};")
        writer.lines.append("print_r($result);")
    uses = [f"use {name};" for name in sorted(writer.uses)]
    head = ["<?php", "require_once __DIR__ . '/vendor/autoload.php';", "", *uses, ""]
    return "\n".join([*head, *writer.lines]) + "\n"


def _plugin_name(plugin: str) -> str:
    """A plugin's namespace and class prefix: `elasticSearch` → `ElasticSearch`."""
    return plugin[:1].upper() + plugin[1:]


def _reference(text: str) -> str:
    """`{1:result:objects:0:id}` as the client writes it: `$result1->objects[0]->id`."""
    found = reference_path(text)
    if found is None:
        return _string(text)
    number, path = found
    out = f"$result{number}"
    for step in path:
        out += f"[{step}]" if step.isdigit() else f"->{step}"
    return out


def _array(items: list[str]) -> str:
    return f"array({', '.join(items)})"


def _string(text: str) -> str:
    """A single-quoted PHP string: only `\\` and `'` are special in it."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
