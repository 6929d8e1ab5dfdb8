"""Every way content gets into a media entry, as api_v3's `media` and `baseEntry` take it.

    media.addContent            a resource: upload token, URL, string, another entry
    media.addFromUploadedFile   a new entry from a complete upload token (`baseEntry.` too)
    media.upload                a file in one call; its token id goes to addFromUploadedFile
    media.addFromUrl            a new entry imported from a URL
    media.updateContent         new content for an entry that has some (`replacement.py`)
    media.approveReplace / cancelReplace

A token still PENDING or PARTIAL_UPLOAD is attached as api_v3 attaches it: the entry waits in
IMPORT, and the upload that completes the token hands the file over (`when_uploaded`). A URL
is fetched only when the sandbox itself serves it (its own `/p/…` URLs, read without network);
any other fails the import, which is what a sandbox without network can honestly do.
"""

from __future__ import annotations

import io
from pathlib import Path

from app.sandbox import delivery
from app.sandbox.context import CallContext, Params, handles
from app.sandbox.errors import KalturaApiError
from app.sandbox.probe import VIDEO, probe
from app.sandbox.services import entitlement, ingest, replacement, upload_tokens
from app.sandbox.services.changes import require
from app.sandbox.services.entries import (
    ENTRY_KIND,
    STATUS_NO_CONTENT,
    find_entry,
    new_entry,
    save_entry,
)
from app.sandbox.services.upload_tokens import CLOSED, attach_token, when_uploaded
from app.sandbox.store import KObject

SOURCE_FILE, SOURCE_URL, SOURCE_CLIP = "1", "5", "35"  # KalturaSourceType
MEDIA_CLIP = "1"
IMAGE = 2


def attach(ctx: CallContext, entry: KObject, resource: KObject) -> None:
    """Give `entry` the content `resource` names, as api_v3 attaches a resource."""
    kind = resource["objectType"]
    if kind == "KalturaUploadedFileTokenResource":
        token_id = str(resource.get("token") or "")
        token = attach_token(ctx, token_id, "KalturaMediaEntry", str(entry["id"]))
        entry.update(sourceType=SOURCE_FILE, sourceVersion=token.get("fileName") or "")
        if token["status"] == CLOSED:
            _take_token_file(ctx, entry, token)
        else:  # as in api_v3: IMPORT until the file is complete
            entry["status"] = ingest.STATUS_IMPORT
    elif kind in ("KalturaUrlResource", "KalturaRemoteStorageResource"):
        import_url(ctx, entry, str(resource.get("url") or ""))
    elif kind == "KalturaStringResource":
        entry["sourceType"] = SOURCE_FILE
        text = str(resource.get("content") or "").encode()
        ingest.receive(ctx, entry, io.BytesIO(text), "content.txt", ingest.STATUS_PRECONVERT)
    elif kind == "KalturaEntryResource":
        source = find_entry(ctx, str(resource.get("entryId") or ""))
        flavor = ctx.db.get(ingest.ASSET_KIND, str(source.get(ingest.FLAVOR_ID)), ctx.partner_id)
        path = ingest.asset_file(ctx, str(flavor["id"])) if flavor else None
        if flavor is None or path is None or not path.exists():
            raise KalturaApiError("ENTRY_NOT_READY", source.get("name") or source["id"])
        entry.update(sourceType=SOURCE_CLIP, rootEntryId=source["id"])
        _receive_file(ctx, entry, path, str(flavor.get("sandboxFileName") or ""))
    else:
        raise KalturaApiError("RESOURCE_TYPE_NOT_SUPPORTED", kind)


def _receive_file(
    ctx: CallContext, entry: KObject, path: Path, name: str, waiting: str = ""
) -> None:
    with path.open("rb") as source:
        ingest.receive(ctx, entry, source, name, waiting or ingest.STATUS_PRECONVERT)


def _take_token_file(ctx: CallContext, entry: KObject, token: KObject) -> None:
    path = upload_tokens.token_file(ctx, str(token["id"]))
    if path.exists():
        _receive_file(ctx, entry, path, str(token.get("fileName") or ""))
    upload_tokens.close(ctx, token)


