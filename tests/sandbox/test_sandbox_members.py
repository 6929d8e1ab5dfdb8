"""Users and sessions across partners and categories: user.loginByKs, session.impersonate,
categoryUser and the categories a USER session sees, through the official Python client (XML)
and raw api_v3 calls in JSON, on a real socket."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from KalturaClient import KalturaClient
from KalturaClient.exceptions import KalturaException
from KalturaClient.Plugins.Core import (
    KalturaAppearInListType,
    KalturaCategory,
    KalturaCategoryFilter,
    KalturaCategoryUser,
    KalturaCategoryUserFilter,
    KalturaCategoryUserPermissionLevel,
    KalturaCategoryUserStatus,
    KalturaSessionType,
    KalturaUpdateMethodType,
)

from app.sandbox.passwords import hash_password
from app.sandbox.store import Store
from tests.sandbox.conftest import Api, LiveSandbox

OTHER_PARTNER = 777001


@pytest.fixture(scope="module")
def other_partner(live: LiveSandbox) -> Iterator[int]:
    """A second partner in the same data dir whose admin logs in with the first one's admin
    login, as one person administering two accounts; and a non-admin user with a login."""
    store = Store(live.config.database_path)
    with store.transaction() as db:
        db.save_partner(OTHER_PARTNER, "c" * 32, "d" * 32, "admin@testme.local", "pw")
        for user_id, login, is_admin in (
            ("boss", live.credentials.admin_login, True),
            ("clerk", "clerk@testme.local", False),
        ):
            user = {"objectType": "KalturaUser", "id": user_id, "isAdmin": is_admin}
            user.update(email=login, loginEmail=login, passwordHash=hash_password("Sandbox1!x"))
            db.put("user", user_id, OTHER_PARTNER, user)
    store.close()
    yield OTHER_PARTNER


def _login(live: LiveSandbox) -> KalturaClient:
    ks = live.client().user.loginByLoginId(
        live.credentials.admin_login, live.credentials.admin_password, live.credentials.partner_id
    )
    return live.client(ks)


def test_login_by_ks_keeps_the_ks_or_moves_the_login_to_another_partner(
    live: LiveSandbox, other_partner: int
) -> None:
    """user.loginByKs: the KS's own partner gives the KS back; another needs the same login to be
    an admin there (USER_DATA_ERROR otherwise); a KS without a user is INVALID_USER_ID."""
    client = _login(live)
    same = client.user.loginByKs(live.credentials.partner_id)
    assert (same.ks, same.partnerId, same.userId) == (
        client.getKs(),
        live.credentials.partner_id,
        live.credentials.admin_login,
    )
    moved = client.user.loginByKs(other_partner)
    assert moved.partnerId == other_partner and moved.ks != client.getKs()
    info = live.client(moved.ks).session.get()
    assert (info.partnerId, info.userId) == (other_partner, "boss")
    assert info.sessionType.getValue() == KalturaSessionType.ADMIN
    anonymous = live.client(live.admin_ks(""))
    with pytest.raises(KalturaException) as no_user:
        anonymous.user.loginByKs(other_partner)
    assert no_user.value.code == "INVALID_USER_ID"
    stranger = live.client(live.admin_ks("nobody"))
    with pytest.raises(KalturaException) as no_login:
        stranger.user.loginByKs(other_partner)
    assert no_login.value.code == "LOGIN_DATA_NOT_FOUND"


def test_session_impersonate_gives_a_ks_of_the_other_partner(
    live: LiveSandbox, other_partner: int
) -> None:
    """session.impersonate: the secret is checked against partnerId (START_SESSION_ERROR otherwise)
    and the KS is the impersonated partner's."""
    anonymous = live.client()
    creds = live.credentials
    ks = anonymous.session.impersonate(
        creds.admin_secret, other_partner, "visitor", KalturaSessionType.ADMIN, creds.partner_id
    )
    info = live.client(ks).session.get()
    assert (info.partnerId, info.userId) == (other_partner, "visitor")
    with pytest.raises(KalturaException) as refused:
        anonymous.session.impersonate(
            "0" * 32, other_partner, "visitor", KalturaSessionType.ADMIN, creds.partner_id
        )
    assert refused.value.code == "START_SESSION_ERROR"


