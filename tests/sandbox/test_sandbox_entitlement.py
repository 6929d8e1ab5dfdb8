"""A USER session and others' entries: list / count / get / update / delete limited to its own,
and the privileges that widen it (`sview:<id>`, `edit:<id>`, `*`, `disableentitlement`,
`disableentitlementforentry:<id>`), through the official Python client (XML) and raw api_v3
calls in JSON, on a real socket."""

from __future__ import annotations

import pytest
from KalturaClient import KalturaClient
from KalturaClient.exceptions import KalturaException
from KalturaClient.Plugins.Core import (
    KalturaBaseEntryFilter,
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


def _refused(call: object) -> str:
    with pytest.raises(KalturaException) as refused:
        call()  # type: ignore[operator]
    return str(refused.value.code)


def test_a_user_session_lists_gets_changes_and_deletes_only_its_own_entries(
    live: LiveSandbox,
) -> None:
    """api_v3/lib/KalturaEntryService.php (a missing or hidden entry is ENTRY_ID_NOT_FOUND) with
    alpha/apps/kaltura/lib/kEntitlementUtils.php isEntryEntitled (entitlement on: the owner)."""
    alice, bob = _user(live, "alice"), _user(live, "bob")
    mine, theirs = _add(alice, "alice's"), _add(bob, "bob's")
    assert _ids(alice, mine, theirs) == {mine}
    assert alice.media.get(mine).userId == "alice"
    change = KalturaMediaEntry()
    change.name = "taken"
    for call in (
        lambda: alice.media.get(theirs),
        lambda: alice.baseEntry.get(theirs),
        lambda: alice.media.update(theirs, change),
        lambda: alice.media.delete(theirs),
        lambda: alice.baseEntry.delete(theirs),
    ):
        assert _refused(call) == "ENTRY_ID_NOT_FOUND"
    assert bob.media.get(theirs).name == "bob's"
    alice.baseEntry.delete(mine)
    assert _ids(alice, mine) == set()


def test_sview_and_edit_privileges_open_one_entry_each_as_api_v3_does(live: LiveSandbox) -> None:
    """alpha/apps/kaltura/lib/request/kSessionBase.class.php (PRIVILEGE_VIEW "sview",
    PRIVILEGE_EDIT "edit") checked by kSessionUtils.class.php verifyPrivileges (name:value,
    name:*, or a bare "*"), and alpha/lib/model/entry.php allowEdit (edit:<id> or "*")."""
    owner = _user(live, "owner")
    shown, other = _add(owner, "shown"), _add(owner, "other")
    viewer = _user(live, "viewer", f"sview:{shown}")
    assert viewer.media.get(shown).id == shown and _ids(viewer, shown, other) == {shown}
    change = KalturaMediaEntry()
    change.name = "renamed"
    assert _refused(lambda: viewer.media.update(shown, change)) == "ENTRY_ID_NOT_FOUND"
    editor = _user(live, "editor", f"sview:{shown},edit:{shown}")
    assert editor.media.update(shown, change).name == "renamed"
    assert _refused(lambda: editor.media.update(other, change)) == "ENTRY_ID_NOT_FOUND"
    everything = _user(live, "logged-in", "*")  # what user.loginByLoginId gives by default
    assert _ids(everything, shown, other) == {shown, other}
    assert everything.media.update(other, change).name == "renamed"


def test_disable_entitlement_privileges_show_others_entries(live: LiveSandbox) -> None:
    """kSessionUtils.class.php getDisableEntitlement / getDisableEntitlementForEntry, read by
    kEntitlementUtils.php isEntryEntitled: everything, or the entries named."""
    owner = _user(live, "keeper")
    one, two = _add(owner, "one"), _add(owner, "two")
    assert _ids(_user(live, "auditor", "disableentitlement"), one, two) == {one, two}
    single = _user(live, "guest", f"disableentitlementforentry:{one}")
    assert single.baseEntry.get(one).id == one
    assert _refused(lambda: single.baseEntry.get(two)) == "ENTRY_ID_NOT_FOUND"


def test_entitlement_in_json(api: Api, live: LiveSandbox) -> None:
    """The same limits in JSON (format 1); KalturaEntryService.php and kSessionUtils as above."""

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
    assert dave("baseEntry", "get", entryId=entry["id"])["code"] == "ENTRY_ID_NOT_FOUND"  # type: ignore[index]
    by_id = {"objectType": "KalturaBaseEntryFilter", "idEqual": entry["id"]}
    assert dave("baseEntry", "count", filter=by_id) == 0
    assert user("erin", "*")("baseEntry", "count", filter=by_id) == 1
    gone = dave("media", "delete", entryId=entry["id"])
    assert gone["code"] == "ENTRY_ID_NOT_FOUND"  # type: ignore[index]
