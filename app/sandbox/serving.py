"""The sandbox's delivery routes: an entry's bytes at the URLs its answers carry
(`/p/{pid}/sp/{pid}00/playManifest|raw|thumbnail/…`, shapes in `delivery.py`).

Each answer is the stored file with its own Content-Type, and Range requests are honoured
(206 with Content-Range, 416 outside the file) so a `<video>` element can seek. The KS comes
in the path (`ks/{ks}`) or the query (`?ks=`), and decides, as on api_v3, what may be read: a
USER KS limited to its own entries gets 404 for anyone else's, like `media.get` does. The
sandbox's partner requires a KS for delivery (a Kaltura access-control "KS required" rule),
so every URL it hands out carries one; without it the answer is 403.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from app.sandbox import delivery
from app.sandbox.config import SandboxConfig
from app.sandbox.errors import KalturaApiError
from app.sandbox.services import entitlement, ingest
from app.sandbox.sessions import authenticate
from app.sandbox.store import Store

CORS = {"Access-Control-Allow-Origin": "*"}


@dataclass(frozen=True)
class Found:
    path: Path
    content_type: str
    file_name: str
    attachment: bool


@dataclass(frozen=True)
class Refused:
    status: int
    reason: str


def locate(
    store: Store, config: SandboxConfig, partner_id: int, wanted: delivery.Delivery, ks: str
) -> Found | Refused:
    """The file a delivery URL names, if this KS may read it."""
    if not ks:
        return Refused(403, "A KS is required: add ks/<KS> to the path or ?ks=<KS>.")
    with store.transaction() as db:
        try:
            session = authenticate(db, ks, int(time.time()))
        except KalturaApiError as error:
            return Refused(403, f"The KS was refused ({error.name}).")
        entry = db.get("entry", wanted.entry_id, partner_id)
        if (
            entry is None
            or session.partner_id != partner_id
            or not entitlement.may_view_as(db, session, partner_id, entry)
        ):
            return Refused(404, f"Entry {wanted.entry_id} was not found.")
        if ingest.settle(entry):
            db.put("entry", wanted.entry_id, partner_id, entry)
        if wanted.module == "thumbnail":
            asset_id = wanted.thumb_id or entry.get(ingest.THUMB_ID)
        else:
            asset_id = wanted.flavor_id or entry.get(ingest.FLAVOR_ID)
        asset = db.get(ingest.ASSET_KIND, str(asset_id), partner_id) if asset_id else None
        # Playing waits for READY, as a real entry plays only once converted; a download of
        # the source flavor does not.
        playing = wanted.module == "playManifest" and wanted.file_format != "download"
        if (
            asset is None
            or asset.get("entryId") != wanted.entry_id
            or asset.get("status") != ingest.ASSET_READY
            or (playing and entry.get("status") != ingest.STATUS_READY)
        ):
            return Refused(404, f"Entry {wanted.entry_id} has nothing ready to deliver there.")
    path = config.uploads_dir / "content" / f"{partner_id}-{asset['id']}"
    if not path.exists():
        return Refused(404, f"Entry {wanted.entry_id}'s file is gone.")
    name = wanted.file_name or str(asset.get("sandboxFileName") or "")
    content_type = str(asset.get("sandboxContentType") or "application/octet-stream")
    download = wanted.module == "raw" or wanted.file_format == "download"
    return Found(path, content_type, name or f"{wanted.entry_id}.{asset.get('fileExt')}", download)


def delivery_routes(
    store: Store, config: SandboxConfig, partner_id: int, run: Callable[..., asyncio.Future[object]]
) -> list[Route]:
    """The routes, served on the sandbox's own worker (`run`), which owns the database."""

    async def deliver(request: Request) -> Response:
        params = request.path_params
        wanted = delivery.read_path(params["module"], params["rest"])
        if wanted is None or params["pid"] != partner_id:
            return PlainTextResponse("Not found.", status_code=404, headers=CORS)
        ks = wanted.ks or request.query_params.get("ks", "")
        found = await run(locate, store, config, partner_id, wanted, ks)
        if isinstance(found, Refused):
            return PlainTextResponse(found.reason, status_code=found.status, headers=CORS)
        assert isinstance(found, Found)
        return FileResponse(
            found.path,
            media_type=found.content_type,
            filename=found.file_name,
            content_disposition_type="attachment" if found.attachment else "inline",
            headers=CORS,
        )

    methods = ["GET", "HEAD"]
    return [
        Route("/p/{pid:int}/sp/{sp:int}/{module}/{rest:path}", deliver, methods=methods),
        Route("/p/{pid:int}/{module}/{rest:path}", deliver, methods=methods),
    ]
