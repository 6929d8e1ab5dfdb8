"""Generated forms for every action of the real schema, and the golden wire they encode to.

`forms(schema)` fills every parameter of every action with a value of its type, varied
deterministically so the whole set covers objects of each concrete type, arrays, maps (keyed),
int and string enums, multi-choices, bools, explicit nulls, explicitly emptied containers,
unknown-type JSON, an unknown name sent as given, files and configuration. The forms are
canonical (what the call model writes back), so form → call → form is the identity on them.
`multirequests(schema)` batches each service's actions with gaps in the page numbers and result
references, so renumbering is covered too.

The golden file (`golden_wire.json`) holds, per call, the sha256 of what reached the wire
(path, Content-Type, body bytes) and of the problems reported, as encoded by the encoder of
before issue 8. Regenerate only on purpose: `python -m tests.core.golden_calls` (the point of
the file is that the refactor did not change a byte).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.kaltura.schema import Schema, TypeRef

GOLDEN = Path(__file__).with_name("golden_wire.json")
SCHEMA = Path(__file__).resolve().parents[2] / "../shared/kaltura/KalturaClient-22.15.0.xml"
CONFIG = {
    "format": "1",
    "clientTag": "testme",
    "partnerId": "99",
    "responseProfile:objectType": "KalturaDetachedResponseProfile",
    "responseProfile:name": "golden",
    "responseProfile:fields": "id,name",
}
LOOSE = ("testmeExtra", "sent as given")

Pairs = list[tuple[str, str]]


@dataclass(frozen=True)
class Upload:
    name: str
    filename: str
    content: bytes


@dataclass
class Form:
    """One generated call as the console's form holds it."""

    service: str
    action: str
    fields: Pairs = field(default_factory=list)
    files: list[Upload] = field(default_factory=list)


