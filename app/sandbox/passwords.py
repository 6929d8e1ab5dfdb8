"""Salted PBKDF2 password hashes for sandbox users (`user.add`, `user.loginByLoginId`)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

_ROUNDS = 100_000


def hash_password(password: str) -> str:
    salt = secrets.token_hex(8)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), _ROUNDS).hex()
    return f"{salt}${digest}"


def check_password(password: str, stored: str) -> bool:
    salt, _, digest = stored.partition("$")
    if not digest:
        return False
    candidate = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), _ROUNDS).hex()
    return hmac.compare_digest(candidate, digest)