def _category(client: KalturaClient, name: str, *, members_only: bool = False) -> int:
    category = KalturaCategory()
    category.name = name
    if members_only:
        category.appearInList = KalturaAppearInListType.CATEGORY_MEMBERS_ONLY
    category_id: int = client.category.add(category).id
    return category_id


def _member(category_id: int, user_id: str, level: int | None = None) -> KalturaCategoryUser:
    member = KalturaCategoryUser()
    member.categoryId, member.userId = category_id, user_id
    if level is not None:
        member.permissionLevel = level
    return member


def _code(call: object) -> str:
    with pytest.raises(KalturaException) as refused:
        call()  # type: ignore[operator]
    return str(refused.value.code)


def test_category_user_adds_members_and_changes_them_as_api_v3_does(live: LiveSandbox) -> None:
    """categoryUser add, get, update with override, activate, deactivate, delete and list; on
    add the category must exist and a user it names is created; the permission names are
    those of the permission level."""
    client = live.client(live.admin_ks())
    club = _category(client, "Club")
    added = client.categoryUser.add(_member(club, "newcomer"))
    assert added.status.getValue() == KalturaCategoryUserStatus.ACTIVE
    assert added.permissionLevel.getValue() == KalturaCategoryUserPermissionLevel.MEMBER
    assert added.permissionNames == "CATEGORY_VIEW" and added.categoryFullIds == str(club)
    assert client.user.get("newcomer").id == "newcomer"
    assert client.category.get(club).membersCount == 1
    assert _code(lambda: client.categoryUser.add(_member(club, "newcomer"))) == (
        "CATEGORY_USER_ALREADY_EXISTS"
    )
    assert _code(lambda: client.categoryUser.add(_member(999999, "newcomer"))) == (
        "CATEGORY_NOT_FOUND"
    )
    change = KalturaCategoryUser()
    change.permissionLevel = KalturaCategoryUserPermissionLevel.MANAGER
    change.updateMethod = KalturaUpdateMethodType.MANUAL
    promoted = client.categoryUser.update(club, "newcomer", change)
    assert promoted.permissionNames == (
        "CATEGORY_EDIT,CATEGORY_MODERATE,CATEGORY_CONTRIBUTE,CATEGORY_VIEW"
    )
    automatic = KalturaCategoryUser()
    automatic.permissionLevel = KalturaCategoryUserPermissionLevel.MEMBER
    assert _code(lambda: client.categoryUser.update(club, "newcomer", automatic)) == (
        "CANNOT_OVERRIDE_MANUAL_CHANGES"
    )
    overridden = client.categoryUser.update(club, "newcomer", automatic, True)
    assert overridden.permissionLevel.getValue() == KalturaCategoryUserPermissionLevel.MEMBER
    inactive = client.categoryUser.deactivate(club, "newcomer")
    assert inactive.status.getValue() == KalturaCategoryUserStatus.NOT_ACTIVE
    assert client.category.get(club).membersCount == 0
    client.categoryUser.activate(club, "newcomer")
    by_user = KalturaCategoryUserFilter()
    by_user.userIdEqual = "newcomer"
    assert [m.categoryId for m in client.categoryUser.list(by_user).objects] == [club]
    assert _code(lambda: client.categoryUser.list()) == "MUST_FILTER_USERS_OR_CATEGORY"
    client.categoryUser.delete(club, "newcomer")
    assert _code(lambda: client.categoryUser.get(club, "newcomer")) == "INVALID_CATEGORY_USER_ID"
    assert _code(lambda: client.categoryUser.get(club, "no-such-user")) == "INVALID_USER_ID"
    assert client.categoryUser.list(by_user).totalCount == 0


