"""user.add then user.loginByLoginId, as api_v3 answers them: a password (not `loginEnabled`)
gives a new user a login, whose id is the email the user was added with."""

from __future__ import annotations

import itertools

import httpx
import pytest
from KalturaClient.exceptions import KalturaException
from KalturaClient.Plugins.Core import KalturaSessionType, KalturaUser

from tests.sandbox.conftest import Api, LiveSandbox

PASSWORD = "Sandb0x-pass"
_serial = itertools.count()


def _new_id(stem: str) -> str:
    return f"{stem}{next(_serial)}"


def _add(api: Api, user_id: str, **fields: object) -> dict[str, object]:
    added = api("user", "add", user={"objectType": "KalturaUser", "id": user_id, **fields})
    assert isinstance(added, dict), added
    return added


def _login(http: httpx.Client, login_id: str, password: str) -> object:
    data = {"loginId": login_id, "password": password, "format": "1"}
    return http.post("/api_v3/service/user/action/loginByLoginId", data=data).json()


def _error(answer: object) -> tuple[object, object]:
    assert isinstance(answer, dict), answer
    return answer.get("code"), answer.get("message")


NOT_FOUND = ("USER_NOT_FOUND", "User was not found")
WRONG_PASSWORD = ("USER_WRONG_PASSWORD", "Wrong password supplied")


@pytest.mark.parametrize(
    ("fields", "login_with", "password", "logs_in", "refusal"),
    [
        pytest.param({"loginEnabled": True}, "email", PASSWORD, True, None, id="loginEnabled-true"),
        pytest.param({}, "email", PASSWORD, True, None, id="loginEnabled-unset"),
        pytest.param(
            {"loginEnabled": False}, "email", PASSWORD, True, None, id="loginEnabled-false"
        ),
        pytest.param({}, "email", "Wr0ng-pass", True, WRONG_PASSWORD, id="wrong-password"),
        pytest.param({}, "id", PASSWORD, True, NOT_FOUND, id="user-id-is-not-a-login-id"),
    ],
)
def test_a_user_added_with_a_password_logs_in_with_its_email(
    api: Api,
    http: httpx.Client,
    fields: dict[str, object],
    login_with: str,
    password: str,
    logs_in: bool,
    refusal: tuple[str, str] | None,
) -> None:
    user_id = _new_id("pw")
    email = f"{user_id}@example.com"
    added = _add(api, user_id, email=email, password=PASSWORD, **fields)
    assert (added["id"], added["loginEnabled"]) == (user_id, logs_in)
    assert "password" not in added
    answer = _login(http, email if login_with == "email" else user_id, password)
    if refusal is None:
        assert isinstance(answer, str) and answer.startswith("djJ8"), answer
        session = Api(http, answer)("session", "get")
        assert isinstance(session, dict) and session["userId"] == user_id
    else:
        assert _error(answer) == refusal


def test_a_user_added_without_a_password_has_no_login_whatever_loginEnabled_says(
    api: Api, http: httpx.Client
) -> None:
    user_id = _new_id("nopw")
    email = f"{user_id}@example.com"
    assert _add(api, user_id, email=email, loginEnabled=True)["loginEnabled"] is False
    assert _error(_login(http, email, PASSWORD)) == NOT_FOUND


def test_an_admin_added_without_a_password_gets_a_login_nobody_knows(
    api: Api, http: httpx.Client
) -> None:
    user_id = _new_id("admin")
    email = f"{user_id}@example.com"
    assert _add(api, user_id, email=email, isAdmin=True)["loginEnabled"] is True
    assert _error(_login(http, email, PASSWORD)) == WRONG_PASSWORD


