"""Console form fields → typed values of a call, and the problems a server would refuse.

The browser submits flat `(name, value)` pairs named by the field-name grammar (`fieldnames`):
Kaltura's own colon paths, `__null` and `:-` markers, `objectType` and `__key` members. This
module reads one request's `form_tree`, with the schema's declarations, into `call.Value` nodes.
Values that do not fit their type are reported as `FieldProblem`s but still read: people test
negative cases. Rules chosen here: a name given twice is a multi-choice, joined with commas; a
`__null` marker wins over a value and `-` over items; an object without `objectType` is not sent
at all; names the schema does not know are sent as given (and flagged); inside a multirequest a
`{N:result…}` reference to an earlier request is taken as given. `form_calls` builds whole calls
from these. Pure: no I/O and no web imports.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from app.forms.form_tree import Node, from_json, loose
from app.protocol import fieldnames, patterns
from app.protocol.call import (
    Array,
    Empty,
    EnumConst,
    FieldProblem,
    Loose,
    Map,
    Members,
    Null,
    Object,
    ProblemKind,
    Reference,
    Scalar,
    Unknown,
    Value,
)
from app.protocol.facts import OBJECT_TYPE
from app.protocol.fieldnames import MAP_KEY
from app.protocol.schema import ParamDef, Schema, TypeRef

INT = re.compile(patterns.INT)
FLOAT = re.compile(patterns.FLOAT)
RESULT_REFERENCE = patterns.REFERENCE
_BOOLS = {"true": "true", "1": "true", "false": "false", "0": "false"}


# -- typed values ----------------------------------------------------------------------------


class Reader:
    """Reads one request's tree against the schema, collecting problems on the way."""

    def __init__(
        self, schema: Schema, prefix: str = "", earlier: frozenset[int] | None = None
    ) -> None:
        self.schema = schema
        self.prefix = prefix
        # Inside a multirequest: the numbers of the requests that run before this one, which a
        # `{N:result}` may name. None outside one, where such a value is checked like any other.
        self.earlier = earlier
        self.problems: list[FieldProblem] = []

    def flag(self, path: str, message: str, kind: ProblemKind = "value") -> None:
        self.problems.append(FieldProblem(self.prefix + path, message, kind))

    def params(
        self, declared: Sequence[ParamDef], root: Node, owner: str, strict: bool = True
    ) -> Members:
        out: list[tuple[str, Value]] = []
        names = {p.name for p in declared}
        for param in declared:
            node = root.children.get(param.name, Node())
            if param.ref.type == "file":
                if not node.is_blank():
                    self.flag(param.name, "a file parameter takes an uploaded file")
                continue
            self.put(
                out,
                param.name,
                param.ref,
                node,
                param.name,
                mandatory=not param.optional,
                values_enum=param.values_enum_type,
            )
        for name, node in root.children.items():
            if name not in names and _put_loose(out, name, node) and strict:
                self.flag(name, f"not a parameter of {owner}; sent as given")
        return tuple(out)

    def put(
        self,
        out: list[tuple[str, Value]],
        name: str,
        ref: TypeRef,
        node: Node,
        path: str,
        mandatory: bool = False,
        values_enum: str = "",
    ) -> None:
        if node.null:
            out.append((name, Null()))
            return
        value = self.value(ref, node, path, values_enum)
        if value is not None:
            out.append((name, value))
        elif mandatory:
            self.flag(path, "missing mandatory parameter", "missing")

    def value(self, ref: TypeRef, node: Node, path: str, values_enum: str = "") -> Value | None:
        kind = self.schema.kind(ref)
        if kind == "object":
            return self.object(ref.type, node, path)
        if kind in ("array", "map"):
            return self.container(kind, ref, node, path)
        if kind == "unknown":
            return self.unknown(ref.type, node, path)
        if kind == "file":
            return _loose_value(node)
        return self.scalar(kind, ref, node, path, values_enum)

    def scalar(
        self, kind: str, ref: TypeRef, node: Node, path: str, values_enum: str
    ) -> Value | None:
        given = node.given()
        if not given:
            return None
        # A repeated name is a multi-choice (`statusIn`): Kaltura takes comma-separated values.
        text = ",".join(given)
        if self.is_reference(text, path):
            return Reference(text)
        problem = self.check(kind, ref, text.strip(), values_enum)
        if problem:
            self.flag(path, problem)
        if kind == "bool":
            return Scalar(_BOOLS.get(text.strip().lower(), text), "bool")
        if kind == "enum":
            enum = self.schema.enums[ref.enum_type]
            return EnumConst(text, enum.name, enum.name_of(text.strip()) or "")
        return Scalar(text, kind, values_enum if values_enum in self.schema.enums else "")

    def unknown(self, type_name: str, node: Node, path: str) -> Value | None:
        """A value of a type the schema does not define: JSON that starts an object or array
        is sent as the nested value it describes, scalars as strings like every other value;
        anything else (a result reference included) as given."""
        given = node.given()
        text = given[0].strip() if len(given) == 1 and not node.children else ""
        if not text.startswith(("{", "[")) or RESULT_REFERENCE.fullmatch(text):
            sent = loose(node)
            return None if sent is None else Unknown(type_name, sent)
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as error:
            where = f"line {error.lineno} column {error.colno}"
            self.flag(path, f"not valid JSON ({error.msg} at {where}); sent as text")
            return Unknown(type_name, given[0])
        return Unknown(type_name, from_json(parsed))

    def check(self, kind: str, ref: TypeRef, text: str, values_enum: str) -> str:
        if kind == "int" and not INT.fullmatch(text):
            return f"expects a whole number, got {text!r}"
        if kind == "float" and not FLOAT.fullmatch(text):
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
        match = RESULT_REFERENCE.fullmatch(text.strip())
        if not match or self.earlier is None:
            return False
        if int(match.group(1)) not in self.earlier:
            message = patterns.NOT_EARLIER.format(n=match.group(1))
            self.flag(path, message, "order")
        return True

    def object(self, declared: str, node: Node, path: str) -> Object | None:
        chosen = node.children.get(OBJECT_TYPE, Node()).given()
        if not chosen:
            return None  # no type chosen: the object is not sent, whatever its fields hold
        cls = self.schema.class_named(chosen[-1].strip())
        object_type = cls.name if cls else chosen[-1].strip()  # sent as the schema spells it
        out: list[tuple[str, Value]] = []
        type_path = fieldnames.type_of(path)
        if cls is None:
            self.flag(type_path, f"unknown objectType {object_type!r}")
            for name, member in node.children.items():
                if name != OBJECT_TYPE:
                    _put_loose(out, name, member)
            return Object(object_type, tuple(out), known=False)
        if declared in self.schema.classes and not self.schema.is_subclass(object_type, declared):
            self.flag(type_path, f"{object_type} is not a {declared}")
        if cls.abstract:
            self.flag(type_path, f"{object_type} is abstract; the server refuses it")
        properties = {p.name: p for p in self.schema.properties(object_type)}
        for prop in properties.values():
            child = node.children.get(prop.name)
            if child is None:
                continue
            prop_path = fieldnames.join(path, prop.name)
            if prop.read_only and not child.is_blank():
                self.flag(prop_path, "read-only property")
            self.put(out, prop.name, prop.ref, child, prop_path, values_enum=prop.values_enum_type)
        for name, child in node.children.items():
            if name not in properties and name != OBJECT_TYPE and _put_loose(out, name, child):
                self.flag(
                    fieldnames.join(path, name), f"not a property of {object_type}; sent as given"
                )
        return Object(object_type, tuple(out))

    def items(self, node: Node, path: str) -> list[tuple[str, Node]]:
        """The numbered items in numeric order: `10` comes after `9`, gaps are fine."""
        numbered = []
        for name, child in node.children.items():
            if fieldnames.item_number(name) is not None:
                numbered.append((name, child))
            elif not child.is_blank():
                self.flag(fieldnames.join(path, name), "not an item number; ignored")
        return sorted(numbered, key=lambda item: int(item[0]))

    def container(self, kind: str, ref: TypeRef, node: Node, path: str) -> Value | None:
        if node.emptied:
            return Empty()
        item_ref = TypeRef(ref.array_type or "string")
        if kind == "array":
            items = [
                self.value(item_ref, child, fieldnames.join(path, name))
                for name, child in self.items(node, path)
            ]
            found = tuple(v for v in items if v is not None)
            return Array(found) if found else None
        entries: dict[str, Value] = {}
        for name, child in self.items(node, path):
            item_path = fieldnames.join(path, name)
            keys = child.children.get(MAP_KEY, Node()).given()
            value = self.value(item_ref, child.without_key(), item_path)
            if value is None:
                continue
            if not keys:
                self.flag(fieldnames.key_of(item_path), "a map item needs a key; not sent")
                continue
            if keys[-1] in entries:
                self.flag(
                    fieldnames.key_of(item_path), f"key {keys[-1]!r} given twice; the last wins"
                )
            entries[keys[-1]] = value
        return Map(tuple(entries.items())) if entries else None


def _put_loose(out: list[tuple[str, Value]], name: str, node: Node) -> bool:
    if node.null:
        out.append((name, Null()))
        return True
    value = _loose_value(node)
    if value is not None:
        out.append((name, value))
    return value is not None


def _loose_value(node: Node) -> Loose | None:
    sent = loose(node)
    return None if sent is None else Loose(sent)
