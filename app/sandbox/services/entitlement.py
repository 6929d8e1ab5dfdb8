"""Who may see and who may change an entry, as api_v3 decides it.

Changing (api_v3's `@validateUser entry entryId edit`, checked by its dispatcher before the
action runs): an ADMIN session; the entry's owner; a user in its `entitledUsersEdit`; or a KS
with `edit:<entryId>`, `edit:*` or a bare `*`. Anyone else gets INVALID_KS
with "-4,INVALID_TYPE", as api_v3 answers it.

Seeing: a new Kaltura partner enforces no entitlement, so every session sees every entry. A KS with
`enableentitlement` turns it on (the sandbox partner has the entitlement feature, so the privilege
works; it wins over a `disableentitlement` in the same KS, which api_v3 reads first). Then an entry
is seen by its owner and its entitled users, with `disableentitlementforentry:<entryId>`, when it is
in no category (such an entry is public), or by an active member of one of its categories.
"""

from __future__ import annotations

from app.protocol.ks import KsFailure
from app.sandbox.context import CallContext
from app.sandbox.errors import KalturaApiError
from app.sandbox.services import memberships
from app.sandbox.sessions import Session
from app.sandbox.store import Db, KObject

_ENTITLED_LISTS = ("entitledUsersEdit", "entitledUsersPublish", "entitledUsersView")


def enforced(session: Session) -> bool:
    return session.info.has_privilege("enableentitlement")


def _names(entry: KObject, field: str) -> list[str]:
    return [u.strip() for u in str(entry.get(field) or "").split(",") if u.strip()]


def may_view(ctx: CallContext, entry: KObject) -> bool:
    return may_view_as(ctx.db, ctx.user_session, ctx.partner_id, entry)


def may_view_as(db: Db, session: Session, partner_id: int, entry: KObject) -> bool:
    """`may_view` where there is no call (the sandbox's delivery URLs)."""
    if not enforced(session):
        return True
    user = session.user_id
    if user and (
        entry.get("userId") == user or any(user in _names(entry, f) for f in _ENTITLED_LISTS)
    ):
        return True
    if str(entry["id"]) in session.info.privilege_values("disableentitlementforentry"):
        return True
    categories = _names(entry, "categoriesIds")
    return not categories or any(memberships.is_active(db, partner_id, c, user) for c in categories)


def may_edit(ctx: CallContext, entry: KObject) -> bool:
    session = ctx.user_session
    if session.is_admin or (session.user_id and entry.get("userId") == session.user_id):
        return True
    edit = session.info.privilege_values("edit") + session.info.privilege_values("all")
    if "*" in edit or str(entry["id"]) in edit:
        return True
    return bool(session.user_id and session.user_id in _names(entry, "entitledUsersEdit"))


def check_may_edit(ctx: CallContext, entry: KObject) -> None:
    if not may_edit(ctx, entry):
        raise KalturaApiError(
            "INVALID_KS", "", int(KsFailure.INVALID_TYPE), KsFailure.INVALID_TYPE.name
        )
