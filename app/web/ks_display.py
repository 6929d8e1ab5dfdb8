"""A one-line description of a KS for the ks field: partner, type and expiry when decodable."""

from __future__ import annotations

from datetime import UTC, datetime

from app.kaltura.ks import KsInfo, decode

TYPES = {0: "USER", 2: "ADMIN"}


def describe_ks(ks: str) -> str:
    if not ks:
        return ""
    info = decode(ks)
    if not isinstance(info, KsInfo):
        return "not a KS this console can read"
    parts = [f"KS v{info.version}", f"partner {info.partner_id}"]
    if info.session_type is not None:
        parts.append(TYPES.get(info.session_type, f"type {info.session_type}"))
    if info.expiry is not None:
        when = datetime.fromtimestamp(info.expiry, UTC).strftime("%Y-%m-%d %H:%M UTC")
        parts.append(f"expires {when}")
    if info.user_id:
        parts.append(f"user {info.user_id}")
    return ", ".join(parts)
