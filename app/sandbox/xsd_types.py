"""Simple types of the XSD subset metadata profiles use: XML Schema's built-in types and
restrictions of them (enumeration, pattern, lengths, bounds).

`SimpleType.check(value)` answers None or the complaint in libxml's words — the words api_v3
passes on in `INVALID_METADATA_DATA` (`Element 'Year': 'abc' is not a valid value of the atomic
type 'xs:int'.`). Pure: no web imports.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_FLOAT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN")
_TZ = r"(?:Z|[+-]\d\d:\d\d)?"
_YMD = r"-?(?P<y>\d{4,})-(?P<m>\d\d)-(?P<d>\d\d)"
_HMS = r"(?P<h>\d\d):(?P<mi>\d\d):(?P<s>\d\d)(?:\.\d+)?"
_DATE = re.compile(_YMD + _TZ)
_TIME = re.compile(_HMS + _TZ)
_DATETIME = re.compile(_YMD + "T" + _HMS + _TZ)
_NCNAME = r"[^\W\d][\w.\-]*"
_BOOLEAN = ("true", "false", "1", "0")

# Integer types and their bounds (XML Schema Part 2, 3.3.13-3.3.25).
_BOUNDS: dict[str, tuple[int | None, int | None]] = {
    "integer": (None, None),
    "long": (-(2**63), 2**63 - 1),
    "int": (-(2**31), 2**31 - 1),
    "short": (-(2**15), 2**15 - 1),
    "byte": (-128, 127),
    "nonNegativeInteger": (0, None),
    "positiveInteger": (1, None),
    "nonPositiveInteger": (None, 0),
    "negativeInteger": (None, -1),
    "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 255),
}
_STRINGS = ("string", "normalizedString", "token", "anyURI", "anySimpleType")
# Names (XML Schema Part 2, 3.3.6-3.3.9), with Python's word characters for XML's name ones.
_NAMES = {
    "Name": re.compile(r"[^\W\d:][\w.:\-]*|:[\w.:\-]*"),
    "NCName": re.compile(_NCNAME),
    "ID": re.compile(_NCNAME),
    "IDREF": re.compile(_NCNAME),
    "NMTOKEN": re.compile(r"[\w.:\-]+"),
    "language": re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*"),
}
# Whitespace: string keeps it, every other built-in collapses it (`whiteSpace` facet).
_SHAPES = {
    "decimal": _DECIMAL,
    "float": _FLOAT,
    "double": _FLOAT,
    **_NAMES,
}
_MOMENTS = {"date": _DATE, "time": _TIME, "dateTime": _DATETIME}
BUILT_INS = frozenset((*_BOUNDS, *_STRINGS, *_SHAPES, *_MOMENTS, "boolean"))
ORDERED = frozenset((*_BOUNDS, "decimal", "float", "double"))


def _collapse(value: str) -> str:
    return " ".join(value.split())


def _moment_ok(primitive: str, value: str) -> bool:
    """A date, time or dateTime whose fields are in range (libxml leaves its whitespace)."""
    found = _MOMENTS[primitive].fullmatch(value)
    if found is None:
        return False
    parts = found.groupdict()
    if "y" in parts:
        year, month, day = int(parts["y"]), int(parts["m"]), int(parts["d"])
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        days = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
        if not (1 <= month <= 12 and 1 <= day <= days[month - 1]):
            return False
    if "h" in parts:
        hour, minute, second = int(parts["h"]), int(parts["mi"]), int(parts["s"])
        if minute > 59 or second > 59 or hour > 24 or (hour == 24 and minute + second > 0):
            return False
    return True


def _built_in_ok(primitive: str, value: str) -> bool:
    if primitive in _STRINGS:
        return True
    if primitive in _MOMENTS:
        return _moment_ok(primitive, value)
    if primitive == "boolean":
        return value in _BOOLEAN
    if primitive in _BOUNDS:
        if not _INTEGER.fullmatch(value):
            return False
        low, high = _BOUNDS[primitive]
        return (low is None or int(value) >= low) and (high is None or int(value) <= high)
    return bool(_SHAPES[primitive].fullmatch(value))


def _number(value: str) -> Decimal | None:
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


@dataclass(frozen=True)
class Facets:
    enumeration: tuple[str, ...] = ()
    pattern: re.Pattern[str] | None = None
    pattern_text: str = ""
    length: int | None = None
    min_length: int | None = None
    max_length: int | None = None
    min_inclusive: str | None = None
    max_inclusive: str | None = None
    min_exclusive: str | None = None
    max_exclusive: str | None = None


@dataclass(frozen=True)
class SimpleType:
    """A built-in type (`label` `xs:int`) or a restriction of one, named (`label` `listType`)
    or local (`label` empty: libxml calls it "the local atomic type")."""

    primitive: str
    label: str = ""
    facets: Facets = Facets()

    def described(self) -> str:
        return f"the atomic type '{self.label}'" if self.label else "the local atomic type"

    def check(self, raw: str) -> str | None:
        keeps = self.primitive == "string" or self.primitive in _MOMENTS
        value = raw if keeps else _collapse(raw)
        if not _built_in_ok(self.primitive, value):
            return f"'{raw}' is not a valid value of {self.described()}."
        return self._facet_complaint(value, raw)

    def _facet_complaint(self, value: str, raw: str) -> str | None:
        f = self.facets
        if f.enumeration and value not in f.enumeration:
            allowed = ", ".join(f"'{v}'" for v in f.enumeration)
            return (
                f"[facet 'enumeration'] The value '{value}' is not an element of the set"
                f" {{{allowed}}}."
            )
        if f.pattern is not None and not f.pattern.fullmatch(value):
            return (
                f"[facet 'pattern'] The value '{value}' is not accepted by the pattern"
                f" '{f.pattern_text}'."
            )
        for facet, limit, fails, words in (
            ("length", f.length, operator.ne, "differs from the allowed length"),
            ("minLength", f.min_length, operator.lt, "underruns the allowed minimum length"),
            ("maxLength", f.max_length, operator.gt, "exceeds the allowed maximum length"),
        ):
            if limit is not None and fails(len(value), limit):
                return (
                    f"[facet '{facet}'] The value has a length of '{len(value)}';"
                    f" this {words} of '{limit}'."
                )
        return self._bound_complaint(value, raw)

    def _bound_complaint(self, value: str, raw: str) -> str | None:
        f = self.facets
        number = _number(value)
        if number is None:
            return None
        # libxml's words for each bound: `{value}` and `{limit}` filled in.
        for facet, limit, fails, words in (
            (
                "minInclusive",
                f.min_inclusive,
                operator.lt,
                "is less than the minimum value allowed ('{limit}')",
            ),
            (
                "maxInclusive",
                f.max_inclusive,
                operator.gt,
                "is greater than the maximum value allowed ('{limit}')",
            ),
            ("minExclusive", f.min_exclusive, operator.le, "must be greater than '{limit}'"),
            ("maxExclusive", f.max_exclusive, operator.ge, "must be less than '{limit}'"),
        ):
            bound = _number(limit) if limit is not None else None
            if bound is not None and fails(number, bound):
                said = words.format(limit=limit)
                return f"[facet '{facet}'] The value '{raw}' {said}."
        return None
