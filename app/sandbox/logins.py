"""Users' logins, as api_v3 keeps them: who can `user.loginByLoginId`, and with what login id.

api_v3 (kaltura/server) keeps a login apart from the user (a `user_login_data` row). `user.add`
makes one when the new user has a password, or is an admin (then with a generated password);
`loginEnabled` sent to `user.add` is not read, and the answer's `loginEnabled` only says whether
a login exists. The login id is the user's `email` at that moment, which must look like an
e-mail; `user.update` changes neither (`loginEnabled` and `password` are insert-only). The sandbox
keeps a login on the user record, under keys no schema class declares, so they never render.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable

from app.sandbox.errors import KalturaApiError
from app.sandbox.passwords import PASSWORD_RULES, follows_rules, hash_password
from app.sandbox.store import KObject

LOGIN_ID_KEY = "loginEmail"
PASSWORD_HASH_KEY = "passwordHash"

# The shape api_v3 accepts as a login id (an e-mail address): at most 64 characters before
# the one "@" and 255 after; dot-separated runs of letters, digits and !#$%&'*+,?^_`{|}~- before
# it, and after it dot-separated names of letters, digits, "_" and inner hyphens, at least two.
_LOCAL_PART = r"[\w,!#$%&'*+?^`{|}~-]+(?:\.[\w,!#$%&'*+?^`{|}~-]+)*"
_DOMAIN = r"(?:\w(?:[\w-]*\w)?\.)+\w+"
_EMAIL = re.compile(rf"(?=[^@]{{1,64}}@[^@]{{1,255}}\Z){_LOCAL_PART}@{_DOMAIN}", re.ASCII)


def is_email(value: object) -> bool:
    return isinstance(value, str) and _EMAIL.fullmatch(value) is not None


def login_id(user: KObject) -> object:
    """The id `user` logs in with; a record kept before logins had their own key (the seeded
    admin among them) logs in with its email."""
    return user.get(LOGIN_ID_KEY, user.get("email"))


def can_log_in(user: KObject) -> bool:
    return PASSWORD_HASH_KEY in user


def give_login(user: KObject, password: str | None, others: Iterable[KObject]) -> None:
    """Make the new `user` a login, as api_v3's `user.add` does: the checks in its order
    (INVALID_FIELD_VALUE for the email, DUPLICATE_USER_BY_LOGIN_ID, PASSWORD_STRUCTURE_INVALID)."""
    email = user.get("email")
    if not is_email(email):
        raise KalturaApiError("INVALID_FIELD_VALUE", "email")
    if any(can_log_in(other) and login_id(other) == email for other in others):
        raise KalturaApiError("DUPLICATE_USER_BY_LOGIN_ID", email)
    if password is None:  # an admin added without one: api_v3 makes one up and e-mails it
        password = secrets.token_urlsafe(12)
    elif not follows_rules(
        password,
        first_name=str(user.get("firstName") or ""),
        last_name=str(user.get("lastName") or ""),
        login_email=str(email),
    ):
        raise KalturaApiError("PASSWORD_STRUCTURE_INVALID", PASSWORD_RULES)
    user[LOGIN_ID_KEY] = email
    user[PASSWORD_HASH_KEY] = hash_password(password)
