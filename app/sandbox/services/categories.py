"""`category.*` and `categoryEntry.*`: a tree of categories and the entries placed in them.

`fullName` and `fullIds` join the path from the root with `>`; `depth` counts from 0. Moving or
renaming a category rewrites its whole subtree; the entries' `categories`/`categoriesIds` and the
categories' entry counts follow every assignment. A category that appears to its members only
(`appearInList` CATEGORY_MEMBERS_ONLY) is hidden from a session that enables entitlement and is
not one of them; its `owner` is its MANAGER member (`memberships.py`; `categoryUser.*` in
`category_users.py`).
"""

from __future__ import annotations

from app.sandbox import listing
from app.sandbox.context import CallContext, Params, handles
from app.sandbox.errors import KalturaApiError
from app.sandbox.services import entitlement, memberships
from app.sandbox.services.changes import apply_changes, refuse_read_only, require
from app.sandbox.services.entries import ENTRY_KIND, find_entry
from app.sandbox.store import KObject

CATEGORY_KIND = "category"
LINK_KIND = "categoryEntry"
MEMBERS_ONLY = 3  # KalturaAppearInListType.CATEGORY_MEMBERS_ONLY
INHERIT = 1  # KalturaInheritanceType.INHERIT
CATEGORY_ACTIVE = 2
LINK_ACTIVE = 2


def _find(ctx: CallContext, category_id: int, error: str = "CATEGORY_NOT_FOUND") -> KObject:
    category = ctx.db.get(CATEGORY_KIND, str(category_id), ctx.partner_id)
    if category is None or not _listed_for(ctx, category):
        raise KalturaApiError(error, category_id)
    return category


def _listed_for(ctx: CallContext, category: KObject) -> bool:
    """api_v3's entitlement on categories, when the KS enables it
    (`entitlement.py`): a category that appears to its members only is hidden from a user who
    is not an active member of it."""
    session = ctx.session
    if (
        session is None
        or not entitlement.enforced(session)
        or category.get("appearInList") != MEMBERS_ONLY
    ):
        return True
    return memberships.is_active_member(ctx, category["id"], session.user_id)


def _save(ctx: CallContext, category: KObject) -> KObject:
    category["updatedAt"] = ctx.now
    ctx.db.put(CATEGORY_KIND, str(category["id"]), ctx.partner_id, category)
    return category


def _place(ctx: CallContext, category: KObject) -> None:
    """Compute fullName/fullIds/depth from the parent and refuse a duplicate full name."""
    if "name" in category and not str(category.get("name") or "").strip():
        raise KalturaApiError("PROPERTY_VALIDATION_CANNOT_BE_NULL", "KalturaCategory::name")
    parent_id = int(category.get("parentId") or 0)
    parent = _find(ctx, parent_id, "PARENT_CATEGORY_NOT_FOUND") if parent_id else None
    if parent is not None and str(category["id"]) in str(parent["fullIds"]).split(">"):
        raise KalturaApiError("PARENT_CATEGORY_NOT_FOUND", parent_id)
    category["parentId"] = parent_id
    category["depth"] = parent["depth"] + 1 if parent else 0
    category["fullName"] = (
        f"{parent['fullName']}>{category['name']}" if parent else category["name"]
    )
    category["fullIds"] = f"{parent['fullIds']}>{category['id']}" if parent else str(category["id"])
    for other in ctx.db.all(CATEGORY_KIND, ctx.partner_id):
        if other["id"] != category["id"] and other["fullName"] == category["fullName"]:
            raise KalturaApiError("DUPLICATE_CATEGORY", category["fullName"])


def _children(ctx: CallContext, category_id: int) -> list[KObject]:
    return [
        c for c in ctx.db.all(CATEGORY_KIND, ctx.partner_id) if c.get("parentId") == category_id
    ]


def _replace_subtree(ctx: CallContext, category: KObject) -> None:
    for child in _children(ctx, int(category["id"])):
        _place(ctx, child)
        _save(ctx, child)
        _replace_subtree(ctx, child)


