"""Which actions follow api_v3's conventions, read from the schema's shapes alone.

A service answers by convention when its actions look like Kaltura's generic CRUD services:
`add` takes an object of a stored class (or scalars named like its properties) and returns it,
`get`/`delete`/`clone`/`setAsDefault`/`approve`/`reject` take an id, `update` an id and an
object (or content given as `…Data`, as `metadata.update`'s `xmlData`), `updateStatus` an id
and a status, `list` a `…Filter` and a `…Pager` and returns a `…ListResponse` whose `objects`
are the stored class, `count` a filter and returns an int. A class is stored when it has an
`id`; its documents are kept under its topmost ancestor with an `id` (`KalturaFlavorAsset` and
`KalturaThumbAsset` both under `KalturaAsset`). Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.protocol.schema import ActionDef, ParamDef, Schema, ServiceDef

SCALARS = ("int", "string", "enum")
ID_VERBS = ("get", "delete", "clone", "setAsDefault", "approve", "reject")
VERBS = ("add", "update", "updateStatus", "list", "count", *ID_VERBS)
GENERIC_NOT_FOUND = "OBJECT_NOT_FOUND"


@dataclass(frozen=True)
class Plan:
    """How the engine answers one conventional action."""

    verb: str
    cls: str  # the stored class the action returns or lists
    kind: str  # the document kind it is kept under
    id_param: str = ""
    object_param: str = ""
    filter_param: str = ""
    pager_param: str = ""
    # add/update/updateStatus: (parameter, property) pairs copied from the call to the object
    scalar_params: tuple[tuple[str, str], ...] = ()
    response: str = ""  # list: the ListResponse class
    not_found: str = GENERIC_NOT_FOUND
    returns_object: bool = True


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).upper()


class Shapes:
    def __init__(self, schema: Schema) -> None:
        self.schema = schema

    def kind(self, cls: str) -> str | None:
        """The topmost ancestor of `cls` that has an `id`, or None when `cls` is not stored."""
        if cls not in self.schema.classes or self.schema.property(cls, "id") is None:
            return None
        return [name for name in self.schema.ancestry(cls) if self.schema.property(name, "id")][-1]

    def _stored_result(self, action: ActionDef) -> str | None:
        if action.result is None or self.schema.kind(action.result) != "object":
            return None
        return action.result.type if self.kind(action.result.type) else None

    def _listed(self, action: ActionDef) -> str | None:
        if action.result is None or not action.result.type.endswith("ListResponse"):
            return None
        objects = self.schema.property(action.result.type, "objects")
        if objects is None or objects.ref.type != "array":
            return None
        return objects.ref.array_type if self.kind(objects.ref.array_type) else None

    def _scalar(self, param: ParamDef) -> bool:
        return self.schema.kind(param.ref) in SCALARS

    def _id_param(self, action: ActionDef) -> str | None:
        first = action.params[0] if action.params else None
        if first is None or not self._scalar(first) or first.optional:
            return None
        return first.name if first.name == "id" or first.name.endswith("Id") else None

    def _object_param(self, action: ActionDef, kind: str) -> str | None:
        for param in action.params:
            if self.schema.kind(param.ref) == "object" and self.kind(param.ref.type) == kind:
                return param.name
        return None

    def home(self, service: ServiceDef) -> str | None:
        """The class a service keeps: what its get, add or list answers with."""
        for name in ("get", "add", "update"):
            action = service.action(name)
            found = self._stored_result(action) if action else None
            if found:
                return found
        listing = service.action("list")
        return self._listed(listing) if listing else None

    def not_found(self, cls: str, action: ActionDef) -> str:
        stem = _snake(cls.removeprefix("Kaltura"))
        for name in (
            f"{stem}_ID_NOT_FOUND",
            f"{stem}_NOT_FOUND",
            f"{stem.replace('_', '')}_ID_NOT_FOUND",
        ):
            if name in self.schema.errors:
                return name
        for name in action.throws:
            if name.endswith("_NOT_FOUND") or re.fullmatch(r"INVALID_\w*ID", name):
                return name
        return GENERIC_NOT_FOUND

    def plan(self, service: ServiceDef, action: ActionDef) -> Plan | None:
        verb = action.name
        if verb not in VERBS:
            return None
        if verb == "list":
            return self._list_plan(action)
        cls = self._stored_result(action) or self.home(service)
        kind = self.kind(cls) if cls else None
        if cls is None or kind is None:
            return None
        returns = self._stored_result(action) is not None
        not_found = self.not_found(cls, action)
        if verb == "add":
            return self._add_plan(action, cls, kind, returns)
        if verb == "count":
            filter_param = self._typed_param(action, "Filter")
            is_int = action.result is not None and self.schema.kind(action.result) == "int"
            return Plan(verb, cls, kind, filter_param=filter_param) if is_int else None
        id_param = self._id_param(action)
        if id_param is None:
            return None
        if verb == "update":
            object_param = self._object_param(action, kind) or ""
            content = self._content_params(action, cls)
            if not (object_param or content) or not returns:
                return None
            return Plan(
                verb, cls, kind, id_param, object_param, scalar_params=content, not_found=not_found
            )
        if verb == "updateStatus":
            status = next((p.name for p in action.params if p.name == "status"), None)
            if status is None or not returns or self.schema.property(cls, "status") is None:
                return None
            pair = ((status, "status"),)
            return Plan(verb, cls, kind, id_param, scalar_params=pair, not_found=not_found)
        if verb in ("clone", "setAsDefault", "get") and not returns:
            return None
        return Plan(verb, cls, kind, id_param, not_found=not_found, returns_object=returns)

    def _typed_param(self, action: ActionDef, suffix: str) -> str:
        return next((p.name for p in action.params if p.ref.type.endswith(suffix)), "")

    def _list_plan(self, action: ActionDef) -> Plan | None:
        cls = self._listed(action)
        kind = self.kind(cls) if cls else None
        if cls is None or kind is None or action.result is None:
            return None
        return Plan(
            "list",
            cls,
            kind,
            filter_param=self._typed_param(action, "Filter"),
            pager_param=self._typed_param(action, "Pager"),
            response=action.result.type,
        )

    def _add_plan(self, action: ActionDef, cls: str, kind: str, returns: bool) -> Plan | None:
        if not returns:
            return None
        object_param = self._object_param(action, kind) or ""
        scalars = tuple(
            (p.name, target)
            for p in action.params
            if self._scalar(p) and (target := self._target(cls, p.name))
        )
        if not object_param and not scalars:
            return None
        return Plan("add", cls, kind, object_param=object_param, scalar_params=scalars)

    def _target(self, cls: str, param: str) -> str | None:
        """The property a scalar parameter fills: its namesake (never `objectType`, the class
        name of every object), a `…Data` parameter its stem (`xmlData` → `xml`), or the
        property named after the class in front of it (`objectType` → `metadataObjectType`)."""
        stem = _lower_first(cls.removeprefix("Kaltura"))
        names = [] if param == "objectType" else [param]
        if param.endswith("Data"):
            names.append(param.removesuffix("Data"))
        names.append(stem + param[:1].upper() + param[1:])
        return next((n for n in names if self.schema.property(cls, n) is not None), None)

    def _content_params(self, action: ActionDef, cls: str) -> tuple[tuple[str, str], ...]:
        """`…Data` parameters an update copies into their stem property (`xsdData` → `xsd`)."""
        return tuple(
            (p.name, p.name.removesuffix("Data"))
            for p in action.params
            if p.name.endswith("Data")
            and self._scalar(p)
            and self.schema.property(cls, p.name.removesuffix("Data")) is not None
        )
