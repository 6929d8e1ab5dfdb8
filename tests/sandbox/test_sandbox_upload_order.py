"""Content added before its file, the order Kaltura's own clients use: media.add →
uploadToken.add → media.addContent (token still PENDING) → uploadToken.upload.

api_v3 attaches a PENDING or PARTIAL_UPLOAD token: the entry waits in IMPORT (0), and the upload
that completes the token closes it (CLOSED, 3) and moves the entry on (READY, 2 here).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest
from KalturaClient.Plugins.Core import (
    KalturaEntryStatus,
    KalturaMediaEntry,
    KalturaMediaType,
    KalturaUploadedFileTokenResource,
    KalturaUploadToken,
    KalturaUploadTokenStatus,
)

from tests.sandbox.conftest import Api, LiveSandbox

IMPORT, READY, NO_CONTENT = "0", "2", "7"
PENDING, PARTIAL_UPLOAD, FULL_UPLOAD, CLOSED = 0, 1, 2, 3
VIDEO = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 8


def test_official_client_adds_content_before_the_file_is_uploaded(
    live: LiveSandbox, tmp_path: Path
) -> None:
    """XML (format 2): the only format the official Python client reads."""
    client = live.client(live.admin_ks())
    new = KalturaMediaEntry()
    new.name, new.mediaType = "content first", KalturaMediaType.VIDEO
    entry = client.media.add(new)
    token = client.uploadToken.add(KalturaUploadToken())
    resource = KalturaUploadedFileTokenResource()
    resource.token = token.id

    waiting = client.media.addContent(entry.id, resource)

    assert waiting.status.getValue() == KalturaEntryStatus.IMPORT
    attached = client.uploadToken.get(token.id)
    assert attached.status.getValue() == KalturaUploadTokenStatus.PENDING
    assert attached.attachedObjectId == entry.id
    video = tmp_path / "clip.mp4"
    video.write_bytes(VIDEO)
    with video.open("rb") as handle:
        uploaded = client.uploadToken.upload(token.id, handle)
    assert uploaded.status.getValue() == KalturaUploadTokenStatus.CLOSED
    assert uploaded.uploadedFileSize == len(VIDEO)
    assert client.media.get(entry.id).status.getValue() == KalturaEntryStatus.READY
    assert client.uploadToken.get(token.id).status.getValue() == KalturaUploadTokenStatus.CLOSED


class RawCalls:
    """api_v3 calls over HTTP in one format; answers reduced to (objectType, status) or the
    error code, read from JSON (1) or from PHP's serialized bytes (3) as they come."""

    def __init__(self, http: httpx.Client, ks: str, fmt: str) -> None:
        self.http, self.ks, self.fmt = http, ks, fmt

    def post(self, service: str, action: str, files: object = None, **params: str) -> bytes:
        answer = self.http.post(
            f"/api_v3/service/{service}/action/{action}",
            data={"ks": self.ks, "format": self.fmt, **params},
            files=files,  # type: ignore[arg-type]
        )
        return answer.content

    def read(self, body: bytes) -> dict[str, str]:
        if self.fmt == "1":
            value = json.loads(body)
            return {k: str(v) for k, v in value.items() if k in ("objectType", "id", "status")}
        return _php_fields(body)


def _php_fields(body: bytes) -> dict[str, str]:
    """objectType, id and status of a PHP-serialized object `O:<n>:"Kaltura…":…`."""
    head = re.match(rb'O:\d+:"(\w+)":', body)
    assert head, body
    fields = {"objectType": head[1].decode()}
    for name in ("id", "status"):
        key = b's:%d:"%s";' % (len(name), name.encode())
        found = re.search(re.escape(key) + rb'(?:i:(-?\d+)|s:\d+:"([^"]*)");', body)
        if found:
            fields[name] = (found[1] or found[2]).decode()
    return fields


@pytest.fixture(params=["1", "3"], ids=["json", "php"])
def raw(request: pytest.FixtureRequest, http: httpx.Client, admin_ks: str) -> RawCalls:
    return RawCalls(http, admin_ks, request.param)


def _new_entry(raw: RawCalls, name: str) -> str:
    entry = {"entry:objectType": "KalturaMediaEntry", "entry:name": name, "entry:mediaType": "1"}
    return raw.read(raw.post("media", "add", **entry))["id"]


def _attach(raw: RawCalls, entry_id: str, token_id: str) -> bytes:
    resource = {
        "resource:objectType": "KalturaUploadedFileTokenResource",
        "resource:token": token_id,
    }
    return raw.post("media", "addContent", entryId=entry_id, **resource)


