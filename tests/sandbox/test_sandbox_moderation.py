"""Moderation (media.flag / listFlags / approve / reject, and baseEntry's) and
baseEntry.listByReferenceId through the official Python client (XML, format 2) and raw api_v3
calls in JSON (format 1).

What api_v3 does, in our words, is in docs/SANDBOX.md (Moderation and reference ids): a flag
counts on the entry, approve and reject mark its pending flags moderated, and
baseEntry.listByReferenceId finds the entries with that reference id.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from KalturaClient import KalturaClient
from KalturaClient.exceptions import KalturaException
from KalturaClient.Plugins.Core import (
    KalturaEntryModerationStatus,
    KalturaModerationFlag,
    KalturaModerationFlagStatus,
    KalturaModerationFlagType,
    KalturaPlaylist,
    KalturaPlaylistType,
)

from tests.sandbox.conftest import Api, LiveSandbox
from tests.sandbox.ready_entries import ready_entry, ready_entry_json


@pytest.fixture(scope="module")
def client(live: LiveSandbox) -> Iterator[KalturaClient]:
    yield live.client(live.admin_ks())


def _flag(entry_id: str, comments: str = "spam") -> KalturaModerationFlag:
    flag = KalturaModerationFlag()
    flag.flaggedEntryId, flag.comments = entry_id, comments
    flag.flagType = KalturaModerationFlagType.SPAM_COMMERCIALS
    return flag


def _moderation(client: KalturaClient, entry_id: str) -> tuple[int, int]:
    entry = client.media.get(entry_id)
    return entry.moderationStatus.getValue(), entry.moderationCount


def test_a_flag_puts_the_entry_up_for_review_until_approved(client: KalturaClient) -> None:
    entry_id = ready_entry(client, "flagged")
    assert _moderation(client, entry_id)[0] == KalturaEntryModerationStatus.AUTO_APPROVED

    client.media.flag(_flag(entry_id, "first"))
    client.media.flag(_flag(entry_id, "second"))

    assert _moderation(client, entry_id) == (KalturaEntryModerationStatus.FLAGGED_FOR_REVIEW, 2)
    flags = client.media.listFlags(entry_id)
    assert flags.totalCount == 2
    assert [f.comments for f in flags.objects] == ["first", "second"]
    first = flags.objects[0]
    assert first.status.getValue() == KalturaModerationFlagStatus.PENDING
    assert first.flagType.getValue() == KalturaModerationFlagType.SPAM_COMMERCIALS
    assert (first.flaggedEntryId, first.userId) == (entry_id, "admin")

    client.media.approve(entry_id)

    assert _moderation(client, entry_id) == (KalturaEntryModerationStatus.APPROVED, 0)
    assert client.media.listFlags(entry_id).totalCount == 0  # the flags became MODERATED


def test_a_rejected_entry_cannot_be_flagged(client: KalturaClient) -> None:
    entry_id = ready_entry(client, "rejected")
    client.media.reject(entry_id)
    assert _moderation(client, entry_id) == (KalturaEntryModerationStatus.REJECTED, 0)
    with pytest.raises(KalturaException) as refused:
        client.media.flag(_flag(entry_id))
    assert refused.value.code == "ENTRY_CANNOT_BE_FLAGGED"


def test_moderating_an_unknown_entry_is_not_found(client: KalturaClient) -> None:
    with pytest.raises(KalturaException) as approve:
        client.media.approve("0_unknown1")
    with pytest.raises(KalturaException) as flag:
        client.media.flag(_flag("0_unknown1"))
    assert (approve.value.code, flag.value.code) == ("ENTRY_ID_NOT_FOUND", "ENTRY_ID_NOT_FOUND")


def test_media_moderates_media_entries_and_base_entry_any_entry(client: KalturaClient) -> None:
    """media's actions find media clips only and baseEntry's any entry: a playlist is not found by
    media.flag but is flagged and approved by baseEntry's."""
    listed = KalturaPlaylist()
    listed.name, listed.playlistType = "flag me", KalturaPlaylistType.STATIC_LIST
    playlist_id = client.playlist.add(listed).id

    with pytest.raises(KalturaException) as not_media:
        client.media.flag(_flag(playlist_id))
    client.baseEntry.flag(_flag(playlist_id, "as a base entry"))

    assert not_media.value.code == "ENTRY_ID_NOT_FOUND"
    assert [f.comments for f in client.baseEntry.listFlags(playlist_id).objects] == [
        "as a base entry"
    ]
    client.baseEntry.approve(playlist_id)
    approved = client.baseEntry.get(playlist_id)
    assert approved.moderationStatus.getValue() == KalturaEntryModerationStatus.APPROVED
    assert client.baseEntry.listFlags(playlist_id).totalCount == 0


def test_list_by_reference_id_finds_the_entries_with_that_reference(
    client: KalturaClient,
) -> None:
    first = ready_entry(client, "ref-1", referenceId="crm-42")
    second = ready_entry(client, "ref-2", referenceId="crm-42")
    ready_entry(client, "ref-other", referenceId="crm-43")

    found = client.baseEntry.listByReferenceId("crm-42")

    assert found.totalCount == 2
    assert sorted(e.id for e in found.objects) == sorted([first, second])
    assert type(found).__name__ == "KalturaBaseEntryListResponse"


# -- JSON (format 1) ---------------------------------------------------------------------------


def test_json_flag_list_reject_and_reference_lookup(api: Api) -> None:
    entry_id = ready_entry_json(api, "json flagged", referenceId="json-ref")
    flag = {"objectType": "KalturaModerationFlag", "flaggedEntryId": entry_id, "flagType": 3}

    assert api("media", "flag", moderationFlag=flag) is None
    flags: Any = api("media", "listFlags", entryId=entry_id)
    assert (flags["objectType"], flags["totalCount"]) == ("KalturaModerationFlagListResponse", 1)
    assert flags["objects"][0]["flagType"] == 3 and flags["objects"][0]["status"] == "1"

    api("media", "reject", entryId=entry_id)
    entry: Any = api("media", "get", entryId=entry_id)
    assert (entry["moderationStatus"], entry["moderationCount"]) == (3, 0)

    found: Any = api("baseEntry", "listByReferenceId", refId="json-ref")
    assert [e["id"] for e in found["objects"]] == [entry_id]
    empty: Any = api("baseEntry", "listByReferenceId", refId="")
    assert empty["code"] == "MISSING_MANDATORY_PARAMETER"
