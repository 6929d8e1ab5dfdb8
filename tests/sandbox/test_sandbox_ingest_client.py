"""Every way content gets into an entry, through the official Python client (XML, format 2, the
only format it reads) against a real-socket sandbox: the entry ends READY with the duration and
size its file says, a source flavor and a thumbnail, and URLs that serve its bytes.

The same flows in JSON: tests/sandbox/test_sandbox_ingest_json.py.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from KalturaClient.exceptions import KalturaException
from KalturaClient.Plugins.Core import (
    KalturaAssetFilter,
    KalturaBaseEntry,
    KalturaEntryReplacementStatus,
    KalturaEntryStatus,
    KalturaFlavorAssetStatus,
    KalturaMediaEntry,
    KalturaMediaType,
    KalturaPlaybackContextOptions,
    KalturaUploadedFileTokenResource,
    KalturaUploadToken,
    KalturaUrlResource,
)

from tests.sandbox.conftest import LiveSandbox
from tests.sandbox.media_files import PNG, mp4

VIDEO = mp4(b"isom", (1280, 720), timescale=600, duration=6300)  # 10.5 s
LONGER = mp4(b"isom", (640, 360), timescale=1000, duration=42000)  # 42 s


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _new(client: object, name: str, media_type: int = KalturaMediaType.VIDEO) -> KalturaMediaEntry:
    entry = KalturaMediaEntry()
    entry.name, entry.mediaType = name, media_type
    return client.media.add(entry)


def _token_resource(token_id: str) -> KalturaUploadedFileTokenResource:
    resource = KalturaUploadedFileTokenResource()
    resource.token = token_id
    return resource


def _assert_playable(entry: KalturaMediaEntry, data: bytes, content_type: str) -> None:
    assert entry.status.getValue() == KalturaEntryStatus.READY
    for url in (entry.dataUrl, entry.downloadUrl):
        served = httpx.get(url, timeout=30)
        assert (served.status_code, served.content) == (200, data)
        assert served.headers["content-type"] == content_type
    thumbnail = httpx.get(entry.thumbnailUrl, timeout=30)
    assert thumbnail.headers["content-type"] == "image/png"
    assert thumbnail.content.startswith(b"\x89PNG")


def test_add_content_with_an_uploaded_token_makes_a_playable_entry(
    live: LiveSandbox, tmp_path: Path
) -> None:
    """An uploaded token attached to an entry gives it its duration, a source flavor, a
    thumbnail, and the dataUrl, downloadUrl and thumbnailUrl api_v3 builds for an entry."""
    client = live.client(live.admin_ks())
    entry = _new(client, "uploaded")
    token = client.uploadToken.add(KalturaUploadToken())
    with _file(tmp_path, "clip.mp4", VIDEO).open("rb") as handle:
        client.uploadToken.upload(token.id, handle)

    ready = client.media.addContent(entry.id, _token_resource(token.id))

    assert (ready.duration, ready.msDuration, ready.width, ready.height) == (10, 10500, 1280, 720)
    assert ready.dataUrl.startswith(f"{live.url}/p/{live.credentials.partner_id}/sp/")
    assert "/playManifest/entryId/" in ready.dataUrl and ready.dataUrl.endswith("/a.mp4")
    _assert_playable(ready, VIDEO, "video/mp4")
    (flavor,) = client.flavorAsset.getByEntryId(entry.id)
    assert (flavor.isOriginal, flavor.status.getValue()) == (True, KalturaFlavorAssetStatus.READY)
    assert (flavor.fileExt, flavor.containerFormat, flavor.sizeInBytes) == (
        "mp4",
        "mp4",
        len(VIDEO),
    )
    assert (flavor.width, flavor.height) == (1280, 720)
    listed = client.flavorAsset.list(KalturaAssetFilter(entryIdEqual=entry.id))
    assert [f.id for f in listed.objects] == [flavor.id]
    thumbs = client.thumbAsset.list(KalturaAssetFilter(entryIdEqual=entry.id)).objects
    assert [(t.width, t.height, t.tags) for t in thumbs] == [(320, 180, "default_thumb")]


def test_chunks_in_any_order_complete_a_token_the_entry_waits_for(
    live: LiveSandbox, tmp_path: Path
) -> None:
    """As api_v3 resumes an upload: a chunk beyond the end waits as `.chunk.<offset>`; a final
    chunk before the gap is filled is UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE; the entry waits
    in IMPORT meanwhile."""
    client = live.client(live.admin_ks())
    entry = _new(client, "chunked")
    token = client.uploadToken.add(KalturaUploadToken())
    waiting = client.media.addContent(entry.id, _token_resource(token.id))
    assert waiting.status.getValue() == KalturaEntryStatus.IMPORT
    first, middle, last = VIDEO[:100], VIDEO[100:200], VIDEO[200:]

    def send(name: str, data: bytes, **options: object) -> object:
        with _file(tmp_path, name, data).open("rb") as handle:
            return client.uploadToken.upload(token.id, handle, **options)

    send("1", first, resume=False, finalChunk=False)
    with pytest.raises(KalturaException) as early:
        send("3", last, resume=True, finalChunk=True, resumeAt=200)
    assert early.value.code == "UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE"
    assert client.media.get(entry.id).status.getValue() == KalturaEntryStatus.IMPORT
    done = send("2", middle, resume=True, finalChunk=False, resumeAt=100)

    assert done.uploadedFileSize == len(VIDEO)  # the waiting last chunk joined
    send("3", last, resume=True, finalChunk=True, resumeAt=200)
    ready = client.media.get(entry.id)
    assert ready.msDuration == 10500
    _assert_playable(ready, VIDEO, "video/mp4")


def test_media_upload_then_add_from_uploaded_file(live: LiveSandbox, tmp_path: Path) -> None:
    """media.upload answers a token id, which media.addFromUploadedFile takes."""
    client = live.client(live.admin_ks())
    with _file(tmp_path, "clip.mp4", VIDEO).open("rb") as handle:
        token_id = client.media.upload(handle)
    entry = KalturaMediaEntry()
    entry.name, entry.mediaType = "legacy upload", KalturaMediaType.VIDEO

    added = client.media.addFromUploadedFile(entry, token_id)

    assert added.msDuration == 10500
    _assert_playable(added, VIDEO, "video/mp4")
    with pytest.raises(KalturaException) as again:
        client.media.addFromUploadedFile(entry, token_id)
    assert again.value.code == "UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY"


def test_base_entry_upload_then_add_learns_the_media_type_from_the_file(
    live: LiveSandbox, tmp_path: Path
) -> None:
    """baseEntry.upload, then baseEntry.addFromUploadedFile: the entry's type comes from the
    file when not given; an image is its own thumbnail and its dataUrl is the thumbnail URL."""
    client = live.client(live.admin_ks())
    with _file(tmp_path, "picture.png", PNG).open("rb") as handle:
        token_id = client.baseEntry.upload(handle)
    entry = KalturaBaseEntry()
    entry.name = "a picture"

    added = client.baseEntry.addFromUploadedFile(entry, token_id)

    media = client.media.get(added.id)
    assert (media.mediaType.getValue(), media.width, media.height) == (
        KalturaMediaType.IMAGE,
        640,
        360,
    )
    assert httpx.get(media.thumbnailUrl, timeout=30).content == PNG
    assert "/thumbnail/entry_id/" in media.dataUrl


def test_add_from_url_imports_what_the_sandbox_serves_and_fails_anything_else(
    live: LiveSandbox, tmp_path: Path
) -> None:
    """media.addFromUrl: a failed download leaves the entry ERROR_IMPORTING (-2)."""
    client = live.client(live.admin_ks())
    source = _new(client, "source")
    token = client.uploadToken.add(KalturaUploadToken())
    with _file(tmp_path, "clip.mp4", VIDEO).open("rb") as handle:
        client.uploadToken.upload(token.id, handle)
    source = client.media.addContent(source.id, _token_resource(token.id))
    entry = KalturaMediaEntry()
    entry.name, entry.mediaType = "imported", KalturaMediaType.VIDEO

    imported = client.media.addFromUrl(entry, source.downloadUrl)
    failed = client.media.addFromUrl(entry, "https://example.com/clip.mp4")

    assert imported.msDuration == 10500
    _assert_playable(imported, VIDEO, "video/mp4")
    assert failed.status.getValue() == KalturaEntryStatus.ERROR_IMPORTING
    (flavor,) = client.flavorAsset.getByEntryId(failed.id)
    assert flavor.status.getValue() == KalturaFlavorAssetStatus.ERROR
    assert "https://example.com/clip.mp4" in flavor.description
    resource = KalturaUrlResource()
    resource.url = source.dataUrl
    by_resource = client.media.addContent(_new(client, "by resource").id, resource)
    _assert_playable(by_resource, VIDEO, "video/mp4")


def test_update_content_replaces_after_approval_and_cancel_drops_it(
    live: LiveSandbox, tmp_path: Path
) -> None:
    """media.updateContent, approveReplace and cancelReplace, as api_v3 replaces an entry's
    content."""
    client = live.client(live.admin_ks())
    entry = _new(client, "to replace")
    token = client.uploadToken.add(KalturaUploadToken())
    with _file(tmp_path, "clip.mp4", VIDEO).open("rb") as handle:
        client.uploadToken.upload(token.id, handle)
    client.media.addContent(entry.id, _token_resource(token.id))

    def replacing_with(data: bytes) -> KalturaMediaEntry:
        new_token = client.uploadToken.add(KalturaUploadToken())
        with _file(tmp_path, "new.mp4", data).open("rb") as handle:
            client.uploadToken.upload(new_token.id, handle)
        return client.media.updateContent(entry.id, _token_resource(new_token.id))

    pending = replacing_with(LONGER)
    assert (
        pending.replacementStatus.getValue() == KalturaEntryReplacementStatus.READY_BUT_NOT_APPROVED
    )
    assert pending.msDuration == 10500  # unchanged until approved
    with pytest.raises(KalturaException) as twice:
        replacing_with(LONGER)
    assert twice.value.code == "ENTRY_REPLACEMENT_ALREADY_EXISTS"
    replaced = client.media.approveReplace(entry.id)

    assert (replaced.msDuration, replaced.width, replaced.replacingEntryId) == (42000, 640, "")
    assert replaced.replacementStatus.getValue() == KalturaEntryReplacementStatus.NONE
    assert replaced.version > pending.version
    _assert_playable(replaced, LONGER, "video/mp4")
    with pytest.raises(KalturaException) as gone:
        client.media.get(pending.replacingEntryId)
    assert gone.value.code == "ENTRY_ID_NOT_FOUND"
    cancelled = replacing_with(VIDEO)
    kept = client.media.cancelReplace(entry.id)
    assert (kept.msDuration, kept.replacingEntryId) == (42000, "")
    with pytest.raises(KalturaException):
        client.media.get(cancelled.replacingEntryId)
    with pytest.raises(KalturaException) as nothing:
        client.media.approveReplace(entry.id)
    assert nothing.value.code == "ENTRY_ID_NOT_REPLACED"


def test_playback_context_and_asset_urls_play_from_the_sandbox(
    live: LiveSandbox, tmp_path: Path
) -> None:
    """baseEntry.getPlaybackContext (a `url` source over the flavors), flavorAsset.getUrl,
    thumbAsset.getUrl and thumbAsset.setAsDefault."""
    client = live.client(live.admin_ks())
    entry = _new(client, "to play")
    token = client.uploadToken.add(KalturaUploadToken())
    with _file(tmp_path, "clip.mp4", VIDEO).open("rb") as handle:
        client.uploadToken.upload(token.id, handle)
    client.media.addContent(entry.id, _token_resource(token.id))

    context = client.baseEntry.getPlaybackContext(entry.id, KalturaPlaybackContextOptions())

    (source,) = context.sources
    (flavor,) = context.flavorAssets
    assert (source.format, source.flavorIds) == ("url", flavor.id)
    assert httpx.get(source.url, timeout=30).content == VIDEO
    download = httpx.get(client.flavorAsset.getUrl(flavor.id), timeout=30)
    assert download.headers["content-disposition"].startswith("attachment")
    assert download.content == VIDEO
    assert httpx.get(client.flavorAsset.getDownloadUrl(flavor.id), timeout=30).content == VIDEO
    (thumb,) = client.thumbAsset.list(KalturaAssetFilter(entryIdEqual=entry.id)).objects
    assert httpx.get(client.thumbAsset.getUrl(thumb.id), timeout=30).content.startswith(b"\x89PNG")
    client.thumbAsset.setAsDefault(thumb.id)
    assert client.thumbAsset.get(thumb.id).tags == "default_thumb"
    empty = client.baseEntry.getPlaybackContext(
        _new(client, "empty").id, KalturaPlaybackContextOptions()
    )
    assert (empty.sources, [m.code for m in empty.messages]) == ([], ["NO_FLAVORS_FOUND"])