def test_a_categorys_owner_is_its_manager_until_the_category_goes(live: LiveSandbox) -> None:
    """Saving a category makes its owner an ACTIVE MANAGER member (updateMethod MANUAL), and
    categoryUser.delete refuses to remove the owner (CANNOT_UPDATE_CATEGORY_USER_OWNER)."""
    client = live.client(live.admin_ks())
    category = KalturaCategory()
    category.name, category.owner = "Owned", "founder"
    owned = client.category.add(category)
    manager = client.categoryUser.get(owned.id, "founder")
    assert manager.permissionLevel.getValue() == KalturaCategoryUserPermissionLevel.MANAGER
    assert manager.updateMethod.getValue() == KalturaUpdateMethodType.MANUAL
    assert client.category.get(owned.id).membersCount == 1
    assert _code(lambda: client.categoryUser.delete(owned.id, "founder")) == (
        "CANNOT_UPDATE_CATEGORY_USER_OWNER"
    )
    client.category.delete(owned.id)
    by_user = KalturaCategoryUserFilter()
    by_user.userIdEqual = "founder"
    assert client.categoryUser.list(by_user).totalCount == 0


def test_a_members_only_category_shows_only_to_its_active_members(live: LiveSandbox) -> None:
    """With entitlement on (the KS's `enableentitlement`), a category is listed when it is shown to
    the partner (display_in_search PARTNER_ONLY, the API's appearInList) or the user is one of its
    members; without it, every category is."""
    admin = live.client(live.admin_ks())
    hidden = _category(admin, "Back room", members_only=True)
    shown = _category(admin, "Lobby")
    creds = live.credentials

    def guest_of(privileges: str) -> KalturaClient:
        ks = live.client().session.start(
            creds.user_secret, "guest", KalturaSessionType.USER, creds.partner_id, 600, privileges
        )
        return live.client(ks)

    guest = guest_of("enableentitlement")
    listed = KalturaCategoryFilter()
    listed.idIn = f"{hidden},{shown}"

    def seen() -> set[int]:
        return {c.id for c in guest.category.list(listed).objects}

    assert {c.id for c in guest_of("").category.list(listed).objects} == {shown, hidden}
    assert seen() == {shown}
    assert _code(lambda: guest.category.get(hidden)) == "CATEGORY_NOT_FOUND"
    admin.categoryUser.add(_member(hidden, "guest"))
    assert seen() == {shown, hidden} and guest.category.get(hidden).id == hidden
    admin.categoryUser.deactivate(hidden, "guest")
    assert seen() == {shown}


def test_members_and_login_by_ks_in_json(api: Api, live: LiveSandbox) -> None:
    """categoryUser and user.loginByKs in JSON (format 1), as above."""
    category = api("category", "add", category={"objectType": "KalturaCategory", "name": "JSON"})
    assert isinstance(category, dict)
    member = api(
        "categoryUser",
        "add",
        categoryUser={
            "objectType": "KalturaCategoryUser",
            "categoryId": category["id"],
            "userId": "json-user",
            "permissionLevel": 2,
        },
    )
    assert isinstance(member, dict)
    assert (member["status"], member["permissionNames"]) == (1, "CATEGORY_CONTRIBUTE,CATEGORY_VIEW")
    listed = api(
        "categoryUser",
        "list",
        filter={"objectType": "KalturaCategoryUserFilter", "categoryIdEqual": category["id"]},
    )
    assert [m["userId"] for m in listed["objects"]] == ["json-user"]  # type: ignore[index]
    unfiltered = api("categoryUser", "list")
    assert unfiltered["code"] == "MUST_FILTER_USERS_OR_CATEGORY"  # type: ignore[index]
    session = api("user", "loginByKs", requestedPartnerId=live.credentials.partner_id)
    assert session == {
        "partnerId": live.credentials.partner_id,
        "ks": api.ks,
        "userId": "admin",
        "objectType": "KalturaSessionResponse",
    }
