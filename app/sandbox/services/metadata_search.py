"""`KalturaMetadataSearchItem` in a filter's `advancedSearch`: objects found by their metadata.

As api_v3's metadata search reads one: a condition's `field` is the XPath of one of the
profile's searchable fields (appinfo `<searchable>true</searchable>`; any other field finds
nothing), `/*[local-name()='metadata']/*[local-name()='Title']`. A KalturaSearchCondition's
`value` is `*` (any value), an exact value for list, object and user fields, or words that
appear together in a text field, case-insensitively (`not` on a KalturaSearchMatchCondition
turns it round). A KalturaSearchComparableCondition compares int and date fields as numbers (an
object without the value counts as 0, and only EQUAL and NOT_EQUAL find it); on other fields it
is ignored. Items are joined by the item's `type`, AND unless OR; items may nest.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from typing import Any

from app.sandbox import listing
from app.sandbox.context import CallContext
from app.sandbox.services.metadata import live_metadata
from app.sandbox.services.metadata_profiles import PROFILE_DEPRECATED, PROFILE_KIND, schema_of
from app.sandbox.store import KObject
from app.sandbox.xml_tree import Element, NotWellFormed, parse
from app.sandbox.xsd import Field, Unsupported

ITEM = "KalturaMetadataSearchItem"
EXACT_TYPES = ("listType", "objectType", "userType")
NUMERIC_TYPES = ("intType", "dateType")
SEARCH_OR = 2
_WORD = re.compile(r"\w+")
Searcher = Callable[[KObject, KObject], bool]


def searchers(ctx: CallContext) -> dict[str, Searcher]:
    """The advancedSearch items this module answers, for `listing.list_response`."""
    search = _Search(ctx)
    return {ITEM: search.matches}


def _values(node: Element, path: tuple[str, ...]) -> Iterator[str]:
    if node.name != path[0]:
        return
    if len(path) == 1:
        yield node.text.strip()
        return
    for child in node.children:
        yield from _values(child, path[1:])


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _has_phrase(values: list[str], phrase: str) -> bool:
    wanted = _words(phrase)
    for value in values:
        words = _words(value)
        for start in range(len(words) - len(wanted) + 1):
            if words[start : start + len(wanted)] == wanted:
                return True
    return False


class _Search:
    def __init__(self, ctx: CallContext) -> None:
        self.ctx = ctx
        self._fields: dict[object, dict[str, Field]] = {}
        self._documents: dict[tuple[object, str], Element] | None = None

    def fields(self, profile_id: object) -> dict[str, Field]:
        if profile_id not in self._fields:
            # A deprecated profile's fields are deprecated too: none is active.
            profile = self.ctx.db.get(PROFILE_KIND, str(profile_id), self.ctx.partner_id)
            live = profile is not None and profile.get("status") != PROFILE_DEPRECATED
            try:
                found = schema_of(profile).fields() if profile and live else ()
            except (NotWellFormed, Unsupported):
                found = ()
            self._fields[profile_id] = {f.xpath: f for f in found if f.searchable}
        return self._fields[profile_id]

    def document(self, profile_id: object, object_id: str) -> Element | None:
        if self._documents is None:
            self._documents = {}
            for metadata in live_metadata(self.ctx):
                key = (metadata.get("metadataProfileId"), str(metadata.get("objectId")))
                with contextlib.suppress(NotWellFormed):
                    self._documents[key] = parse(str(metadata.get("xml") or ""))
        return self._documents.get((profile_id, object_id))

    def matches(self, obj: KObject, item: KObject) -> bool:
        return self._item(obj, item, item.get("metadataProfileId"))

    def _item(self, obj: KObject, item: KObject, profile_id: object) -> bool:
        results = [self._one(obj, child, profile_id) for child in item.get("items") or []]
        if not results:
            return True
        return any(results) if item.get("type") == SEARCH_OR else all(results)

    def _one(self, obj: KObject, child: KObject, profile_id: object) -> bool:
        kind = child.get("objectType")
        if kind in (ITEM, "KalturaSearchOperator"):
            return self._item(obj, child, profile_id)
        field = self.fields(profile_id).get(str(child.get("field") or ""))
        if field is None:
            return False
        document = self.document(profile_id, str(obj.get("id")))
        values = [v for v in _values(document, field.path) if v] if document else []
        if kind == "KalturaSearchComparableCondition":
            return self._compared(values, field, child)
        found = self._matched(values, field, str(child.get("value") or ""))
        return not found if child.get("not") else found

    @staticmethod
    def _matched(values: list[str], field: Field, value: str) -> bool:
        if value.strip() == "*":
            return bool(values)
        if field.type in EXACT_TYPES:
            return any(v.lower() == value.strip().lower() for v in values)
        return _has_phrase(values, value)

    @staticmethod
    def _compared(values: list[str], field: Field, condition: KObject) -> bool:
        if field.type not in NUMERIC_TYPES:
            return True  # api_v3 finds no numeric attribute for the field and skips the item
        wanted = _number(condition.get("value"))
        if wanted is None:
            return False
        actual: Any = _number(values[0]) if values else 0
        comparison = str(condition.get("comparison") or "1")
        if actual in (None, 0) and comparison not in ("1", "6"):
            return False
        suffix = listing.COMPARISONS.get(comparison, "Equal")
        return bool(dict(listing.OPERATORS)[suffix](actual or 0, wanted))
