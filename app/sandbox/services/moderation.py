"""`media.approve` / `reject` / `flag` / `listFlags` (and baseEntry's, for entries of any type)
and `baseEntry.listByReferenceId`, as api_v3 does them (in our words):

- approve/reject set the entry's `moderationStatus` (APPROVED 2 / REJECTED 3), reset its
  `moderationCount` and mark its PENDING flags MODERATED; an id that is not an entry (for
  media's, a media entry) is `ENTRY_ID_NOT_FOUND`.
- flag needs `flaggedEntryId`; an entry that is not APPROVED, AUTO_APPROVED or already
  FLAGGED_FOR_REVIEW is `ENTRY_CANNOT_BE_FLAGGED`. The flag is stored PENDING (type ENTRY),
  the entry becomes FLAGGED_FOR_REVIEW and its `moderationCount` goes up by one.
- listFlags lists an entry's PENDING flags, oldest first, with the pager.
- listByReferenceId: the entries whose `referenceId` is the one given, not recycled or system,
  as a `KalturaBaseEntryListResponse`; an empty one is `MISSING_MANDATORY_PARAMETER`.
"""

from __future__ import annotations

from app.sandbox import listing
from app.sandbox.context import CallContext, Params, handles
from app.sandbox.errors import KalturaApiError
from app.sandbox.services.changes import require
from app.sandbox.services.entries import ENTRY_KIND, find_entry, save_entry, visible_entries
from app.sandbox.store import KObject

FLAG_KIND = "moderationFlag"
APPROVED, REJECTED, FLAGGED_FOR_REVIEW, AUTO_APPROVED = 2, 3, 5, 6
FLAGGABLE = (APPROVED, AUTO_APPROVED, FLAGGED_FOR_REVIEW)
FLAG_PENDING, FLAG_MODERATED = "1", "2"
OBJECT_TYPE_ENTRY = "2"
MEDIA_CLIP = "1"
HIDDEN_FROM_LOOKUP = ("-2", "-1")  # KalturaEntryDisplayInSearchType RECYCLED, SYSTEM


def _entry(ctx: CallContext, entry_id: str, media_only: bool, *, for_edit: bool = False) -> KObject:
    """The entry; media's actions find only media entries (type MEDIA_CLIP), baseEntry's any
    type."""
    entry = find_entry(ctx, entry_id, for_edit=for_edit)
    if media_only and str(entry.get("type")) != MEDIA_CLIP:
        raise KalturaApiError("ENTRY_ID_NOT_FOUND", entry_id)
    return entry


def _flags_of(ctx: CallContext, entry_id: str) -> list[KObject]:
    return [
        f
        for f in ctx.db.all(FLAG_KIND, ctx.partner_id)
        if f.get("flaggedEntryId") == entry_id and f.get("status") == FLAG_PENDING
    ]


def _moderate(ctx: CallContext, entry_id: str, status: int, media_only: bool) -> None:
    entry = _entry(ctx, entry_id, media_only, for_edit=True)
    entry.update(moderationStatus=status, moderationCount=0)
    save_entry(ctx, entry)
    for flag in _flags_of(ctx, entry_id):
        flag.update(status=FLAG_MODERATED, updatedAt=ctx.now)
        ctx.db.put(FLAG_KIND, str(flag["id"]), ctx.partner_id, flag)


def _flag(ctx: CallContext, given: KObject, media_only: bool) -> None:
    entry_id = str(require(given, "flaggedEntryId"))
    # ksOptional: anyone who may see the entry may flag it; no KS sees the partner's entries.
    entry = ctx.db.get(ENTRY_KIND, entry_id, ctx.partner_id)
    if ctx.session is not None:
        entry = _entry(ctx, entry_id, media_only)
    if entry is None or (media_only and str(entry.get("type")) != MEDIA_CLIP):
        raise KalturaApiError("ENTRY_ID_NOT_FOUND", entry_id)
    if int(entry.get("moderationStatus") or 0) not in FLAGGABLE:
        raise KalturaApiError("ENTRY_CANNOT_BE_FLAGGED")
    # api_v3 copies the flag's type and comments; the rest is the server's.
    stored: KObject = {
        "objectType": "KalturaModerationFlag",
        "flagType": given.get("flagType"),
        "comments": given.get("comments"),
        "id": ctx.db.next_value(FLAG_KIND),
        "partnerId": ctx.partner_id,
        "userId": ctx.session.user_id if ctx.session else "",
        "moderationObjectType": OBJECT_TYPE_ENTRY,
        "flaggedEntryId": entry_id,
        "status": FLAG_PENDING,
        "createdAt": ctx.now,
        "updatedAt": ctx.now,
    }
    ctx.db.put(FLAG_KIND, str(stored["id"]), ctx.partner_id, stored)
    entry["moderationStatus"] = FLAGGED_FOR_REVIEW
    entry["moderationCount"] = int(entry.get("moderationCount") or 0) + 1
    save_entry(ctx, entry)


def _list_flags(ctx: CallContext, params: Params) -> KObject:
    flags = sorted(_flags_of(ctx, params["entryId"]), key=lambda f: int(f["id"]))
    return {
        "objectType": "KalturaModerationFlagListResponse",
        "objects": listing.page(flags, params["pager"]),
        "totalCount": len(flags),
    }


@handles("media", "approve")
def media_approve(ctx: CallContext, params: Params) -> None:
    _moderate(ctx, params["entryId"], APPROVED, media_only=True)


@handles("media", "reject")
def media_reject(ctx: CallContext, params: Params) -> None:
    _moderate(ctx, params["entryId"], REJECTED, media_only=True)


@handles("media", "flag")
def media_flag(ctx: CallContext, params: Params) -> None:
    _flag(ctx, params["moderationFlag"], media_only=True)


@handles("media", "listFlags")
def media_list_flags(ctx: CallContext, params: Params) -> KObject:
    return _list_flags(ctx, params)


@handles("baseEntry", "approve")
def base_entry_approve(ctx: CallContext, params: Params) -> None:
    _moderate(ctx, params["entryId"], APPROVED, media_only=False)


@handles("baseEntry", "reject")
def base_entry_reject(ctx: CallContext, params: Params) -> None:
    _moderate(ctx, params["entryId"], REJECTED, media_only=False)


@handles("baseEntry", "flag")
def base_entry_flag(ctx: CallContext, params: Params) -> None:
    _flag(ctx, params["moderationFlag"], media_only=False)


@handles("baseEntry", "listFlags")
def base_entry_list_flags(ctx: CallContext, params: Params) -> KObject:
    return _list_flags(ctx, params)


@handles("baseEntry", "listByReferenceId")
def list_by_reference_id(ctx: CallContext, params: Params) -> KObject:
    ref_id = params["refId"]
    if not ref_id:
        raise KalturaApiError("MISSING_MANDATORY_PARAMETER", ref_id)
    found = [
        e
        for e in visible_entries(ctx)
        if e.get("referenceId") == ref_id
        and str(e.get("displayInSearch")) not in HIDDEN_FROM_LOOKUP
    ]
    return {
        "objectType": "KalturaBaseEntryListResponse",
        "objects": listing.page(found, params["pager"]),
        "totalCount": len(found),
    }
