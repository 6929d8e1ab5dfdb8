"""READY media entries for flow tests, made as an application makes them: media.add, then an
upload token whose file is complete attached with media.addContent."""

from __future__ import annotations

import io
from typing import Any

from KalturaClient import KalturaClient
from KalturaClient.Plugins.Core import (
    KalturaMediaEntry,
    KalturaMediaType,
    KalturaUploadedFileTokenResource,
    KalturaUploadToken,
)

from tests.sandbox.conftest import Api

VIDEO = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 4


def ready_entry(client: KalturaClient, name: str, **properties: Any) -> str:
    """A READY media entry through the official Python client; its id."""
    new = KalturaMediaEntry()
    new.name, new.mediaType = name, KalturaMediaType.VIDEO
    for key, value in properties.items():
        setattr(new, key, value)
    entry = client.media.add(new)
    token = client.uploadToken.add(KalturaUploadToken())
    client.uploadToken.upload(token.id, _named(VIDEO, f"{name}.mp4"))
    resource = KalturaUploadedFileTokenResource()
    resource.token = token.id
    client.media.addContent(entry.id, resource)
    return str(entry.id)


def _named(data: bytes, name: str) -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def ready_entry_json(api: Api, name: str, **properties: object) -> str:
    """A READY media entry over raw api_v3 calls in JSON (format 1); its id."""
    new = {"objectType": "KalturaMediaEntry", "name": name, "mediaType": 1, **properties}
    entry: Any = api("media", "add", entry=new)
    token: Any = api("uploadToken", "add")
    api.http.post(
        "/api_v3/service/uploadToken/action/upload",
        data={"ks": api.ks, "format": "1", "uploadTokenId": str(token["id"])},
        files={"fileData": (f"{name}.mp4", VIDEO)},
    )
    resource = {"objectType": "KalturaUploadedFileTokenResource", "token": token["id"]}
    api("media", "addContent", entryId=entry["id"], resource=resource)
    return str(entry["id"])
