"""What the console says about the KS in its ks field: a one-line note, and whether the server
will refuse it because it expired or was ended.

A v1 KS carries its expiry in clear; a v2 KS seals it, so it is known only where the console
holds the partner's secret (sandbox mode). That a KS was ended by `session.end`, or that a server
called it expired (`INVALID_KS … Error "-5,EXPIRED"`), is known only from earlier answers: the
caller keeps those by `fingerprint` and passes the failure name back in. Pure: no web imports.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from app.protocol.ks import KsFailure, KsInfo, read

TYPES = {0: "USER", 2: "ADMIN"}
# The failures a server reports in INVALID_KS that no later call can cure: the KS must go.
FATAL = frozenset({KsFailure.EXPIRED.name, KsFailure.LOGOUT.name})
_REPORTED = {
    KsFailure.EXPIRED.name: "the server reported it expired",
    KsFailure.LOGOUT.name: "it was ended by session.end",
}
# `Invalid KS "djJ8…", Error "-5,EXPIRED"` (docs/PROTOCOL.md §5)
_INVALID_KS_ERROR = re.compile(r'Error "(-?\d+),\s*([A-Z_]+)"\s*$')


@dataclass(frozen=True)
class KsStatus:
    """`note` describes the KS ("" when there is none); `problem` says why the server will
    refuse it ("" when that is not known)."""

    note: str = ""
    problem: str = ""
    expiry: int | None = None  # when known (a v1 KS, or a v2 one this console can open)
    readable: bool = False

    @property
    def state(self) -> str:
        """One word for a summary line: "" (no KS), `dead`, `unreadable` or `held`."""
        if not self.note:
            return ""
        if self.problem:
            return "dead"
        return "held" if self.readable else "unreadable"


def fingerprint(ks: str) -> str:
    """A short, one-way name for a KS, to remember what became of it without keeping it."""
    return hashlib.sha256(ks.strip().encode()).hexdigest()[:16]


def _when(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M UTC")


def _describe(info: KsInfo, now: float) -> str:
    parts = [f"KS v{info.version}", f"partner {info.partner_id}"]
    if info.session_type is not None:
        parts.append(TYPES.get(info.session_type, f"type {info.session_type}"))
    if info.expiry is not None:
        parts.append(f"{'expired' if info.expired(now) else 'expires'} {_when(info.expiry)}")
    if info.user_id:
        parts.append(f"user {info.user_id}")
    return ", ".join(parts)


def status(ks: str, now: float, secrets: Iterable[str] = (), reported: str = "") -> KsStatus:
    """The note and problem for `ks` at `now`; `secrets` open a v2 KS, `reported` is a failure
    name a server gave for this KS earlier (`EXPIRED`, `LOGOUT`)."""
    if not ks.strip():
        return KsStatus()
    info = read(ks, secrets)
    if not isinstance(info, KsInfo):
        return KsStatus("not a KS this console can read")
    note = _describe(info, now)
    problem = ""
    if reported in _REPORTED:
        problem = _REPORTED[reported]
    elif info.expiry is not None and info.expired(now):
        problem = f"it expired at {_when(info.expiry)}"
    return KsStatus(note, problem, info.expiry, readable=True)


def reported_failure(code: str, message: str) -> str:
    """The failure name in a Kaltura error, when it says the KS sent can never work again:
    `INVALID_KS` with `Error "-5,EXPIRED"` gives `EXPIRED`; anything else gives ""."""
    if code != "INVALID_KS":
        return ""
    failure = invalid_ks_failure(message)
    return failure if failure in FATAL else ""


def invalid_ks_failure(message: str) -> str:
    """The failure name an `INVALID_KS` message ends with (`EXPIRED`, `INVALID_STR`…), or ""."""
    found = _INVALID_KS_ERROR.search(message)
    return found.group(2) if found else ""