@when_uploaded("KalturaMediaEntry")
def _upload_completed(ctx: CallContext, entry_id: str, token: KObject) -> bool:
    """The file an entry waited for in IMPORT is complete: it becomes the entry's content."""
    entry = ctx.db.get(ENTRY_KIND, entry_id, ctx.partner_id)
    if entry is None:
        return False
    entry["sourceVersion"] = token.get("fileName") or ""
    path = upload_tokens.token_file(ctx, str(token["id"]))
    _receive_file(ctx, entry, path, str(token.get("fileName") or ""))
    path.unlink(missing_ok=True)
    save_entry(ctx, entry)
    return True


def import_url(ctx: CallContext, entry: KObject, url: str) -> None:
    """Import what `url` serves: only the sandbox's own delivery URLs can be read."""
    entry.update(sourceType=SOURCE_URL, sourceVersion=url)
    prefix = f"{ctx.origin}{delivery.partner_path(ctx.partner_id)}/"
    reason = "the sandbox has no network; it imports only URLs it serves itself (/p/…)"
    if ctx.origin and url.startswith(prefix):
        module, _, rest = url[len(prefix) :].partition("/")
        wanted = delivery.read_path(module, rest.split("?")[0])
        found = _served_file(ctx, wanted) if wanted else None
        if found is not None:
            _receive_file(ctx, entry, found[0], found[1], ingest.STATUS_IMPORT)
            return
        reason = "the sandbox serves nothing there that this session may read"
    ingest.import_failed(ctx, entry, url, reason)


def _served_file(ctx: CallContext, wanted: delivery.Delivery) -> tuple[Path, str] | None:
    source = ctx.db.get(ENTRY_KIND, wanted.entry_id, ctx.partner_id)
    if source is None or not entitlement.may_view(ctx, source):
        return None
    asset_id = source.get(ingest.THUMB_ID if wanted.module == "thumbnail" else ingest.FLAVOR_ID)
    asset = ctx.db.get(ingest.ASSET_KIND, str(asset_id), ctx.partner_id)
    path = ingest.asset_file(ctx, str(asset_id))
    if asset is None or not path.exists():
        return None
    return path, str(asset.get("sandboxFileName") or f"{asset['id']}.{asset.get('fileExt')}")


# -- the actions -----------------------------------------------------------------------------


@handles("media", "addContent")
def media_add_content(ctx: CallContext, params: Params) -> KObject:
    entry = find_entry(ctx, params["entryId"], for_edit=True)
    resource: KObject | None = params["resource"]
    if resource is None:
        return entry
    if entry.get("status") != STATUS_NO_CONTENT:
        raise KalturaApiError("ENTRY_ALREADY_WITH_CONTENT")
    attach(ctx, entry, resource)
    return ingest.present(ctx, save_entry(ctx, entry))


def _add_from_token(ctx: CallContext, given: KObject, token_id: str) -> KObject:
    token = upload_tokens.full_token(ctx, token_id)
    path = upload_tokens.token_file(ctx, token_id)
    if given.get("mediaType") is None:  # baseEntry.addFromUploadedFile: the file tells
        with path.open("rb") as stream:
            given = {**given, "mediaType": probe(stream).media_type or VIDEO}
    entry = new_entry(ctx, {**given, "objectType": "KalturaMediaEntry"})
    entry.update(sourceType=SOURCE_FILE, sourceVersion=token.get("fileName") or "")
    token.update(attachedObjectType="KalturaMediaEntry", attachedObjectId=entry["id"])
    _take_token_file(ctx, entry, token)
    return ingest.present(ctx, save_entry(ctx, entry))


@handles("media", "addFromUploadedFile")
def media_add_from_uploaded_file(ctx: CallContext, params: Params) -> KObject:
    require(params["mediaEntry"], "mediaType")
    return _add_from_token(ctx, params["mediaEntry"], params["uploadTokenId"])


@handles("baseEntry", "addFromUploadedFile")
def base_entry_add_from_uploaded_file(ctx: CallContext, params: Params) -> KObject:
    return _add_from_token(ctx, params["entry"], params["uploadTokenId"])