@handles("category", "add")
def add(ctx: CallContext, params: Params) -> KObject:
    given = params["category"]
    require(given, "name")
    category: KObject = {
        "objectType": "KalturaCategory",
        "id": ctx.db.next_value("category"),
        "partnerId": ctx.partner_id,
        "entriesCount": 0,
        "directEntriesCount": 0,
        "directSubCategoriesCount": 0,
        "membersCount": 0,
        "createdAt": ctx.now,
        "status": CATEGORY_ACTIVE,
        "appearInList": 1,
        "privacy": 1,
        "inheritanceType": 2,
        "contributionPolicy": 1,
    }
    apply_changes(ctx.schema, category, given, inserting=True)
    _place(ctx, category)
    _save(ctx, category)
    _owner_manages(ctx, category)
    _recount(ctx)
    return _find(ctx, int(category["id"]))


@handles("category", "get")
def get(ctx: CallContext, params: Params) -> KObject:
    return _find(ctx, params["id"])


@handles("category", "update")
def update(ctx: CallContext, params: Params) -> KObject:
    category = _find(ctx, params["id"])
    apply_changes(ctx.schema, category, params["category"], inserting=False)
    _place(ctx, category)
    _save(ctx, category)
    _owner_manages(ctx, category)
    _replace_subtree(ctx, category)
    _recount(ctx)
    return _find(ctx, params["id"])


@handles("category", "delete")
def delete(ctx: CallContext, params: Params) -> None:
    category = _find(ctx, params["id"])
    move_up = params["moveEntriesToParentCategory"] != 0 and category.get("parentId")
    _delete_subtree(ctx, category, int(category["parentId"]) if move_up else 0)
    _recount(ctx)


def _owner_manages(ctx: CallContext, category: KObject) -> None:
    """The category's `owner` is its MANAGER member, as api_v3 makes it on saving a category
    (a category that inherits its members has none of its own)."""
    owner = category.get("owner")
    if owner and category.get("inheritanceType") != INHERIT:
        memberships.make_manager(ctx, category, str(owner))
        count_members(ctx, category["id"])


def count_members(ctx: CallContext, category_id: object) -> None:
    """`membersCount`: the category's active members."""
    category = ctx.db.get(CATEGORY_KIND, str(category_id), ctx.partner_id)
    if category is not None:
        category["membersCount"] = memberships.active_members(ctx, category["id"])
        ctx.db.put(CATEGORY_KIND, str(category["id"]), ctx.partner_id, category)


def _delete_subtree(ctx: CallContext, category: KObject, heir: int) -> None:
    for child in _children(ctx, int(category["id"])):
        _delete_subtree(ctx, child, heir)
    for link in _links(ctx):
        if link["categoryId"] == category["id"]:
            _unlink(ctx, link)
            if heir and _link_of(ctx, heir, link["entryId"]) is None:
                _link(ctx, heir, link["entryId"])
    memberships.remove_all(ctx, category["id"])
    ctx.db.delete(CATEGORY_KIND, str(category["id"]), ctx.partner_id)


@handles("category", "list")
def list_categories(ctx: CallContext, params: Params) -> KObject:
    return listing.list_response(
        ctx.schema,
        "KalturaCategoryListResponse",
        "KalturaCategory",
        [c for c in ctx.db.all(CATEGORY_KIND, ctx.partner_id) if _listed_for(ctx, c)],
        params["filter"],
        params["pager"],
    )


# -- categoryEntry ---------------------------------------------------------------------------


def _links(ctx: CallContext) -> list[KObject]:
    return ctx.db.all(LINK_KIND, ctx.partner_id)


def _link_key(category_id: int, entry_id: str) -> str:
    return f"{category_id}|{entry_id}"


def _link_of(ctx: CallContext, category_id: int, entry_id: str) -> KObject | None:
    return ctx.db.get(LINK_KIND, _link_key(category_id, entry_id), ctx.partner_id)


