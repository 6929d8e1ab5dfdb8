"""PHP's `serialize()` for api_v3's format 3: objects become `O:<len>:"KalturaX":…` instances.

Takes the JSON-ready values `render.Renderer.plain` produces (objects carry `objectType`). An
error is the exception api_v3 turns into an array before serializing,
`a:4:{code, message, objectType, args}`: PHP clients tell an error by it being an array with
`code` and `message`, so it must not become an object.
"""

from __future__ import annotations

from typing import Any


def _string(text: str) -> bytes:
    raw = text.encode()
    return b's:%d:"%s";' % (len(raw), raw)


def _members(items: list[tuple[Any, Any]]) -> bytes:
    body = b"".join(
        (b"i:%d;" % key if isinstance(key, int) else _string(str(key))) + php_serialize(value)
        for key, value in items
    )
    return b"%d:{%s}" % (len(items), body)


def php_serialize(value: Any) -> bytes:
    if value is None:
        return b"N;"
    if isinstance(value, bool):
        return b"b:%d;" % int(value)
    if isinstance(value, int):
        return b"i:%d;" % value
    if isinstance(value, float):
        return b"d:%s;" % repr(value).encode()
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return b"a:" + _members(list(enumerate(value)))
    if isinstance(value, dict):
        if "objectType" in value:
            name = str(value["objectType"]).encode()
            fields = [(k, v) for k, v in value.items() if k != "objectType"]
            return b'O:%d:"%s":' % (len(name), name) + _members(fields)
        return b"a:" + _members(list(value.items()))
    return _string(str(value))


def php_array(value: dict[str, Any]) -> bytes:
    """A dict as a PHP array even though it names an `objectType` (an error)."""
    return b"a:" + _members(list(value.items()))


def php_items(items: list[bytes]) -> bytes:
    """A multirequest's answer from its items, each serialized on its own: api_v3 writes
    `a:<count>:{`, then `i:<index from 0>;` and the item, then `}`."""
    body = b"".join(b"i:%d;%s" % (index, item) for index, item in enumerate(items))
    return b"a:%d:{%s}" % (len(items), body)
