"""Typed values from the raw parameter tree, checked against the schema (docs/PROTOCOL.md §2).

`bind_action` turns `{"entry": {"objectType": "KalturaMediaEntry", "name": "x"}}` into Python
values: ints, floats, bools, strings, lists, dicts, and objects as dicts whose first key is
`objectType`. It applies api_v3's rules: `objectType` picks a concrete subclass of the declared
type, `name__null` sets null, `-` empties an array or map, "true"/"True"/"1" are true, time
properties below ten years are relative to now, unknown properties are ignored. Read-only
properties are kept, as api_v3's deserializer keeps them: the action that inserts or updates
the object refuses them (`services/changes.py`).
Anything that does not fit raises the `KalturaApiError` a real server answers with.
"""

from __future__ import annotations

import math
import re
from typing import Any

from app.protocol.facts import EMPTY_MARK, NULL_SUFFIX, OBJECT_TYPE, is_relative_time
from app.protocol.schema import ActionDef, ParamDef, Schema, TypeRef
from app.sandbox.errors import KalturaApiError
from app.sandbox.wire import RawTree, UploadedFile

INT_MAX, INT_MIN = 2**63 - 1, -(2**63)

# Characters XML 1.0 cannot carry; api_v3 refuses them with INVALID_PARAMETER_CHAR.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TRUE = frozenset({"1", "true"})
_FALSE = frozenset({"0", "false", ""})


