"""The names of parameters on the wire and of the console form's fields: one grammar, spelt and
read only here (the wire encoder, the masking of secrets and the forms all use it).

A console field name is one of (N: is request N of a multirequest, absent otherwise):

    config.NAME            a request-wide configuration value (`config.ks`, `config.format`)
    [N:]service, [N:]action  the call chosen
    [N:]PATH               a value at a Kaltura colon path (`filter:nameLike`, `entries:0:name`)
    [N:]PATH:objectType    the concrete type chosen for the object at PATH
    [N:]PATH__null         send PATH as null
    [N:]PATH:-             send the array or map at PATH explicitly empty
    [N:]PATH:__key         the key of the map item at PATH
    send_anyway, prefix, __path, __declared, __kind, __item_type, __index,
    __language, __include_secrets, __server
                           controls of the Send and fragment routes, never parameters

PATH segments are Kaltura's own names and item indices, so the encoder reads a value's place
from its name without a second map. Python uses the functions below; templates use them as
filters and globals; the browser modules read the names the server wrote into `data-` attributes.
Pure: no I/O and no web imports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from app.protocol.facts import EMPTY_MARK, NULL_SUFFIX, OBJECT_TYPE

SEP = ":"
CONFIG_PREFIX = "config."
MAP_KEY = "__key"
SERVICE, ACTION = "service", "action"
# Controls: what the Send and fragment routes are told beside the parameters.
SEND_ANYWAY = "send_anyway"  # send although the check found problems
PREFIX = "prefix"  # the `N:` of the multirequest request a fragment is for
PATH = "__path"  # the path of the object or container a fragment is for
DECLARED = "__declared"  # the declared type of the object at PATH
CONTAINER_KIND = "__kind"  # array or map
ITEM_TYPE = "__item_type"  # the type of a container's items
INDEX = "__index"  # the number of the item to add
LANGUAGE = "__language"  # the Code region's chosen tab
INCLUDE_SECRETS = "__include_secrets"  # the Code region's switch: real secrets in samples
SERVER = "__server"  # the name of the TESTME_SERVERS server chosen (never its URL)
BACK = "__back"  # Reload schema without JavaScript: the query of the page to go back to
REMOVE = "__remove"  # Remove request: the number of the multirequest request to remove
PASTED = "__pasted"  # Import: the pasted text of a call
ROUTE_CONTROLS = frozenset(
    {
        SEND_ANYWAY,
        PREFIX,
        PATH,
        DECLARED,
        CONTAINER_KIND,
        ITEM_TYPE,
        INDEX,
        LANGUAGE,
        INCLUDE_SECRETS,
        SERVER,
        BACK,
        REMOVE,
        PASTED,
    }
)
_ITEM_FIELD = re.compile(r"^(\d+)[:]")

Kind = Literal["config", "control", "call", "value", "type", "null", "empty", "key"]


@dataclass(frozen=True)
class FieldName:
    """A field name read: its `kind`, the Kaltura `path` it is about (the configuration name
    for `config`, the control's name for `control`, `service`/`action` for `call`), and the
    multirequest `request` number it belongs to (0: not in a multirequest)."""

    kind: Kind
    path: str
    request: int = 0

    def __str__(self) -> str:
        return spell(self)


def join(*segments: str | int) -> str:
    """`join("filter", "nameLike")` → `filter:nameLike`; empty segments are skipped."""
    return SEP.join(str(s) for s in segments if str(s) != "")


def item(path: str, index: int) -> str:
    return join(path, index)


def null_of(path: str) -> str:
    return path + NULL_SUFFIX


def empty_of(path: str) -> str:
    return join(path, EMPTY_MARK)


def type_of(path: str) -> str:
    return join(path, OBJECT_TYPE)


def key_of(item_path: str) -> str:
    return join(item_path, MAP_KEY)


def config(name: str) -> str:
    return CONFIG_PREFIX + name


def request_prefix(number: int) -> str:
    """`2:` — what every field of multirequest request 2 begins with ("" for 0)."""
    return f"{number}{SEP}" if number else ""


def split_request(name: str) -> tuple[int, str]:
    """`2:filter:nameLike` → (2, "filter:nameLike"); a name outside a request → (0, name)."""
    head, sep, rest = name.partition(SEP)
    if sep and rest and head.isascii() and head.isdigit():
        return int(head), rest
    return 0, name


def numbered(name: str) -> tuple[int, str] | None:
    """`2:filter` → (2, "filter"); None for a name outside a request."""
    head, sep, rest = name.partition(SEP)
    return (int(head), rest) if sep and rest and head.isascii() and head.isdigit() else None


def item_numbers(names: Iterable[str], path: str) -> list[int]:
    """The numbers N of the items under `path` that `names` hold a field of (`path:N:…`), in
    numeric order (so item 10 comes after item 2)."""
    head = path + SEP
    found = {
        int(m.group(1))
        for name in names
        if name.startswith(head)
        for m in [_ITEM_FIELD.match(name[len(head) :])]
        if m
    }
    return sorted(found)


def leaf(path: str) -> str:
    """The last segment of a path, the name a person reads: `filter:nameLike` → `nameLike`."""
    return path.rpartition(SEP)[2]


def segments(path: str) -> list[str]:
    """`filter:advancedSearch:type` → `["filter", "advancedSearch", "type"]`."""
    return path.split(SEP)


def parent(path: str) -> str:
    """The path a path is in: `filter:nameLike` → `filter` ("" at the top)."""
    return path.rpartition(SEP)[0]


def item_number(segment: str) -> int | None:
    """An array or map item's index (`3`), or None for a name."""
    return int(segment) if segment.isascii() and segment.isdigit() else None


def read(name: str) -> FieldName:
    """What a field name means; the inverse of `spell`."""
    if name.startswith(CONFIG_PREFIX):
        return FieldName("config", name[len(CONFIG_PREFIX) :])
    if name in ROUTE_CONTROLS:
        return FieldName("control", name)
    request, rest = split_request(name)
    if rest in (SERVICE, ACTION):
        return FieldName("call", rest, request)
    return read_path(rest, request)


def read_path(rest: str, request: int = 0) -> FieldName:
    """What a name inside one request means (no `config.` or `N:` left to read): a value, or
    a type, null, empty or key marker about the path it ends."""
    parent, _, last = rest.rpartition(SEP)
    if last.endswith(NULL_SUFFIX) and last != NULL_SUFFIX:
        return FieldName("null", rest[: -len(NULL_SUFFIX)], request)
    if parent and last == EMPTY_MARK:
        return FieldName("empty", parent, request)
    if parent and last == OBJECT_TYPE:
        return FieldName("type", parent, request)
    if parent and last == MAP_KEY:
        return FieldName("key", parent, request)
    return FieldName("value", rest, request)


def spell(field: FieldName) -> str:
    """The field name for `field`; the inverse of `read`."""
    if field.kind == "config":
        return config(field.path)
    if field.kind == "control":
        return field.path
    spelt = {
        "call": field.path,
        "value": field.path,
        "type": type_of(field.path),
        "null": null_of(field.path),
        "empty": empty_of(field.path),
        "key": key_of(field.path),
    }[field.kind]
    return request_prefix(field.request) + spelt
