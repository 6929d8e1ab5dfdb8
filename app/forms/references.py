"""The `{N:result…}` references a multirequest request may use, derived from the schema.

api_v3 runs a multirequest's requests in order and replaces `{N:result:path}` in a later
request with the value at `path` in request N's result (docs/PROTOCOL.md, multirequest). What
paths exist follows from the result type the schema declares: a scalar result is `{N:result}`,
an object's properties are `{N:result:id}` (inherited and read-only ones included: a result
carries them), an array item is `:0` (the first; a person edits the index). An abstract
result's concrete type is unknown until the answer comes, so the declared type's properties
are listed. Nesting is bounded: Kaltura's types are recursive and a person wants the first
levels. Maps are left out (their keys are not in the schema). Pure: no I/O, no web imports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.protocol.fieldnames import SEP
from app.protocol.schema import Schema, TypeRef

MAX_OBJECT_DEPTH = 3
"""Objects followed below a result: `objects:0:operationAttributes:0:…` is as deep as a
person picks from a list (KalturaMediaEntry alone has ~90 properties)."""

# Which value kinds a field of a kind takes without a cast, best first (api_v3 reads every
# value from text, so the rest still works and is offered after these).
_FITS = {"int": ("int",), "float": ("float", "int"), "string": ("string",)}


@dataclass(frozen=True)
class ResultPath:
    """One reference: `{1:result:objects:0:id}`, what it holds (`string`, `KalturaEntryStatus`)
    and its kind (`int`, `float`, `string`, `bool`, `unknown`), the request's call for the label."""

    reference: str
    type_label: str
    kind: str
    call: str


def result_paths(schema: Schema, result: TypeRef | None) -> list[tuple[str, TypeRef]]:
    """The scalar paths inside a result of type `result` (`""` is the result itself), each
    with its type, in the schema's property order."""
    found: list[tuple[str, TypeRef]] = []
    if result is not None:
        _walk(schema, result, "", 0, frozenset(), found)
    return found


def _walk(
    schema: Schema,
    ref: TypeRef,
    path: str,
    depth: int,
    open_types: frozenset[str],
    found: list[tuple[str, TypeRef]],
) -> None:
    kind = schema.kind(ref)
    if kind == "array":
        item = TypeRef(ref.array_type or "string")
        _walk(schema, item, _join(path, "0"), depth, open_types, found)
    elif kind == "object":
        # A type already open above is not reopened: `parent:parent:…` would never end.
        if depth > MAX_OBJECT_DEPTH or ref.type in open_types:
            return
        for prop in schema.properties(ref.type):
            inner = open_types | {ref.type}
            _walk(schema, prop.ref, _join(path, prop.name), depth + 1, inner, found)
    elif kind not in ("map", "file"):
        found.append((path, ref))


def _join(path: str, segment: str) -> str:
    return path + SEP + segment if path else segment


def references(schema: Schema, earlier: Sequence[tuple[str, str]]) -> list[ResultPath]:
    """Every reference to the results of `earlier` requests (request 1 first), for a request
    that runs after them; a call the schema lacks offers nothing."""
    out: list[ResultPath] = []
    for number, (service, action) in enumerate(earlier, start=1):
        action_def = schema.action(service, action)
        if action_def is None:
            continue
        call = f"{schema.service(service).id}.{action_def.name}"  # type: ignore[union-attr]
        for path, ref in result_paths(schema, action_def.result):
            reference = "{" + f"{number}{SEP}result" + (SEP + path if path else "") + "}"
            out.append(ResultPath(reference, ref.label, _value_kind(schema, ref), call))
    return out


def _value_kind(schema: Schema, ref: TypeRef) -> str:
    kind = schema.kind(ref)
    if kind == "enum":
        return "int" if schema.enums[ref.enum_type].enum_type == "int" else "string"
    return kind


def fitting_first(paths: Sequence[ResultPath], field_kind: str) -> list[ResultPath]:
    """All `paths`, those whose kind a `field_kind` field takes as it is first (an int field
    offers int paths first), each part in its own order."""
    fits = _FITS.get(field_kind, (field_kind,))
    return sorted(paths, key=lambda p: p.kind not in fits)
