"""Content arriving at an entry: the file kept under the data dir, probed (`app.sandbox.probe`),
a source flavor and a thumbnail made, the entry's duration and size filled in, its status moved
as api_v3 moves it, and the URLs it is delivered at (`app.sandbox.delivery`).

api_v3 takes a new file through IMPORT (a URL being fetched) or PRECONVERT (a file being
converted) to READY; the sandbox converts nothing, so the entry is READY at once, or — with
`SandboxConfig.ready_delay_seconds` — stays IMPORT/PRECONVERT until it is next read after that
many seconds (`settle`), so polling code has something to poll. A failed import ends in
ERROR_IMPORTING (-2), as api_v3 leaves an entry whose URL import failed, with the reason on the
source flavor (status ERROR, its `description`).
"""

from __future__ import annotations

import secrets
import shutil
import string
import time
from pathlib import Path
from typing import IO

from app.sandbox import delivery
from app.sandbox.context import CallContext
from app.sandbox.placeholder import slate_png, slate_size
from app.sandbox.probe import AUDIO, IMAGE, VIDEO, MediaFacts, probe
from app.sandbox.store import KObject

ASSET_KIND = "KalturaAsset"  # where the engine keeps flavor and thumbnail assets (crud.py)
STATUS_ERROR_IMPORTING, STATUS_IMPORT, STATUS_PRECONVERT, STATUS_READY = "-2", "0", "1", "2"
ASSET_ERROR, ASSET_READY = -1, 2
SOURCE_FLAVOR_PARAMS = 0  # api_v3's flavor params id of the source ("original") flavor
DEFAULT_THUMB_TAG = "default_thumb"
# Sandbox bookkeeping kept on the entry document; not schema properties, so never rendered.
READY_AT = "sandboxReadyAt"
FLAVOR_ID = "sandboxFlavorId"
THUMB_ID = "sandboxThumbId"
# Made on every read for the caller (its origin, its KS), never stored.
DELIVERY_URLS = ("dataUrl", "downloadUrl", "thumbnailUrl")
_ID_ALPHABET = string.ascii_lowercase + string.digits
_COPY_CHUNK = 1024 * 1024


def asset_file(ctx: CallContext, asset_id: str) -> Path:
    return ctx.config.uploads_dir / "content" / f"{ctx.partner_id}-{asset_id}"


def _new_asset_id(ctx: CallContext) -> str:
    while True:
        asset_id = "0_" + "".join(secrets.choice(_ID_ALPHABET) for _ in range(8))
        if ctx.db.get(ASSET_KIND, asset_id, ctx.partner_id) is None:
            return asset_id


def _asset(ctx: CallContext, entry: KObject, object_type: str, **fields: object) -> KObject:
    asset: KObject = {
        "objectType": object_type,
        "id": _new_asset_id(ctx),
        "entryId": entry["id"],
        "partnerId": ctx.partner_id,
        "version": 1,
        "createdAt": ctx.now,
        "updatedAt": ctx.now,
        "tags": "",
        "description": "",
        **fields,
    }
    ctx.db.put(ASSET_KIND, str(asset["id"]), ctx.partner_id, asset)
    return asset


