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
from types import SimpleNamespace
from typing import Any, Protocol

from app.protocol.schema import Schema, TypeRef
from tests.conftest import SHARED_SCHEMA

GOLDEN = Path(__file__).with_name("golden_wire.json")
SCHEMA = SHARED_SCHEMA
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


_BOOL_SPELLINGS = {"true": ("1", "True", " true "), "false": ("0", "FALSE", "false")}
_ITEM_RENUMBERING = {"0": "3", "1": "10"}  # a gap, and 10 after 3 only in numeric order


def _messy_pair(name: str, value: str, at: int) -> list[tuple[str, str]]:
    segments = [_ITEM_RENUMBERING.get(s, s) if i else s for i, s in enumerate(name.split(":"))]
    name = ":".join(segments)
    if value in _BOOL_SPELLINGS:
        return [(name, _BOOL_SPELLINGS[value][at % 3])]
    if "," in value and not value.startswith(("{", "[")):  # a multi-choice, as the page sends it
        first, *rest = value.split(",")
        return [(name, first), (name, ""), *((name, v) for v in rest)]
    if name.endswith("__null") and at % 2:
        return [(name.removesuffix("__null"), "given too"), (name, "on")]
    if name.endswith(":-") and at % 2:
        return [(name[:-2] + ":3:objectType", "ignored"), (name, "true")]
    return [(name, value)]


def messy(form: Form, at: int) -> Form:
    """`form` as a browser may send it: multi-choices as repeated names with a blank among
    them, bools spelt otherwise, items numbered with gaps, markers beside values, markers
    switched off, blank fields and, every third form, the fields in reverse order."""
    fields: Pairs = []
    for index, (name, value) in enumerate(form.fields):
        fields += _messy_pair(name, value, at + index)
    fields += [("blankName", ""), ("offMarker__null", "0"), ("off:-", "off")]
    if at % 3 == 0:
        fields.reverse()
    return Form(form.service, form.action, fields, form.files)


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


def messy_multirequests(schema: Schema) -> Iterator[tuple[str, list[tuple[int, Form]]]]:
    """The same batches as `messy` forms on pages 2, 5 and 9, each also naming results in a
    loose value and the second referring to a later request (a problem, still sent)."""
    pages = {1: 2, 3: 5, 4: 9}
    for at, (service, requests) in enumerate(multirequests(schema)):
        batch = []
        for position, (page, form) in enumerate(requests):
            renamed = Form(
                form.service,
                form.action,
                [(name, _renumbered_references(value, pages)) for name, value in form.fields],
                form.files,
            )
            untidy = messy(renamed, at + position)
            untidy.fields.append(("note", "{2:result:id} then {9:result}"))
            if position == 1:
                untidy.fields.append(("clientTag", "{9:result:id}"))
            batch.append((pages[page], untidy))
        yield service, batch


def _renumbered_references(value: str, pages: dict[int, int]) -> str:
    for old, new in sorted(pages.items(), reverse=True):
        value = value.replace(f"{{{old}:result", f"{{{new}:result")
    return value


def digest(path: str, content_type: str, body: bytes, problems: list[tuple[str, str]]) -> str:
    h = hashlib.sha256()
    for part in (path, content_type, json.dumps(problems, ensure_ascii=False)):
        h.update(part.encode() + b"\0")
    h.update(body)
    return h.hexdigest()


def load_golden() -> dict[str, dict[str, str]]:
    golden: dict[str, dict[str, str]] = json.loads(GOLDEN.read_text())
    return golden


class Encoder(Protocol):
    """What the capture needs of an encoder: the one of before issue 8 had it all in one module
    (`app/kaltura/encoding.py` at commit d52c7f7), today's has it in several."""

    FilePart: Any
    encode_call: Any
    encode_multirequest: Any
    split_multirequest: Any
    to_http: Any


def current_encoder() -> Encoder:
    from app.forms import encoding, form_calls
    from app.protocol import call, wire
    from tests.core.encoders import encode_multirequest

    return SimpleNamespace(
        FilePart=call.FilePart,
        encode_call=encoding.encode_form,
        encode_multirequest=encode_multirequest,
        split_multirequest=form_calls.split_multirequest,
        to_http=wire.to_http,
    )


def capture(schema: Schema, encoder: Encoder) -> dict[str, dict[str, str]]:
    """The digest of what `encoder` sends for every generated call and batch."""

    def files(form: Form, prefix: str = "") -> list[Any]:
        return [encoder.FilePart(prefix + u.name, u.filename, u.content) for u in form.files]

    def record(call: Any) -> str:
        spec = encoder.to_http(call)
        problems = [(p.path, p.message) for p in call.problems]
        return digest(spec.path, dict(spec.headers)["Content-Type"], spec.content, problems)

    def batch(requests: list[tuple[int, Form]]) -> str:
        fields: Pairs = []
        uploads: list[Any] = []
        for page, form in requests:
            fields += [(f"{page}:service", form.service), (f"{page}:action", form.action)]
            fields += [(f"{page}:{name}", value) for name, value in form.fields]
            uploads += files(form, f"{page}:")
        subs = encoder.split_multirequest(fields, uploads)
        return record(encoder.encode_multirequest(schema, subs, CONFIG))

    def call(form: Form) -> str:
        encoded = encoder.encode_call(
            schema, form.service, form.action, form.fields, files(form), CONFIG
        )
        return record(encoded)

    return {
        "calls": {f"{f.service}.{f.action}": call(f) for f in forms(schema)},
        "multirequests": {service: batch(r) for service, r in multirequests(schema)},
        "messy_calls": {
            f"{f.service}.{f.action}": call(messy(f, at)) for at, f in enumerate(forms(schema))
        },
        "messy_multirequests": {service: batch(r) for service, r in messy_multirequests(schema)},
    }


if __name__ == "__main__":  # captured with the encoder of before issue 8 (commit d52c7f7):
    # git show d52c7f7:app/kaltura/encoding.py > /tmp/old_encoding.py
    # python -m tests.core.golden_calls /tmp/old_encoding.py
    import importlib.util
    import sys

    from app.protocol.schema_loader import load_schema

    encoder = current_encoder()
    if len(sys.argv) > 1:
        spec = importlib.util.spec_from_file_location("old_encoding", sys.argv[1])
        assert spec and spec.loader
        old = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = old  # dataclasses look their module up there
        spec.loader.exec_module(old)
        encoder = old  # type: ignore[assignment]
    golden = capture(load_schema(SCHEMA), encoder)
    GOLDEN.write_text(json.dumps(golden, indent=0, sort_keys=True) + "\n")
    print({name: len(found) for name, found in golden.items()}, "→", GOLDEN)
