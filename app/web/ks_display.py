"""A one-line description of a KS for the ks field: partner, type and expiry when decodable."""

from __future__ import annotations

from datetime import UTC, datetime

TYPES = {0: "USER", 2: "ADMIN"}


def describe_ks(ks: str) -> str:
    if not ks:
        return ""
    try:
        from app.kaltura.ks import decode
    except ImportError:
        return ""
    try:
        info = decode(ks)
    except ValueError:
        return "not a KS this console can read"
    parts = [f"v{info.version}", f"partner {info.partner_id}"]
    if info.type is not None:
        parts.append(TYPES.get(info.type, f"type {info.type}"))
    if info.expiry is not None:
        parts.append(
            "expires " + datetime.fromtimestamp(info.expiry, UTC).strftime("%Y-%m-%d %H:%M UTC")
        )
    if info.user_id:
        parts.append(f"user {info.user_id}")
    return ", ".join(parts)
