"""Category membership rows (`categoryUser`), as the category side needs them: who is an active
member, how many are, the owner as MANAGER, and the rows that go with a deleted category.

`categories.py` uses it for entitlement (members-only categories) and owners;
`category_users.py` answers the `categoryUser` service over the same rows. As api_v3 keeps
them: a row per category and user, its permission names those of its level.
"""

from __future__ import annotations

from app.sandbox.context import CallContext
from app.sandbox.services.users import ensure_user
from app.sandbox.store import Db, KObject

MEMBER_KIND = "categoryUser"
# KalturaCategoryUserStatus, KalturaCategoryUserPermissionLevel, KalturaUpdateMethodType
ACTIVE, PENDING, NOT_ACTIVE, DELETED = 1, 2, 3, 4
MANAGER, MODERATOR, CONTRIBUTOR, MEMBER = 0, 1, 2, 3
MANUAL, AUTOMATIC = 0, 1
PERMISSION_NAMES = {
    MANAGER: "CATEGORY_EDIT,CATEGORY_MODERATE,CATEGORY_CONTRIBUTE,CATEGORY_VIEW",
    MODERATOR: "CATEGORY_MODERATE,CATEGORY_VIEW",
    CONTRIBUTOR: "CATEGORY_CONTRIBUTE,CATEGORY_VIEW",
    MEMBER: "CATEGORY_VIEW",
}
# What api_v3 gives the owner on saving a category (the same names, in its order).
OWNER_PERMISSION_NAMES = "CATEGORY_CONTRIBUTE,CATEGORY_EDIT,CATEGORY_MODERATE,CATEGORY_VIEW"


def member_key(category_id: object, user_id: object) -> str:
    return f"{category_id}|{user_id}"


def is_active_member(ctx: CallContext, category_id: object, user_id: str) -> bool:
    return is_active(ctx.db, ctx.partner_id, category_id, user_id)


def is_active(db: Db, partner_id: int, category_id: object, user_id: str) -> bool:
    member = db.get(MEMBER_KIND, member_key(category_id, user_id), partner_id)
    return member is not None and member.get("status") == ACTIVE


def active_members(ctx: CallContext, category_id: object) -> int:
    return sum(
        1
        for m in ctx.db.all(MEMBER_KIND, ctx.partner_id)
        if m["categoryId"] == category_id and m.get("status") == ACTIVE
    )


def make_manager(ctx: CallContext, category: KObject, user_id: str) -> None:
    """`user_id` (created if the partner has no such user) becomes an active MANAGER of
    `category`, changed by hand (MANUAL), as api_v3 makes a category's owner."""
    ensure_user(ctx, user_id)
    key = member_key(category["id"], user_id)
    member = ctx.db.get(MEMBER_KIND, key, ctx.partner_id) or {
        "objectType": "KalturaCategoryUser",
        "categoryId": category["id"],
        "userId": user_id,
        "partnerId": ctx.partner_id,
        "createdAt": ctx.now,
    }
    member.update(
        permissionLevel=MANAGER,
        permissionNames=OWNER_PERMISSION_NAMES,
        status=ACTIVE,
        updateMethod=MANUAL,
        categoryFullIds=category.get("fullIds"),
        updatedAt=ctx.now,
    )
    ctx.db.put(MEMBER_KIND, key, ctx.partner_id, member)


def remove_all(ctx: CallContext, category_id: object) -> None:
    for member in ctx.db.all(MEMBER_KIND, ctx.partner_id):
        if member["categoryId"] == category_id:
            ctx.db.delete(MEMBER_KIND, member_key(category_id, member["userId"]), ctx.partner_id)
