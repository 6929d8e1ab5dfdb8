"""KSes as the sandbox sees them: checking the one a request carries, issuing new ones.

The KS format itself lives in `app.protocol.ks`; this module adds what needs the database: the
partner's secrets (-2 INVALID_PARTNER when unknown) and the sessions ended by `session.end`
(-6 LOGOUT). Every failure is the `INVALID_KS` error with Kaltura's "code,NAME" pair.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass

from app.protocol import ks
from app.protocol.ks import KsFailure, KsInfo, KsRejection
from app.sandbox.errors import KalturaApiError
from app.sandbox.store import Db


@dataclass(frozen=True)
class Session:
    """An accepted KS and what it allows."""

    token: str
    info: KsInfo

    @property
    def partner_id(self) -> int:
        return self.info.partner_id

    @property
    def user_id(self) -> str:
        return self.info.user_id

    @property
    def is_admin(self) -> bool:
        return self.info.is_admin

    @property
    def sees_everything(self) -> bool:
        """ADMIN, or USER with `disableentitlement`: not limited to its own upload tokens."""
        return self.is_admin or self.info.has_privilege("disableentitlement")


def fingerprint(token: str) -> str:
    return hashlib.sha1(token.strip().encode()).hexdigest()


def invalid_ks(token: str, failure: KsFailure) -> KalturaApiError:
    return KalturaApiError("INVALID_KS", token, int(failure), failure.name)


def authenticate(db: Db, token: str, now: int) -> Session:
    """The session of a KS, or the `INVALID_KS` error a real server gives."""
    decoded = ks.decode(token)
    if isinstance(decoded, KsRejection):
        raise invalid_ks(token, decoded.failure)
    partner = db.partner(decoded.partner_id)
    if partner is None:
        raise invalid_ks(token, KsFailure.INVALID_PARTNER)
    checked = ks.validate(token, [partner["admin_secret"], partner["user_secret"]], now)
    if isinstance(checked, KsRejection):
        raise invalid_ks(token, checked.failure)
    if db.is_revoked(fingerprint(token)):
        raise invalid_ks(token, KsFailure.LOGOUT)
    return Session(token, checked)


def spend_action(db: Db, session: Session) -> None:
    """Count a call against a KS with `actionslimit:N`: N calls are taken, the next ones are
    `INVALID_KS` "-8,EXCEEDED_ACTIONS_LIMIT" (api_v3 keeps the calls left in its
    invalid_session table, checked as it validates the KS). A limit that is not a number above
    0 takes no call, where api_v3 answers INTERNAL_SERVER_ERROR."""
    limits = session.info.privilege_values("actionslimit")
    if not limits:
        return
    limit = int(limits[0]) if limits[0].isdigit() else 0
    if db.next_value(f"ks-calls:{fingerprint(session.token)}") > limit:
        raise invalid_ks(session.token, KsFailure.EXCEEDED_ACTIONS_LIMIT)


def issue(
    partner: sqlite3.Row,
    *,
    user_id: str,
    session_type: int,
    expiry_seconds: int,
    privileges: str,
    now: int,
    master_partner_id: int | None = None,
) -> str:
    """A fresh v2 KS signed with the partner's admin secret, as `session.start` returns."""
    return ks.encode_v2(
        partner["admin_secret"],
        int(partner["id"]),
        user_id=user_id,
        session_type=session_type,
        expiry=now + expiry_seconds,
        privileges=privileges,
        master_partner_id=master_partner_id,
    )
