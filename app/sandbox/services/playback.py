"""`baseEntry.getPlaybackContext`: what a player needs to play an entry from the sandbox.

api_v3 answers one source per delivery profile and format, each a playManifest URL over the entry's
playable flavors. The sandbox has one way to deliver — the file as uploaded, progressive download
over HTTP — so it answers one `url` source over the READY flavors, whose URL plays from the sandbox
itself. An entry with nothing playable gets no sources and api_v3's "no flavors" message.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from app.sandbox import delivery
from app.sandbox.context import CallContext, Params, handles
from app.sandbox.services import ingest
from app.sandbox.services.entries import find_entry
from app.sandbox.store import KObject


@handles("baseEntry", "getPlaybackContext")
def get_playback_context(ctx: CallContext, params: Params) -> KObject:
    entry = find_entry(ctx, params["entryId"])
    flavors = [
        flavor
        for flavor in ingest.assets_of(ctx, str(entry["id"]), "KalturaFlavorAsset")
        if flavor.get("status") == ingest.ASSET_READY
    ]
    ready = entry.get("status") == ingest.STATUS_READY and bool(flavors)
    sources: list[KObject] = []
    messages: list[KObject] = []
    if ready:
        ids = ",".join(str(f["id"]) for f in flavors)
        url = delivery.play_manifest_url(
            ctx.origin,
            ctx.partner_id,
            str(entry["id"]),
            ctx.session.token if ctx.session else "",
            flavor_id=ids,
            flavor_key="flavorIds",
            file_name=f"a.{flavors[0].get('fileExt') or 'mp4'}",
        )
        scheme = urlsplit(ctx.origin).scheme or "http"
        sources.append(
            {
                "objectType": "KalturaPlaybackSource",
                "deliveryProfileId": "",
                "format": "url",
                "protocols": scheme,
                "flavorIds": ids,
                "url": url,
            }
        )
    else:
        # api_v3's NO_FLAVORS_FOUND text, given as a message the player shows.
        messages.append(
            {
                "objectType": "KalturaAccessControlMessage",
                "message": "No flavors found",
                "code": "NO_FLAVORS_FOUND",
            }
        )
    return {
        "objectType": "KalturaPlaybackContext",
        "sources": sources,
        "flavorAssets": flavors if ready else [],
        "actions": [],
        "messages": messages,
    }
