"""A compiled metadata profile XSD: element declarations, their content and occurrences, and
the errors of compiling and checking. `xsd.py` builds it, `xsd_check.py` checks documents
against it. Pure: no web imports.

    Unsupported   the XSD is not a schema, or uses what the subset does not check
    Invalid       a document does not conform (str(): api_v3's `<libxml words> at line N`)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.sandbox.xsd_types import SimpleType

XS = "http://www.w3.org/2001/XMLSchema"
UNBOUNDED = -1


class Unsupported(Exception):
    """The XSD is well-formed but is not a schema, or uses what this subset does not check."""


class Invalid(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"{message} at line {line}")


@dataclass(frozen=True)
class Attribute:
    name: str
    type: SimpleType
    required: bool


@dataclass
class Content:
    """What an element holds: a simple value, elements (`particle`), nothing, or anything."""

    simple: SimpleType | None = None
    particle: Particle | None = None
    attributes: tuple[Attribute, ...] = ()
    any: bool = False


@dataclass
class Decl:
    name: str
    ns: str
    content: Content
    field_type: str  # api_v3's "node type": the element's `type`, else its restriction's base
    appinfo: dict[str, str]
    min: int = 1
    max: int = 1


@dataclass
class Particle:
    kind: str  # "sequence" or "choice"
    items: list[Decl | Particle] = field(default_factory=list)
    min: int = 1
    max: int = 1


@dataclass(frozen=True)
class Field:
    """A profile field with an appinfo, as api_v3's metadata profile fields are:
    `/*[local-name()='metadata']/*[local-name()='Title']`."""

    xpath: str
    name: str
    type: str
    searchable: bool
    path: tuple[str, ...]
