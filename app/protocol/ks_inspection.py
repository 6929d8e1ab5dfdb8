"""What the KS inspector shows: a KS's details as `session.get` answered them, and as the KS
itself says them where it can be read without a call (v1; v2 only with the partner's secret).

The server is asked because only it can open a v2 KS and knows whether a KS was ended; the
local reading stands when the server cannot be reached. The inspector asks `session.get` in
JSON (`format=1`) whatever format the form uses, so one reader serves every server. An answer
that is not a `KalturaSessionInfo` nor a Kaltura error (a proxy's HTML page, truncated JSON)
is said to be so, never shown as a broken panel. Pure: no I/O and no web imports.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from app.protocol.facts import API_EXCEPTION, OBJECT_TYPE
from app.protocol.ks import KsInfo, parse_privileges, read
from app.protocol.ks_status import FATAL, TYPES, invalid_ks_failure
from app.protocol.secrets import shortened_ks

SESSION_INFO = "KalturaSessionInfo"
ANSWER_FORMAT = "1"  # JSON: see the module docstring


@dataclass(frozen=True)
class KsDetails:
    """One reading of a KS: `source` is "server" (session.get) or "local" (the KS itself)."""

    source: str
    partner_id: int | None
    session_type: str
    user_id: str
    expiry: int | None
    privileges: tuple[tuple[str, str], ...]
    version: int | None = None

    @property
    def expiry_text(self) -> str:
        """`2027-01-15 09:00:00 UTC`, or "" without an expiry."""
        return "" if self.expiry is None else f"{self._expiry_at:%Y-%m-%d %H:%M:%S} UTC"

    @property
    def expiry_iso(self) -> str:
        return "" if self.expiry is None else self._expiry_at.isoformat()

    @property
    def _expiry_at(self) -> datetime:
        return datetime.fromtimestamp(self.expiry or 0, UTC)

    def seconds_left(self, now: float) -> int | None:
        return None if self.expiry is None else int(self.expiry - now)

    def expired(self, now: float) -> bool:
        return self.expiry is not None and self.expiry < now  # as `KsInfo.expired`


@dataclass(frozen=True)
class ServerError:
    """What session.get answered instead of the details: a Kaltura error (`code`, `message`),
    or "" for `code` when the answer was no Kaltura answer at all."""

    code: str
    message: str
    failure: str = ""  # EXPIRED, LOGOUT, INVALID_STR… from an INVALID_KS message


@dataclass(frozen=True)
class Inspection:
    """Everything the inspector panel prints. `unreachable` says why the server gave no answer."""

    now: int
    local: KsDetails | None = None
    server: KsDetails | None = None
    error: ServerError | None = None
    unreachable: str = ""

    @property
    def expiry(self) -> int | None:
        """The expiry to count down to: the server's word first."""
        for details in (self.server, self.local):
            if details is not None and details.expiry is not None:
                return details.expiry
        return None

    @property
    def readings(self) -> tuple[KsDetails, ...]:
        """The readings to show: the server's, and the KS's own when it is a v1 KS (read by
        anyone) or the server gave none; a v2 KS opened with the sandbox's secret would only
        repeat the server."""
        local = self.local
        if local is not None and (self.server is None or local.version == 1):
            return tuple(d for d in (self.server, local) if d is not None)
        return (self.server,) if self.server is not None else ()

    @property
    def countdown(self) -> str:
        """What the expiry line's countdown says at `now` ("" without an expiry)."""
        expiry = self.expiry
        return "" if expiry is None else countdown(expiry - self.now)

    @property
    def countdown_rule(self) -> dict[str, object]:
        """The countdown's rule, which the page carries for ks-inspector.js."""
        return countdown_rule()

    @property
    def refused_for_good(self) -> str:
        """The failure the server refused the KS for, when no later call can cure it."""
        return self.error.failure if self.error and self.error.failure in FATAL else ""

    @property
    def dead(self) -> str:
        """Why no call will take this KS ("" when nothing says so): the server's fatal failure,
        or an expiry already past."""
        if self.refused_for_good:
            return self.refused_for_good
        expiry = self.expiry
        return "EXPIRED" if expiry is not None and expiry < self.now else ""


def type_label(session_type: int | None) -> str:
    if session_type is None:
        return ""
    return TYPES.get(session_type, f"type {session_type}")