class Binder:
    def __init__(self, schema: Schema, now: int) -> None:
        self.schema = schema
        self.now = now
        self._class_names = {name.lower(): name for name in schema.classes}

    def bind_action(self, action: ActionDef, raw: RawTree) -> dict[str, Any]:
        bound: dict[str, Any] = {}
        for param in action.params:
            if param.name in raw:
                value = self.value(param.ref, raw[param.name], param.name)
            elif param.name + NULL_SUFFIX in raw:
                value = None
            elif param.optional:
                bound[param.name] = self.default(param)
                continue
            else:
                raise KalturaApiError("MISSING_MANDATORY_PARAMETER", param.name)
            if value is None and not param.optional:
                raise KalturaApiError("MISSING_MANDATORY_PARAMETER", param.name)
            bound[param.name] = value
        return bound

    def default(self, param: ParamDef) -> Any:
        text = param.default
        if text is None or text == "null":
            return None
        try:
            return self.value(param.ref, text, param.name)
        except KalturaApiError:
            return text

    # -- one value -------------------------------------------------------------------------

    def value(self, ref: TypeRef, raw: Any, path: str) -> Any:
        if raw is None:  # JSON null: as if not sent
            return None
        kind = self.schema.kind(ref)
        if isinstance(raw, UploadedFile) and kind != "file":
            raise KalturaApiError("INVALID_PARAMETER_VALUE", path)
        match kind:
            case "int":
                return self._number(raw, path, int)
            case "float":
                return self._number(raw, path, float)
            case "bool":
                return self._bool(raw, path)
            case "string" | "unknown":
                return self._string(raw, path)
            case "enum":
                return self._enum(ref, raw, path)
            case "object":
                return self.object(ref.type, raw, path)
            case "array":
                return self._array(ref, raw, path)
            case "map":
                return self._map(ref, raw, path)
            case "file":
                if not isinstance(raw, UploadedFile):
                    raise KalturaApiError("INVALID_PARAMETER_VALUE", path)
                return raw
        raise KalturaApiError("INVALID_PARAMETER_VALUE", path)  # pragma: no cover

    @staticmethod
    def _numeric_error(path: str) -> KalturaApiError:
        if ":" in path:
            return KalturaApiError("PROPERTY_VALIDATION_NUMERIC_VALUE", path)
        return KalturaApiError("INVALID_PARAMETER_VALUE", path)

    def _number(self, raw: Any, path: str, kind: type[int] | type[float]) -> int | float | None:
        if isinstance(raw, bool):
            return kind(raw)
        if isinstance(raw, int | float):
            if kind is int and isinstance(raw, float) and not raw.is_integer():
                raise self._numeric_error(path)
            return max(INT_MIN, min(INT_MAX, int(raw))) if kind is int else float(raw)
        if not isinstance(raw, str):
            raise self._numeric_error(path)
        text = raw.strip()
        if text == "":
            return None
        # Not the console's `patterns.INT`: PHP's numeric strings are looser ("1e3" and "5.0"
        # are whole numbers) and the sandbox answers as PHP does; the console's stricter check
        # only warns before a Send.
        try:
            number = float(text)
        except ValueError:
            raise self._numeric_error(path) from None
        if not math.isfinite(number):  # "1e999", "nan": no number JSON or XML could carry
            raise self._numeric_error(path)
        if kind is int:
            if not number.is_integer():
                raise self._numeric_error(path)
            whole = int(text) if text.lstrip("+-").isdigit() else int(number)
            return max(INT_MIN, min(INT_MAX, whole))  # PHP's (int) saturates the same way
        return number

    @staticmethod
    def _bool(raw: Any, path: str) -> bool | None:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int):
            return raw != 0
        if isinstance(raw, str):
            text = raw.strip().lower()
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False if text else None
        raise KalturaApiError("INVALID_PARAMETER_VALUE", path)

    @staticmethod
    def _string(raw: Any, path: str) -> str:
        if isinstance(raw, bool):
            return "1" if raw else "0"
        if isinstance(raw, int | float):
            return str(raw)
        if not isinstance(raw, str):
            raise KalturaApiError("INVALID_PARAMETER_VALUE", path)
        if _NOT_XML.search(raw):  # the answer must stay well-formed XML
            raise KalturaApiError("INVALID_PARAMETER_CHAR", path.rsplit(":", 1)[-1])
        return raw

    def _enum(self, ref: TypeRef, raw: Any, path: str) -> Any:
        enum = self.schema.enums[ref.enum_type]
        if ref.type == "int" and isinstance(raw, str) and raw.strip().lower() in ("true", "false"):
            raw = int(raw.strip().lower() == "true")  # api_v3 reads true/false as 1/0 here
        value = self._number(raw, path, int) if ref.type == "int" else self._string(raw, path)
        if value is None or value == "":
            return None
        if enum.name_of(str(value)) is None:
            raise KalturaApiError("INVALID_ENUM_VALUE", raw, path, enum.name)
        return value

    def object(self, declared: str, raw: Any, path: str) -> dict[str, Any] | None:
        if raw == "" or raw is None:
            return None
        if not isinstance(raw, dict):
            raise KalturaApiError("INVALID_PARAMETER_VALUE", path)
        # Class names are PHP class names there: matched without regard to case.
        asked = str(raw.get(OBJECT_TYPE) or declared)
        chosen = self._class_names.get(asked.lower(), asked)
        cls = self.schema.classes.get(chosen)
        if cls is None or not self.schema.is_subclass(chosen, declared):
            raise KalturaApiError("INVALID_OBJECT_TYPE", chosen)
        if cls.abstract:
            raise KalturaApiError("OBJECT_TYPE_ABSTRACT", chosen)
        bound: dict[str, Any] = {OBJECT_TYPE: chosen}
        for prop in self.schema.properties(chosen):
            if prop.name in raw:
                if raw[prop.name] is None and prop.read_only:
                    continue  # JSON null: as if not sent, so nothing to refuse
                value = self.value(prop.ref, raw[prop.name], f"{path}:{prop.name}")
                # api_v3 reads a small time as relative to now; 0 stays 0 (no time at all).
                if prop.is_time and isinstance(value, int) and value and is_relative_time(value):
                    value += self.now
                bound[prop.name] = value
            elif prop.name + NULL_SUFFIX in raw:
                bound[prop.name] = None
        return bound

    def _items(self, raw: Any, path: str) -> list[tuple[str, Any]] | None:
        if isinstance(raw, list):
            return [(str(i), v) for i, v in enumerate(raw)]
        if raw == "":
            return None
        if not isinstance(raw, dict):
            raise KalturaApiError("INVALID_PARAMETER_VALUE", path)
        if EMPTY_MARK in raw:
            return []
        return list(raw.items())

    def _array(self, ref: TypeRef, raw: Any, path: str) -> list[Any] | None:
        items = self._items(raw, path)
        if items is None:
            return None
        numbered = sorted(
            ((int(k), v) for k, v in items if k.lstrip("-").isdigit()), key=lambda item: item[0]
        )
        item_ref = TypeRef(ref.array_type or "string")
        return [self.value(item_ref, v, f"{path}:{i}") for i, v in numbered]

    def _map(self, ref: TypeRef, raw: Any, path: str) -> dict[str, Any] | None:
        items = self._items(raw, path)
        if items is None:
            return None
        item_ref = TypeRef(ref.array_type or "string")
        return {k: self.value(item_ref, v, f"{path}:{k}") for k, v in items}
