"""A KS made without a call (the console's Make a KS, `app.protocol.ks_making`, byte for byte
the official clients' `generateSessionV2`/`generateSession`) is a KS like session.start's:
the sandbox takes it, v1 or v2, from the admin or the user secret, and honours the
privileges it simulates (docs/SANDBOX.md "KS privileges"): edit, enableentitlement and
actionslimit; sview changes nothing in listing. Through the official Python client (XML) and
raw api_v3 calls in JSON, on a real socket."""

from __future__ import annotations

import time

import pytest
from KalturaClient.exceptions import KalturaException
from KalturaClient.Plugins.Core import (
    KalturaCategory,
    KalturaCategoryEntry,
    KalturaMediaEntry,
    KalturaMediaEntryFilter,
    KalturaMediaType,
)

from app.protocol.ks_making import KsOrder, make
from tests.sandbox.conftest import Api, LiveSandbox


def _made(
    live: LiveSandbox, user_id: str, privileges: str = "", *, admin: bool = False, version: int = 2
) -> str:
    credentials = live.credentials
    secret = credentials.admin_secret if admin else credentials.user_secret
    order = KsOrder(
        secret, credentials.partner_id, 2 if admin else 0, user_id, 3600, privileges, version
    )
    return make(order, int(time.time()))


def _add(live: LiveSandbox, ks: str, name: str) -> str:
    entry = KalturaMediaEntry()
    entry.name, entry.mediaType = name, KalturaMediaType.VIDEO
    entry_id: str = live.client(ks).media.add(entry).id
    return entry_id


def _listed(live: LiveSandbox, ks: str, *entry_ids: str) -> set[str]:
    by_id = KalturaMediaEntryFilter()
    by_id.idIn = ",".join(entry_ids)
    return {e.id for e in live.client(ks).media.list(by_id).objects}


def _refused(call: object) -> str:
    with pytest.raises(KalturaException) as refused:
        call()  # type: ignore[operator]
    return f"{refused.value.code} {refused.value}"


@pytest.mark.parametrize("version", [2, 1])
@pytest.mark.parametrize("admin", [True, False], ids=["admin secret", "user secret"])
def test_a_made_ks_is_taken_like_a_started_one(
    live: LiveSandbox, version: int, admin: bool
) -> None:
    """api_v3 reads a v1 or v2 KS whoever signed it, checked against the partner's admin and
    user secrets (docs/PROTOCOL.md, the KS)."""
    ks = _made(live, "maker", admin=admin, version=version)
    client = live.client(ks)
    info = client.session.get()
    assert (info.userId, info.sessionType.getValue(), info.partnerId) == (
        "maker",
        2 if admin else 0,
        live.credentials.partner_id,
    )
    entry_id = _add(live, ks, "made")
    assert _listed(live, ks, entry_id) == {entry_id}


def test_made_edit_privilege_lets_a_user_change_anothers_entry(live: LiveSandbox) -> None:
    """`edit:<id>` lets a user KS change an entry it does not own; without it, api_v3 refuses
    with INVALID_KS "-4,INVALID_TYPE" (docs/SANDBOX.md, privileges)."""
    theirs = _add(live, _made(live, "owner"), "owner's")
    change = KalturaMediaEntry()
    change.name = "edited"
    plain = live.client(_made(live, "visitor"))
    assert "-4,INVALID_TYPE" in _refused(lambda: plain.media.update(theirs, change))
    editor = live.client(_made(live, "visitor", f"edit:{theirs}"))
    assert editor.media.update(theirs, change).name == "edited"


def test_made_enableentitlement_hides_a_course_entry_and_sview_does_not_reveal_it(
    live: LiveSandbox,
) -> None:
    """With enableentitlement, an entry in a category is seen by its members only; sview is
    about playback, not entitlement (docs/SANDBOX.md)."""
    admin_ks = _made(live, "admin", admin=True)
    category = KalturaCategory()
    category.name = "Made course"
    course = live.client(admin_ks).category.add(category).id
    private = _add(live, _made(live, "teacher"), "in a course")
    link = KalturaCategoryEntry()
    link.categoryId, link.entryId = course, private
    live.client(admin_ks).categoryEntry.add(link)
    assert _listed(live, _made(live, "student"), private) == {private}
    assert _listed(live, _made(live, "student", "enableentitlement"), private) == set()
    viewing = _made(live, "student", f"enableentitlement,sview:{private}")
    assert _listed(live, viewing, private) == set()


def test_actionslimit_takes_that_many_calls_then_refuses(live: LiveSandbox) -> None:
    """A KS with actionslimit:N is taken N times, then refused with INVALID_KS
    "-8,EXCEEDED_ACTIONS_LIMIT" (docs/SANDBOX.md, privileges)."""
    client = live.client(_made(live, "counted", "actionslimit:2"))
    assert client.session.get().userId == "counted"
    assert client.session.get().userId == "counted"
    refused = _refused(client.session.get)
    assert refused.startswith("INVALID_KS") and "-8,EXCEEDED_ACTIONS_LIMIT" in refused
    other = live.client(_made(live, "counted", "actionslimit:2"))  # another KS: its own count
    assert other.media.list().totalCount >= 0


def test_actionslimit_in_json(api: Api, live: LiveSandbox) -> None:
    """The same limit in JSON (format 1)."""
    limited = Api(api.http, _made(live, "json", "actionslimit:1", admin=True))
    assert limited("session", "get")["userId"] == "json"  # type: ignore[index]
    refused = limited.response("session", "get").json()
    assert refused["code"] == "INVALID_KS" and "-8,EXCEEDED_ACTIONS_LIMIT" in refused["message"]
