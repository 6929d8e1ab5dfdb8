"""Remove request: the multirequest form without one request, the later ones renumbered.

api_v3 reads requests 1, 2, … and stops at the first missing number, so the page keeps its
requests numbered 1..n: removing request N moves every later request down by one, its field
names (`4:filter:nameLike` → `3:filter:nameLike`) and every `{M:result…}` typed in any request
(`wire.renumber_references`, the rule the samples use too). A request whose result another
uses is not removed: its reference would silently point at a different answer. Pure: no I/O
and no web imports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from app.protocol import fieldnames, patterns
from app.protocol.wire import renumber_references

Values = dict[str, list[str]]


@dataclass(frozen=True)
class Removal:
    """`values` without the request, the later ones renumbered, and the requests left (1..n);
    or, when it was not removed, `refused` saying why (and the values as they were)."""

    values: Values
    requests: tuple[int, ...]
    refused: str = ""


def requests_of(values: Values) -> tuple[int, ...]:
    """The multirequest's request numbers as posted: those with a `N:service` field."""
    named = (fieldnames.split_request(name) for name in values)
    return tuple(sorted({n for n, rest in named if n and rest == fieldnames.SERVICE}))


def without_request(values: Values, number: int) -> Removal:
    """`values` (a posted multirequest form) without request `number` (one of its requests)."""
    requests = requests_of(values)
    user = _user_of(values, number)
    if user:
        request, reference = user
        said = (
            f"Not removed: request {request} uses its result ({reference}). "
            "Change that reference first."
        )
        return Removal(values, requests, said)
    # Every later number moves down, a reference's too (to a request not added yet, as typed).
    referred = {int(m.group(1)) for vs in values.values() for v in vs for m in _references(v)}
    moved = {n: n - 1 for n in {*requests, *referred} if n > number}
    kept: Values = {}
    for name, posted in values.items():
        n, rest = fieldnames.split_request(name)
        if n == number:
            continue
        if n:
            name = fieldnames.request_prefix(moved.get(n, n)) + rest
            posted = [renumber_references(value, moved) for value in posted]
        kept[name] = posted
    return Removal(kept, tuple(range(1, len(requests))))


def _user_of(values: Values, number: int) -> tuple[int, str] | None:
    """The first other request whose value refers to `number`'s result, and that reference."""
    for name, posted in values.items():
        n, _ = fieldnames.split_request(name)
        if not n or n == number:
            continue
        for value in posted:
            for match in _references(value):
                if int(match.group(1)) == number:
                    return n, match.group(0)
    return None


def _references(value: str) -> Iterator[re.Match[str]]:
    return patterns.REFERENCE.finditer(value)
