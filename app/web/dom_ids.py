"""The HTML ids of the console page and the docs headings links land on, derived here only.

Templates print them through the filters `templating.py` registers; the browser modules never
rebuild one: what they need to find (a field's problem line, a request's number) the server
writes into `data-` attributes. Ids are about the page, names about the wire: field names are
spelt by `app.protocol.fieldnames`, and an id is derived from that name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from app.protocol import fieldnames

_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


def dom_id(*parts: str | int) -> str:
    """The parts joined by `-`, each made safe for an id and a CSS `#` selector."""
    return "-".join(_UNSAFE.sub("-", str(part)) for part in parts if str(part) != "")


@lru_cache(maxsize=4096)  # a page asks for each field's ids several times
def field_id(path: str, part: str = "") -> str:
    """The id of the field at `path`, or of one `part` of it: `filter:nameLike` →
    `f-filter-nameLike`, its problem line `f-filter-nameLike--problem`. A part follows `--`,
    which no path spells (its segments are words between single colons), so an object's
    objectType select (`f-user--type`) is never its property `type` (`f-user-type`)."""
    field = dom_id("f", path)
    return f"{field}--{dom_id(part)}" if str(part) else field


def service_heading_id(service_id: str) -> str:
    """The id of a service's docs heading, where the finder's link to it lands (`service-media`):
    no action name has a `-`, so it never meets an action's anchor (`search` has a `search`)."""
    return dom_id("service", service_id)


def type_heading_id(name: str) -> str:
    """The id of a class's or enum's docs heading, where the finder's link to it lands."""
    return dom_id("type", name)


def request_id(number: int, part: str = "") -> str:
    """Multirequest request `number`'s fieldset (`request-2`) or one `part` of it
    (`request-2-action`); request 0, the page's own call, has the bare part (`action`)."""
    return dom_id("request", number, part) if number else part


@dataclass(frozen=True)
class ProblemPlace:
    """Where the page shows a problem Send found at a field name: `controls`, the ids of the
    controls that may hold it, and `line`, the id of the field's problem line
    (field-problems.js makes one where the page has none, as for a map key)."""

    controls: tuple[str, ...]
    line: str

    @property
    def listed(self) -> str:
        """The controls' ids as one attribute value (the templates' `join` is the field names')."""
        return " ".join(self.controls)


def problem_place(name: str) -> ProblemPlace | None:
    """`secret` → its input; `entry` → its input, or an object's objectType select, or a list's
    Add button: whichever the page has (the server knows the name, not which kind the page made
    of it); `filter:objectType` → that select; `2:action` → request 2's action; None for a
    problem of the whole request (no name)."""
    if not name:
        return None
    meaning = fieldnames.read(name)
    if meaning.kind == "call":
        line = request_id(meaning.request, meaning.path + "-problem")
        return ProblemPlace((request_id(meaning.request, meaning.path),), line)
    if meaning.kind == "config":
        return ProblemPlace((field_id(name),), field_id(name, "problem"))
    path = fieldnames.spell(fieldnames.FieldName("value", meaning.path, meaning.request))
    if meaning.kind == "type":
        return ProblemPlace((field_id(path, "type"),), field_id(path, "problem"))
    if meaning.kind == "key":
        return ProblemPlace((field_id(path, "key"),), field_id(path, "key-problem"))
    return ProblemPlace(
        (field_id(path), field_id(path, "type"), field_id(path, "add")), field_id(path, "problem")
    )


REFERENCE_KINDS = ("int", "float", "string")
"""The field kinds that take a typed `{N:result…}` reference (selects are left out)."""


def references_id(path: str, kind: str) -> str:
    """The datalist of the references offered to the field at `path` of `kind`: `2:entryId`
    → `request-2-references-string`; "" where none is (request 1, the page's own call)."""
    number, _ = fieldnames.split_request(path)
    return request_id(number, "references-" + kind) if number > 1 else ""


def code_id(part: str, language: str = "") -> str:
    """The Code region's ids: `code-tab-python`, `code-panel-python`, `code-samples`…"""
    return dom_id("code", part, language)


RELOAD_FORM = "schema-reload"
"""The Reload schema form, outside the console's form (forms do not nest); its button sits in
the origin line and names it with `form=`."""
SCHEMA_LINE = "schema-line"
"""The origin line's words on the schema in use, which a reload replaces."""
SCHEMA_STATUS = "schema-status"
"""Beside Reload schema: what the last reload did, or why the schema is not the server's own."""
