"""What the KS inspector makes of a session.get answer and of the KS itself, and the words of
its countdown."""

from __future__ import annotations

import json

import pytest

from app.protocol import ks
from app.protocol.ks_inspection import (
    Inspection,
    KsDetails,
    ServerError,
    countdown,
    local_details,
    read_answer,
)

SECRET = "0123456789abcdef0123456789abcdef"
NOW = 1_800_000_000
LATER = NOW + 3600
JSON = "application/json"


def info(**fields: object) -> bytes:
    return json.dumps({"objectType": "KalturaSessionInfo", **fields}).encode()


def error(code: str, message: str) -> bytes:
    return json.dumps(
        {"code": code, "message": message, "objectType": "KalturaAPIException", "args": {}}
    ).encode()


SERVER_ADMIN = KsDetails("server", 101, "ADMIN", "alice", LATER, (("all", "*"),))


@pytest.mark.parametrize(
    ("status", "content_type", "body", "expected"),
    [
        (
            200,
            JSON,
            info(sessionType=2, partnerId=101, userId="alice", expiry=LATER, privileges="*"),
            Inspection(NOW, server=SERVER_ADMIN),
        ),
        (
            200,
            JSON,
            info(sessionType=0, partnerId="7", userId=None, expiry=None, privileges=""),
            Inspection(NOW, server=KsDetails("server", 7, "USER", "", None, ())),
        ),
        (
            200,
            JSON,
            info(sessionType=0, partnerId=7, expiry=LATER, privileges="edit:0_a,sview:*,list"),
            Inspection(
                NOW,
                server=KsDetails(
                    "server", 7, "USER", "", LATER, (("edit", "0_a"), ("sview", "*"), ("list", ""))
                ),
            ),
        ),
        (
            200,
            JSON,
            error("INVALID_KS", 'Invalid KS "djJ8x", Error "-5,EXPIRED"'),
            Inspection(
                NOW,
                error=ServerError(
                    "INVALID_KS", 'Invalid KS "djJ8x", Error "-5,EXPIRED"', "EXPIRED"
                ),
            ),
        ),
        (
            200,
            JSON,
            error("INVALID_KS", 'Invalid KS "x", Error "-1,INVALID_STR"'),
            Inspection(
                NOW,
                error=ServerError(
                    "INVALID_KS", 'Invalid KS "x", Error "-1,INVALID_STR"', "INVALID_STR"
                ),
            ),
        ),
        (
            200,
            JSON,
            error("SERVICE_FORBIDDEN", "The access to service [session] is forbidden"),
            Inspection(
                NOW,
                error=ServerError(
                    "SERVICE_FORBIDDEN", "The access to service [session] is forbidden"
                ),
            ),
        ),
        (
            502,
            "text/html; charset=utf-8",
            b"<html>Bad gateway</html>",
            Inspection(
                NOW,
                error=ServerError(
                    "",
                    "The server's answer was no session.get answer (HTTP 502, text/html, 24 bytes).",
                ),
            ),
        ),
        (
            200,
            JSON,
            b'{"objectType": "KalturaSess',
            Inspection(
                NOW,
                error=ServerError(
                    "",
                    "The server's answer was no session.get answer (HTTP 200, application/json, 27 bytes).",
                ),
            ),
        ),
        (
            200,
            "",
            b"\xff\xfe",
            Inspection(
                NOW,
                error=ServerError(
                    "",
                    "The server's answer was no session.get answer (HTTP 200, no content type, 2 bytes).",
                ),
            ),
        ),
    ],
)
def test_a_session_get_answer_becomes_details_or_a_said_error(
    status: int, content_type: str, body: bytes, expected: Inspection
) -> None:
    assert read_answer(status, content_type, body, NOW) == expected


def test_the_ks_an_error_repeats_is_shortened() -> None:
    ks = "djJ8MTAxfABCDEFGHIJKLMNOP"
    body = error("INVALID_KS", f'Invalid KS "{ks}", Error "-5,EXPIRED"')
    found = read_answer(200, JSON, body, NOW, ks=ks).error
    assert found == ServerError(
        "INVALID_KS", 'Invalid KS "djJ8MTAxfA…", Error "-5,EXPIRED"', "EXPIRED"
    )


V1 = ks.encode_v1(
    SECRET, 101, expiry=LATER, session_type=2, user_id="bob", privileges="edit:*", rand=7
)
V2 = ks.encode_v2(
    SECRET, 101, expiry=LATER, session_type=0, user_id="carol", random_bytes=b"\x07" * 16
)


@pytest.mark.parametrize(
    ("token", "secrets", "expected"),
    [
        (V1, (), KsDetails("local", 101, "ADMIN", "bob", LATER, (("edit", "*"),), version=1)),
        (V2, (), None),  # sealed: nothing beyond the partner without the secret
        (V2, (SECRET,), KsDetails("local", 101, "USER", "carol", LATER, (), version=2)),
        ("not a ks", (), None),
        ("", (), None),
    ],
)
def test_a_ks_is_read_locally_where_it_can_be(
    token: str, secrets: tuple[str, ...], expected: KsDetails | None
) -> None:
    assert local_details(token, secrets) == expected


LOCAL_PAST = KsDetails("local", 1, "USER", "", NOW - 1, ())


@pytest.mark.parametrize(
    ("inspection", "expiry", "dead"),
    [
        (Inspection(NOW, server=SERVER_ADMIN), LATER, ""),
        (Inspection(NOW, local=LOCAL_PAST), NOW - 1, "EXPIRED"),
        # the server's word on the expiry wins over the KS's own
        (Inspection(NOW, local=LOCAL_PAST, server=SERVER_ADMIN), LATER, ""),
        (Inspection(NOW, error=ServerError("INVALID_KS", "", "EXPIRED")), None, "EXPIRED"),
        (Inspection(NOW, error=ServerError("INVALID_KS", "", "LOGOUT")), None, "LOGOUT"),
        # a KS this server cannot read may work elsewhere: not dead for good
        (Inspection(NOW, error=ServerError("INVALID_KS", "", "INVALID_STR")), None, ""),
        (Inspection(NOW, unreachable="Could not connect"), None, ""),
    ],
)
def test_what_the_countdown_runs_to_and_when_a_ks_is_dead(
    inspection: Inspection, expiry: int | None, dead: str
) -> None:
    assert (inspection.expiry, inspection.dead) == (expiry, dead)


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (5, "5 s left"),
        (65, "1 min 05 s left"),
        (3600, "1 h 00 min 00 s left"),
        (86400 + 3 * 3600 + 61, "1 d 3 h 01 min left"),
        (0, "0 s left"),  # expired once past, as a server judges it
        (-1, "expired 1 s ago"),
        (-42, "expired 42 s ago"),
        (-150, "expired 2 min ago"),
        (-7200, "expired 2 h ago"),
        (-3 * 86400, "expired 3 d ago"),
    ],
)
def test_the_countdown_words(seconds: int, said: str) -> None:
    assert countdown(seconds) == said
