"""Build a `Schema` from the XML a Kaltura server serves at `/api_v3/api_schema.php`.

The XML is read with expat directly so every element keeps its line number: a broken schema is
reported as `file:line: what is wrong`. Structural problems (not XML, not a Kaltura schema, an
element missing its name) raise `SchemaError`; a reference to a type the schema never defines is
survivable, so it becomes a warning on the schema and the form shows a text field instead.
Pure: no web imports; the only I/O is `load_schema` reading one file.
"""

from __future__ import annotations

import dataclasses
import functools
import xml.parsers.expat
from dataclasses import dataclass, field
from pathlib import Path

from app.protocol.schema import (
    SCALAR_TYPES,
    ActionDef,
    ClassDef,
    ConfigField,
    EnumConst,
    EnumDef,
    ErrorDef,
    ParamDef,
    PropertyDef,
    Schema,
    ServiceDef,
    TypeRef,
)

_BUILTIN_TYPES = SCALAR_TYPES | {"array", "map", "file"}


class SchemaError(Exception):
    """A schema that cannot be used; the message names the file and line."""

    def __init__(self, source: str, line: int | None, problem: str) -> None:
        self.source, self.line, self.problem = source, line, problem
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {problem}")


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[_Node] = field(default_factory=list)

    def all(self, tag: str) -> list[_Node]:
        return [c for c in self.children if c.tag == tag]

    def first(self, tag: str) -> _Node | None:
        return next((c for c in self.children if c.tag == tag), None)

    def flag(self, name: str) -> bool:
        return self.attrs.get(name, "0") in ("1", "true")


def _parse_tree(data: bytes, source: str) -> _Node:
    parser = xml.parsers.expat.ParserCreate()
    # A schema has no business declaring entities; refusing them keeps "billion laughs" out.
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[_Node] = []
    root: list[_Node] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        node = _Node(tag, attrs, parser.CurrentLineNumber)
        (stack[-1].children if stack else root).append(node)
        stack.append(node)

    def end(_tag: str) -> None:
        stack.pop()

    def entity_decl(name: str, *_: object) -> None:
        raise SchemaError(
            source, parser.CurrentLineNumber, f"entity declarations are refused ({name})"
        )

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.EntityDeclHandler = entity_decl
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        raise SchemaError(source, exc.lineno, f"not well-formed XML: {exc}") from None
    if not root:
        raise SchemaError(source, None, "empty document")
    return root[0]


def _required(node: _Node, attr: str, source: str) -> str:
    value = node.attrs.get(attr, "").strip()
    if not value:
        raise SchemaError(source, node.line, f"<{node.tag}> has no {attr!r} attribute")
    return value


def _ref(node: _Node) -> TypeRef:
    return TypeRef(
        type=node.attrs.get("type", "string") or "string",
        enum_type=node.attrs.get("enumType", ""),
        array_type=node.attrs.get("arrayType", ""),
    )


def _enum(node: _Node, source: str) -> EnumDef:
    enum_type = node.attrs.get("enumType", "int")
    if enum_type not in ("int", "string"):
        raise SchemaError(
            source, node.line, f"enum enumType must be int or string, not {enum_type!r}"
        )
    consts = tuple(
        EnumConst(_required(c, "name", source), c.attrs.get("value", "")) for c in node.all("const")
    )
    return EnumDef(
        name=_required(node, "name", source),
        enum_type="int" if enum_type == "int" else "string",
        consts=consts,
        plugin=node.attrs.get("plugin", ""),
        deprecated=node.flag("deprecated"),
    )


def _class(node: _Node, source: str) -> ClassDef:
    name = _required(node, "name", source)
    props = tuple(
        PropertyDef(
            name=_required(p, "name", source),
            ref=_ref(p),
            description=p.attrs.get("description", ""),
            read_only=p.flag("readOnly"),
            insert_only=p.flag("insertOnly"),
            write_only=p.flag("writeOnly"),
            values_enum_type=p.attrs.get("valuesEnumType", ""),
            is_time=p.flag("isTime"),
            deprecated=p.flag("deprecated"),
            owner=name,
            limits=_limits(p),
        )
        for p in node.all("property")
    )
    return ClassDef(
        name=name,
        base=node.attrs.get("base", ""),
        abstract=node.flag("abstract"),
        plugin=node.attrs.get("plugin", ""),
        description=node.attrs.get("description", ""),
        deprecated=node.flag("deprecated"),
        properties=props,
    )


def _action(node: _Node, source: str) -> ActionDef:
    params = tuple(
        ParamDef(
            name=_required(p, "name", source),
            ref=_ref(p),
            optional=p.flag("optional"),
            default=p.attrs.get("default"),
            description=p.attrs.get("description", ""),
            values_enum_type=p.attrs.get("valuesEnumType", ""),
        )
        for p in node.all("param")
    )
    result_node = node.first("result")
    result = _ref(result_node) if result_node is not None and "type" in result_node.attrs else None
    session = node.attrs.get("sessionRequired", "always")
    return ActionDef(
        name=_required(node, "name", source),
        params=params,
        result=result,
        description=node.attrs.get("description", ""),
        enable_in_multirequest=node.attrs.get("enableInMultiRequest", "1") != "0",
        session_required=session if session in ("always", "optional", "none") else "always",  # type: ignore[arg-type]
        deprecated=node.flag("deprecated"),
        beta=node.flag("beta"),
        throws=tuple(t.attrs.get("name", "") for t in node.all("throws")),
    )


def _service(node: _Node, source: str) -> ServiceDef:
    return ServiceDef(
        id=_required(node, "id", source),
        name=_required(node, "name", source),
        actions=tuple(_action(a, source) for a in node.all("action")),
        plugin=node.attrs.get("plugin", ""),
        description=node.attrs.get("description", ""),
        deprecated=node.flag("deprecated"),
        beta=node.flag("beta"),
    )


