"""`session.*`: start, end, get, impersonate, impersonateByKs.

`session.start` issues v2 KSes; the secret decides what is allowed: the admin secret for an
ADMIN session, the admin or user secret for a USER session — anything else, or no partnerId,
is `START_SESSION_ERROR`, as on a real server.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from app.protocol.ks import SESSION_TYPE_ADMIN, KsInfo
from app.sandbox import sessions
from app.sandbox.context import CallContext, Params, handles
from app.sandbox.errors import KalturaApiError


def _partner_for_secret(
    ctx: CallContext, partner_id: int | None, secret: str, session_type: int
) -> sqlite3.Row:
    """The partner whose secret fits the session type asked for. Like api_v3, no partnerId
    means no partner: the caller must send it (the console's Configuration has the field)."""
    partner = ctx.db.partner(partner_id) if partner_id is not None else None
    if partner is None:
        raise KalturaApiError("START_SESSION_ERROR", partner_id)
    allowed = [partner["admin_secret"]]
    if session_type != SESSION_TYPE_ADMIN:
        allowed.append(partner["user_secret"])
    if secret not in allowed:
        raise KalturaApiError("START_SESSION_ERROR", partner_id)
    return partner


def _session_info(token: str, info: KsInfo) -> dict[str, Any]:
    return {
        "objectType": "KalturaSessionInfo",
        "ks": token,
        "sessionType": info.session_type,
        "partnerId": info.partner_id,
        "userId": info.user_id,
        "expiry": info.expiry,
        "privileges": info.privileges,
    }


@handles("session", "start")
def start(ctx: CallContext, params: Params) -> str:
    session_type = params["type"] or 0
    partner = _partner_for_secret(ctx, params["partnerId"], params["secret"], session_type)
    return sessions.issue(
        partner,
        user_id=params["userId"] or "",
        session_type=session_type,
        expiry_seconds=params["expiry"] or 86400,
        privileges=params["privileges"] or "",
        now=ctx.now,
    )


@handles("session", "end")
def end(ctx: CallContext, params: Params) -> None:
    if ctx.session is not None:
        ctx.db.revoke(sessions.fingerprint(ctx.session.token), ctx.session.info.expiry or 0)


@handles("session", "get")
def get(ctx: CallContext, params: Params) -> dict[str, Any]:
    token = params["session"] or ctx.user_session.token
    session = sessions.authenticate(ctx.db, token, ctx.now)
    return _session_info(token, session.info)


@handles("session", "impersonate")
def impersonate(ctx: CallContext, params: Params) -> str:
    session_type = params["type"] or 0
    partner_id = params["partnerId"]
    _partner_for_secret(ctx, partner_id, params["secret"], session_type)
    target = ctx.db.partner(params["impersonatedPartnerId"])
    if target is None:
        raise KalturaApiError("START_SESSION_ERROR", partner_id)
    return sessions.issue(
        target,
        user_id=params["userId"] or "",
        session_type=session_type,
        expiry_seconds=params["expiry"] or 86400,
        privileges=params["privileges"] or "",
        now=ctx.now,
        master_partner_id=partner_id,
    )


@handles("session", "impersonateByKs")
def impersonate_by_ks(ctx: CallContext, params: Params) -> dict[str, Any]:
    """A new KS like `session` with type, expiry or privileges replaced. As on api_v3 the
    answer's `expiry` is the new KS's lifetime in seconds, not a timestamp."""
    own_partner = ctx.user_session.partner_id
    try:
        source = sessions.authenticate(ctx.db, params["session"], ctx.now).info
    except KalturaApiError:
        raise KalturaApiError("START_SESSION_ERROR", own_partner) from None
    partner = ctx.db.partner(source.partner_id)
    if partner is None:  # pragma: no cover - authenticate already found it
        raise KalturaApiError("START_SESSION_ERROR", own_partner)
    session_type = source.session_type if params["type"] is None else params["type"]
    expiry = (source.expiry or ctx.now) - ctx.now if params["expiry"] is None else params["expiry"]
    privileges = params["privileges"] or source.privileges
    token = sessions.issue(
        partner,
        user_id=source.user_id,
        session_type=session_type or 0,
        expiry_seconds=expiry,
        privileges=privileges,
        now=ctx.now,
        master_partner_id=own_partner,
    )
    info = _session_info(token, sessions.authenticate(ctx.db, token, ctx.now).info)
    return {**info, "expiry": expiry}
