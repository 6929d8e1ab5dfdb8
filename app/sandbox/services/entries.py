"""`media.*` and `baseEntry.*`: entries, their content and who may see them.

A new media entry has no content (status NO_CONTENT); `media.addContent` with an upload token
whose file is complete (or a URL/string/entry resource) attaches it and the entry becomes READY.
A token still PENDING or PARTIAL_UPLOAD is attached too, as api_v3 attaches it: the entry waits
in IMPORT and becomes READY when the upload that completes the token arrives.
Who may see and change an entry is api_v3's rule (`entitlement.py`): every session sees every
entry unless its KS enables entitlement; a USER session changes its own, or others' with
`edit:<id>`/`edit:*`/`*`.
"""

from __future__ import annotations

import secrets
import string
from typing import Any

from app.sandbox import listing
from app.sandbox.context import CallContext, Params, handles
from app.sandbox.errors import KalturaApiError
from app.sandbox.services import entitlement
from app.sandbox.services.changes import apply_changes, require
from app.sandbox.services.metadata_search import searchers
from app.sandbox.services.upload_tokens import CLOSED, attach_token, when_uploaded
from app.sandbox.store import KObject

ENTRY_KIND = "entry"
STATUS_IMPORT, STATUS_READY, STATUS_NO_CONTENT = "0", "2", "7"
MODERATION_AUTO_APPROVED = 6
ENTRY_TYPE_MEDIA_CLIP = "1"
DISPLAY_IN_SEARCH_PARTNER_ONLY = 1
_ID_ALPHABET = string.ascii_lowercase + string.digits


def _new_entry_id(ctx: CallContext) -> str:
    """`0_` and eight base-36 characters, the shape of a real entry id; never one in use."""
    while True:
        entry_id = "0_" + "".join(secrets.choice(_ID_ALPHABET) for _ in range(8))
        if ctx.db.get(ENTRY_KIND, entry_id, ctx.partner_id) is None:
            return entry_id


def visible_entries(ctx: CallContext, entry_type: str | None = None) -> list[KObject]:
    """The entries the session may see; of one `type` only when given (media.* sees media
    clips, data.* data entries, baseEntry.* every type)."""
    entries = ctx.db.all(ENTRY_KIND, ctx.partner_id)
    return [
        e
        for e in entries
        if entitlement.may_view(ctx, e) and (entry_type is None or str(e.get("type")) == entry_type)
    ]


def find_entry(
    ctx: CallContext, entry_id: str, *, for_edit: bool = False, entry_type: str | None = None
) -> KObject:
    """api_v3's `getType() != KalturaEntryType::…` checks: an entry of another type is not found."""
    entry = ctx.db.get(ENTRY_KIND, entry_id, ctx.partner_id)
    if entry_type is not None and entry is not None and str(entry.get("type")) != entry_type:
        entry = None
    if entry is None or not entitlement.may_view(ctx, entry):
        raise KalturaApiError("ENTRY_ID_NOT_FOUND", entry_id)
    if for_edit:
        entitlement.check_may_edit(ctx, entry)
    return entry


def save_entry(ctx: CallContext, entry: KObject) -> KObject:
    entry["updatedAt"] = ctx.now
    ctx.db.put(ENTRY_KIND, str(entry["id"]), ctx.partner_id, entry)
    return entry


# -- media -----------------------------------------------------------------------------------


@handles("media", "add")
def media_add(ctx: CallContext, params: Params) -> KObject:
    given = params["entry"]
    require(given, "mediaType")
    session = ctx.user_session
    entry: KObject = {
        "objectType": "KalturaMediaEntry",
        "id": _new_entry_id(ctx),
        "partnerId": ctx.partner_id,
        "userId": session.user_id,
        "creatorId": session.user_id,
        "status": STATUS_NO_CONTENT,
        "moderationStatus": MODERATION_AUTO_APPROVED,
        "moderationCount": 0,
        "type": ENTRY_TYPE_MEDIA_CLIP,
        "createdAt": ctx.now,
        "rank": 0.0,
        "totalRank": 0,
        "votes": 0,
        "version": 0,
        "displayInSearch": DISPLAY_IN_SEARCH_PARTNER_ONLY,
        "plays": 0,
        "views": 0,
        "duration": 0,
        "msDuration": 0,
        "categories": "",
        "categoriesIds": "",
    }
    apply_changes(ctx.schema, entry, given, inserting=True)
    if not session.is_admin:
        entry["userId"] = session.user_id or entry.get("userId")
    entry["rootEntryId"] = entry["id"]
    return save_entry(ctx, entry)


@handles("media", "get")
def media_get(ctx: CallContext, params: Params) -> KObject:
    return find_entry(ctx, params["entryId"], entry_type=ENTRY_TYPE_MEDIA_CLIP)