def _error(node: _Node, source: str) -> ErrorDef:
    name = _required(node, "name", source)
    return ErrorDef(
        name=name,
        code=node.attrs.get("code", name),
        message=node.attrs.get("message", ""),
        parameters=tuple(p.attrs.get("name", "") for p in node.all("parameter")),
    )


def _limits(node: _Node) -> tuple[str, ...]:
    """The value's constraints as the docs word them, from the attributes OTT schemas use."""
    limits = [word for flag, word in _LIMIT_FLAGS if node.flag(flag)]
    for low, high, unit in (("minLength", "maxLength", "length "), ("minValue", "maxValue", "")):
        lo, hi = node.attrs.get(low, ""), node.attrs.get(high, "")
        if lo and hi:
            limits.append(f"{unit}{lo} to {hi}")
        elif lo or hi:
            limits.append(f"{unit}{'at least ' + lo if lo else 'at most ' + hi}")
    return tuple(limits)


_LIMIT_FLAGS = (
    ("isTime", "time (Unix seconds)"),
    ("nullable", "nullable"),
    ("multiLingual", "multi-lingual"),
)


def _configurations(node: _Node | None) -> tuple[ConfigField, ...]:
    if node is None:
        return ()
    fields: list[ConfigField] = []
    for scope in ("client", "request"):
        group = node.first(scope)
        for child in group.children if group is not None else ():
            fields.append(
                ConfigField(
                    child.tag,
                    _ref(child),
                    scope,
                    child.attrs.get("description", ""),
                )
            )
    return tuple(fields)


def _section(root: _Node, tag: str) -> list[_Node]:
    section = root.first(tag)
    return section.children if section is not None else []


def _unknown_type_warnings(
    schema: Schema, lines: dict[tuple[str, str], int], source: str
) -> list[str]:
    known = _BUILTIN_TYPES | schema.classes.keys()
    warnings: list[str] = []

    def check(where: str, ref: TypeRef, line: int) -> None:
        for name in (ref.type, ref.array_type if ref.type in ("array", "map") else ""):
            if name and name not in known:
                warnings.append(f"{source}:{line}: {where} refers to unknown type {name!r}")
        if ref.enum_type and ref.enum_type not in schema.enums:
            warnings.append(f"{source}:{line}: {where} refers to unknown enum {ref.enum_type!r}")

    for cls in schema.classes.values():
        if cls.base and cls.base not in schema.classes:
            warnings.append(
                f"{source}:{lines[('class', cls.name)]}: "
                f"class {cls.name} has unknown base {cls.base!r}"
            )
        for prop in cls.properties:
            where = f"{cls.name}.{prop.name}"
            check(where, prop.ref, lines.get(("property", where), 0))
    for service in schema.services:
        for action in service.actions:
            line = lines.get(("action", f"{service.id}.{action.name}"), 0)
            for param in action.params:
                check(f"{service.id}.{action.name}({param.name})", param.ref, line)
    return warnings


def parse_schema(data: bytes, source: str = "<schema>") -> Schema:
    """Parse schema XML; raise `SchemaError` naming the line when it is not a Kaltura schema.

    A `Schema` is immutable, so the same document from the same source is parsed once per
    process and shared (the last few kept): an unchanged file loaded again (Reload schema, the
    sandbox beside the console, each app a test makes) costs nothing. A document that does not
    parse is read again each time."""
    return _parse_once(data, source)


@functools.lru_cache(maxsize=4)
def _parse_once(data: bytes, source: str) -> Schema:
    return read_schema(data, source)


def read_schema(data: bytes, source: str = "<schema>") -> Schema:
    """`parse_schema` without the sharing: a new `Schema` each call, kept by no cache (an
    uploaded file; what `make bench` times)."""
    root = _parse_tree(data, source)
    if root.tag != "xml" or root.first("services") is None:
        raise SchemaError(
            source, root.line, f"not a Kaltura schema: root <{root.tag}> has no <services> section"
        )
    lines: dict[tuple[str, str], int] = {}
    enums = {}
    for node in _section(root, "enums"):
        enum = _enum(node, source)
        enums[enum.name] = enum
    classes = {}
    for node in _section(root, "classes"):
        cls = _class(node, source)
        classes[cls.name] = cls
        lines[("class", cls.name)] = node.line
        for prop_node in node.all("property"):
            lines[("property", f"{cls.name}.{prop_node.attrs.get('name', '')}")] = prop_node.line
    services = []
    for node in _section(root, "services"):
        service = _service(node, source)
        services.append(service)
        for action_node in node.all("action"):
            lines[("action", f"{service.id}.{action_node.attrs.get('name', '')}")] = (
                action_node.line
            )
    errors = {}
    for node in _section(root, "errors"):
        error = _error(node, source)
        errors[error.name] = error
    plugins = {
        p.attrs.get("name", ""): tuple(s.attrs.get("name", "") for s in p.all("pluginService"))
        for p in _section(root, "plugins")
    }
    schema = Schema(
        api_version=root.attrs.get("apiVersion", "unknown"),
        generated_date=root.attrs.get("generatedDate", ""),
        enums=enums,
        classes=classes,
        services=tuple(services),
        errors=errors,
        configurations=_configurations(root.first("configurations")),
        plugins=plugins,
    )
    warnings = _unknown_type_warnings(schema, lines, source)
    if not warnings:
        return schema
    return dataclasses.replace(schema, warnings=tuple(warnings))


def load_schema(path: Path) -> Schema:
    """Read and parse one schema file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SchemaError(str(path), None, f"cannot read: {exc.strerror or exc}") from None
    return parse_schema(data, str(path))