class _Filler:
    """Values of every kind, varied by a running counter so neighbours differ."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.n = 0

    def tick(self, every: int) -> int:
        self.n += 1
        return self.n % every

    def value(self, path: str, ref: TypeRef, depth: int, values_enum: str = "") -> Pairs:
        schema = self.schema
        if depth and self.tick(9) == 0:
            return [(path + "__null", "1")]
        kind = schema.kind(ref)
        if values_enum in schema.enums:
            consts = schema.enums[values_enum].consts
            return [(path, ",".join(c.value for c in consts[:2]))]
        if kind == "enum":
            consts = schema.enums[ref.enum_type].consts
            return [(path, consts[self.tick(len(consts))].value)]
        if kind == "int":
            return [(path, ("5", "-3", "0", "1700000000")[self.tick(4)])]
        if kind == "float":
            return [(path, ("1.5", "-2", "3e2")[self.tick(3)])]
        if kind == "bool":
            return [(path, ("true", "false")[self.tick(2)])]
        if kind == "string":
            return [(path, f"text {self.n} ü")]
        if kind == "unknown":
            return [(path, self.json(ref.type))]
        if kind == "object":
            return self.object(path, ref.type, depth)
        if kind in ("array", "map"):
            return self.container(path, kind, TypeRef(ref.array_type or "string"), depth)
        return []

    def json(self, type_name: str) -> str:
        if self.tick(3) == 0:
            return json.dumps(["a", {"objectType": type_name, "b": "1"}], ensure_ascii=False)
        value = {"objectType": type_name, "a": "1", "list": ["x", "y"], "gone__null": ""}
        return json.dumps({**value, "none": {"-": ""}}, ensure_ascii=False)

    def object(self, path: str, declared: str, depth: int) -> Pairs:
        types = self.schema.concrete_types(declared)
        if not types or depth > 2:
            return []
        chosen = types[self.tick(len(types))]
        out = [(f"{path}:objectType", chosen)]
        for prop in self.schema.writable_properties(chosen):
            prop_path = f"{path}:{prop.name}"
            out += self.value(prop_path, prop.ref, depth + 1, prop.values_enum_type)
        return out

    def container(self, path: str, kind: str, item: TypeRef, depth: int) -> Pairs:
        if depth > 1 or self.tick(4) == 0:
            return [(f"{path}:-", "1")]
        out: Pairs = []
        for index in range(2):
            item_path = f"{path}:{index}"
            value = self.value(item_path, item, depth + 1)
            if not value or value[0][0].endswith("__null"):
                continue  # an item is a value, never null
            if kind == "map":
                out.append((f"{item_path}:__key", f"key{index}"))
            out += value
        return _renumbered(out, path) if out else [(f"{path}:-", "1")]


def _renumbered(pairs: Pairs, path: str) -> Pairs:
    """Items numbered 0.. without gaps, as the call writes them back."""
    head = path + ":"
    seen: dict[str, str] = {}
    out = []
    for name, value in pairs:
        index, _, rest = name[len(head) :].partition(":")
        new = seen.setdefault(index, str(len(seen)))
        out.append((f"{head}{new}" + (f":{rest}" if rest else ""), value))
    return out


def forms(schema: Schema) -> Iterator[Form]:
    filler = _Filler(schema)
    for service in schema.services:
        for action in service.actions:
            form = Form(service.id, action.name)
            for param in action.params:
                if param.ref.type == "file":
                    content = f"file {service.id}.{action.name}".encode()
                    form.files.append(Upload(param.name, "clip.bin", content))
                elif filler.tick(11) == 0:
                    form.fields.append((param.name + "__null", "1"))
                else:
                    form.fields += filler.value(param.name, param.ref, 0)
            if filler.tick(3) == 0:
                form.fields.append(LOOSE)
            yield form


def multirequests(schema: Schema) -> Iterator[tuple[str, list[tuple[int, Form]]]]:
    """Per service, up to three of its actions as requests 1, 3 and 4; requests after the
    first take their KS from the request before, by result reference."""
    by_service: dict[str, list[Form]] = {}
    for form in forms(schema):
        action = schema.action(form.service, form.action)
        if action and action.enable_in_multirequest:
            by_service.setdefault(form.service, []).append(form)
    for service, found in by_service.items():
        requests = []
        previous = 0
        for page, form in zip((1, 3, 4), found[:3], strict=False):
            if previous:  # before a loose name, where the call writes it back
                at = len(form.fields) - (form.fields[-1:] == [LOOSE])
                form.fields.insert(at, ("ks", f"{{{previous}:result:objects:0:id}}"))
            requests.append((page, form))
            previous = page
        yield service, requests


def digest(path: str, content_type: str, body: bytes, problems: list[tuple[str, str]]) -> str:
    h = hashlib.sha256()
    for part in (path, content_type, json.dumps(problems, ensure_ascii=False)):
        h.update(part.encode() + b"\0")
    h.update(body)
    return h.hexdigest()


def load_golden() -> dict[str, dict[str, str]]:
    golden: dict[str, dict[str, str]] = json.loads(GOLDEN.read_text())
    return golden


if __name__ == "__main__":  # captured with the encoder of before issue 8 (commit ab1cf3f)
    from app.kaltura.call import FilePart
    from app.kaltura.encoding import encode_call, encode_multirequest
    from app.kaltura.form_calls import split_multirequest
    from app.kaltura.schema_loader import load_schema
    from app.kaltura.wire import EncodedCall, to_http

    real = load_schema(SCHEMA)

    def files(form: Form, prefix: str = "") -> list[FilePart]:
        return [FilePart(prefix + u.name, u.filename, u.content) for u in form.files]

    def record(call: EncodedCall) -> str:
        spec = to_http(call)
        problems = [(p.path, p.message) for p in call.problems]
        return digest(spec.path, dict(spec.headers)["Content-Type"], spec.content, problems)

    calls = {}
    for form in forms(real):
        encoded = encode_call(real, form.service, form.action, form.fields, files(form), CONFIG)
        calls[f"{form.service}.{form.action}"] = record(encoded)
    batches = {}
    for service, requests in multirequests(real):
        fields = []
        uploads = []
        for page, form in requests:
            fields += [(f"{page}:service", form.service), (f"{page}:action", form.action)]
            fields += [(f"{page}:{name}", value) for name, value in form.fields]
            uploads += files(form, f"{page}:")
        subs = split_multirequest(fields, uploads)
        batches[service] = record(encode_multirequest(real, subs, CONFIG))
    GOLDEN.write_text(
        json.dumps({"calls": calls, "multirequests": batches}, indent=0, sort_keys=True) + "\n"
    )
    print(f"{len(calls)} calls, {len(batches)} multirequests → {GOLDEN}")
