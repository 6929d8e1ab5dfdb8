"""`categoryUser.*`: which users belong to a category, and with what permission.

As api_v3's `categoryUser` service keeps a `KalturaCategoryUser`, in our words, for a
partner without entitlement enforcement (the sandbox's):
- `add` needs an existing category (CATEGORY_NOT_FOUND) that does not inherit its members
  from its parent (CATEGORY_INHERIT_MEMBERS); a user it does not know yet is created (its id
  must have a user id's shape); a second row for the same pair is CATEGORY_USER_ALREADY_EXISTS.
  The row is ACTIVE at once, its `permissionLevel` the one sent or the category's
  `defaultPermissionLevel` (MEMBER), its `permissionNames` those of the level.
- `get`, `update`, `delete`, `activate`, `deactivate` name the pair: an unknown user is
  INVALID_USER_ID, a missing row INVALID_CATEGORY_USER_ID. `update` refuses to replace a
  MANUAL change by one that is not (CANNOT_OVERRIDE_MANUAL_CHANGES) unless `override`.
  `delete` keeps the row as DELETED, hidden from get and list; the category's owner cannot
  be removed (CANNOT_UPDATE_CATEGORY_USER_OWNER).
- `list` must filter on categories or users (MUST_FILTER_USERS_OR_CATEGORY).
The category's `membersCount` counts its active members.
"""

from __future__ import annotations

from app.sandbox import listing
from app.sandbox.context import CallContext, Params, handles
from app.sandbox.errors import KalturaApiError
from app.sandbox.services.categories import CATEGORY_KIND, count_members
from app.sandbox.services.changes import apply_changes, refuse_read_only
from app.sandbox.services.memberships import (
    ACTIVE,
    AUTOMATIC,
    DELETED,
    MANUAL,
    MEMBER,
    MEMBER_KIND,
    NOT_ACTIVE,
    PERMISSION_NAMES,
    member_key,
)
from app.sandbox.services.users import USER_KIND, ensure_user
from app.sandbox.store import KObject

INHERIT = 1  # KalturaInheritanceType
_NARROWING = (
    "categoryIdEqual",
    "categoryIdIn",
    "categoryFullIdsStartsWith",
    "categoryFullIdsEqual",
    "userIdIn",
    "userIdEqual",
    "relatedGroupsByUserId",
)


def _category(ctx: CallContext, category_id: object) -> KObject:
    category = ctx.db.get(CATEGORY_KIND, str(category_id), ctx.partner_id)
    if category is None:
        raise KalturaApiError("CATEGORY_NOT_FOUND", category_id)
    return category


def _live(ctx: CallContext) -> list[KObject]:
    return [m for m in ctx.db.all(MEMBER_KIND, ctx.partner_id) if m.get("status") != DELETED]


def _find(ctx: CallContext, category_id: int, user_id: str) -> KObject:
    if ctx.db.get(USER_KIND, user_id, ctx.partner_id) is None:
        raise KalturaApiError("INVALID_USER_ID", user_id)
    member = ctx.db.get(MEMBER_KIND, member_key(category_id, user_id), ctx.partner_id)
    if member is None or member.get("status") == DELETED:
        raise KalturaApiError("INVALID_CATEGORY_USER_ID", category_id, user_id)
    return member


def _save(ctx: CallContext, member: KObject) -> KObject:
    member["updatedAt"] = ctx.now
    key = member_key(member["categoryId"], member["userId"])
    ctx.db.put(MEMBER_KIND, key, ctx.partner_id, member)
    count_members(ctx, member["categoryId"])
    return member


