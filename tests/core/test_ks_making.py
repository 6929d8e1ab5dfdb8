"""Make a KS: byte for byte what the official Python client's `generateSessionV2` (v2) and
`generateSession` (v1) make from the same inputs, with their clock and random pinned; and the
dialog's fields checked with a message for each that does not hold what it should."""

from __future__ import annotations

import pytest
from KalturaClient import Client as official
from KalturaClient.Client import KalturaClient

from app.protocol import ks
from app.protocol.ks_making import KsOrder, compose_privileges, make, read_order

SECRET = "0123456789abcdef0123456789abcdef"
NOW = 1_800_000_000
RANDOM_BYTES = bytes(range(16))
RAND = 4242

CASES = [
    ("", ks.SESSION_TYPE_USER, ""),
    ("alice", ks.SESSION_TYPE_ADMIN, "disableentitlement"),
    ("bob@example.com", ks.SESSION_TYPE_USER, "sview:0_abc,edit:*,actionslimit:2"),
    ("zoë-日本", ks.SESSION_TYPE_USER, "enableentitlement,privacycontext:ctx,setrole:5"),
    ("", ks.SESSION_TYPE_ADMIN, "*"),
    ("carol", ks.SESSION_TYPE_ADMIN, "edit:0_a,edit:0_b, urirestrict:/api_v3/service/media/*"),
    ("dave", ks.SESSION_TYPE_USER, "iprestrict:10.0.0.1,download:0_x,list:*"),
]


@pytest.fixture
def pinned_official(monkeypatch: pytest.MonkeyPatch) -> None:
    """The official client's clock and random sources, fixed to ours."""
    monkeypatch.setattr(official.time, "time", lambda: NOW + 0.75)
    monkeypatch.setattr(official.Random, "get_random_bytes", lambda size: RANDOM_BYTES[:size])
    monkeypatch.setattr(official.random, "randint", lambda low, high: RAND)


@pytest.mark.usefixtures("pinned_official")
@pytest.mark.parametrize("version", [2, 1])
@pytest.mark.parametrize(("user_id", "session_type", "privileges"), CASES)
def test_made_ks_is_byte_for_byte_the_official_clients(
    version: int, user_id: str, session_type: int, privileges: str
) -> None:
    generate = KalturaClient.generateSessionV2 if version == 2 else KalturaClient.generateSession
    theirs = generate(SECRET, user_id, session_type, 102, 3600, privileges)
    order = KsOrder(SECRET, 102, session_type, user_id, 3600, privileges, version)
    ours = make(order, NOW, random_bytes=RANDOM_BYTES, rand=RAND)
    assert ours == theirs.decode()


def test_made_ks_reads_back_with_its_secret() -> None:
    order = KsOrder(SECRET, 102, ks.SESSION_TYPE_USER, "zoë", 60, "sview:0_abc,actionslimit:2")
    info = ks.validate(make(order, NOW), [SECRET], now=NOW)
    assert isinstance(info, ks.KsInfo)
    assert (info.user_id, info.expiry, info.privileges) == ("zoë", NOW + 60, order.privileges)


GOOD = {
    "secret": SECRET,
    "partnerId": "102",
    "type": "2",
    "userId": "admin",
    "expiry": "86400",
    "privileges": "sview:0_abc",
}


def test_a_good_order_is_read() -> None:
    assert read_order(GOOD) == KsOrder(SECRET, 102, 2, "admin", 86400, "sview:0_abc", 2)
    assert read_order({**GOOD, "version": "1"}) == KsOrder(
        SECRET, 102, 2, "admin", 86400, "sview:0_abc", 1
    )


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("secret", "abc", "32 hexadecimal characters"),
        ("secret", "z" * 32, "not all hex"),
        ("secret", "", "32 hexadecimal characters"),
        ("partnerId", "abc", "whole number"),
        ("partnerId", "-5", "whole number"),
        ("type", "1", "USER (0) or ADMIN (2)"),
        ("expiry", "0", "above 0"),
        ("expiry", "tomorrow", "above 0"),
        ("userId", "a;b", "cannot hold “;”"),
        ("privileges", "edit:*;x", "cannot hold “;”"),
        ("privileges", "sview", "sview needs a value"),
        ("privileges", "actionslimit:many", "whole number of calls"),
        ("privileges", "edit:*, :x", "is not a privilege name"),
        ("privileges", "_e:5", "is not a privilege name"),
        ("version", "3", "2 (sealed) or 1"),
    ],
)
def test_a_bad_field_says_what_it_should_hold(field: str, value: str, says: str) -> None:
    problems = read_order({**GOOD, field: value})
    assert isinstance(problems, dict)
    assert list(problems) == [field]
    assert says in problems[field]


def test_chosen_privileges_come_before_the_free_text() -> None:
    chosen = ["sview", "enableentitlement", "actionslimit"]
    values = {"sview": " 0_abc ", "actionslimit": "2", "enableentitlement": "ignored"}
    assert (
        compose_privileges(chosen, values, " setrole:7, ")
        == "sview:0_abc,enableentitlement,actionslimit:2,setrole:7"
    )
    assert compose_privileges([], {}, "") == ""
