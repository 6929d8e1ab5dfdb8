"""`user.*`: the partner's users, `user.loginByLoginId` and `user.loginByKs`.

Who gets a login, and with what login id, is api_v3's rule (`app/sandbox/logins.py`): a user
added with a password (or as an admin) logs in with the email it was added with.
"""

from __future__ import annotations

import re

from app.protocol.ks import SESSION_TYPE_ADMIN, SESSION_TYPE_USER
from app.sandbox import listing, logins, sessions
from app.sandbox.context import CallContext, Params, handles
from app.sandbox.errors import KalturaApiError
from app.sandbox.passwords import check_password
from app.sandbox.services.changes import apply_changes
from app.sandbox.store import KObject

USER_KIND = "user"
STATUS_ACTIVE, STATUS_DELETED = 1, 2
# The user ids api_v3 accepts: 1 to 320 of these characters.
_USER_ID = re.compile(r"[A-Za-z0-9,!#$%&'*+?^_`{|}~.@-]{1,320}")


def _find(ctx: CallContext, user_id: str) -> KObject:
    user = ctx.db.get(USER_KIND, user_id, ctx.partner_id)
    if user is None:
        raise KalturaApiError("INVALID_USER_ID")
    return user


def _save(ctx: CallContext, user: KObject) -> KObject:
    user["updatedAt"] = ctx.now
    ctx.db.put(USER_KIND, str(user["id"]), ctx.partner_id, user)
    return user


def _check_new_id(ctx: CallContext, user_id: object) -> str:
    """api_v3 checks the id's shape first: a missing id is INVALID_FIELD_VALUE too."""
    if not isinstance(user_id, str) or not _USER_ID.fullmatch(user_id):
        raise KalturaApiError("INVALID_FIELD_VALUE", "id")
    if ctx.db.get(USER_KIND, user_id, ctx.partner_id) is not None:
        raise KalturaApiError("DUPLICATE_USER_BY_ID", user_id)
    return user_id


def ensure_user(ctx: CallContext, user_id: str) -> KObject:
    """The user `user_id`, created as api_v3 creates one a call names:
    active, no login; INVALID_FIELD_VALUE when the id has not a user id's shape."""
    user = ctx.db.get(USER_KIND, user_id, ctx.partner_id)
    if user is not None:
        return user
    if not _USER_ID.fullmatch(user_id):
        raise KalturaApiError("INVALID_FIELD_VALUE", "userId")
    user = {
        "objectType": "KalturaUser",
        "id": user_id,
        "partnerId": ctx.partner_id,
        "screenName": user_id,
        "status": STATUS_ACTIVE,
        "createdAt": ctx.now,
        "type": 0,
        "isAdmin": False,
        "loginEnabled": False,
        "storageSize": 0,
    }
    return _save(ctx, user)


@handles("user", "add")
def add(ctx: CallContext, params: Params) -> KObject:
    given = params["user"]
    user_id = _check_new_id(ctx, (given or {}).get("id"))
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
    apply_changes(ctx.schema, user, given, inserting=True, skip=("loginEnabled",))
    if user.get("screenName") is None:
        user["screenName"] = user_id
    password = user.pop("password", None)
    if password or user["isAdmin"]:
        others = ctx.db.all(USER_KIND, ctx.partner_id)
        logins.give_login(user, str(password) if password else None, others)
    user["loginEnabled"] = logins.can_log_in(user)
    return _save(ctx, user)


@handles("user", "get")
def get(ctx: CallContext, params: Params) -> KObject:
    return _find(
        ctx, params["userId"] if params["userId"] is not None else ctx.user_session.user_id
    )


@handles("user", "update")
def update(ctx: CallContext, params: Params) -> KObject:
    user = _find(ctx, params["userId"])
    new_id = (params["user"] or {}).get("id")
    if new_id is not None and new_id != params["userId"]:
        _check_new_id(ctx, new_id)
    apply_changes(ctx.schema, user, params["user"], inserting=False)
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
        (
            u
            for u in ctx.db.all(USER_KIND, partner_id)
            if logins.can_log_in(u) and logins.login_id(u) == login
        ),
        None,
    )
    if user is None:  # api_v3: no login with this id (LOGIN_DATA_NOT_FOUND) is USER_NOT_FOUND
        raise KalturaApiError("USER_NOT_FOUND")
    if not check_password(params["password"], str(user[logins.PASSWORD_HASH_KEY])):
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


@handles("user", "loginByKs")
def login_by_ks(ctx: CallContext, params: Params) -> KObject:
    """The session's user, logged in to `requestedPartnerId` as api_v3 does it: the
    same partner gives back the same KS; another one needs a user there with the same login
    who is an admin of it, and gives an ADMIN KS of that partner."""
    session = ctx.user_session
    wanted = params["requestedPartnerId"]
    token = session.token
    if wanted != session.partner_id:
        token = _login_elsewhere(ctx, session.user_id, wanted)
    return {
        "objectType": "KalturaSessionResponse",
        "ks": token,
        "userId": session.user_id,
        "partnerId": wanted,
    }


def _login_elsewhere(ctx: CallContext, user_id: str, partner_id: int) -> str:
    if not user_id:
        raise KalturaApiError("INVALID_USER_ID")
    info = ctx.user_session.info
    allowed = info.privilege_values("enablechangeaccount")
    if info.has_privilege("enablechangeaccount") and str(partner_id) not in allowed:
        raise KalturaApiError("PARTNER_CHANGE_ACCOUNT_DISABLED")
    current = ctx.db.get(USER_KIND, user_id, ctx.partner_id)
    if current is None or not logins.can_log_in(current):
        raise KalturaApiError("LOGIN_DATA_NOT_FOUND")
    partner = ctx.db.partner(partner_id)
    there = next(
        (
            u
            for u in ctx.db.all(USER_KIND, partner_id)
            if logins.can_log_in(u) and logins.login_id(u) == logins.login_id(current)
        ),
        None,
    )
    if partner is None or there is None or not there.get("isAdmin"):
        raise KalturaApiError("USER_DATA_ERROR")
    return sessions.issue(
        partner,
        user_id=str(there["id"]),
        session_type=SESSION_TYPE_ADMIN,
        expiry_seconds=86400,
        privileges="",
        now=ctx.now,
    )
