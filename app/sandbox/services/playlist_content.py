"""A playlist's `playlistContent`, as api_v3 keeps it: pure translation, no storage.

A static playlist's content is entry ids separated by commas. A dynamic playlist's is XML —
`<playlist><total_results>N</total_results><filters><filter>…</filter></filters></playlist>` —
each `<filter>` holding the fields of a `KalturaMediaEntryFilterForPlaylist` under the core
filter's names: `tagsMultiLikeOr` is `<mlikeor_tags>`, `createdAtGreaterThanOrEqual`
`<gte_created_at>`, `tagsNameMultiLikeOr` `<mlikeor_tags-name>`, `orderBy` `<order_by>` with
`-created_at` for `-createdAt` (the filter classes' maps in api_v3 all follow that rule).
`KalturaPlaylist.filters` is that XML read back; `total_results` is at most 200 and 200 when
absent (api_v3's cap). `advancedSearch` is not written into the XML here.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from app.protocol.schema import Schema
from app.sandbox import listing
from app.sandbox.store import KObject

FILTER_CLASS = "KalturaMediaEntryFilterForPlaylist"
ENTRY_CLASS = "KalturaMediaEntry"
TOTAL_RESULTS = 200  # api_v3's cap on a playlist's results, and the default
# The core filter's abbreviation of each operator (api_v3's field prefixes).
CORE_OPERATORS = {
    "Equal": "eq",
    "NotEqual": "not",
    "In": "in",
    "NotIn": "notin",
    "Like": "like",
    "StartsWith": "likex",
    "MultiLikeOr": "mlikeor",
    "MultiLikeAnd": "mlikeand",
    "MatchOr": "matchor",
    "MatchAnd": "matchand",
    "NotContains": "notcontains",
    "GreaterThan": "gt",
    "LessThan": "lt",
    "GreaterThanOrEqual": "gte",
    "LessThanOrEqual": "lte",
    "GreaterThanOrEqualOrNull": "gteornull",
    "LessThanOrEqualOrNull": "lteornull",
    "Empty": "empty",
}
PLAIN_FIELDS = {"orderBy": "order_by", "freeText": "free_text", "limit": "limit", "name": "name"}


@dataclass(frozen=True)
class DynamicContent:
    total_results: int
    filters: list[KObject] = field(default_factory=list)


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def entry_ids(content: Any) -> list[str]:
    """The ids of a static playlist, in order, as api_v3 reads them."""
    return [i.strip() for i in str(content or "").split(",") if i.strip()]


def cleaned_ids(content: Any) -> list[str]:
    """The ids as api_v3 keeps them on add and update: blanks dropped and "null" cut out of each (a
    client bug api_v3 works around)."""
    return [i for i in (i.replace("null", "").strip() for i in str(content or "").split(",")) if i]


def core_name(schema: Schema, api_field: str) -> str | None:
    """The XML element of an API filter field, or None when the core filter has no such name."""
    if api_field in PLAIN_FIELDS:
        return PLAIN_FIELDS[api_field]
    parts = listing.field_parts(schema, ENTRY_CLASS, api_field)
    if parts is None or parts[1] not in CORE_OPERATORS:
        return None
    return f"{CORE_OPERATORS[parts[1]]}_{'-'.join(_snake(p) for p in parts[0])}"


def _order_items(order_by: Any) -> list[str]:
    return [item.strip() for item in str(order_by).split(",") if item.strip()]


def _order_to_core(order_by: Any) -> str:
    return ",".join(item[:1] + _snake(item[1:]) for item in _order_items(order_by))


def _order_from_core(order_by: str) -> str:
    return ",".join(item[:1] + _camel(item[1:]) for item in _order_items(order_by))


def to_xml(schema: Schema, filters: list[KObject] | None, total_results: Any) -> str:
    """The filters and `totalResults` as playlistContent, as api_v3 writes them."""
    root = ET.Element("playlist")
    ET.SubElement(root, "total_results").text = "" if total_results is None else str(total_results)
    holder = ET.SubElement(root, "filters")
    for given in filters or []:
        element = ET.SubElement(holder, "filter")
        for api_field, value in given.items():
            name = core_name(schema, api_field)
            if name is None or value is None or value == "" or isinstance(value, dict | list):
                continue
            text = _order_to_core(value) if api_field == "orderBy" else _text(value)
            ET.SubElement(element, name).text = text
    return '<?xml version="1.0"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _text(value: Any) -> str:
    return str(int(value)) if isinstance(value, bool) else str(value)


def from_xml(schema: Schema, content: Any) -> DynamicContent:
    """playlistContent read back as filters, as api_v3 reads it: XML api_v3 cannot read
    (or that declares a DOCTYPE, which the sandbox does not read) runs as a playlist of
    nothing."""
    text = str(content or "")
    # No entity is ever expanded (SECURITY.md): without a DOCTYPE none can be declared.
    if "<!DOCTYPE" in text.upper():
        return DynamicContent(0)
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        return DynamicContent(0)
    total = root.find("total_results")
    if total is None:
        total_results = TOTAL_RESULTS
    else:
        text = (total.text or "").strip()
        total_results = min(int(text) if text.lstrip("-").isdigit() else 0, TOTAL_RESULTS)
    elements = root.findall("filters/filter") or root.findall("filter")
    api_names = _api_names(schema)
    filters = [_filter_of(schema, element, api_names) for element in elements]
    return DynamicContent(total_results, filters)


def _api_names(schema: Schema) -> dict[str, str]:
    names: dict[str, str] = {}
    for prop in schema.properties(FILTER_CLASS):
        core = core_name(schema, prop.name)
        if core is not None:
            names.setdefault(core, prop.name)
    return names


def _filter_of(schema: Schema, element: ET.Element, api_names: dict[str, str]) -> KObject:
    found: KObject = {"objectType": FILTER_CLASS}
    for child in element:
        api_field = api_names.get(child.tag)
        text = (child.text or "").strip()
        if api_field is None or not text:
            continue
        prop = schema.property(FILTER_CLASS, api_field)
        if api_field == "orderBy":
            found[api_field] = _order_from_core(text)
        elif prop is not None and prop.ref.type == "int" and text.lstrip("-").isdigit():
            found[api_field] = int(text)
        else:
            found[api_field] = text
    return found
