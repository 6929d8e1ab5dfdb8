"""A USER session and others' entries, as api_v3 decides: it sees them (a new partner enforces
no entitlement) but changes only its own unless its KS or the entry says otherwise; a KS with
`enableentitlement` sees only what it is entitled to. Through the official Python client (XML)
and raw api_v3 calls in JSON, on a real socket."""

from __future__ import annotations

import pytest
from KalturaClient import KalturaClient
from KalturaClient.exceptions import KalturaException
from KalturaClient.Plugins.Core import (
    KalturaBaseEntryFilter,
    KalturaCategory,
    KalturaCategoryEntry,
    KalturaCategoryUser,
    KalturaMediaEntry,
    KalturaMediaEntryFilter,
    KalturaMediaType,
    KalturaSessionType,
)

from tests.sandbox.conftest import Api, LiveSandbox


def _user(live: LiveSandbox, user_id: str, privileges: str = "") -> KalturaClient:
    ks = live.client().session.start(
        live.credentials.user_secret,
        user_id,
        KalturaSessionType.USER,
        live.credentials.partner_id,
        3600,
        privileges,
    )
    return live.client(ks)


def _add(client: KalturaClient, name: str) -> str:
    entry = KalturaMediaEntry()
    entry.name, entry.mediaType = name, KalturaMediaType.VIDEO
    entry_id: str = client.media.add(entry).id
    return entry_id


def _ids(client: KalturaClient, *entry_ids: str) -> set[str]:
    by_media, by_base = KalturaMediaEntryFilter(), KalturaBaseEntryFilter()
    by_media.idIn = by_base.idIn = ",".join(entry_ids)
    media = {e.id for e in client.media.list(by_media).objects}
    assert media == {e.id for e in client.baseEntry.list(by_base).objects}
    assert client.media.count(by_media) == len(media) == client.baseEntry.count(by_base)
    return media


def _renamed(name: str) -> KalturaMediaEntry:
    change = KalturaMediaEntry()
    change.name = name
    return change


def _refused(call: object) -> str:
    with pytest.raises(KalturaException) as refused:
        call()  # type: ignore[operator]
    return f"{refused.value.code} {refused.value}"


def test_a_user_session_sees_every_entry_but_changes_only_its_own(live: LiveSandbox) -> None:
    """media and baseEntry update and delete (`@validateUser entry entryId edit`): another
    user's entry is INVALID_KS "-4,INVALID_TYPE"; no entitlement unless the KS enables it, so
    list and get show it (docs/SANDBOX.md, Entitlement)."""
    alice, bob = _user(live, "alice"), _user(live, "bob")
    mine, theirs = _add(alice, "alice's"), _add(bob, "bob's")
    assert _ids(alice, mine, theirs) == {mine, theirs}
    assert alice.baseEntry.get(theirs).userId == "bob"
    for call in (
        lambda: alice.media.update(theirs, _renamed("taken")),
        lambda: alice.media.delete(theirs),
        lambda: alice.baseEntry.delete(theirs),
    ):
        assert _refused(call).startswith("INVALID_KS") and "-4,INVALID_TYPE" in _refused(call)
    assert alice.media.update(mine, _renamed("still alice's")).name == "still alice's"
    alice.baseEntry.delete(mine)
    assert _ids(bob, mine) == set()


def test_edit_privileges_and_entitled_editors_may_change_others_entries(
    live: LiveSandbox,
) -> None:
    """The "edit" privilege (edit:<id>, edit:*, or a bare "*") lets a user change an entry it
    does not own, as do the entry's entitledUsersEdit (docs/SANDBOX.md, KS privileges)."""
    owner = _user(live, "owner")
    one, two = _add(owner, "one"), _add(owner, "two")
    editor = _user(live, "editor", f"edit:{one}")
    assert editor.media.update(one, _renamed("edited")).name == "edited"
    assert _refused(lambda: editor.media.update(two, _renamed("no"))).startswith("INVALID_KS")
    assert _user(live, "chief", "edit:*").media.update(two, _renamed("by chief")).name
    logged_in = _user(live, "logged-in", "*")  # what user.loginByLoginId gives by default
    assert logged_in.media.update(two, _renamed("by anyone")).name == "by anyone"
    entitled = KalturaMediaEntry()
    entitled.entitledUsersEdit = "helper"
    owner.media.update(one, entitled)
    assert _user(live, "helper").media.update(one, _renamed("helped")).name == "helped"


def test_enable_entitlement_shows_only_what_the_user_is_entitled_to(live: LiveSandbox) -> None:
    """With `enableentitlement`, an entry is seen by its owner, when it is in no category
    (public), or by a member of one of its categories; `disableentitlementforentry:<id>` lets
    that entry through (docs/SANDBOX.md, Entitlement)."""
    admin = live.client(live.admin_ks())
    category = KalturaCategory()
    category.name = "Course"
    course = admin.category.add(category).id
    owner = _user(live, "teacher")
    public, private = _add(owner, "public"), _add(owner, "in a course")
    link = KalturaCategoryEntry()
    link.categoryId, link.entryId = course, private
    admin.categoryEntry.add(link)
    student = _user(live, "student", "enableentitlement")
    assert _ids(student, public, private) == {public}
    assert _refused(lambda: student.media.get(private)).startswith("ENTRY_ID_NOT_FOUND")
    assert _ids(_user(live, "teacher", "enableentitlement"), public, private) == {public, private}
    one_entry = _user(live, "guest", f"enableentitlement,disableentitlementforentry:{private}")
    assert one_entry.baseEntry.get(private).id == private
    member = KalturaCategoryUser()
    member.categoryId, member.userId = course, "student"
    admin.categoryUser.add(member)
    assert _ids(student, public, private) == {public, private}


def test_entitlement_in_json(api: Api, live: LiveSandbox) -> None:
    """The same rules in JSON (format 1), as above."""

    def user(user_id: str, privileges: str = "") -> Api:
        ks = api(
            "session",
            "start",
            secret=live.credentials.user_secret,
            userId=user_id,
            type=0,
            partnerId=live.credentials.partner_id,
            privileges=privileges,
        )
        assert isinstance(ks, str)
        return Api(api.http, ks)

    carol = user("carol")
    entry = carol("media", "add", entry={"objectType": "KalturaMediaEntry", "mediaType": 1})
    assert isinstance(entry, dict)
    dave = user("dave")
    assert dave("baseEntry", "get", entryId=entry["id"])["id"] == entry["id"]  # type: ignore[index]
    gone = dave("media", "delete", entryId=entry["id"])
    assert gone["code"] == "INVALID_KS"  # type: ignore[index]
    assert gone["message"] == 'Invalid KS "", Error "-4,INVALID_TYPE"'  # type: ignore[index]
    by_id = {"objectType": "KalturaBaseEntryFilter", "idEqual": entry["id"]}
    assert user("erin", "enableentitlement")("baseEntry", "count", filter=by_id) == 1
    assert user("frank", "*")("media", "delete", entryId=entry["id"]) is None
