"""baseEntry's generic actions over entries of every type, with the full 22.15.0 schema loaded:
update, getByIds, addContent and updateContent act on the entries media.add and data.add made
(not on a separate store the convention would keep), through the official Python client.

What api_v3 does, in our words: `baseEntry.update` changes an entry of any type (else
ENTRY_ID_NOT_FOUND), `getByIds` leaves unknown ids out, and `addContent`/`updateContent` hand
a media clip to media's and answer ENTRY_TYPE_NOT_SUPPORTED for other types.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from KalturaClient.exceptions import KalturaException
from KalturaClient.Plugins.Core import (
    KalturaBaseEntry,
    KalturaDataEntry,
    KalturaEntryStatus,
    KalturaMediaEntry,
    KalturaMediaType,
    KalturaUploadedFileTokenResource,
    KalturaUploadToken,
)

from app.sandbox import SandboxConfig
from tests.conftest import SHARED_SCHEMA
from tests.sandbox.conftest import LiveSandbox, start_live
from tests.sandbox.media_files import mp4


@pytest.fixture(scope="module")
def full_live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSandbox]:
    config = SandboxConfig(data_dir=tmp_path_factory.mktemp("full"), schema_path=SHARED_SCHEMA)
    sandbox = start_live(config)
    yield sandbox
    sandbox.stop()


def _media(name: str) -> KalturaMediaEntry:
    entry = KalturaMediaEntry()
    entry.name, entry.mediaType = name, KalturaMediaType.VIDEO
    return entry


def _token_resource(client: object, content: bytes) -> KalturaUploadedFileTokenResource:
    token = client.uploadToken.add(KalturaUploadToken())  # type: ignore[attr-defined]
    path = Path(tempfile.mkdtemp()) / "clip.mp4"
    path.write_bytes(content)
    with path.open("rb") as file:
        client.uploadToken.upload(token.id, file)  # type: ignore[attr-defined]
    resource = KalturaUploadedFileTokenResource()
    resource.token = token.id
    return resource


def test_base_entry_update_and_get_by_ids_act_on_the_entries_media_add_made(
    full_live: LiveSandbox,
) -> None:
    client = full_live.client(full_live.admin_ks())
    first, second = client.media.add(_media("first")), client.media.add(_media("second"))

    change = KalturaBaseEntry()
    change.name = "renamed through baseEntry"
    updated = client.baseEntry.update(first.id, change)

    assert updated.name == "renamed through baseEntry"
    assert client.media.get(first.id).name == "renamed through baseEntry"
    found = client.baseEntry.getByIds(f"{first.id}, 0_nothere1,{second.id}")
    assert sorted(e.id for e in found) == sorted([first.id, second.id])
    with pytest.raises(KalturaException) as missing:
        client.baseEntry.update("0_nothere1", change)
    assert missing.value.code == "ENTRY_ID_NOT_FOUND"


def test_base_entry_add_content_readies_a_media_clip_and_refuses_a_data_entry(
    full_live: LiveSandbox,
) -> None:
    client = full_live.client(full_live.admin_ks())
    clip = client.media.add(_media("via baseEntry"))
    video = mp4(b"isom", (640, 360), duration=4000)

    answered = client.baseEntry.addContent(clip.id, _token_resource(client, video))

    assert answered.id == clip.id
    ready = client.media.get(clip.id)
    assert ready.status.getValue() == KalturaEntryStatus.READY
    assert (ready.duration, ready.width, ready.height) == (4, 640, 360)
    text = KalturaDataEntry()
    text.name, text.dataContent = "notes", "hello"
    data = client.data.add(text)
    with pytest.raises(KalturaException) as refused:
        client.baseEntry.addContent(data.id, _token_resource(client, video))
    assert refused.value.code == "ENTRY_TYPE_NOT_SUPPORTED"
    with pytest.raises(KalturaException) as refused_update:
        client.baseEntry.updateContent(data.id, _token_resource(client, video))
    assert refused_update.value.code == "ENTRY_TYPE_NOT_SUPPORTED"
