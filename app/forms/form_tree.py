"""The console form's flat fields as a tree, and a subtree sent without a declaration.

`tree` groups `(name, value)` pairs by their colon paths (`fieldnames` reads each name): a
node holds the values given at its path, its children by segment, and whether a `__null` or
`:-` marker was set on it. `loose` writes a subtree no schema declaration types (an unknown
name or type) as the wire would carry it, and `from_json` does the same for JSON typed by
hand. `form_reading` types the rest. Pure: no I/O and no web imports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from app.protocol import fieldnames
from app.protocol.call import Wire
from app.protocol.facts import EMPTY_MARK
from app.protocol.fieldnames import MAP_KEY


@dataclass
class Node:
    values: list[str] = field(default_factory=list)
    children: dict[str, Node] = field(default_factory=dict)
    null: bool = False
    emptied: bool = False

    def child(self, name: str) -> Node:
        return self.children.setdefault(name, Node())

    def given(self) -> list[str]:
        return [v for v in self.values if v != ""]

    def is_blank(self) -> bool:
        return not (self.given() or self.null or self.emptied) and all(
            c.is_blank() for c in self.children.values()
        )

    def without_key(self) -> Node:
        """A map item's value: the item without its `__key`."""
        return Node(self.values, {k: v for k, v in self.children.items() if k != MAP_KEY})


def _is_on(value: str) -> bool:
    return value.strip().lower() not in ("", "0", "false", "off")


def tree(pairs: Sequence[tuple[str, str]] | Mapping[str, str]) -> Node:
    root = Node()
    items = pairs.items() if isinstance(pairs, Mapping) else pairs
    for name, value in items:
        *parents, last = fieldnames.segments(name)
        node = root
        for segment in parents:
            node = node.child(segment)
        meaning = fieldnames.read_path(name)
        if meaning.kind == "null":
            if _is_on(value):
                node.child(fieldnames.leaf(meaning.path)).null = True
        elif meaning.kind == "empty":
            node.emptied = node.emptied or _is_on(value)
        else:
            node.child(last).values.append(value)
    return root


def from_json(value: object) -> Wire:
    """JSON typed by hand → wire values: strings throughout, as the official clients send
    them; null members become `name__null`, an empty list an explicitly emptied one."""
    if isinstance(value, dict):
        out: dict[str, Wire] = {}
        for name, member in value.items():
            if member is None:
                out[fieldnames.null_of(name)] = ""
            else:
                out[name] = from_json(member)
        return out
    if isinstance(value, list):
        return [from_json(item) for item in value] if value else {EMPTY_MARK: ""}
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def loose(node: Node) -> Wire | None:
    """Encode without a declaration (an unknown type or name): numbered children make a list,
    or a map when they carry `__key`; other children make an object."""
    if node.emptied:
        return {EMPTY_MARK: ""}
    if not node.children:
        return ",".join(node.given()) or None
    names = list(node.children)
    if all(fieldnames.item_number(n) is not None for n in names):
        ordered = sorted(node.children.items(), key=lambda item: int(item[0]))
        if all(MAP_KEY in child.children for _, child in ordered):
            entries: dict[str, Wire] = {}
            for _, child in ordered:
                keys = child.children[MAP_KEY].given()
                value = loose(child.without_key())
                if keys and value is not None:
                    entries[keys[-1]] = value
            return entries or None
        items = [v for _, child in ordered if (v := loose(child)) is not None]
        return items or None
    out: dict[str, Wire] = {}
    for name, child in node.children.items():
        if child.null:
            out[fieldnames.null_of(name)] = ""
        elif (value := loose(child)) is not None:
            out[name] = value
    return out or None
