"""The flavor and thumbnail assets of an entry beyond what the engine's conventions answer.

`add`, `update` and `delete` of both services are conventional (the engine keeps both classes under
`KalturaAsset`, as `ingest.py` stores them). Written here: `get` and `list`, which answer only
assets of entries the session may see — api_v3's asset list requires `entryIdEqual` or `entryIdIn`
and keeps the entries the caller may read; the URL actions (`getUrl`, `getDownloadUrl`: delivery
URLs of the sandbox, for this caller); `flavorAsset.getByEntryId` (an array, not a list response);
and `thumbAsset.setAsDefault`, which in api_v3 moves the `default_thumb` tag and makes the asset the
entry's thumbnail.
"""

from __future__ import annotations

from app.sandbox import delivery, listing
from app.sandbox.context import CallContext, Params, handles
from app.sandbox.errors import KalturaApiError
from app.sandbox.services import ingest
from app.sandbox.services.entries import find_entry, save_entry
from app.sandbox.store import KObject

DELETED = 3  # KalturaFlavorAssetStatus / KalturaThumbAssetStatus


def _asset(ctx: CallContext, asset_id: str, object_type: str, missing: str) -> KObject:
    """An asset of a class whose entry this session may see, else `missing` (its not-found)."""
    asset = ctx.db.get(ingest.ASSET_KIND, asset_id, ctx.partner_id)
    if asset is None or asset.get("objectType") != object_type or asset.get("status") == DELETED:
        raise KalturaApiError(missing, asset_id)
    try:
        find_entry(ctx, str(asset.get("entryId") or ""))
    except KalturaApiError:
        raise KalturaApiError(missing, asset_id) from None
    return asset


def _listed(ctx: CallContext, params: Params, listed: str) -> KObject:
    filter_: KObject = params["filter"] or {}
    wanted = [filter_["entryIdEqual"]] if filter_.get("entryIdEqual") else []
    wanted = wanted or [i for i in str(filter_.get("entryIdIn") or "").split(",") if i]
    if not wanted:
        name = f"{listed}Filter"
        raise KalturaApiError(
            "PROPERTY_VALIDATION_CANNOT_BE_NULL", f"{name}::entryIdEqual/{name}::entryIdIn"
        )
    seen = set()
    for entry_id in wanted:
        try:
            seen.add(find_entry(ctx, entry_id)["id"])
        except KalturaApiError:
            continue  # not there, or not this session's to see: left out, as api_v3 does
    assets = [
        asset
        for entry_id in sorted(seen)
        for asset in ingest.assets_of(ctx, str(entry_id), listed)
        if asset.get("status") != DELETED
    ]
    response = f"{listed}ListResponse"
    return listing.list_response(ctx.schema, response, listed, assets, filter_, params["pager"])


@handles("flavorAsset", "get")
def flavor_get(ctx: CallContext, params: Params) -> KObject:
    return _asset(ctx, params["id"], "KalturaFlavorAsset", "FLAVOR_ASSET_ID_NOT_FOUND")


@handles("flavorAsset", "list")
def flavor_list(ctx: CallContext, params: Params) -> KObject:
    return _listed(ctx, params, "KalturaFlavorAsset")


@handles("thumbAsset", "get")
def thumb_get(ctx: CallContext, params: Params) -> KObject:
    return _asset(ctx, params["thumbAssetId"], "KalturaThumbAsset", "THUMB_ASSET_ID_NOT_FOUND")


@handles("thumbAsset", "list")
def thumb_list(ctx: CallContext, params: Params) -> KObject:
    return _listed(ctx, params, "KalturaThumbAsset")


def _ks(ctx: CallContext) -> str:
    return ctx.session.token if ctx.session else ""


@handles("flavorAsset", "getByEntryId")
def flavor_get_by_entry_id(ctx: CallContext, params: Params) -> list[KObject]:
    entry = find_entry(ctx, params["entryId"])
    return ingest.assets_of(ctx, str(entry["id"]), "KalturaFlavorAsset")


def flavor_download_url(ctx: CallContext, flavor: KObject, file_name: str = "") -> str:
    name = file_name or str(flavor.get("sandboxFileName") or f"a.{flavor.get('fileExt')}")
    return delivery.play_manifest_url(
        ctx.origin,
        ctx.partner_id,
        str(flavor["entryId"]),
        _ks(ctx),
        file_format="download",
        flavor_id=str(flavor["id"]),
        file_name=name,
    )


def _ready_flavor(ctx: CallContext, flavor_id: str) -> KObject:
    flavor = _asset(ctx, flavor_id, "KalturaFlavorAsset", "FLAVOR_ASSET_ID_NOT_FOUND")
    if flavor.get("status") != ingest.ASSET_READY:
        raise KalturaApiError("FLAVOR_ASSET_IS_NOT_READY")
    return flavor


@handles("flavorAsset", "getUrl")
def flavor_get_url(ctx: CallContext, params: Params) -> str:
    flavor = _ready_flavor(ctx, params["id"])
    options: KObject = params["options"] or {}
    return flavor_download_url(ctx, flavor, str(options.get("fileName") or ""))


@handles("flavorAsset", "getDownloadUrl")
def flavor_get_download_url(ctx: CallContext, params: Params) -> str:
    return flavor_download_url(ctx, _ready_flavor(ctx, params["id"]))


@handles("thumbAsset", "getUrl")
def thumb_get_url(ctx: CallContext, params: Params) -> str:
    thumb = _asset(ctx, params["id"], "KalturaThumbAsset", "THUMB_ASSET_ID_NOT_FOUND")
    if thumb.get("status") != ingest.ASSET_READY:
        raise KalturaApiError("THUMB_ASSET_IS_NOT_READY")
    entry_id = str(thumb["entryId"])
    version = int(thumb.get("version") or 1)
    return delivery.thumbnail_url(
        ctx.origin, ctx.partner_id, entry_id, version, _ks(ctx), str(thumb["id"])
    )


@handles("thumbAsset", "setAsDefault")
def thumb_set_as_default(ctx: CallContext, params: Params) -> None:
    chosen = _asset(ctx, params["thumbAssetId"], "KalturaThumbAsset", "THUMB_ASSET_ID_NOT_FOUND")
    entry = find_entry(ctx, str(chosen["entryId"]), for_edit=True)
    for thumb in ingest.assets_of(ctx, str(entry["id"]), "KalturaThumbAsset"):
        tags = [t for t in str(thumb.get("tags") or "").split(",") if t and t != "default_thumb"]
        if thumb["id"] == chosen["id"]:
            tags.append(ingest.DEFAULT_THUMB_TAG)
        thumb.update(tags=",".join(tags), updatedAt=ctx.now)
        ctx.db.put(ingest.ASSET_KIND, str(thumb["id"]), ctx.partner_id, thumb)
    entry[ingest.THUMB_ID] = chosen["id"]
    save_entry(ctx, entry)
