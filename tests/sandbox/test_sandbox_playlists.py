"""Playlists through the official Python client (XML, format 2) and raw api_v3 calls in JSON
(format 1), against a sandbox on a real socket.

What api_v3 does, in our words, is in docs/SANDBOX.md (Playlists): add/get/update/delete/list,
execute, executeFromContent and executeFromFilters with their errors, the checks on a playlist's
content, static and dynamic execution with the cap on results, filters kept as XML in
playlistContent, totalResults, and playlistType insert-only.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from KalturaClient import KalturaClient
from KalturaClient.exceptions import KalturaException
from KalturaClient.Plugins.Core import (
    KalturaEntryStatus,
    KalturaFilterPager,
    KalturaMediaEntryFilterForPlaylist,
    KalturaPlaylist,
    KalturaPlaylistFilter,
    KalturaPlaylistType,
)

from tests.sandbox.conftest import Api, LiveSandbox
from tests.sandbox.ready_entries import ready_entry, ready_entry_json

STATIC_LIST, DYNAMIC = 3, 10


@pytest.fixture(scope="module")
def client(live: LiveSandbox) -> Iterator[KalturaClient]:
    yield live.client(live.admin_ks())


def _static(client: KalturaClient, name: str, ids: list[str]) -> KalturaPlaylist:
    new = KalturaPlaylist()
    new.name, new.playlistType = name, KalturaPlaylistType.STATIC_LIST
    new.playlistContent = ",".join(ids)
    return client.playlist.add(new)


def _filter(tags: str, order_by: str | None = None, limit: int | None = None) -> Any:
    found = KalturaMediaEntryFilterForPlaylist()
    found.tagsMultiLikeOr = tags
    if order_by:
        found.orderBy = order_by
    if limit:
        found.limit = limit
    return found


def _names(entries: list[Any]) -> list[str]:
    return [e.name for e in entries]


def _pager(size: int, index: int) -> KalturaFilterPager:
    pager = KalturaFilterPager()
    pager.pageSize, pager.pageIndex = size, index
    return pager


def test_static_playlist_plays_its_entries_in_the_listed_order(client: KalturaClient) -> None:
    first, second, third = (ready_entry(client, n) for n in ("s-one", "s-two", "s-three"))

    added = _static(client, "static order", [third, f" {first}", second])

    assert added.playlistType.getValue() == STATIC_LIST
    assert added.status.getValue() == KalturaEntryStatus.READY
    assert added.playlistContent == f"{third},{first},{second}"  # trimmed as api_v3 keeps it
    assert _names(client.playlist.execute(added.id)) == ["s-three", "s-one", "s-two"]
    assert _names(client.playlist.execute(added.id, pager=_pager(1, 2))) == ["s-one"]
    assert type(client.baseEntry.get(added.id)).__name__ == "KalturaPlaylist"


def test_static_playlist_skips_entries_deleted_or_rejected_since(client: KalturaClient) -> None:
    kept, deleted, rejected = (ready_entry(client, n) for n in ("kept", "deleted", "rejected"))
    playlist = _static(client, "skips", [deleted, rejected, kept])

    client.media.delete(deleted)
    client.media.reject(rejected)

    assert _names(client.playlist.execute(playlist.id)) == ["kept"]


def test_static_playlist_of_an_unknown_entry_is_refused(client: KalturaClient) -> None:
    known = ready_entry(client, "known")
    with pytest.raises(KalturaException) as refused:
        _static(client, "bad", [known, "0_nosuchid"])
    assert refused.value.code == "INVALID_ENTRY_ID"
    assert "0_nosuchid" in str(refused.value)


def test_dynamic_playlist_keeps_its_filters_and_plays_them_in_turn(
    client: KalturaClient,
) -> None:
    for name in ("d-a1", "d-a2", "d-a3"):
        ready_entry(client, name, tags="dyn-a")
    ready_entry(client, "d-b1", tags="dyn-b")
    new = KalturaPlaylist()
    new.name, new.playlistType, new.totalResults = "dynamic", KalturaPlaylistType.DYNAMIC, 3
    new.filters = [_filter("dyn-a", "-name", limit=2), _filter("dyn-b")]

    added = client.playlist.add(new)
    got = client.playlist.get(added.id)

    assert got.playlistType.getValue() == DYNAMIC and got.totalResults == 3
    assert [(f.tagsMultiLikeOr, f.orderBy, f.limit) for f in got.filters] == [
        ("dyn-a", "-name", 2),
        ("dyn-b", "", None),
    ]
    assert "<mlikeor_tags>dyn-a</mlikeor_tags>" in got.playlistContent  # api_v3's stored XML
    assert _names(client.playlist.execute(added.id)) == ["d-a3", "d-a2", "d-b1"]


def test_execute_from_filters_stops_at_total_results(client: KalturaClient) -> None:
    for name in ("t-1", "t-2", "t-3"):
        ready_entry(client, name, tags="dyn-total")
    filters = [_filter("dyn-total", "+name")]

    assert _names(client.playlist.executeFromFilters(filters, 2)) == ["t-1", "t-2"]
    # A page past totalResults still comes back (api_v3 raises the total to reach it).
    assert _names(client.playlist.executeFromFilters(filters, 2, pager=_pager(1, 3))) == ["t-3"]


def test_execute_from_content_plays_a_static_list(client: KalturaClient) -> None:
    first, second = ready_entry(client, "c-1"), ready_entry(client, "c-2")
    played = client.playlist.executeFromContent(STATIC_LIST, f"{second},{first},0_missing1")
    assert _names(played) == ["c-2", "c-1"]


def test_playlist_get_of_another_entry_or_none(client: KalturaClient) -> None:
    media = ready_entry(client, "not a playlist")
    with pytest.raises(KalturaException) as other:
        client.playlist.get(media)
    with pytest.raises(KalturaException) as missing:
        client.playlist.get("0_nothere1")
    assert (other.value.code, missing.value.code) == ("INVALID_PLAYLIST_TYPE", "INVALID_ENTRY_ID")


def test_playlist_type_cannot_change_and_delete_hides_it(client: KalturaClient) -> None:
    playlist = _static(client, "to change", [ready_entry(client, "u-1")])
    change = KalturaPlaylist()
    change.playlistType = KalturaPlaylistType.DYNAMIC
    with pytest.raises(KalturaException) as refused:
        client.playlist.update(playlist.id, change)
    assert refused.value.code == "PROPERTY_VALIDATION_NOT_UPDATABLE"

    rename = KalturaPlaylist()
    rename.name = "renamed"
    assert client.playlist.update(playlist.id, rename).name == "renamed"
    client.playlist.delete(playlist.id)
    with pytest.raises(KalturaException) as gone:
        client.playlist.get(playlist.id)
    assert gone.value.code == "INVALID_ENTRY_ID"


def test_playlists_are_listed_apart_from_media(client: KalturaClient) -> None:
    _static(client, "listed apart", [ready_entry(client, "l-1")])
    by_type = KalturaPlaylistFilter()
    by_type.playListTypeEqual = KalturaPlaylistType.STATIC_LIST

    playlists = client.playlist.list(by_type)

    assert "listed apart" in _names(playlists.objects)
    assert playlists.totalCount == len(playlists.objects)
    assert "listed apart" not in _names(client.media.list(pager=_pager(500, 1)).objects)


# -- JSON (format 1) ---------------------------------------------------------------------------


def test_json_static_and_dynamic_playlists(api: Api) -> None:
    first = ready_entry_json(api, "j-1", tags="json-tag")
    second = ready_entry_json(api, "j-2", tags="json-tag")
    static: Any = api(
        "playlist",
        "add",
        playlist={
            "objectType": "KalturaPlaylist",
            "name": "json",
            "playlistType": STATIC_LIST,
            "playlistContent": f"{second},{first}",
        },
    )
    played: Any = api("playlist", "execute", id=static["id"])
    assert [e["name"] for e in played] == ["j-2", "j-1"]

    filters = [
        {
            "objectType": "KalturaMediaEntryFilterForPlaylist",
            "tagsMultiLikeOr": "json-tag",
            "orderBy": "-name",
        }
    ]
    dynamic: Any = api("playlist", "executeFromFilters", filters=filters, totalResults=1)
    assert [e["name"] for e in dynamic] == ["j-2"]

    refused: Any = api("playlist", "get", id=first)
    assert refused["code"] == "INVALID_PLAYLIST_TYPE"


def test_execute_from_content_reads_dynamic_xml_as_api_v3_stores_it(
    client: KalturaClient,
) -> None:
    for name in ("x-1", "x-2", "x-3"):
        ready_entry(client, name, tags="xml-tag")
    xml = (
        "<playlist><total_results>2</total_results><filters><filter>"
        "<mlikeor_tags>xml-tag</mlikeor_tags><order_by>-name</order_by>"
        "</filter></filters></playlist>"
    )
    assert _names(client.playlist.executeFromContent(DYNAMIC, xml)) == ["x-3", "x-2"]


def test_clone_copies_the_content_and_takes_new_values(client: KalturaClient) -> None:
    entry = ready_entry(client, "cl-1")
    original = _static(client, "original", [entry])
    renamed = KalturaPlaylist()
    renamed.name = "the copy"

    copy = client.playlist.clone(original.id, renamed)

    assert copy.id != original.id and copy.name == "the copy"
    assert copy.playlistContent == entry
    assert _names(client.playlist.execute(copy.id)) == ["cl-1"]


def test_a_player_executes_a_playlist_without_a_ks(live: LiveSandbox, api: Api) -> None:
    """execute is `@ksOptional`: a player calls it with the partner id alone (JSON)."""
    entry = ready_entry_json(api, "anonymous")
    playlist: Any = api(
        "playlist",
        "add",
        playlist={
            "objectType": "KalturaPlaylist",
            "name": "public",
            "playlistType": STATIC_LIST,
            "playlistContent": entry,
        },
    )
    body = {"format": "1", "partnerId": live.credentials.partner_id, "id": playlist["id"]}
    played = api.http.post("/api_v3/service/playlist/action/execute", json=body).json()
    assert [e["id"] for e in played] == [entry]