def test_raw_answers_show_the_entry_waiting_then_ready(raw: RawCalls) -> None:
    entry_id = _new_entry(raw, f"raw content first {raw.fmt}")
    token_id = raw.read(raw.post("uploadToken", "add"))["id"]

    waiting = raw.read(_attach(raw, entry_id, token_id))
    assert (waiting["objectType"], waiting["status"]) == ("KalturaMediaEntry", IMPORT)
    assert raw.read(raw.post("uploadToken", "get", uploadTokenId=token_id))["status"] == "0"
    uploaded = raw.post(
        "uploadToken", "upload", files={"fileData": ("a.mp4", VIDEO)}, uploadTokenId=token_id
    )

    assert raw.read(uploaded) == {"objectType": "KalturaUploadToken", "id": token_id, "status": "3"}
    assert raw.read(raw.post("media", "get", entryId=entry_id))["status"] == READY
    assert raw.read(raw.post("uploadToken", "get", uploadTokenId=token_id))["status"] == "3"


# -- every token status, through JSON --------------------------------------------------------


def _obj(value: object) -> dict[str, object]:
    assert isinstance(value, dict), value
    return value


def _upload(api: Api, token_id: object, data: bytes, **params: str) -> dict[str, object]:
    answer = api.http.post(
        "/api_v3/service/uploadToken/action/upload",
        data={"ks": api.ks, "format": "1", "uploadTokenId": str(token_id), **params},
        files={"fileData": ("clip.mp4", data)},
    )
    return _obj(answer.json())


def _token_in(api: Api, status: str) -> str:
    """A token brought to `status` the way a client would bring it there."""
    token = _obj(api("uploadToken", "add"))
    if status == "partial":
        _upload(api, token["id"], b"first half", finalChunk="false")
    if status in ("full", "closed"):
        _upload(api, token["id"], VIDEO)
    if status == "closed":
        _add_content(api, _media(api, "took the token first"), token["id"])
    if status == "deleted":
        api("uploadToken", "delete", uploadTokenId=token["id"])
    return str(token["id"])


def _media(api: Api, name: str) -> str:
    entry = {"objectType": "KalturaMediaEntry", "name": name, "mediaType": 1}
    return str(_obj(api("media", "add", entry=entry))["id"])


def _add_content(api: Api, entry_id: str, token_id: object) -> dict[str, object]:
    resource = {"objectType": "KalturaUploadedFileTokenResource", "token": token_id}
    return _obj(api("media", "addContent", entryId=entry_id, resource=resource))


@pytest.mark.parametrize(
    ("token_status", "entry_after", "token_after"),
    [
        ("pending", IMPORT, PENDING),
        ("partial", IMPORT, PARTIAL_UPLOAD),
        ("full", READY, CLOSED),
        ("closed", "UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY", CLOSED),
        ("deleted", "UPLOAD_TOKEN_NOT_FOUND", None),
    ],
)
def test_add_content_by_token_status(
    api: Api, token_status: str, entry_after: str, token_after: int | None
) -> None:
    token_id = _token_in(api, token_status)
    entry_id = _media(api, f"content from a {token_status} token")

    answer = _add_content(api, entry_id, token_id)

    if answer.get("objectType") == "KalturaAPIException":
        assert answer["code"] == entry_after
        assert _obj(api("media", "get", entryId=entry_id))["status"] == NO_CONTENT
    else:
        assert answer["status"] == entry_after
    token = _obj(api("uploadToken", "get", uploadTokenId=token_id))
    assert token.get("status") == token_after


@pytest.mark.parametrize("finish", ["finalChunk", "autoFinalize"])
def test_chunks_after_add_content_close_the_token_on_the_last_one(api: Api, finish: str) -> None:
    given = {"objectType": "KalturaUploadToken", "fileSize": 8, "autoFinalize": 1}
    token = _obj(api("uploadToken", "add", uploadToken=given if finish == "autoFinalize" else {}))
    entry_id = _media(api, f"chunks, {finish}")
    assert _add_content(api, entry_id, token["id"])["status"] == IMPORT

    first = _upload(api, token["id"], b"abcde", finalChunk="false")
    assert first["status"] == PARTIAL_UPLOAD
    assert _obj(api("media", "get", entryId=entry_id))["status"] == IMPORT
    last_is_final = "true" if finish == "finalChunk" else "false"
    last = _upload(api, token["id"], b"fgh", resume="true", resumeAt="5", finalChunk=last_is_final)

    assert (last["status"], last["uploadedFileSize"]) == (CLOSED, 8)
    assert _obj(api("media", "get", entryId=entry_id))["status"] == READY


def test_waiting_entry_refuses_a_second_content_and_a_deleted_one_leaves_the_token_full(
    api: Api,
) -> None:
    token = _obj(api("uploadToken", "add"))
    entry_id = _media(api, "waits, then goes")
    _add_content(api, entry_id, token["id"])
    url = {"objectType": "KalturaUrlResource", "url": "https://example.com/a.mp4"}
    again = _obj(api("media", "addContent", entryId=entry_id, resource=url))
    assert again["code"] == "ENTRY_ALREADY_WITH_CONTENT"

    api("media", "delete", entryId=entry_id)
    # api_v3 closes a token only when its object took the file.
    assert _upload(api, token["id"], VIDEO)["status"] == FULL_UPLOAD
