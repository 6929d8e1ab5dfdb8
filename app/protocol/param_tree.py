"""Parameter names to one tree, as api_v3 gathers a request: `filter:nameLike` and the older
`filter[nameLike]` both nest (also inside JSON objects), and where two sources carry the same
name the later one, merged on top, wins (docs/PROTOCOL.md §2: the query over the body). The
sandbox reads a request with it, Import a pasted one. Pure: stdlib only.
"""

from __future__ import annotations

import re
from typing import Any

from app.protocol.fieldnames import SEP

Tree = dict[str, Any]

_BRACKETS = re.compile(r"\[([^\]]*)\]")


def split_name(name: str) -> list[str]:
    """`filter:nameLike` and `filter[nameLike]` → ["filter", "nameLike"]."""
    return _BRACKETS.sub(SEP + r"\1", name).split(SEP)


def _assign(tree: Tree, path: list[str], value: Any) -> None:
    node = tree
    for part in path[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = {}
            node[part] = child
        node = child
    last = path[-1]
    if isinstance(node.get(last), dict) and isinstance(value, dict):
        merge(node[last], value)
    else:
        node[last] = value


def merge(base: Tree, overrides: Tree) -> Tree:
    """Deep-merge `overrides` into `base` (in place) and return it."""
    for key, value in overrides.items():
        _assign(base, [key], value)
    return base


def nest(flat: dict[str, Any]) -> Tree:
    """Expand `a:b`/`a[b]` names (also inside JSON objects) into nested dicts."""
    tree: Tree = {}
    for name, value in flat.items():
        nested = nest(value) if isinstance(value, dict) else value
        _assign(tree, split_name(str(name)), nested)
    return tree