@handles("categoryUser", "add")
def add(ctx: CallContext, params: Params) -> KObject:
    given: KObject = params["categoryUser"]
    refuse_read_only(ctx.schema, given)
    category = _category(ctx, given.get("categoryId"))
    if category.get("inheritanceType") == INHERIT:
        raise KalturaApiError("CATEGORY_INHERIT_MEMBERS", category["id"])
    user_id = str(given.get("userId") or "")
    if user_id == "0":
        raise KalturaApiError("INVALID_USER_ID", "")
    if not user_id:
        raise KalturaApiError("PROPERTY_VALIDATION_MIN_LENGTH", "KalturaCategoryUser::userId", 1)
    existing = ctx.db.get(MEMBER_KIND, member_key(category["id"], user_id), ctx.partner_id)
    if existing is not None and existing.get("status") != DELETED:
        raise KalturaApiError("CATEGORY_USER_ALREADY_EXISTS")
    ensure_user(ctx, user_id)
    member: KObject = {"objectType": "KalturaCategoryUser"}
    apply_changes(ctx.schema, member, given, inserting=True)
    if member.get("permissionLevel") is None:
        member["permissionLevel"] = category.get("defaultPermissionLevel", MEMBER)
    if not member.get("permissionNames"):
        member["permissionNames"] = PERMISSION_NAMES.get(int(member["permissionLevel"]), "")
    member.update(
        categoryId=category["id"],
        userId=user_id,
        partnerId=ctx.partner_id,
        status=ACTIVE,
        categoryFullIds=category.get("fullIds"),
        createdAt=ctx.now,
    )
    return _save(ctx, member)


@handles("categoryUser", "get")
def get(ctx: CallContext, params: Params) -> KObject:
    if ctx.db.get(USER_KIND, params["userId"], ctx.partner_id) is None:
        raise KalturaApiError("INVALID_USER_ID", params["userId"])
    _category(ctx, params["categoryId"])
    return _find(ctx, params["categoryId"], params["userId"])


@handles("categoryUser", "update")
def update(ctx: CallContext, params: Params) -> KObject:
    member = _find(ctx, params["categoryId"], params["userId"])
    given: KObject = params["categoryUser"] or {}
    if (
        not params.get("override")
        and given.get("updateMethod") in (None, AUTOMATIC)
        and member.get("updateMethod") == MANUAL
    ):
        raise KalturaApiError("CANNOT_OVERRIDE_MANUAL_CHANGES")
    level = member.get("permissionLevel")
    apply_changes(ctx.schema, member, given, inserting=False)
    if member.get("permissionLevel") != level and not given.get("permissionNames"):
        member["permissionNames"] = PERMISSION_NAMES.get(int(member["permissionLevel"]), "")
    return _save(ctx, member)


@handles("categoryUser", "delete")
def delete(ctx: CallContext, params: Params) -> None:
    member = _find(ctx, params["categoryId"], params["userId"])
    category = _category(ctx, params["categoryId"])
    if category.get("inheritanceType") == INHERIT:
        raise KalturaApiError("CATEGORY_INHERIT_MEMBERS", category["id"])
    if category.get("owner") and category["owner"] == member["userId"]:
        raise KalturaApiError("CANNOT_UPDATE_CATEGORY_USER_OWNER")
    member["status"] = DELETED
    _save(ctx, member)


def _set_status(ctx: CallContext, params: Params, status: int) -> KObject:
    member = _find(ctx, params["categoryId"], params["userId"])
    member["status"] = status
    return _save(ctx, member)


@handles("categoryUser", "activate")
def activate(ctx: CallContext, params: Params) -> KObject:
    return _set_status(ctx, params, ACTIVE)


@handles("categoryUser", "deactivate")
def deactivate(ctx: CallContext, params: Params) -> KObject:
    return _set_status(ctx, params, NOT_ACTIVE)


@handles("categoryUser", "list")
def list_members(ctx: CallContext, params: Params) -> KObject:
    filter_: KObject = params["filter"] or {}
    if not any(filter_.get(field) for field in _NARROWING):
        raise KalturaApiError("MUST_FILTER_USERS_OR_CATEGORY")
    return listing.list_response(
        ctx.schema,
        "KalturaCategoryUserListResponse",
        "KalturaCategoryUser",
        _live(ctx),
        filter_,
        params["pager"],
    )
