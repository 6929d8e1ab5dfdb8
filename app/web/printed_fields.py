"""A parameter's printed HTML, kept while nothing is typed in it.

Printing a big action's parameters takes milliseconds per field tree (`_fields.html`'s macros:
liveStream.add's entry is 100 KB of HTML), and the same untyped field prints the same HTML every
time: its HTML depends on the `Field` alone (the macros read nothing else but the app's route
paths, which are fixed). So an equal field reuses what was printed. A field holding text the user
typed is printed afresh and never kept: it may be a secret, and it rarely comes twice. A chosen
objectType is no typed text (a name from the schema). At most `LIMIT` fields are kept, the least
recently used going first; a reloaded schema's fields are other keys.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from markupsafe import Markup

from app.forms.fields import Field

LIMIT = 4096


def untyped(f: Field) -> bool:
    """Nothing typed in the field or under it (a chosen type, a switch, an option are no text)."""
    if (f.value and f.kind not in ("object", "bool", "choice", "enum")) or f.map_key:
        return False
    return all(untyped(c) for c in f.children) and all(untyped(i) for i in f.items)


class PrintedFields:
    """`printed(render_field, f)` in a template: `render_field(f)`, kept for an untyped field."""

    def __init__(self, limit: int = LIMIT) -> None:
        self._kept: OrderedDict[Field, Markup] = OrderedDict()
        self._limit = limit

    def __call__(self, render: Callable[[Field], Markup], f: Field) -> Markup:
        if not untyped(f):
            return render(f)
        found = self._kept.get(f)
        if found is not None:
            self._kept.move_to_end(f)
            return found
        found = self._kept[f] = render(f)
        if len(self._kept) > self._limit:
            self._kept.popitem(last=False)
        return found
