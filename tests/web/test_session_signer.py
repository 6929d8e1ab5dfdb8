"""The session cookie's signer remembers what it verified and signed (app/web/session_cookie.py)
and still answers as itsdangerous's TimestampSigner does: same bytes, expired and forged cookies
refused even after the same value was once accepted."""

from __future__ import annotations

import itsdangerous
import pytest

from app.web.session_cookie import RememberingSigner

SECRET = "s" * 32
DAY = 24 * 3600


def at(signer: itsdangerous.TimestampSigner, monkeypatch: pytest.MonkeyPatch, when: int) -> None:
    monkeypatch.setattr(signer, "get_timestamp", lambda: when)


def test_signs_the_same_bytes_as_itsdangerous(monkeypatch: pytest.MonkeyPatch) -> None:
    plain, remembering = itsdangerous.TimestampSigner(SECRET), RememberingSigner(SECRET)
    for when in (1_700_000_000, 1_700_000_000, 1_700_000_001):
        at(plain, monkeypatch, when)
        at(remembering, monkeypatch, when)
        for data in (b"e30=", b"eyJrcyI6ICJhYmMifQ=="):
            assert remembering.sign(data) == plain.sign(data)
            assert remembering.unsign(plain.sign(data), max_age=DAY) == data


def test_a_remembered_cookie_past_its_age_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    signer = RememberingSigner(SECRET)
    at(signer, monkeypatch, 1_700_000_000)
    cookie = signer.sign(b"e30=")
    assert signer.unsign(cookie, max_age=DAY) == b"e30="
    at(signer, monkeypatch, 1_700_000_000 + DAY)
    assert signer.unsign(cookie, max_age=DAY) == b"e30="  # remembered, still in time
    at(signer, monkeypatch, 1_700_000_000 + DAY + 1)
    with pytest.raises(itsdangerous.SignatureExpired):
        signer.unsign(cookie, max_age=DAY)


def test_a_forged_cookie_is_refused_every_time(monkeypatch: pytest.MonkeyPatch) -> None:
    signer = RememberingSigner(SECRET)
    forged = RememberingSigner("another secret" * 3).sign(b"e30=")
    for _ in range(2):
        with pytest.raises(itsdangerous.BadSignature):
            signer.unsign(forged, max_age=DAY)
    signed = signer.sign(b"e30=")
    assert signer.unsign(signed, max_age=DAY) == b"e30="
    # A changed first character of the signature: the last one may differ in padding bits only
    # and still decode to the same bytes (this test failed once a while on that).
    value, signature = signed.rsplit(b".", 1)
    other = b"A" if signature[:1] != b"A" else b"B"
    with pytest.raises(itsdangerous.BadSignature):
        signer.unsign(value + b"." + other + signature[1:], max_age=DAY)
