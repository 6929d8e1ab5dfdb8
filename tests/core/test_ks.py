"""KS building, reading and checking, including KSes made by the official Kaltura client."""

from __future__ import annotations

import base64
import time

import pytest
from KalturaClient import KalturaClient

from app.protocol import ks
from app.protocol.ks import KsFailure, KsInfo, KsRejection

SECRET = "0123456789abcdef0123456789abcdef"
OTHER = "fedcba9876543210fedcba9876543210"
NOW = 1_800_000_000


def _ok(result: KsInfo | KsRejection) -> KsInfo:
    assert isinstance(result, KsInfo), result
    return result


@pytest.mark.parametrize("encode", [ks.encode_v1, ks.encode_v2], ids=["v1", "v2"])
@pytest.mark.parametrize(
    ("user_id", "session_type", "privileges"),
    [
        ("", ks.SESSION_TYPE_USER, ""),
        ("alice", ks.SESSION_TYPE_ADMIN, "disableentitlement"),
        ("bob@example.com", ks.SESSION_TYPE_USER, "edit:*,sview:0_abc,setrole:5"),
        ("", ks.SESSION_TYPE_ADMIN, "*"),
    ],
)
def test_a_ks_round_trips_through_validate(
    encode: object, user_id: str, session_type: int, privileges: str
) -> None:
    token = encode(  # type: ignore[operator]
        SECRET,
        101,
        user_id=user_id,
        session_type=session_type,
        expiry=NOW + 60,
        privileges=privileges,
    )
    info = _ok(ks.validate(token, [OTHER, SECRET], now=NOW))
    assert (info.partner_id, info.user_id, info.session_type) == (101, user_id, session_type)
    assert (info.expiry, info.privileges) == (NOW + 60, privileges)


def test_v2_ks_begins_like_every_real_v2_ks() -> None:
    assert ks.encode_v2(SECRET, 1, expiry=NOW).startswith("djJ8")


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("", KsFailure.INVALID_STR),
        ("not a ks at all!!", KsFailure.INVALID_STR),
        (base64.b64encode(b"garbage|1;1;x;2;3;u;").decode(), KsFailure.INVALID_STR),
        (ks.encode_v2(OTHER, 101, expiry=NOW + 60), KsFailure.INVALID_STR),
        (ks.encode_v1(OTHER, 101, expiry=NOW + 60), KsFailure.INVALID_STR),
        (ks.encode_v2(SECRET, 101, expiry=NOW - 1), KsFailure.EXPIRED),
        (ks.encode_v1(SECRET, 101, expiry=NOW - 1), KsFailure.EXPIRED),
        (ks.encode_v2(SECRET, 101, expiry=NOW + 60, session_type=7), KsFailure.INVALID_TYPE),
    ],
    ids=[
        "empty",
        "garbage",
        "bad-signature",
        "v2-wrong-secret",
        "v1-wrong-secret",
        "v2-expired",
        "v1-expired",
        "bad-type",
    ],
)
def test_validate_rejects_with_the_invalid_ks_code(token: str, expected: KsFailure) -> None:
    result = ks.validate(token, [SECRET], now=NOW)
    assert result == KsRejection(expected)


def test_rejection_carries_code_and_description_for_the_error_message() -> None:
    rejection = KsRejection(KsFailure.EXPIRED)
    assert (rejection.code, rejection.description) == (-5, "EXPIRED")


def test_decode_reads_a_v1_ks_fully_without_secrets() -> None:
    token = ks.encode_v1(SECRET, 77, user_id="u1", session_type=2, expiry=NOW, privileges="edit:*")
    info = _ok(ks.decode(token))
    assert info == KsInfo(
        version=1, partner_id=77, expiry=NOW, session_type=2, user_id="u1", privileges="edit:*"
    )


def test_decode_reads_only_version_and_partner_of_a_v2_ks() -> None:
    info = _ok(ks.decode(ks.encode_v2(SECRET, 77, user_id="u1", expiry=NOW)))
    assert (info.version, info.partner_id, info.readable, info.user_id) == (2, 77, False, "")


@pytest.mark.parametrize("token", ["", "@@@", base64.b64encode(b"v2|abc|x").decode()])
def test_decode_rejects_garbage(token: str) -> None:
    assert ks.decode(token) == KsRejection(KsFailure.INVALID_STR)


@pytest.mark.parametrize(
    ("privileges", "pairs"),
    [
        ("", ()),
        ("*", (("all", "*"),)),
        (
            "edit:*, sview:0_a,disableentitlement",
            (("edit", "*"), ("sview", "0_a"), ("disableentitlement", "")),
        ),
        ("setrole:1:2", (("setrole", "1:2"),)),
    ],
)
def test_parse_privileges(privileges: str, pairs: tuple[tuple[str, str], ...]) -> None:
    assert ks.parse_privileges(privileges) == pairs


def test_privilege_lookups() -> None:
    info = KsInfo(version=1, partner_id=1, privileges="edit:*,disableentitlement,sview:0_a")
    assert info.has_privilege("disableentitlement")
    assert info.privilege_values("sview") == ("0_a",)
    assert not info.has_privilege("setrole")


@pytest.mark.parametrize("version", [1, 2])
def test_ks_made_by_the_official_client_validates(version: int) -> None:
    make = KalturaClient.generateSession if version == 1 else KalturaClient.generateSessionV2
    raw = make(SECRET, "carol", 2, 4242, 600, "disableentitlement,edit:*")
    token = raw.decode() if isinstance(raw, bytes) else raw
    info = _ok(ks.validate(token, [SECRET]))
    assert (info.version, info.partner_id, info.user_id, info.session_type) == (
        version,
        4242,
        "carol",
        2,
    )
    assert info.privileges == "disableentitlement,edit:*"
    assert info.expiry is not None and abs(info.expiry - (time.time() + 600)) < 5
    decoded = _ok(ks.decode(token))
    assert decoded.partner_id == 4242


def test_official_client_can_be_replaced_by_ours_for_v1_byte_for_byte() -> None:
    ours = ks.encode_v1(SECRET, 9, user_id="u", session_type=0, expiry=NOW, privileges="", rand=5)
    raw = base64.b64decode(ours)
    assert raw.split(b"|", 1)[1] == b"9;9;1800000000;0;5;u;"
