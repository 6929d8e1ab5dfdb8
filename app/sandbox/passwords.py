"""Sandbox users' passwords: salted PBKDF2 hashes (`user.add`, `user.loginByLoginId`) and the
rules api_v3 holds a new password to.

The rules are api_v3's defaults, which it checks whenever a password is set: a partner may
configure others; the sandbox partner has the defaults. `PASSWORD_RULES` is the
RULES argument of `PASSWORD_STRUCTURE_INVALID`, in this project's words.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

_ROUNDS = 100_000

_SYMBOLS = "~!@#$%^*=+?()-[]{}"
_ALLOWED = re.compile(r"[A-Za-z0-9~!@#$%^*=+?()\[\]{}-]{8,14}")
_REQUIRED = (re.compile(r"[0-9]"), re.compile(r"[a-z]"), re.compile(r"[~!@#$%^*=+?()\[\]{}-]"))
# api_v3 skips a first or last name of two characters or fewer.
_SHORTEST_NAME_CHECKED = 3

PASSWORD_RULES = (
    f"- 8 to 14 characters: letters, digits and {_SYMBOLS}\n"
    "- at least one digit (0-9)\n"
    "- at least one lowercase letter (a-z)\n"
    f"- at least one of {_SYMBOLS}\n"
    "- not containing your first or last name, and not your email"
)


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


def follows_rules(password: str, *, first_name: str, last_name: str, login_email: str) -> bool:
    """Whether api_v3 would take `password` for a new login of this user."""
    if not _ALLOWED.fullmatch(password) or not all(r.search(password) for r in _REQUIRED):
        return False
    lowered = password.lower()
    names = [n for n in (first_name, last_name) if len(n) >= _SHORTEST_NAME_CHECKED]
    full_name = f"{first_name} {last_name}".strip()
    if full_name:
        names.append(full_name)
    if any(name.lower() in lowered for name in names):
        return False
    return password != login_email
