"""The password rules a new sandbox login is held to: api_v3's defaults, as a table."""

from __future__ import annotations

import pytest

from app.sandbox.passwords import follows_rules


@pytest.mark.parametrize(
    ("password", "first", "last", "email", "ok"),
    [
        ("Sandb0x-pass", "", "", "a@b.co", True),
        ("abc1!xyz", "", "", "a@b.co", True),
        ("abc1!xy", "", "", "a@b.co", False),  # 7 characters
        ("abcdefgh1!abcde", "", "", "a@b.co", False),  # 15 characters
        ("ABCDEF1!", "", "", "a@b.co", False),  # no lowercase letter
        ("abcdefg!", "", "", "a@b.co", False),  # no digit
        ("abcdefg1", "", "", "a@b.co", False),  # no symbol
        ("abc1!xyz_", "", "", "a@b.co", False),  # "_" is not allowed
        ("abc 1!xyz", "", "", "a@b.co", False),  # nor a space
        ("x1!ANNAx", "Anna", "", "a@b.co", False),  # the first name, in any case
        ("x1!lee-xy", "Al", "Lee", "a@b.co", False),  # the last name
        ("x1!al-xy", "Al", "", "a@b.co", False),  # a short first name alone is the full name
        ("x1!al-xy", "Al", "Lee", "a@b.co", True),  # …but not when there is a last name
        ("a1!@b.co", "", "", "a1!@b.co", False),  # the login email itself
    ],
)
def test_password_rules_are_api_v3_defaults(
    password: str, first: str, last: str, email: str, ok: bool
) -> None:
    assert follows_rules(password, first_name=first, last_name=last, login_email=email) is ok