def local_details(ks: str, secrets: tuple[str, ...] = ()) -> KsDetails | None:
    """The KS read without a call; None when it says nothing beyond its partner (a v2 KS
    without its secret) or is no KS."""
    info = read(ks, secrets)
    if not isinstance(info, KsInfo) or not info.readable:
        return None
    return KsDetails(
        source="local",
        partner_id=info.partner_id,
        session_type=type_label(info.session_type),
        user_id=info.user_id,
        expiry=info.expiry,
        privileges=parse_privileges(info.privileges),
        version=info.version,
    )


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except ValueError:
        return None


def read_answer(
    status: int,
    content_type: str,
    body: bytes,
    now: int,
    local: KsDetails | None = None,
    ks: str = "",
) -> Inspection:
    """The inspection of one session.get answer (in JSON, `ANSWER_FORMAT`), beside the `local`
    reading of the same KS; `ks`, which an `INVALID_KS` message repeats, is shortened in it as
    the Result shortens it."""
    try:
        value = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        value = None
    if isinstance(value, dict) and value.get(OBJECT_TYPE) == SESSION_INFO:
        details = KsDetails(
            source="server",
            partner_id=_int(value.get("partnerId")),
            session_type=type_label(_int(value.get("sessionType"))),
            user_id=str(value.get("userId") or ""),
            expiry=_int(value.get("expiry")),
            privileges=parse_privileges(str(value.get("privileges") or "")),
        )
        return Inspection(now, local, server=details)
    if isinstance(value, dict) and value.get(OBJECT_TYPE) == API_EXCEPTION:
        code, message = str(value.get("code") or ""), str(value.get("message") or "")
        message = message.replace(ks, shortened_ks(ks)) if ks.strip() else message
        failure = invalid_ks_failure(message) if code == "INVALID_KS" else ""
        return Inspection(now, local, error=ServerError(code or "error", message, failure))
    kind = content_type.split(";")[0].strip() or "no content type"
    said = f"HTTP {status}, {kind}, {len(body)} bytes"
    nothing = ServerError("", f"The server's answer was no session.get answer ({said}).")
    return Inspection(now, local, error=nothing)


COUNTDOWN_UNITS: Final = (("d", 86400), ("h", 3600), ("m", 60), ("s", 1))
COUNTDOWN_LEFT: Final = (
    "{d} d {h} h {mm} min left",
    "{h} h {mm} min {ss} s left",
    "{m} min {ss} s left",
    "{s} s left",
)
COUNTDOWN_AGO: Final = (
    "expired {n} d ago",
    "expired {n} h ago",
    "expired {n} min ago",
    "expired {n} s ago",
)
"""The countdown's rule, stated once: time left counts in the units from the largest that is
not 0 (`COUNTDOWN_LEFT`, one template a unit; `mm`, `ss` two-digit); time past says only its
largest whole unit (`COUNTDOWN_AGO`, `n` of it). The page carries it (`countdown_rule`, as
`data-countdown-rule` in `templates/_ks_inspected.html`) for ks-inspector.js, which keeps the
countdown going by it."""


def countdown_rule() -> dict[str, object]:
    """The rule as the page carries it, for ks-inspector.js."""
    return {"units": COUNTDOWN_UNITS, "left": COUNTDOWN_LEFT, "ago": COUNTDOWN_AGO}


def countdown(seconds: int) -> str:
    """`3 h 05 min 09 s left`, or `expired 2 min ago`: what the expiry line says at first (the
    browser's ks-inspector.js keeps it going by the same `countdown_rule`)."""
    sizes = [size for _, size in COUNTDOWN_UNITS]
    if seconds < 0:
        at = next((i for i, size in enumerate(sizes) if -seconds >= size), len(sizes) - 1)
        return COUNTDOWN_AGO[at].format(n=-seconds // sizes[at])
    values: dict[str, int | str] = {}
    rest = seconds
    for name, size in COUNTDOWN_UNITS:
        values[name], rest = divmod(rest, size)
    at = next((i for i, (name, _) in enumerate(COUNTDOWN_UNITS) if values[name]), len(sizes) - 1)
    values["mm"], values["ss"] = f"{values['m']:02d}", f"{values['s']:02d}"
    return COUNTDOWN_LEFT[at].format(**values)
