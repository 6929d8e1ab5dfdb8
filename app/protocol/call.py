"""One typed model of a call: what the console reads from a form and writes to the wire.

A `Call` is a service, an action, request-wide configuration and parameters, each parameter a
typed `Value` node; a `MultiRequest` is an ordered list of calls, each keeping the number the
page shows it under. Code samples, links, history and the encoder all read this one model
instead of re-walking the schema beside flat form strings. Every node keeps the text that is
sent (the wire is all strings), plus what the schema says it is. Pure: data only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

Wire: TypeAlias = "str | dict[str, Wire] | list[Wire]"
"""A parameter value as sent: a string, a nested object or map, or a list."""


@dataclass(frozen=True)
class Scalar:
    """`text` of schema type `type` (`int`, `float`, `bool`, `string`); a multi-choice of
    `values_enum` constants is comma-joined text."""

    text: str
    type: str
    values_enum: str = ""


@dataclass(frozen=True)
class EnumConst:
    """A constant of `enum`: the `text` sent and its `name` ("" if the enum lacks the value)."""

    text: str
    enum: str
    name: str = ""


@dataclass(frozen=True)
class Object:
    """An object of concrete type `object_type` (`known`: the schema defines it) and its
    members in the order sent; a member the type lacks is a `Loose`."""

    object_type: str
    members: tuple[tuple[str, Value], ...] = ()
    known: bool = True


@dataclass(frozen=True)
class Array:
    items: tuple[Value, ...]


@dataclass(frozen=True)
class Map:
    entries: tuple[tuple[str, Value], ...]


@dataclass(frozen=True)
class File:
    """An uploaded file, sent as its own multipart part."""

    filename: str
    content: bytes
    content_type: str = "application/octet-stream"


@dataclass(frozen=True)
class FilePart:
    """A file as a form uploads it and as a multipart part carries it: `field_name` is the
    parameter (`fileData`, or `2:fileData` in a multirequest)."""

    field_name: str
    filename: str
    content: bytes
    content_type: str = "application/octet-stream"


@dataclass(frozen=True)
class Null:
    """Explicitly null (`name__null`)."""


@dataclass(frozen=True)
class Empty:
    """An array or map explicitly emptied (`{"-": ""}`)."""


@dataclass(frozen=True)
class Reference:
    """A multirequest value taken from an earlier request's result, `{1:result:id}`; `text` as
    the page numbers it (the wire renumbers it to the request's place)."""

    text: str


@dataclass(frozen=True)
class Unknown:
    """A value of type `type`, which the schema does not define, as typed (JSON becomes the
    nested value it describes)."""

    type: str
    value: Wire


@dataclass(frozen=True)
class Loose:
    """A value under a name the schema does not declare there, sent as given."""

    value: Wire


Value: TypeAlias = (
    "Scalar | EnumConst | Object | Array | Map | File | Null | Empty | Reference | Unknown | Loose"
)
Members: TypeAlias = tuple[tuple[str, Value], ...]


ProblemKind = Literal["value", "missing", "order", "placement"]


@dataclass(frozen=True)
class FieldProblem:
    """A value the server will probably refuse; `path` is its form field name (`pager:pageSize`).

    `kind` says what is wrong without reading the message: the `value` itself, or the form around
    it: a mandatory parameter or file `missing`, a reference to a request that does not run
    before it (`order`), an action that cannot run in a multirequest (`placement`)."""

    path: str
    message: str
    kind: ProblemKind = "value"


@dataclass(frozen=True)
class Call:
    """One action call. `files` are the `File` parameters in the order uploaded; `number` is the
    page's request number inside a multirequest (0 outside one)."""

    service: str
    action: str
    params: Members = ()
    config: Members = ()
    files: tuple[tuple[str, File], ...] = ()
    number: int = 0


@dataclass(frozen=True)
class MultiRequest:
    """Calls run in order by one request; `config` applies to all of them."""

    calls: tuple[Call, ...]
    config: Members = ()
