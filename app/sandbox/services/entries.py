"""`media.*` and `baseEntry.*`: entries, their content and who may see them.

A new media entry has no content (status NO_CONTENT); content arrives through `content.py`
(addContent, addFromUploadedFile, addFromUrl, updateContent) and `ingest.py` keeps it. Every
read of an entry moves it on (`ingest.settle`: a configured delay is over; `replacement.progress`:
its replacement is ready) and gives it the URLs it is delivered at, for this caller.
Who may see and change an entry is api_v3's rule (`entitlement.py`): every session sees every
entry unless its KS enables entitlement; a USER session changes its own, or others' with
`edit:<id>`/`edit:*`/`*`. Temporary entries of a replacement are found by id but left out of
lists, as api_v3 leaves them out.
"""

from __future__ import annotations

import secrets
import string

from app.sandbox import listing
from app.sandbox.context import CallContext, Params, handles
from app.sandbox.errors import KalturaApiError
from app.sandbox.services import entitlement, ingest, replacement
from app.sandbox.services.changes import apply_changes, require
from app.sandbox.services.metadata_search import searchers
from app.sandbox.store import KObject

ENTRY_KIND = "entry"
STATUS_NO_CONTENT = "7"
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


def _current(ctx: CallContext, entry: KObject) -> KObject:
    """The entry as it is now: moved on if its time has come, with this caller's URLs."""
    if ingest.settle(entry) | replacement.progress(ctx, entry):
        save_entry(ctx, entry)
    return ingest.present(ctx, entry)


def visible_entries(ctx: CallContext, entry_type: str | None = None) -> list[KObject]:
    """The entries the session may see, as they are now; of one `type` only when given (media.*
    sees media clips, data.* data entries, baseEntry.* every type)."""
    entries = ctx.db.all(ENTRY_KIND, ctx.partner_id)
    return [
        _current(ctx, e)
        for e in entries
        if entitlement.may_view(ctx, e)
        and (entry_type is None or str(e.get("type")) == entry_type)
        and not e.get("replacedEntryId")
    ]


def find_entry(
    ctx: CallContext, entry_id: str, *, for_edit: bool = False, entry_type: str | None = None
) -> KObject:
    """As api_v3 checks an entry's type: an entry of another type is not found."""
    entry = ctx.db.get(ENTRY_KIND, entry_id, ctx.partner_id)
    if entry_type is not None and entry is not None and str(entry.get("type")) != entry_type:
        entry = None
    if entry is None or not entitlement.may_view(ctx, entry):
        raise KalturaApiError("ENTRY_ID_NOT_FOUND", entry_id)
    if for_edit:
        entitlement.check_may_edit(ctx, entry)
    return _current(ctx, entry)


def save_entry(ctx: CallContext, entry: KObject) -> KObject:
    """Store the entry; its delivery URLs are not stored: they carry the caller's KS and
    origin, and every read makes them anew (`ingest.present`)."""
    entry["updatedAt"] = ctx.now
    kept = {k: v for k, v in entry.items() if k not in ingest.DELIVERY_URLS}
    ctx.db.put(ENTRY_KIND, str(entry["id"]), ctx.partner_id, kept)
    return entry


# -- media -----------------------------------------------------------------------------------


def new_entry(ctx: CallContext, given: KObject) -> KObject:
    """A media entry without content from the properties a caller gave, not yet saved."""
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
    return entry


@handles("media", "add")
def media_add(ctx: CallContext, params: Params) -> KObject:
    given = params["entry"]
    require(given, "mediaType")
    return save_entry(ctx, new_entry(ctx, given))


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


# -- baseEntry -------------------------------------------------------------------------------


def delete_entry(ctx: CallContext, entry_id: str, entry_type: str | None = None) -> None:
    entry = find_entry(ctx, entry_id, for_edit=True, entry_type=entry_type)
    replacement.cancel(ctx, entry)
    ingest.forget_content(ctx, entry_id)
    ctx.db.delete(ENTRY_KIND, entry_id, ctx.partner_id)
    for link in ctx.db.all("categoryEntry", ctx.partner_id):
        if link.get("entryId") == entry_id:
            ctx.db.delete("categoryEntry", f"{link['categoryId']}|{entry_id}", ctx.partner_id)


@handles("baseEntry", "get")
def base_entry_get(ctx: CallContext, params: Params) -> KObject:
    return find_entry(ctx, params["entryId"])


@handles("baseEntry", "update")
def base_entry_update(ctx: CallContext, params: Params) -> KObject:
    """An entry of any type, changed as its own service changes it (media, data, playlist)."""
    entry = find_entry(ctx, params["entryId"], for_edit=True)
    apply_changes(ctx.schema, entry, params["baseEntry"], inserting=False)
    return save_entry(ctx, entry)


@handles("baseEntry", "getByIds")
def base_entry_get_by_ids(ctx: CallContext, params: Params) -> list[KObject]:
    """The entries of a comma-separated list this session may see, in the stored order; an id
    that is none of them is left out, as api_v3 leaves it."""
    wanted = {i.strip() for i in str(params["entryIds"] or "").split(",")} - {""}
    return [e for e in visible_entries(ctx) if str(e["id"]) in wanted]


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
