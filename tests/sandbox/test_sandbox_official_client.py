"""The official Python client (KalturaApiClient) drives the sandbox over a real socket."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from KalturaClient import KalturaClient
from KalturaClient.exceptions import KalturaException
from KalturaClient.Plugins.Core import (
    KalturaEntryStatus,
    KalturaFilterPager,
    KalturaMediaEntry,
    KalturaMediaEntryFilter,
    KalturaMediaType,
    KalturaSessionType,
    KalturaUploadedFileTokenResource,
    KalturaUploadToken,
    KalturaUploadTokenStatus,
)

from tests.sandbox.conftest import LiveSandbox, start_live


def _entry(name: str) -> KalturaMediaEntry:
    entry = KalturaMediaEntry()
    entry.name = name
    entry.mediaType = KalturaMediaType.VIDEO
    return entry


def test_session_start_returns_a_v2_ks_the_sandbox_accepts(live: LiveSandbox) -> None:
    ks = live.admin_ks()
    assert ks.startswith("djJ8")
    info = live.client(ks).session.get()
    assert (info.partnerId, info.userId, info.sessionType.getValue()) == (
        live.credentials.partner_id,
        "admin",
        KalturaSessionType.ADMIN,
    )


@pytest.mark.parametrize("generate", ["generateSession", "generateSessionV2"])
def test_session_get_reads_a_user_ks_of_either_version(live: LiveSandbox, generate: str) -> None:
    """What the console's KS inspector asks: session.get with the KS as the call's own."""
    before = int(time.time())
    raw = getattr(KalturaClient, generate)(
        live.credentials.user_secret,
        "bob",
        KalturaSessionType.USER,
        live.credentials.partner_id,
        600,
        "edit:*,sview:0_abc",
    )
    ks = raw.decode() if isinstance(raw, bytes) else raw
    info = live.client(ks).session.get()
    assert (info.ks, info.partnerId, info.userId) == (ks, live.credentials.partner_id, "bob")
    assert info.sessionType.getValue() == KalturaSessionType.USER
    assert info.privileges == "edit:*,sview:0_abc"
    assert before + 600 <= info.expiry <= int(time.time()) + 600  # the expiry the KS carries


def test_session_get_refuses_an_expired_ks_as_expired(live: LiveSandbox) -> None:
    raw = KalturaClient.generateSessionV2(
        live.credentials.admin_secret,
        "",
        KalturaSessionType.ADMIN,
        live.credentials.partner_id,
        -60,
        "",
    )
    ks = raw.decode() if isinstance(raw, bytes) else raw
    with pytest.raises(KalturaException) as refused:
        live.client(ks).session.get()
    assert refused.value.code == "INVALID_KS" and '"-5,EXPIRED"' in str(refused.value)


@pytest.mark.parametrize("generate", ["generateSession", "generateSessionV2"])
def test_locally_generated_ks_is_accepted(live: LiveSandbox, generate: str) -> None:
    raw = getattr(KalturaClient, generate)(
        live.credentials.admin_secret,
        "local",
        KalturaSessionType.ADMIN,
        live.credentials.partner_id,
        600,
        "",
    )
    ks = raw.decode() if isinstance(raw, bytes) else raw
    client = live.client(ks)
    added = client.media.add(_entry(f"made with {generate}"))
    assert client.media.get(added.id).name == f"made with {generate}"


def test_media_add_get_update_list_delete(live: LiveSandbox) -> None:
    client = live.client(live.admin_ks())
    added = client.media.add(_entry("crud original"))
    assert added.id.startswith("0_")
    assert added.status.getValue() == KalturaEntryStatus.NO_CONTENT
    change = KalturaMediaEntry()
    change.name = "crud renamed"
    assert client.media.update(added.id, change).name == "crud renamed"
    filter_ = KalturaMediaEntryFilter()
    filter_.nameLike = "crud renamed"
    found = client.media.list(filter_, KalturaFilterPager())
    assert [e.id for e in found.objects] == [added.id]
    assert found.totalCount == 1
    client.media.delete(added.id)
    with pytest.raises(KalturaException) as caught:
        client.media.get(added.id)
    assert caught.value.code == "ENTRY_ID_NOT_FOUND"


def test_missing_entry_raises_entry_id_not_found(live: LiveSandbox) -> None:
    with pytest.raises(KalturaException) as caught:
        live.client(live.admin_ks()).media.get("0_missing1")
    assert caught.value.code == "ENTRY_ID_NOT_FOUND"
    assert 'Entry id "0_missing1" not found' in str(caught.value)


def test_upload_a_real_file_then_add_it_as_content(live: LiveSandbox, tmp_path: Path) -> None:
    client = live.client(live.admin_ks())
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 40)
    token = KalturaUploadToken()
    token.fileName = "clip.mp4"
    added_token = client.uploadToken.add(token)
    with video.open("rb") as handle:
        uploaded = client.uploadToken.upload(added_token.id, handle)
    assert uploaded.status.getValue() == KalturaUploadTokenStatus.FULL_UPLOAD
    assert uploaded.uploadedFileSize == video.stat().st_size
    entry = client.media.add(_entry("with content"))
    resource = KalturaUploadedFileTokenResource()
    resource.token = added_token.id
    ready = client.media.addContent(entry.id, resource)
    assert ready.status.getValue() == KalturaEntryStatus.READY
    assert (
        client.uploadToken.get(added_token.id).status.getValue() == KalturaUploadTokenStatus.CLOSED
    )


def test_multirequest_feeds_one_result_into_the_next(live: LiveSandbox) -> None:
    client = live.client(live.admin_ks())
    first = client.media.add(_entry("multirequest target"))
    client.startMultiRequest()
    filter_ = KalturaMediaEntryFilter()
    filter_.idEqual = first.id
    client.media.list(filter_)
    client.media.get("{1:result:objects:0:id}")
    listed, fetched = client.doMultiRequest()
    assert listed.objects[0].id == first.id
    assert fetched.id == first.id


def test_expired_ks_is_invalid_ks(live: LiveSandbox) -> None:
    raw = KalturaClient.generateSessionV2(
        live.credentials.admin_secret,
        "late",
        KalturaSessionType.ADMIN,
        live.credentials.partner_id,
        -10,
        "",
    )
    with pytest.raises(KalturaException) as caught:
        live.client(raw.decode()).media.list()
    assert caught.value.code == "INVALID_KS"
    assert "-5,EXPIRED" in str(caught.value)


def test_session_end_revokes_the_ks(live: LiveSandbox) -> None:
    ks = live.admin_ks()
    client = live.client(ks)
    client.media.list()
    client.session.end()
    with pytest.raises(KalturaException) as caught:
        client.media.list()
    assert caught.value.code == "INVALID_KS"
    assert "-6,LOGOUT" in str(caught.value)


def test_concurrent_media_add_creates_every_entry(live: LiveSandbox) -> None:
    ks = live.admin_ks()
    marker = f"concurrent-{time.time_ns()}"

    def add(n: int) -> str:
        entry_id: str = live.client(ks).media.add(_entry(f"{marker} {n}")).id
        return entry_id

    with ThreadPoolExecutor(max_workers=20) as pool:
        ids = list(pool.map(add, range(20)))
    assert len(set(ids)) == 20
    filter_ = KalturaMediaEntryFilter()
    filter_.nameLike = marker
    pager = KalturaFilterPager()
    pager.pageSize = 100
    assert live.client(ks).media.list(filter_, pager).totalCount == 20


def test_a_restart_keeps_the_data(tmp_path: Path) -> None:
    from app.sandbox import SandboxConfig

    config = SandboxConfig(data_dir=tmp_path / "data")
    first = start_live(config)
    try:
        ks = first.admin_ks()
        entry_id = first.client(ks).media.add(_entry("survives restarts")).id
    finally:
        first.stop()
    second = start_live(config)
    try:
        assert second.credentials == first.credentials
        assert second.client(ks).media.get(entry_id).name == "survives restarts"
    finally:
        second.stop()


def test_categories_users_and_chunked_uploads_through_the_official_client(
    live: LiveSandbox, tmp_path: Path
) -> None:
    from KalturaClient.Plugins.Core import (
        KalturaCategory,
        KalturaCategoryEntry,
        KalturaCategoryEntryFilter,
        KalturaUser,
    )

    client = live.client(live.admin_ks())
    category = KalturaCategory()
    category.name = f"official {time.time_ns()}"
    added = client.category.add(category)
    assert (added.depth, added.fullName) == (0, category.name)
    entry = client.media.add(_entry("in a category"))
    link = KalturaCategoryEntry()
    link.categoryId, link.entryId = added.id, entry.id
    client.categoryEntry.add(link)
    filter_ = KalturaCategoryEntryFilter()
    filter_.categoryIdEqual = added.id
    assert [e.entryId for e in client.categoryEntry.list(filter_).objects] == [entry.id]
    assert client.category.get(added.id).entriesCount == 1

    user = KalturaUser()
    user.id = f"official-{time.time_ns()}"
    user.email = f"{user.id}@example.com"
    assert client.user.add(user).id == user.id

    token = client.uploadToken.add(KalturaUploadToken())
    first, second = tmp_path / "part1", tmp_path / "part2"
    first.write_bytes(b"a" * 1000)
    second.write_bytes(b"b" * 500)
    with first.open("rb") as handle:
        client.uploadToken.upload(token.id, handle, False, False)
    with second.open("rb") as handle:
        done = client.uploadToken.upload(token.id, handle, True, True, 1000)
    assert done.uploadedFileSize == 1500
    assert done.status.getValue() == KalturaUploadTokenStatus.FULL_UPLOAD
