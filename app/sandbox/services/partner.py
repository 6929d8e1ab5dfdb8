"""`partner.*`: the session's own partner — get, getInfo, getUsage, getSecrets, update.

What the sandbox keeps of the partner is its profile (`seeding.py`, kind `partner`) and its
secrets (the `partners` table, which `--admin-secret`/`--user-secret` may change). As api_v3's
`partner` service answers a `KalturaPartner`, in our words:
- `get` without an id, and `getInfo`, answer the session's partner; another id is
  INVALID_PARTNER_ID (a partner sees only itself). `secret` and `adminSecret` need a permission
  to be read: an ADMIN session gets them, a USER session does not.
- `getSecrets` needs no KS: the partner's admin e-mail and password give the partner with its
  secrets (and the password echoed as `cmsPassword`); anything else — no such login, a wrong
  password, a login that is not an admin — is USER_DATA_ERROR, the same for each.
- `getUsage` reports storage as the sandbox has it: the bytes uploaded to the partner's upload
  tokens, in GB; the sandbox serves no bandwidth to count. With a year, `usageGraph` has one
  `key,value;` point per day of the month (or per month with resolution `months`).
- `update` changes the session's partner's profile.
- `list` and `count` cover the partner and its sub-partners ("count includes the partner
  itself"); the sandbox's partners have none, so they find the session's partner alone.
"""

from __future__ import annotations

import calendar

from app.sandbox import listing, logins
from app.sandbox.context import CallContext, Params, handles
from app.sandbox.defaults import PARTNER_KIND
from app.sandbox.errors import KalturaApiError
from app.sandbox.passwords import check_password
from app.sandbox.services.changes import apply_changes
from app.sandbox.services.upload_tokens import TOKEN_KIND
from app.sandbox.store import KObject

USER_KIND = "user"
GB = 1024**3


def _profile(ctx: CallContext, partner_id: int, *, with_secrets: bool) -> KObject:
    row = ctx.db.partner(partner_id)
    profile = ctx.db.get(PARTNER_KIND, str(partner_id), partner_id)
    if row is None or profile is None:
        raise KalturaApiError("UNKNOWN_PARTNER_ID", partner_id)
    if with_secrets:
        profile.update(secret=row["user_secret"], adminSecret=row["admin_secret"])
    return profile


@handles("partner", "get")
def get(ctx: CallContext, params: Params) -> KObject:
    own = ctx.user_session.partner_id
    wanted = own if params.get("id") is None else params["id"]
    if int(wanted) != own:
        raise KalturaApiError("INVALID_PARTNER_ID", wanted)
    return _profile(ctx, own, with_secrets=ctx.user_session.is_admin)


@handles("partner", "getInfo")
def get_info(ctx: CallContext, params: Params) -> KObject:
    session = ctx.user_session
    return _profile(ctx, session.partner_id, with_secrets=session.is_admin)


@handles("partner", "getSecrets")
def get_secrets(ctx: CallContext, params: Params) -> KObject:
    partner_id = params["partnerId"]
    admin = next(
        (
            u
            for u in ctx.db.all(USER_KIND, partner_id)
            if logins.can_log_in(u) and logins.login_id(u) == params["adminEmail"]
        ),
        None,
    )
    if (
        admin is None
        or ctx.db.partner(partner_id) is None
        or not check_password(params["cmsPassword"], str(admin[logins.PASSWORD_HASH_KEY]))
        or not admin.get("isAdmin")
    ):
        raise KalturaApiError("USER_DATA_ERROR")
    profile = _profile(ctx, partner_id, with_secrets=True)
    return {**profile, "cmsPassword": params["cmsPassword"]}


@handles("partner", "getUsage")
def get_usage(ctx: CallContext, params: Params) -> KObject:
    partner_id = ctx.user_session.partner_id
    _profile(ctx, partner_id, with_secrets=False)
    stored = sum(float(t.get("uploadedFileSize") or 0) for t in ctx.db.all(TOKEN_KIND, partner_id))
    usage: KObject = {
        "objectType": "KalturaPartnerUsage",
        "hostingGB": round(stored / GB, 2),
        "usageGB": round(stored / GB, 2),
        "Percent": 0.0,
    }
    year = params.get("year")
    if year and year > 0:
        month = min(max(params.get("month") or 1, 1), 12)
        points = 12 if params.get("resolution") == "months" else calendar.monthrange(year, month)[1]
        usage["usageGraph"] = "".join(f"{key},0;" for key in range(1, points + 1))
    return usage


@handles("partner", "update")
def update(ctx: CallContext, params: Params) -> KObject:
    session = ctx.user_session
    profile = _profile(ctx, session.partner_id, with_secrets=False)
    apply_changes(ctx.schema, profile, params["partner"], inserting=False)
    ctx.db.put(PARTNER_KIND, str(session.partner_id), session.partner_id, profile)
    return _profile(ctx, session.partner_id, with_secrets=session.is_admin)


def _own(ctx: CallContext) -> list[KObject]:
    session = ctx.user_session
    return [_profile(ctx, session.partner_id, with_secrets=session.is_admin)]


@handles("partner", "list")
def list_partners(ctx: CallContext, params: Params) -> KObject:
    return listing.list_response(
        ctx.schema,
        "KalturaPartnerListResponse",
        "KalturaPartner",
        _own(ctx),
        params["filter"],
        params["pager"],
    )


@handles("partner", "count")
def count_partners(ctx: CallContext, params: Params) -> int:
    return listing.count(ctx.schema, "KalturaPartner", _own(ctx), params["filter"])
