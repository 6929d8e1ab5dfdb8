"""`list`/`count` semantics shared by every service: filter fields, orderBy and the pager.

Filter fields are read by Kaltura's naming convention: `<property><Operator>`, e.g. `idEqual`,
`statusIn`, `nameLike`, `tagsMultiLikeOr`, `createdAtGreaterThanOrEqual`, `categoriesIdsMatchOr`,
`startDateLessThanOrEqualOrNull`, `referenceIdEmpty`; `<a><B>…<Operator>` (`tagsNameMultiLikeOr`,
`firstNameOrLastNameStartsWith`) tests any of the named properties. A field whose properties the
listed class does not have is ignored, as are operators this sandbox does not know
(`understanding` says which, for the table test over every filter class). `freeText` searches
name, description and tags; `advancedSearch` nests KalturaSearchOperator/KalturaSearchCondition
items. The pager is api_v3's: pageSize 30 unless given, at most 500; pageIndex from 1.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from app.protocol.schema import Schema
from app.sandbox.store import KObject

DEFAULT_PAGE_SIZE = 30
MAX_PAGE_SIZE = 500


def _words(text: Any) -> list[str]:
    return [w.strip().lower() for w in str(text).replace(" ", ",").split(",") if w.strip()]


def _items(text: Any) -> list[str]:
    return [w.strip() for w in str(text).split(",") if w.strip()]


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _compare(test: Callable[[float, float], bool]) -> Callable[[Any, Any], bool]:
    def check(actual: Any, wanted: Any) -> bool:
        a, w = _number(actual), _number(wanted)
        return a is not None and w is not None and test(a, w)

    return check


def _or_null(test: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    return lambda a, w: a is None or a == "" or test(a, w)


# KalturaNullableBoolean: -1 is "no answer" (the field does not filter), 0 false, 1 true.
def _empty(actual: Any, wanted: Any) -> bool:
    if str(wanted) not in ("0", "1"):
        return True
    return (actual is None or actual == "") == (str(wanted) == "1")


# Longest suffix first, so `NotIn` wins over `In` and `GreaterThanOrEqual` over `GreaterThan`.
OPERATORS: tuple[tuple[str, Callable[[Any, Any], bool]], ...] = (
    ("GreaterThanOrEqualOrNull", _or_null(_compare(lambda a, w: a >= w))),
    ("LessThanOrEqualOrNull", _or_null(_compare(lambda a, w: a <= w))),
    ("GreaterThanOrEqual", _compare(lambda a, w: a >= w)),
    ("LessThanOrEqual", _compare(lambda a, w: a <= w)),
    ("MultiLikeAnd", lambda a, w: all(x in str(a or "").lower() for x in _words(w))),
    ("MultiLikeOr", lambda a, w: any(x in str(a or "").lower() for x in _words(w))),
    ("GreaterThan", _compare(lambda a, w: a > w)),
    ("StartsWith", lambda a, w: str(a or "").lower().startswith(str(w).lower())),
    ("LessThan", _compare(lambda a, w: a < w)),
    ("MatchAnd", lambda a, w: set(_items(w)) <= set(_items(a or ""))),
    ("MatchOr", lambda a, w: bool(set(_items(w)) & set(_items(a or "")))),
    ("NotContains", lambda a, w: not set(_items(w)) & set(_items(a or ""))),
    ("NotEqual", lambda a, w: str(a) != str(w)),
    ("NotIn", lambda a, w: str(a) not in _items(w)),
    ("Equal", lambda a, w: a is not None and str(a) == str(w)),
    ("Like", lambda a, w: str(w).lower() in str(a or "").lower()),
    ("IsNull", _empty),
    ("Empty", _empty),
    ("In", lambda a, w: str(a) in _items(w)),
)
UNDERSTOOD = "understood"
# Fields every filter may carry that are not `<property><Operator>`.
SPECIAL_FIELDS = ("orderBy", "advancedSearch", "freeText")

FREE_TEXT_FIELDS = ("name", "description", "tags")
SEARCH_AND = 1
# KalturaSearchConditionComparison values → the operator suffix that tests the same thing.
COMPARISONS = {
    "1": "Equal",
    "2": "GreaterThan",
    "3": "GreaterThanOrEqual",
    "4": "LessThan",
    "5": "LessThanOrEqual",
    "6": "NotEqual",
}
_TESTS = dict(OPERATORS)


def _properties(schema: Schema, listed: str, base: str) -> tuple[str, ...]:
    """`base` as one property of `listed`, or as several run together (`tagsAdminTagsName`,
    `firstNameOrLastName`); () when it names none."""
    if schema.property(listed, base) is not None:
        return (base,)
    # A few filters spell a property in another case (`playListTypeEqual` for `playlistType`).
    same = [p.name for p in schema.properties(listed) if p.name.lower() == base.lower()]
    if same:
        return (same[0],)
    for cut in range(1, len(base)):
        head, rest = base[:cut], base[cut:]
        if not rest[0].isupper() or schema.property(listed, head) is None:
            continue
        rest = rest[2:] if rest.startswith("Or") and rest[2:3].isupper() else rest
        tail = _properties(schema, listed, rest[0].lower() + rest[1:])
        if tail:
            return (head, *tail)
    return ()


def _split(field: str) -> tuple[str, str, Callable[[Any, Any], bool]] | None:
    for suffix, test in OPERATORS:
        if field.endswith(suffix) and len(field) > len(suffix):
            return field[: -len(suffix)], suffix, test
    return None


def _condition(
    schema: Schema, listed: str, field: str
) -> tuple[tuple[str, ...], Callable[[Any, Any], bool]] | None:
    split = _split(field)
    if split is None:
        return None
    names = _properties(schema, listed, split[0])
    return (names, split[2]) if names else None


def field_parts(schema: Schema, listed: str, field: str) -> tuple[tuple[str, ...], str] | None:
    """A `<property><Operator>` filter field as (the properties it tests, the operator suffix):
    `tagsNameMultiLikeOr` → (("tags", "name"), "MultiLikeOr"); None when it is not one."""
    split = _split(field)
    names = _properties(schema, listed, split[0]) if split else ()
    return (names, split[1]) if split and names else None


def understanding(schema: Schema, listed: str, field: str) -> str:
    """`understood`, or why a filter field of a `listed`-class filter is ignored."""
    if field in SPECIAL_FIELDS:
        return UNDERSTOOD
    split = _split(field)
    if split is None:
        return "not <property><Operator>"
    if not _properties(schema, listed, split[0]):
        return f"{listed} has no property {split[0]}"
    return UNDERSTOOD


# An advancedSearch item a service answers itself (`KalturaMetadataSearchItem`), by objectType.
Searcher = Callable[[KObject, KObject], bool]
Searchers = Mapping[str, Searcher]


def searched(obj: KObject, item: KObject | None, searchers: Searchers | None = None) -> bool:
    """`advancedSearch`: operators (AND/OR over their items, nested at will), conditions
    comparing one property of the object with a value, and the items `searchers` answer."""
    if not item:
        return True
    if searchers and item["objectType"] in searchers:
        return searchers[item["objectType"]](obj, item)
    if item["objectType"] == "KalturaSearchOperator":
        results = [searched(obj, child, searchers) for child in item.get("items") or []]
        if not results:
            return True
        return all(results) if (item.get("type") or SEARCH_AND) == SEARCH_AND else any(results)
    field = str(item.get("field") or "")
    if not field:
        return True
    test = _TESTS[COMPARISONS.get(str(item.get("comparison") or "1"), "Equal")]
    return test(obj.get(field), item.get("value"))


def matches(
    schema: Schema,
    listed: str,
    obj: KObject,
    filter_: KObject | None,
    searchers: Searchers | None = None,
) -> bool:
    if not filter_:
        return True
    if not searched(obj, filter_.get("advancedSearch"), searchers):
        return False
    for field, wanted in filter_.items():
        if field in ("objectType", "orderBy", "advancedSearch") or wanted is None:
            continue
        if field == "freeText":
            text = " ".join(str(obj.get(f) or "") for f in FREE_TEXT_FIELDS).lower()
            if not any(w in text for w in _words(wanted)):
                return False
            continue
        # A media filter on baseEntry.list still filters media fields: judge by the object's class.
        condition = _condition(schema, str(obj.get("objectType") or listed), field)
        if condition is not None and not any(
            condition[1](obj.get(n), wanted) for n in condition[0]
        ):
            return False
    return True


def _sort_key(value: Any) -> tuple[int, Any]:
    if value is None:
        return (0, 0)
    number = _number(value) if not isinstance(value, str) else None
    return (1, number) if number is not None else (2, str(value).lower())


def ordered(objects: list[KObject], order_by: str | None) -> list[KObject]:
    """Sort by `+name,-createdAt`; `recent` and unknown fields keep storage order."""
    result = list(objects)
    for item in reversed(_items(order_by or "")):
        descending = item.startswith("-")
        field = item.lstrip("+-")
        result.sort(key=lambda o, f=field: _sort_key(o.get(f)), reverse=descending)  # type: ignore[misc]
    return result


def page(objects: list[KObject], pager: KObject | None) -> list[KObject]:
    size = (pager or {}).get("pageSize") or DEFAULT_PAGE_SIZE
    size = min(max(int(size), 1), MAX_PAGE_SIZE)
    index = max(int((pager or {}).get("pageIndex") or 1), 1)
    return objects[(index - 1) * size : index * size]


def list_response(
    schema: Schema,
    response_type: str,
    listed: str,
    objects: list[KObject],
    filter_: KObject | None,
    pager: KObject | None,
    searchers: Searchers | None = None,
) -> KObject:
    found = [o for o in objects if matches(schema, listed, o, filter_, searchers)]
    found = ordered(found, (filter_ or {}).get("orderBy"))
    return {"objectType": response_type, "objects": page(found, pager), "totalCount": len(found)}


def count(
    schema: Schema,
    listed: str,
    objects: list[KObject],
    filter_: KObject | None,
    searchers: Searchers | None = None,
) -> int:
    return sum(1 for o in objects if matches(schema, listed, o, filter_, searchers))