@handles("media", "update")
def media_update(ctx: CallContext, params: Params) -> KObject:
    entry = find_entry(ctx, params["entryId"], for_edit=True, entry_type=ENTRY_TYPE_MEDIA_CLIP)
    apply_changes(ctx.schema, entry, params["mediaEntry"], inserting=False)
    return save_entry(ctx, entry)


@handles("media", "delete")
def media_delete(ctx: CallContext, params: Params) -> None:
    delete_entry(ctx, params["entryId"], ENTRY_TYPE_MEDIA_CLIP)


@handles("media", "list")
def media_list(ctx: CallContext, params: Params) -> KObject:
    return listing.list_response(
        ctx.schema,
        "KalturaMediaListResponse",
        "KalturaMediaEntry",
        visible_entries(ctx, ENTRY_TYPE_MEDIA_CLIP),
        params["filter"],
        params["pager"],
        searchers(ctx),
    )


@handles("media", "count")
def media_count(ctx: CallContext, params: Params) -> int:
    media = visible_entries(ctx, ENTRY_TYPE_MEDIA_CLIP)
    return listing.count(ctx.schema, "KalturaMediaEntry", media, params["filter"], searchers(ctx))


@handles("media", "addContent")
def media_add_content(ctx: CallContext, params: Params) -> KObject:
    entry = find_entry(ctx, params["entryId"], for_edit=True)
    resource: KObject | None = params["resource"]
    if resource is None:
        return entry
    if entry.get("status") != STATUS_NO_CONTENT:
        raise KalturaApiError("ENTRY_ALREADY_WITH_CONTENT")
    entry.update({"status": STATUS_READY, **_content_from(ctx, entry, resource)})
    return save_entry(ctx, entry)


def _content_from(ctx: CallContext, entry: KObject, resource: KObject) -> dict[str, Any]:
    kind = resource["objectType"]
    if kind == "KalturaUploadedFileTokenResource":
        token = attach_token(
            ctx, str(resource.get("token") or ""), "KalturaMediaEntry", str(entry["id"])
        )
        # api_v3 (`attachLocalFileResource`) moves an entry whose file is yet to come to IMPORT.
        waiting = token["status"] != CLOSED
        return {
            "sourceType": "1",
            "sourceVersion": token.get("fileName") or "",
            "status": STATUS_IMPORT if waiting else STATUS_READY,
        }
    if kind in ("KalturaUrlResource", "KalturaRemoteStorageResource"):
        return {"sourceType": "5", "dataUrl": resource.get("url")}
    if kind == "KalturaStringResource":
        return {"sourceType": "1"}
    if kind == "KalturaEntryResource":
        source = find_entry(ctx, str(resource.get("entryId") or ""))
        return {"sourceType": "35", "rootEntryId": source["id"], "dataUrl": source.get("dataUrl")}
    raise KalturaApiError("RESOURCE_TYPE_NOT_SUPPORTED", kind)


@when_uploaded("KalturaMediaEntry")
def _upload_completed(ctx: CallContext, entry_id: str, token: KObject) -> bool:
    """The file an entry waited for in IMPORT is complete: the entry moves on to READY."""
    entry = ctx.db.get(ENTRY_KIND, entry_id, ctx.partner_id)
    if entry is None:
        return False
    entry.update(status=STATUS_READY, sourceVersion=token.get("fileName") or "")
    save_entry(ctx, entry)
    return True


# -- baseEntry -------------------------------------------------------------------------------


def delete_entry(ctx: CallContext, entry_id: str, entry_type: str | None = None) -> None:
    find_entry(ctx, entry_id, for_edit=True, entry_type=entry_type)
    ctx.db.delete(ENTRY_KIND, entry_id, ctx.partner_id)
    for link in ctx.db.all("categoryEntry", ctx.partner_id):
        if link.get("entryId") == entry_id:
            ctx.db.delete("categoryEntry", f"{link['categoryId']}|{entry_id}", ctx.partner_id)


@handles("baseEntry", "get")
def base_entry_get(ctx: CallContext, params: Params) -> KObject:
    return find_entry(ctx, params["entryId"])


@handles("baseEntry", "delete")
def base_entry_delete(ctx: CallContext, params: Params) -> None:
    delete_entry(ctx, params["entryId"])


@handles("baseEntry", "list")
def base_entry_list(ctx: CallContext, params: Params) -> KObject:
    return listing.list_response(
        ctx.schema,
        "KalturaBaseEntryListResponse",
        "KalturaBaseEntry",
        visible_entries(ctx),
        params["filter"],
        params["pager"],
        searchers(ctx),
    )


@handles("baseEntry", "count")
def base_entry_count(ctx: CallContext, params: Params) -> int:
    return listing.count(
        ctx.schema, "KalturaBaseEntry", visible_entries(ctx), params["filter"], searchers(ctx)
    )
