"""`user.*`: the partner's users, and `user.loginByLoginId` (login id = e-mail or user id).

Passwords are kept only as salted hashes under the internal `passwordHash` key, which no class
in the schema declares, so it is never rendered.
"""

from __future__ import annotations

from app.kaltura.ks import SESSION_TYPE_ADMIN, SESSION_TYPE_USER
from app.sandbox import listing, sessions
from app.sandbox.context import CallContext, Params, handles
from app.sandbox.errors import KalturaApiError
from app.sandbox.passwords import check_password, hash_password
from app.sandbox.services.changes import apply_changes, require
from app.sandbox.store import KObject

USER_KIND = "user"
STATUS_ACTIVE, STATUS_DELETED = 1, 2


def _find(ctx: CallContext, user_id: str) -> KObject:
    user = ctx.db.get(USER_KIND, user_id, ctx.partner_id)
    if user is None:
        raise KalturaApiError("INVALID_USER_ID")
    return user


def _save(ctx: CallContext, user: KObject) -> KObject:
    user["updatedAt"] = ctx.now
    ctx.db.put(USER_KIND, str(user["id"]), ctx.partner_id, user)
    return user


def _take_password(user: KObject) -> None:
    password = user.pop("password", None)
    if password:
        user["passwordHash"] = hash_password(str(password))


@handles("user", "add")
def add(ctx: CallContext, params: Params) -> KObject:
    given = params["user"]
    user_id = str(require(given, "id"))
    if ctx.db.get(USER_KIND, user_id, ctx.partner_id) is not None:
        raise KalturaApiError("DUPLICATE_USER_BY_ID", user_id)
    user: KObject = {
        "objectType": "KalturaUser",
        "partnerId": ctx.partner_id,
        "status": STATUS_ACTIVE,
        "createdAt": ctx.now,
        "type": 0,
        "isAdmin": False,
        "loginEnabled": False,
        "storageSize": 0,
    }
    apply_changes(ctx.schema, user, given, inserting=True)
    _take_password(user)
    return _save(ctx, user)


@handles("user", "get")
def get(ctx: CallContext, params: Params) -> KObject:
    return _find(
        ctx, params["userId"] if params["userId"] is not None else ctx.user_session.user_id
    )


@handles("user", "update")
def update(ctx: CallContext, params: Params) -> KObject:
    user = _find(ctx, params["userId"])
    apply_changes(ctx.schema, user, params["user"], inserting=False, skip=("password",))
    if user.get("id") != params["userId"]:  # a rename moves the stored record
        ctx.db.delete(USER_KIND, params["userId"], ctx.partner_id)
    return _save(ctx, user)


@handles("user", "delete")
def delete(ctx: CallContext, params: Params) -> KObject:
    user = _find(ctx, params["userId"])
    ctx.db.delete(USER_KIND, params["userId"], ctx.partner_id)
    return {**user, "status": STATUS_DELETED, "updatedAt": ctx.now}


@handles("user", "list")
def list_users(ctx: CallContext, params: Params) -> KObject:
    return listing.list_response(
        ctx.schema,
        "KalturaUserListResponse",
        "KalturaUser",
        ctx.db.all(USER_KIND, ctx.partner_id),
        params["filter"],
        params["pager"],
    )


@handles("user", "loginByLoginId")
def login_by_login_id(ctx: CallContext, params: Params) -> str:
    partner_id = params["partnerId"] or ctx.default_partner_id
    partner = ctx.db.partner(partner_id)
    if partner is None:
        raise KalturaApiError("INVALID_PARTNER_ID", partner_id)
    login = params["loginId"]
    user = next(
        (u for u in ctx.db.all(USER_KIND, partner_id) if login in (u.get("email"), u.get("id"))),
        None,
    )
    if user is None or not user.get("loginEnabled") or "passwordHash" not in user:
        raise KalturaApiError("USER_NOT_FOUND")
    if not check_password(params["password"], str(user["passwordHash"])):
        raise KalturaApiError("USER_WRONG_PASSWORD")
    user["lastLoginTime"] = ctx.now
    ctx.db.put(USER_KIND, str(user["id"]), partner_id, user)
    return sessions.issue(
        partner,
        user_id=str(user["id"]),
        session_type=SESSION_TYPE_ADMIN if user.get("isAdmin") else SESSION_TYPE_USER,
        expiry_seconds=params["expiry"] or 86400,
        privileges=params["privileges"] or "",
        now=ctx.now,
    )
