"""Response bodies exactly as api_v3 writes them (docs/PROTOCOL.md §4).

XML (format 2, the default): `<xml><result>…</result><executionTime>…</executionTime></xml>`,
objects start with `<objectType>` and list every property of their class (null ones empty unless
`ignoreNull=1`), arrays are `<item>`s, booleans 1/0. JSON (1): nulls dropped, `objectType` last,
no executionTime, a scalar result bare. JSONP (9): the JSON wrapped in `callback(…);`. PHP (3):
PHP's `serialize()`, an error as an array (`code`, `message`, `objectType`, `args`). Write-only
properties (a user's password) are never written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from app.protocol.facts import API_EXCEPTION
from app.protocol.schema import PropertyDef, Schema
from app.sandbox.errors import ErrorPayload
from app.sandbox.phpformat import php_array, php_items, php_serialize

FORMAT_JSON, FORMAT_XML, FORMAT_PHP, FORMAT_JSONP = 1, 2, 3, 9
_CALLBACK = re.compile(r"[^A-Za-z0-9_.$\[\]]")


@dataclass(frozen=True)
class Outcome:
    """What one call produced: a value, or an error."""

    value: Any = None
    error: ErrorPayload | None = None


@dataclass(frozen=True)
class Rendered:
    body: bytes
    media_type: str


class Renderer:
    def __init__(self, schema: Schema, *, ignore_null: bool = False) -> None:
        self.schema = schema
        self.ignore_null = ignore_null

    def fields(self, class_name: str) -> list[PropertyDef]:
        """The properties api_v3 writes, in its order: PHP walks an object's own properties
        first, then each base class's (`mediaType` … `plays` … `id`); write-only ones never."""
        seen: dict[str, PropertyDef] = {}
        for name in self.schema.ancestry(class_name):
            for prop in self.schema.classes[name].properties:
                seen.setdefault(prop.name, prop)
        return [p for p in seen.values() if not p.write_only]

    # -- XML -------------------------------------------------------------------------------

    def _xml_scalar(self, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "1" if value else "0"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return escape(str(value))

    def xml_value(self, value: Any) -> str:
        if isinstance(value, dict) and "objectType" in value:
            return self._xml_object(value)
        if isinstance(value, list):
            return "".join(f"<item>{self.xml_value(v)}</item>" for v in value)
        if isinstance(value, dict):
            return "".join(
                f"<item><itemKey>{escape(str(k))}</itemKey>{self.xml_value(v)}</item>"
                for k, v in value.items()
            )
        return self._xml_scalar(value)

    def _xml_object(self, obj: dict[str, Any]) -> str:
        parts = [f"<objectType>{escape(str(obj['objectType']))}</objectType>"]
        for prop in self.fields(str(obj["objectType"])):
            value = obj.get(prop.name)
            if value is None:
                if not self.ignore_null:
                    parts.append(f"<{prop.name}></{prop.name}>")
                continue
            parts.append(f"<{prop.name}>{self.xml_value(value)}</{prop.name}>")
        return "".join(parts)

    @staticmethod
    def xml_error(error: ErrorPayload) -> str:
        args = "".join(
            f"<item><objectType>KalturaApiExceptionArg</objectType><name>{escape(name)}</name>"
            f"<value>{escape(value)}</value></item>"
            for name, value in error.args
        )
        return (
            f"<error><code>{escape(error.code)}</code><message>{escape(error.message)}</message>"
            f"<objectType>{API_EXCEPTION}</objectType><args>{args}</args></error>"
        )

    def _xml_outcome(self, outcome: Outcome) -> str:
        return self.xml_error(outcome.error) if outcome.error else self.xml_value(outcome.value)

    def xml(self, outcome: Outcome | list[Outcome], execution_time: float) -> str:
        if isinstance(outcome, list):
            inner = "".join(f"<item>{self._xml_outcome(o)}</item>" for o in outcome)
        else:
            inner = self._xml_outcome(outcome)
        result = f"<result>{inner}</result>" if inner else "<result/>"
        return (
            '<?xml version="1.0" encoding="utf-8"?>'
            f"<xml>{result}<executionTime>{execution_time:.6f}</executionTime></xml>"
        )

    # -- JSON ------------------------------------------------------------------------------

    def plain(self, value: Any) -> Any:
        """The value as JSON-ready Python: objects with nulls dropped and objectType last."""
        if isinstance(value, dict) and "objectType" in value:
            out: dict[str, Any] = {}
            for prop in self.fields(str(value["objectType"])):
                if value.get(prop.name) is not None:
                    out[prop.name] = self.plain(value[prop.name])
            out["objectType"] = value["objectType"]
            return out
        if isinstance(value, list):
            return [self.plain(v) for v in value]
        if isinstance(value, dict):
            return {k: self.plain(v) for k, v in value.items()}
        if isinstance(value, float) and value.is_integer():
            return int(value)  # PHP's json_encode writes 0.0 as 0
        return value

    @staticmethod
    def plain_error(error: ErrorPayload) -> dict[str, Any]:
        # PHP's json_encode writes an empty args array as [], a filled one as an object.
        args: dict[str, str] | list[str] = dict(error.args) if error.args else []
        return {
            "code": error.code,
            "message": error.message,
            "objectType": API_EXCEPTION,
            "args": args,
        }

    def _plain_outcome(self, outcome: Outcome) -> Any:
        return self.plain_error(outcome.error) if outcome.error else self.plain(outcome.value)

    def json(self, outcome: Outcome | list[Outcome]) -> str:
        if isinstance(outcome, list):
            data: Any = [self._plain_outcome(o) for o in outcome]
        else:
            data = self._plain_outcome(outcome)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    # -- PHP -------------------------------------------------------------------------------

    def _php_outcome(self, outcome: Outcome) -> bytes:
        if outcome.error:  # an array, never an object: see phpformat
            return php_array(self.plain_error(outcome.error))
        return php_serialize(self.plain(outcome.value))

    def php(self, outcome: Outcome | list[Outcome]) -> bytes:
        if isinstance(outcome, list):
            return php_items([self._php_outcome(o) for o in outcome])
        return self._php_outcome(outcome)

    # -- dispatch on format ----------------------------------------------------------------

    def render(
        self, outcome: Outcome | list[Outcome], fmt: int, *, callback: str, execution_time: float
    ) -> Rendered:
        if fmt == FORMAT_JSON:
            return Rendered(self.json(outcome).encode(), "application/json")
        if fmt == FORMAT_JSONP:
            name = _CALLBACK.sub("", callback)
            if not name:  # api_v3's own words when the callback is missing
                return Rendered(b'Expecting "callback" parameter for jsonp format', "text/plain")
            return Rendered(f"{name}({self.json(outcome)});".encode(), "application/javascript")
        if fmt == FORMAT_PHP:
            return Rendered(self.php(outcome), "text/plain")
        return Rendered(self.xml(outcome, execution_time).encode(), "text/xml")