@pytest.mark.parametrize(
    ("user_id", "fields", "code", "message"),
    [
        (None, {}, "INVALID_FIELD_VALUE", "value in field [id] is not valid"),
        ("two words", {}, "INVALID_FIELD_VALUE", "value in field [id] is not valid"),
        ("x" * 321, {}, "INVALID_FIELD_VALUE", "value in field [id] is not valid"),
        ("noemail", {"password": PASSWORD}, "INVALID_FIELD_VALUE", "value in field [email] is not valid"),
        ("bademail", {"email": "not-an-email", "password": PASSWORD}, "INVALID_FIELD_VALUE", "value in field [email] is not valid"),
        ("noemailadmin", {"isAdmin": True}, "INVALID_FIELD_VALUE", "value in field [email] is not valid"),
        ("short", {"email": "s@example.com", "password": "pw1"}, "PASSWORD_STRUCTURE_INVALID", None),
        ("nosymbol", {"email": "n@example.com", "password": "abcdefg12"}, "PASSWORD_STRUCTURE_INVALID", None),
        ("named", {"email": "m@example.com", "firstName": "Marta", "password": "marta-123"}, "PASSWORD_STRUCTURE_INVALID", None),
        ("asemail", {"email": "a1!@b.co", "password": "a1!@b.co"}, "PASSWORD_STRUCTURE_INVALID", None),
    ],
)  # fmt: skip
def test_user_add_refuses_what_api_v3_refuses(
    api: Api, user_id: str | None, fields: dict[str, object], code: str, message: str | None
) -> None:
    user = {"objectType": "KalturaUser", **fields}
    if user_id is not None:
        user["id"] = user_id
    answer = api("user", "add", user=user)
    assert isinstance(answer, dict) and answer["code"] == code, answer
    if message is not None:
        assert answer["message"] == message
    else:
        assert str(answer["message"]).startswith("The password you entered has an invalid")
        assert "8 to 14 characters" in str(answer["message"])
    if user_id is not None:
        assert _error(api("user", "get", userId=user_id))[0] == "INVALID_USER_ID"


def test_two_logins_cannot_share_an_email(api: Api) -> None:
    email = f"{_new_id('shared')}@example.com"
    _add(api, _new_id("first"), email=email, password=PASSWORD)
    second = api(
        "user",
        "add",
        user={
            "objectType": "KalturaUser",
            "id": _new_id("second"),
            "email": email,
            "password": PASSWORD,
        },
    )
    assert _error(second) == (
        "DUPLICATE_USER_BY_LOGIN_ID",
        f"Loginable user with email [{email}] already exists in system",
    )
    assert _add(api, _new_id("third"), email=email)["loginEnabled"] is False  # no login: fine


@pytest.mark.parametrize(("name", "value"), [("loginEnabled", True), ("password", PASSWORD)])
def test_user_update_cannot_give_a_login_later(
    api: Api, http: httpx.Client, name: str, value: object
) -> None:
    user_id = _new_id("later")
    email = f"{user_id}@example.com"
    _add(api, user_id, email=email)
    answer = api("user", "update", userId=user_id, user={"objectType": "KalturaUser", name: value})
    assert _error(answer) == (
        "PROPERTY_VALIDATION_NOT_UPDATABLE",
        f'The property "KalturaUser::{name}" cannot be updated',
    )
    assert _error(_login(http, email, PASSWORD)) == NOT_FOUND


def test_a_new_email_does_not_move_the_login(api: Api, http: httpx.Client) -> None:
    user_id = _new_id("moved")
    old, new = f"{user_id}@example.com", f"{user_id}@example.org"
    _add(api, user_id, email=old, password=PASSWORD)
    api("user", "update", userId=user_id, user={"objectType": "KalturaUser", "email": new})
    assert isinstance(_login(http, old, PASSWORD), str)
    assert _error(_login(http, new, PASSWORD)) == NOT_FOUND


def test_user_update_will_not_rename_onto_another_user(api: Api) -> None:
    first, second = _new_id("keep"), _new_id("rename")
    _add(api, first, firstName="Kept")
    _add(api, second)
    answer = api("user", "update", userId=second, user={"objectType": "KalturaUser", "id": first})
    assert _error(answer) == (
        "DUPLICATE_USER_BY_ID",
        f"User with id [{first}] already exists in system",
    )
    kept = api("user", "get", userId=first)
    assert isinstance(kept, dict) and kept["firstName"] == "Kept"


def test_official_client_adds_a_user_with_a_password_and_logs_in(live: LiveSandbox) -> None:
    client = live.client(live.admin_ks())
    user = KalturaUser()
    user.id = _new_id("official")
    user.email = f"{user.id}@example.com"
    user.password = PASSWORD
    added = client.user.add(user)
    assert added.loginEnabled is True and added.screenName == user.id
    partner_id = live.credentials.partner_id
    ks = live.client().user.loginByLoginId(user.email, PASSWORD, partner_id)
    info = live.client(ks).session.get()
    assert (info.userId, info.sessionType.getValue()) == (user.id, KalturaSessionType.USER)
    with pytest.raises(KalturaException) as wrong:
        live.client().user.loginByLoginId(user.email, "Wr0ng-pass", partner_id)
    assert wrong.value.code == "USER_WRONG_PASSWORD"
    with pytest.raises(KalturaException) as unknown:
        live.client().user.loginByLoginId(user.id, PASSWORD, partner_id)
    assert unknown.value.code == "USER_NOT_FOUND"
