"""The Kaltura Session (KS): build, read and check v1 and v2 KSes (docs/PROTOCOL.md §5).

A KS is a self-contained, signed token. v1 is `base64(sha1hex(secret + info) + "|" + info)` with
`info = partnerId;partnerId;expiry;type;random;userId;privileges[;masterPartnerId;additionalData]`,
so anyone can read it. v2 is `base64url("v2|" + partnerId + "|" + AES-128-CBC(...))`: without the
partner's secret only the version and partner can be read.

`decode` reads what can be read without secrets (the console shows it for a captured KS);
`validate` checks a KS against the partner's secrets and the clock. Both return a `KsRejection`
carrying the numeric code api_v3 puts in `INVALID_KS` instead of raising. Pure: no web imports.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets as random_source
import time
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

SESSION_TYPE_USER = 0
SESSION_TYPE_ADMIN = 2

_V2_PREFIX = b"v2|"
_AES_BLOCK = 16
_V2_RANDOM_BYTES = 16
_SHA1_BYTES = 20
# v2 keeps these reserved names beside the privileges in one urlencoded field list.
_FIELD_EXPIRY, _FIELD_TYPE, _FIELD_USER, _FIELD_MASTER, _FIELD_DATA = "_e", "_t", "_u", "_m", "_d"


class KsFailure(IntEnum):
    """Why a KS is refused; the value and name appear in the `INVALID_KS` message ("-5,EXPIRED")."""

    INVALID_STR = -1
    INVALID_PARTNER = -2
    INVALID_USER = -3
    INVALID_TYPE = -4
    EXPIRED = -5
    LOGOUT = -6
    EXCEEDED_ACTIONS_LIMIT = -8  # `actionslimit:N` and N calls made


@dataclass(frozen=True)
class KsRejection:
    failure: KsFailure

    @property
    def code(self) -> int:
        return int(self.failure)

    @property
    def description(self) -> str:
        return self.failure.name


@dataclass(frozen=True)
class KsInfo:
    """What a KS says. For a v2 KS read without its secret only `version` and `partner_id` are
    known and `readable` is False."""

    version: int
    partner_id: int
    readable: bool = True
    expiry: int | None = None
    session_type: int | None = None
    user_id: str = ""
    privileges: str = ""
    master_partner_id: int | None = None
    additional_data: str = ""

    @property
    def is_admin(self) -> bool:
        return self.session_type == SESSION_TYPE_ADMIN

    def expired(self, now: float) -> bool:
        return self.expiry is not None and self.expiry < now

    def privilege_values(self, name: str) -> tuple[str, ...]:
        """Values given to one privilege: `edit:*` → ("*",), `disableentitlement` → ("",)."""
        return tuple(v for n, v in parse_privileges(self.privileges) if n == name)

    def has_privilege(self, name: str) -> bool:
        return any(n == name for n, _ in parse_privileges(self.privileges))


def parse_privileges(privileges: str) -> tuple[tuple[str, str], ...]:
    """`"edit:*,sview:0_abc,disableentitlement"` → (("edit", "*"), ("sview", "0_abc"), …);
    a bare `*` means `all:*`."""
    pairs: list[tuple[str, str]] = []
    for item in privileges.split(","):
        item = item.strip()
        if not item:
            continue
        if item == "*":
            item = "all:*"
        name, _, value = item.partition(":")
        pairs.append((name, value))
    return tuple(pairs)


def privilege_text(name: str, value: str) -> str:
    """One privilege as a KS writes it: `edit:*`, or a bare `disableentitlement`."""
    return f"{name}:{value}" if value else name


# -- building ------------------------------------------------------------------------------------


def encode_v1(
    secret: str,
    partner_id: int,
    *,
    user_id: str = "",
    session_type: int = SESSION_TYPE_USER,
    expiry: int,
    privileges: str = "",
    rand: int | None = None,
) -> str:
    """A v1 KS; `expiry` is an absolute Unix time."""
    nonce = random_source.randbelow(0x10000) if rand is None else rand
    fields = [partner_id, partner_id, expiry, session_type, nonce, user_id, privileges]
    info = ";".join(str(f) for f in fields).encode()
    signature = hashlib.sha1(secret.encode() + info).hexdigest().encode()
    return base64.b64encode(signature + b"|" + info).decode()


def encode_v2(
    secret: str,
    partner_id: int,
    *,
    user_id: str = "",
    session_type: int = SESSION_TYPE_USER,
    expiry: int,
    privileges: str = "",
    master_partner_id: int | None = None,
    additional_data: str = "",
    random_bytes: bytes | None = None,
) -> str:
    """A v2 KS (what `session.start` returns); `expiry` is an absolute Unix time.

    The fields are one name → value map, as api_v3 and the official clients (`generateSessionV2`)
    build them: a privilege named twice keeps its place and its last value (`edit:a,edit:b` seals
    `edit=b`)."""
    fields: dict[str, str] = dict(parse_privileges(privileges))
    fields.update(
        {_FIELD_EXPIRY: str(expiry), _FIELD_TYPE: str(session_type), _FIELD_USER: user_id}
    )
    if master_partner_id is not None:
        fields[_FIELD_MASTER] = str(master_partner_id)
    if additional_data:
        fields[_FIELD_DATA] = additional_data
    payload = (random_bytes or os.urandom(_V2_RANDOM_BYTES)) + urllib.parse.urlencode(
        fields
    ).encode()
    plain = hashlib.sha1(payload).digest() + payload
    plain += b"\0" * (-len(plain) % _AES_BLOCK)  # zero padding, not PKCS#7
    encryptor = _cipher(secret).encryptor()
    sealed = encryptor.update(plain) + encryptor.finalize()
    return base64.urlsafe_b64encode(_V2_PREFIX + str(partner_id).encode() + b"|" + sealed).decode()


def _cipher(secret: str) -> Cipher[modes.CBC]:
    key = hashlib.sha1(secret.encode()).digest()[:_AES_BLOCK]
    return Cipher(algorithms.AES(key), modes.CBC(b"\0" * _AES_BLOCK))


# -- reading -------------------------------------------------------------------------------------


def _b64decode(ks: str) -> bytes | None:
    text = ks.strip()
    padded = text + "=" * (-len(text) % 4)
    for decoder in (base64.urlsafe_b64decode, base64.b64decode):
        try:
            return decoder(padded.encode("ascii"))
        except (binascii.Error, ValueError, UnicodeEncodeError):
            continue
    return None


def _int_or_none(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _split_v2(raw: bytes) -> tuple[int, bytes] | None:
    parts = raw.split(b"|", 2)
    if len(parts) != 3 or parts[0] != b"v2":
        return None
    partner = _int_or_none(parts[1].decode("ascii", "replace"))
    if partner is None or not parts[2] or len(parts[2]) % _AES_BLOCK:
        return None
    return partner, parts[2]


def _read_v1(raw: bytes) -> tuple[bytes, bytes, KsInfo] | None:
    signature, sep, info = raw.partition(b"|")
    if not sep or len(signature) != 2 * _SHA1_BYTES:
        return None
    try:
        fields = info.decode("utf-8").split(";")
    except UnicodeDecodeError:
        return None
    if len(fields) < 7:
        return None
    partner, expiry, session_type = (_int_or_none(f) for f in (fields[0], fields[2], fields[3]))
    if partner is None or expiry is None or session_type is None:
        return None
    master = _int_or_none(fields[7]) if len(fields) > 7 and fields[7] else None
    parsed = KsInfo(
        version=1,
        partner_id=partner,
        expiry=expiry,
        session_type=session_type,
        user_id=fields[5],
        privileges=fields[6],
        master_partner_id=master,
        additional_data=fields[8] if len(fields) > 8 else "",
    )
    return signature, info, parsed


def decode(ks: str) -> KsInfo | KsRejection:
    """Read a KS without secrets: v1 completely, v2 only its version and partner."""
    raw = _b64decode(ks)
    if raw is None:
        return KsRejection(KsFailure.INVALID_STR)
    if raw.startswith(_V2_PREFIX):
        split = _split_v2(raw)
        if split is None:
            return KsRejection(KsFailure.INVALID_STR)
        return KsInfo(version=2, partner_id=split[0], readable=False)
    v1 = _read_v1(raw)
    return v1[2] if v1 else KsRejection(KsFailure.INVALID_STR)


def read(ks: str, secrets: Iterable[str] = ()) -> KsInfo | KsRejection:
    """Read a KS as far as possible: like `decode`, but a v2 KS is opened with the first of
    `secrets` that fits, and the clock is not consulted (a reader wants to see the expiry of an
    expired KS, not a rejection)."""
    info = decode(ks)
    if isinstance(info, KsRejection) or info.readable:
        return info
    split = _split_v2(_b64decode(ks) or b"")
    if split is None:
        return info
    for secret in secrets:
        opened = _open_v2(split[0], split[1], secret)
        if opened is not None:
            return opened
    return info


def _open_v2(partner: int, sealed: bytes, secret: str) -> KsInfo | None:
    decryptor = _cipher(secret).decryptor()
    plain = (decryptor.update(sealed) + decryptor.finalize()).rstrip(b"\0")
    digest, payload = plain[:_SHA1_BYTES], plain[_SHA1_BYTES:]
    if len(payload) < _V2_RANDOM_BYTES or hashlib.sha1(payload).digest() != digest:
        return None
    try:
        fields = urllib.parse.parse_qsl(
            payload[_V2_RANDOM_BYTES:].decode("utf-8"), keep_blank_values=True, strict_parsing=False
        )
    except UnicodeDecodeError:
        return None
    reserved = dict(f for f in fields if f[0].startswith("_"))
    privileges = ",".join(
        "*" if (n, v) == ("all", "*") else privilege_text(n, v)
        for n, v in fields
        if not n.startswith("_")
    )
    expiry = _int_or_none(reserved.get(_FIELD_EXPIRY, ""))
    session_type = _int_or_none(reserved.get(_FIELD_TYPE, ""))
    if expiry is None or session_type is None:
        return None
    return KsInfo(
        version=2,
        partner_id=partner,
        expiry=expiry,
        session_type=session_type,
        user_id=reserved.get(_FIELD_USER, ""),
        privileges=privileges,
        master_partner_id=_int_or_none(reserved.get(_FIELD_MASTER, "")),
        additional_data=reserved.get(_FIELD_DATA, ""),
    )


def _open_v1(raw: bytes, secret: str) -> KsInfo | None:
    v1 = _read_v1(raw)
    if v1 is None:
        return None
    signature, info, parsed = v1
    expected = hashlib.sha1(secret.encode() + info).hexdigest().encode()
    return parsed if signature.lower() == expected else None


def validate(ks: str, secrets: Iterable[str], now: float | None = None) -> KsInfo | KsRejection:
    """Check a KS against each of its partner's secrets (admin and user) and the clock.

    Only the KS itself is judged here: whether its partner exists (-2) or it was revoked by
    `session.end` (-6) is for the caller, who owns that state."""
    raw = _b64decode(ks)
    if raw is None:
        return KsRejection(KsFailure.INVALID_STR)
    opened: KsInfo | None = None
    split = _split_v2(raw) if raw.startswith(_V2_PREFIX) else None
    for secret in secrets:
        if split is not None:
            opened = _open_v2(split[0], split[1], secret)
        elif not raw.startswith(_V2_PREFIX):
            opened = _open_v1(raw, secret)
        if opened is not None:
            break
    if opened is None:
        return KsRejection(KsFailure.INVALID_STR)
    if opened.session_type not in (SESSION_TYPE_USER, SESSION_TYPE_ADMIN):
        return KsRejection(KsFailure.INVALID_TYPE)
    if opened.expired(time.time() if now is None else now):
        return KsRejection(KsFailure.EXPIRED)
    return opened