@handles("media", "upload")
def media_upload(ctx: CallContext, params: Params) -> str:
    return str(upload_tokens.upload_whole(ctx, params["fileData"])["id"])


@handles("baseEntry", "upload")
def base_entry_upload(ctx: CallContext, params: Params) -> str:
    return str(upload_tokens.upload_whole(ctx, params["fileData"])["id"])


@handles("media", "addFromUrl")
def media_add_from_url(ctx: CallContext, params: Params) -> KObject:
    require(params["mediaEntry"], "mediaType")
    entry = new_entry(ctx, params["mediaEntry"])
    import_url(ctx, entry, params["url"])
    return ingest.present(ctx, save_entry(ctx, entry))


@handles("media", "updateContent")
def media_update_content(ctx: CallContext, params: Params) -> KObject:
    entry = find_entry(ctx, params["entryId"], for_edit=True)
    if str(entry.get("type")) != MEDIA_CLIP:
        raise KalturaApiError("ENTRY_ID_NOT_FOUND", entry["id"])
    if entry.get("status") == STATUS_NO_CONTENT or entry.get("mediaType") == IMAGE:
        attach(ctx, entry, params["resource"])
        return ingest.present(ctx, save_entry(ctx, entry))
    if entry.get("replacingEntryId"):
        raise KalturaApiError("ENTRY_REPLACEMENT_ALREADY_EXISTS")
    temp = new_entry(ctx, {"mediaType": entry.get("mediaType"), "name": entry.get("name")})
    temp.update(
        userId=entry.get("userId"), replacedEntryId=entry["id"], displayInSearch=-1
    )  # DISPLAY_IN_SEARCH_SYSTEM, as api_v3 marks the temporary entry
    attach(ctx, temp, params["resource"])
    save_entry(ctx, temp)
    entry.update(
        replacingEntryId=temp["id"], replacementStatus=replacement.NOT_READY_AND_NOT_APPROVED
    )
    replacement.progress(ctx, entry)
    return ingest.present(ctx, save_entry(ctx, entry))


@handles("media", "approveReplace")
def media_approve_replace(ctx: CallContext, params: Params) -> KObject:
    entry = find_entry(ctx, params["entryId"], for_edit=True)
    if entry.get("mediaType") == IMAGE:  # api_v3 never waits for approval for an image
        return entry
    state = entry.get("replacementStatus")
    temp = replacement.temporary_of(ctx, entry)
    if state == replacement.READY_BUT_NOT_APPROVED and temp is not None:
        replacement.swap(ctx, entry, temp)
    elif state == replacement.NOT_READY_AND_NOT_APPROVED:
        entry["replacementStatus"] = replacement.APPROVED_BUT_NOT_READY
        replacement.progress(ctx, entry)
    elif state != replacement.APPROVED_BUT_NOT_READY:
        raise KalturaApiError("ENTRY_ID_NOT_REPLACED", entry["id"])
    return ingest.present(ctx, save_entry(ctx, entry))


@handles("media", "cancelReplace")
def media_cancel_replace(ctx: CallContext, params: Params) -> KObject:
    entry = find_entry(ctx, params["entryId"], for_edit=True)
    replacement.cancel(ctx, entry)
    return ingest.present(ctx, save_entry(ctx, entry))


def _media_clip_only(ctx: CallContext, entry_id: str) -> None:
    """baseEntry's content actions hand a media clip to media's and refuse the rest with
    ENTRY_TYPE_NOT_SUPPORTED, as api_v3 does."""
    entry = find_entry(ctx, entry_id, for_edit=True)
    if str(entry.get("type")) != MEDIA_CLIP:
        raise KalturaApiError("ENTRY_TYPE_NOT_SUPPORTED", entry.get("type"))


@handles("baseEntry", "addContent")
def base_entry_add_content(ctx: CallContext, params: Params) -> KObject:
    _media_clip_only(ctx, params["entryId"])
    added: KObject = media_add_content(ctx, params)
    return added


@handles("baseEntry", "updateContent")
def base_entry_update_content(ctx: CallContext, params: Params) -> KObject:
    _media_clip_only(ctx, params["entryId"])
    updated: KObject = media_update_content(ctx, params)
    return updated
