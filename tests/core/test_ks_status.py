"""What the console says of the KS in its ks field, and which server errors kill a KS."""

from __future__ import annotations

import pytest

from app.protocol import ks
from app.protocol.ks_status import KsStatus, fingerprint, reported_failure, status

SECRET = "0123456789abcdef0123456789abcdef"
NOW = 1_800_000_000
LATER = NOW + 3600
EARLIER = NOW - 60
V1 = ks.encode_v1(SECRET, 101, expiry=LATER, session_type=2, user_id="alice", rand=7)
V1_EXPIRED = ks.encode_v1(SECRET, 101, expiry=EARLIER, session_type=0, rand=7)
V2 = ks.encode_v2(SECRET, 101, expiry=LATER, session_type=2, random_bytes=b"\x07" * 16)
V2_EXPIRED = ks.encode_v2(SECRET, 101, expiry=EARLIER, session_type=2, random_bytes=b"\x07" * 16)
WHEN_LATER = "2027-01-15 09:00 UTC"
WHEN_EARLIER = "2027-01-15 07:59 UTC"


@pytest.mark.parametrize(
    ("token", "secrets", "reported", "expected"),
    [
        ("", (), "", KsStatus()),
        ("   ", (), "", KsStatus()),
        ("garbage!", (), "", KsStatus("not a KS this console can read")),
        (V1, (), "", KsStatus(f"KS v1, partner 101, ADMIN, expires {WHEN_LATER}, user alice")),
        (
            V1_EXPIRED,
            (),
            "",
            KsStatus(
                f"KS v1, partner 101, USER, expired {WHEN_EARLIER}",
                f"it expired at {WHEN_EARLIER}",
            ),
        ),
        # A v2 KS seals its expiry: without the secret only the partner shows, and an expired
        # one cannot be told from a live one.
        (V2, (), "", KsStatus("KS v2, partner 101")),
        (V2_EXPIRED, (), "", KsStatus("KS v2, partner 101")),
        (V2, ("wrong", SECRET), "", KsStatus(f"KS v2, partner 101, ADMIN, expires {WHEN_LATER}")),
        (
            V2_EXPIRED,
            (SECRET,),
            "",
            KsStatus(
                f"KS v2, partner 101, ADMIN, expired {WHEN_EARLIER}",
                f"it expired at {WHEN_EARLIER}",
            ),
        ),
        # What a server said of the KS wins over what the KS itself says.
        (V2, (), "EXPIRED", KsStatus("KS v2, partner 101", "the server reported it expired")),
        (
            V1,
            (),
            "LOGOUT",
            KsStatus(
                f"KS v1, partner 101, ADMIN, expires {WHEN_LATER}, user alice",
                "it was ended by session.end",
            ),
        ),
        (V2, (), "SOMETHING_ELSE", KsStatus("KS v2, partner 101")),
    ],
)
def test_status_describes_the_ks_and_says_why_it_will_be_refused(
    token: str, secrets: tuple[str, ...], reported: str, expected: KsStatus
) -> None:
    said = status(token, NOW, secrets, reported)
    assert (said.note, said.problem) == (expected.note, expected.problem)


@pytest.mark.parametrize(
    ("token", "secrets", "reported", "state", "expiry"),
    [
        ("", (), "", "", None),
        ("garbage!", (), "", "unreadable", None),
        (V1, (), "", "held", LATER),
        (V1_EXPIRED, (), "", "dead", EARLIER),
        (V2, (), "", "held", None),  # sealed: held, its expiry unknown
        (V2, (SECRET,), "", "held", LATER),
        (V2, (), "LOGOUT", "dead", None),
    ],
)
def test_status_states_the_ks_in_a_word_and_its_expiry_when_known(
    token: str, secrets: tuple[str, ...], reported: str, state: str, expiry: int | None
) -> None:
    said = status(token, NOW, secrets, reported)
    assert (said.state, said.expiry) == (state, expiry)


@pytest.mark.parametrize(
    ("code", "message", "expected"),
    [
        ("INVALID_KS", 'Invalid KS "djJ8MTAx", Error "-5,EXPIRED"', "EXPIRED"),
        ("INVALID_KS", 'Invalid KS "abc", Error "-6,LOGOUT"', "LOGOUT"),
        # A bad string or a wrong partner may be a typo: nothing to remember.
        ("INVALID_KS", 'Invalid KS "abc", Error "-1,INVALID_STR"', ""),
        ("INVALID_KS", 'Invalid KS "abc", Error "-2,INVALID_PARTNER"', ""),
        ("INVALID_KS", "Invalid KS", ""),
        ("ENTRY_ID_NOT_FOUND", 'Error "-5,EXPIRED"', ""),
    ],
)
def test_reported_failure_reads_the_invalid_ks_error(
    code: str, message: str, expected: str
) -> None:
    assert reported_failure(code, message) == expected


def test_fingerprint_is_short_one_way_and_ignores_surrounding_space() -> None:
    assert fingerprint(V1) == fingerprint(f" {V1}\n")
    assert fingerprint(V1) != fingerprint(V2)
    assert len(fingerprint(V1)) == 16 and V1[:16] not in fingerprint(V1)
