"""The KS this browser holds, and what became of the KSes it held, in the signed session cookie.

`ks` is the value of the ks field; `ks_reported` maps the fingerprints of the last few KSes a
server refused for good (expired, or ended by `session.end`) to that failure, so the console can
say so beside Send before the next call carries one of them. Fingerprints, not KSes: nothing more
is kept of a dead KS than what recognises it.
"""

from __future__ import annotations

import time
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from app.protocol.ks import KsFailure
from app.protocol.ks_status import KsStatus, fingerprint, reported_failure, status
from app.web.console_state import ConsoleState
from app.web.sending import Outcome
from app.web.submission import Submission

Session = MutableMapping[str, Any]
REPORTED_KEPT = 16


def held_ks(session: Session) -> str:
    return str(session.get("ks", ""))


def keep_ks(session: Session, ks: str) -> None:
    if ks.strip():
        session["ks"] = ks.strip()
    else:
        session.pop("ks", None)


def ks_status(session: Session, console: ConsoleState, ks: str) -> KsStatus:
    reported = dict(session.get("ks_reported", {})).get(fingerprint(ks), "") if ks else ""
    return status(ks, time.time(), console.ks_secrets, str(reported))


def report(session: Session, ks: str, failure: str) -> None:
    """Remember that `ks` is dead for `failure` (`EXPIRED`, `LOGOUT`), by its fingerprint."""
    reported = dict(session.get("ks_reported", {}))
    reported.pop(fingerprint(ks), None)
    reported[fingerprint(ks)] = failure
    session["ks_reported"] = dict(list(reported.items())[-REPORTED_KEPT:])


def _learn(session: Session, sent_ks: str, ended: bool, outcome: Outcome) -> bool:
    """Remember the KS that was sent as dead when the answer says so: a `session.end` that
    succeeded (`ended`), or an `INVALID_KS` error naming a failure no retry cures. True when
    something new was learnt."""
    view = outcome.view
    if not sent_ks or view is None:
        return False
    errors = (view.error, *view.item_errors)
    failures = [reported_failure(e.code, e.message) for e in errors if e is not None]
    failure = next((f for f in failures if f), "")
    if not failure and ended and view.error is None:
        failure = KsFailure.LOGOUT.name
    if not failure:
        return False
    report(session, sent_ks, failure)
    return True


@dataclass(frozen=True)
class HeldKs:
    """The KS the ks field holds after a Send; `changed` when the field must be re-rendered
    (a KS came back, or the one sent turned out dead)."""

    ks: str
    status: KsStatus
    changed: bool


def after_send(
    session: Session, console: ConsoleState, submission: Submission, outcome: Outcome
) -> HeldKs:
    sent_ks = submission.config.get("ks", "")
    ended = (submission.service.lower(), submission.action.lower()) == ("session", "end")
    learnt = _learn(session, sent_ks, ended, outcome)
    ks = outcome.ks or sent_ks
    keep_ks(session, ks)
    return HeldKs(ks, ks_status(session, console, ks), bool(outcome.ks) or learnt)