def _sized(size: int) -> dict[str, object]:
    # api_v3 gives an asset's `size` in KB and `sizeInBytes` exactly.
    return {"size": (size + 1023) // 1024, "sizeInBytes": size}


def receive(
    ctx: CallContext, entry: KObject, source: IO[bytes], file_name: str, waiting: str
) -> None:
    """`source` becomes the content of `entry`: kept, probed, given a source flavor and a
    thumbnail; the entry waits in `waiting` (IMPORT or PRECONVERT) for the configured delay."""
    facts = probe(source)
    source.seek(0)
    ext = facts.file_ext or Path(file_name).suffix.lstrip(".").lower()
    bitrate = facts.size * 8 // facts.duration_ms if facts.duration_ms else 0  # kbit/s
    flavor = _asset(
        ctx,
        entry,
        "KalturaFlavorAsset",
        flavorParamsId=SOURCE_FLAVOR_PARAMS,
        fileExt=ext,
        containerFormat=facts.container,
        width=facts.width or 0,
        height=facts.height or 0,
        bitrate=bitrate,
        frameRate=0.0,
        isOriginal=True,
        isWeb=facts.container in ("mp4", "webm", "mp3"),
        videoCodecId="",
        status=ASSET_READY,
        tags="source",
        sandboxFileName=file_name,
        sandboxContentType=facts.content_type,
        **_sized(facts.size),
    )
    target = asset_file(ctx, str(flavor["id"]))
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        shutil.copyfileobj(source, out, _COPY_CHUNK)
    thumb = _thumbnail(ctx, entry, facts, target)
    forget_content(ctx, str(entry["id"]), keep=(flavor["id"], thumb["id"]))
    media_type = entry.get("mediaType") or facts.media_type
    entry.update(
        {
            FLAVOR_ID: flavor["id"],
            THUMB_ID: thumb["id"],
            "mediaType": media_type,
            "flavorParamsIds": str(SOURCE_FLAVOR_PARAMS),
            "msDuration": facts.duration_ms or 0,
            # api_v3's `duration`: the length in milliseconds / 1000, written as an int.
            "duration": (facts.duration_ms or 0) // 1000,
            "width": facts.width or 0,
            "height": facts.height or 0,
            "version": int(entry.get("version") or 0) + 1,
        }
    )
    _wait(ctx, entry, waiting)


def _thumbnail(ctx: CallContext, entry: KObject, facts: MediaFacts, source: Path) -> KObject:
    """An image is its own thumbnail; anything else gets the generated slate."""
    if facts.media_type == IMAGE:
        data, width, height, ext = source.read_bytes(), facts.width, facts.height, facts.file_ext
        content_type = facts.content_type
    else:
        width, height = slate_size(facts.width, facts.height)
        data, ext, content_type = slate_png(width, height), "png", "image/png"
    thumb = _asset(
        ctx,
        entry,
        "KalturaThumbAsset",
        thumbParamsId=0,
        width=width or 0,
        height=height or 0,
        fileExt=ext,
        status=ASSET_READY,
        tags=DEFAULT_THUMB_TAG,
        sandboxContentType=content_type,
        **_sized(len(data)),
    )
    target = asset_file(ctx, str(thumb["id"]))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return thumb


def _wait(ctx: CallContext, entry: KObject, waiting: str) -> None:
    delay = ctx.config.ready_delay_seconds
    if delay > 0:
        entry.update({"status": waiting, READY_AT: time.time() + delay})
    else:
        entry["status"] = STATUS_READY
        entry.pop(READY_AT, None)


def import_failed(ctx: CallContext, entry: KObject, url: str, reason: str) -> None:
    """api_v3's ERROR_IMPORTING, with the reason on an ERROR source flavor."""
    flavor = _asset(
        ctx,
        entry,
        "KalturaFlavorAsset",
        flavorParamsId=SOURCE_FLAVOR_PARAMS,
        isOriginal=True,
        status=ASSET_ERROR,
        description=f"Could not import {url}: {reason}",
        **_sized(0),
    )
    forget_content(ctx, str(entry["id"]), keep=(flavor["id"],))
    entry.update({"status": STATUS_ERROR_IMPORTING, FLAVOR_ID: flavor["id"], THUMB_ID: None})


def assets_of(ctx: CallContext, entry_id: str, object_type: str) -> list[KObject]:
    return [
        a
        for a in ctx.db.all(ASSET_KIND, ctx.partner_id)
        if a.get("entryId") == entry_id and a.get("objectType") == object_type
    ]


def forget_content(ctx: CallContext, entry_id: str, keep: tuple[object, ...] = ()) -> None:
    """The entry's assets (but `keep`) and their files go: new content replaces the old, and
    a deleted entry takes its content with it."""
    for asset in ctx.db.all(ASSET_KIND, ctx.partner_id):
        if asset.get("entryId") == entry_id and asset["id"] not in keep:
            ctx.db.delete(ASSET_KIND, str(asset["id"]), ctx.partner_id)
            asset_file(ctx, str(asset["id"])).unlink(missing_ok=True)


def settle(entry: KObject) -> bool:
    """Move a waiting entry on once its delay is over; True when it changed."""
    ready_at = entry.get(READY_AT)
    if ready_at is None or time.time() < float(ready_at):
        return False
    entry.pop(READY_AT, None)
    if entry.get("status") in (STATUS_IMPORT, STATUS_PRECONVERT):
        entry["status"] = STATUS_READY
    return True


def present(ctx: CallContext, entry: KObject) -> KObject:
    """The entry with its delivery URLs for this caller (its origin, its KS), when it has
    content; api_v3 computes them on every read too."""
    if not entry.get(THUMB_ID):
        return entry
    ks = ctx.session.token if ctx.session else ""
    pid, entry_id, version = ctx.partner_id, str(entry["id"]), int(entry.get("version") or 0)
    thumbnail = delivery.thumbnail_url(ctx.origin, pid, entry_id, version, ks)
    flavor = ctx.db.get(ASSET_KIND, str(entry.get(FLAVOR_ID)), ctx.partner_id) or {}
    if entry.get("mediaType") in (VIDEO, AUDIO):
        name = "a." + str(flavor.get("fileExt") or "mp4")
        data = delivery.play_manifest_url(ctx.origin, pid, entry_id, ks, file_name=name)
    else:
        data = thumbnail
    entry.update(
        dataUrl=data,
        downloadUrl=delivery.raw_url(ctx.origin, pid, entry_id, version, ks),
        thumbnailUrl=thumbnail,
    )
    return entry