def _link(ctx: CallContext, category_id: int, entry_id: str) -> KObject:
    category = _find(ctx, category_id)
    link: KObject = {
        "objectType": "KalturaCategoryEntry",
        "categoryId": category_id,
        "entryId": entry_id,
        "createdAt": ctx.now,
        "categoryFullIds": category["fullIds"],
        "status": LINK_ACTIVE,
        "creatorUserId": ctx.session.user_id if ctx.session else "",
    }
    ctx.db.put(LINK_KIND, _link_key(category_id, entry_id), ctx.partner_id, link)
    return link


def _unlink(ctx: CallContext, link: KObject) -> None:
    ctx.db.delete(LINK_KIND, _link_key(link["categoryId"], link["entryId"]), ctx.partner_id)


def _recount(ctx: CallContext) -> None:
    """Refresh entry counts on categories and category lists on entries."""
    categories = {int(c["id"]): c for c in ctx.db.all(CATEGORY_KIND, ctx.partner_id)}
    links = _links(ctx)
    for category in categories.values():
        direct = [link for link in links if link["categoryId"] == category["id"]]
        below = [
            link
            for link in links
            if str(category["id"])
            in str(categories.get(link["categoryId"], {}).get("fullIds", "")).split(">")
        ]
        counts = {
            "directEntriesCount": len(direct),
            "entriesCount": len({link["entryId"] for link in below}),
            "directSubCategoriesCount": sum(
                1 for c in categories.values() if c.get("parentId") == category["id"]
            ),
        }
        if any(category.get(k) != v for k, v in counts.items()):
            category.update(counts)
            ctx.db.put(CATEGORY_KIND, str(category["id"]), ctx.partner_id, category)
    for entry in ctx.db.all(ENTRY_KIND, ctx.partner_id):
        mine = [
            categories[link["categoryId"]]
            for link in links
            if link["entryId"] == entry["id"] and link["categoryId"] in categories
        ]
        names = ",".join(str(c["fullName"]) for c in mine)
        ids = ",".join(str(c["id"]) for c in mine)
        if (entry.get("categories"), entry.get("categoriesIds")) != (names, ids):
            entry.update(categories=names, categoriesIds=ids)
            ctx.db.put(ENTRY_KIND, str(entry["id"]), ctx.partner_id, entry)


@handles("categoryEntry", "add")
def link_add(ctx: CallContext, params: Params) -> KObject:
    given = params["categoryEntry"]
    refuse_read_only(ctx.schema, given)
    entry_id = str(require(given, "entryId"))
    category_id = int(require(given, "categoryId"))
    try:
        find_entry(ctx, entry_id)
    except KalturaApiError:
        raise KalturaApiError("INVALID_ENTRY_ID", entry_id) from None
    _find(ctx, category_id)
    if _link_of(ctx, category_id, entry_id) is not None:
        raise KalturaApiError("CATEGORY_ENTRY_ALREADY_EXISTS")
    link = _link(ctx, category_id, entry_id)
    _recount(ctx)
    return link


@handles("categoryEntry", "delete")
def link_delete(ctx: CallContext, params: Params) -> None:
    entry_id, category_id = params["entryId"], params["categoryId"]
    try:
        find_entry(ctx, entry_id)
    except KalturaApiError:
        raise KalturaApiError("INVALID_ENTRY_ID", entry_id) from None
    _find(ctx, category_id)
    link = _link_of(ctx, category_id, entry_id)
    if link is None:
        raise KalturaApiError("ENTRY_IS_NOT_ASSIGNED_TO_CATEGORY")
    _unlink(ctx, link)
    _recount(ctx)


@handles("categoryEntry", "list")
def link_list(ctx: CallContext, params: Params) -> KObject:
    filter_ = params["filter"] or {}
    if not any(
        filter_.get(f) for f in ("entryIdEqual", "entryIdIn", "categoryIdEqual", "categoryIdIn")
    ):
        raise KalturaApiError("MUST_FILTER_ON_ENTRY_OR_CATEGORY")
    return listing.list_response(
        ctx.schema,
        "KalturaCategoryEntryListResponse",
        "KalturaCategoryEntry",
        _links(ctx),
        filter_,
        params["pager"],
    )
