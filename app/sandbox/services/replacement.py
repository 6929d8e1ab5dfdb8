"""Replacing the content of an entry that has some, as api_v3 does it (`media.updateContent`,
`approveReplace`, `cancelReplace`, and the swap once approved).

The new content goes to a temporary entry (`replacedEntryId` = the original, hidden from lists);
the original points at it (`replacingEntryId`) with `replacementStatus` NOT_READY_AND_NOT_APPROVED.
The sandbox's partner has entry-replacement approval on, so nothing changes the original until
`media.approveReplace`: once the temporary entry is READY the status is READY_BUT_NOT_APPROVED,
approval then swaps the content in; approval first (APPROVED_BUT_NOT_READY) swaps it in when the
temporary entry becomes READY. `media.cancelReplace` drops the temporary entry. An image (or an
entry without content) is replaced directly, without a temporary entry, as api_v3 does.
"""

from __future__ import annotations

from app.sandbox.context import CallContext
from app.sandbox.services import ingest
from app.sandbox.store import KObject

ENTRY_KIND = "entry"
NONE, APPROVED_BUT_NOT_READY, READY_BUT_NOT_APPROVED = "0", "1", "2"
NOT_READY_AND_NOT_APPROVED, FAILED = "3", "4"
# What the temporary entry's content gives the original when it is swapped in.
_CONTENT_FIELDS = (
    ingest.FLAVOR_ID,
    ingest.THUMB_ID,
    "flavorParamsIds",
    "msDuration",
    "duration",
    "width",
    "height",
)


def temporary_of(ctx: CallContext, entry: KObject) -> KObject | None:
    replacing = entry.get("replacingEntryId")
    return ctx.db.get(ENTRY_KIND, str(replacing), ctx.partner_id) if replacing else None


def progress(ctx: CallContext, entry: KObject) -> bool:
    """Bring the original's replacement up to date with its temporary entry; True if changed."""
    temp = temporary_of(ctx, entry)
    if temp is None:
        return False
    if ingest.settle(temp):
        ctx.db.put(ENTRY_KIND, str(temp["id"]), ctx.partner_id, temp)
    status, state = temp.get("status"), entry.get("replacementStatus")
    if status == ingest.STATUS_ERROR_IMPORTING and state != FAILED:
        entry["replacementStatus"] = FAILED
        return True
    if status != ingest.STATUS_READY:
        return False
    if state == APPROVED_BUT_NOT_READY:
        swap(ctx, entry, temp)
        return True
    if state == NOT_READY_AND_NOT_APPROVED:
        entry["replacementStatus"] = READY_BUT_NOT_APPROVED
        return True
    return False


def swap(ctx: CallContext, entry: KObject, temp: KObject) -> None:
    """The temporary entry's content becomes the original's; the temporary entry goes."""
    keep = (temp.get(ingest.FLAVOR_ID), temp.get(ingest.THUMB_ID))
    ingest.forget_content(ctx, str(entry["id"]))
    for asset_id in keep:
        asset = ctx.db.get(ingest.ASSET_KIND, str(asset_id), ctx.partner_id)
        if asset is not None:
            asset["entryId"] = entry["id"]
            ctx.db.put(ingest.ASSET_KIND, str(asset_id), ctx.partner_id, asset)
    entry.update({name: temp.get(name) for name in _CONTENT_FIELDS})
    entry.update(
        status=ingest.STATUS_READY,
        version=int(entry.get("version") or 0) + 1,
        replacingEntryId=None,
        replacementStatus=NONE,
    )
    ctx.db.delete(ENTRY_KIND, str(temp["id"]), ctx.partner_id)


def cancel(ctx: CallContext, entry: KObject) -> None:
    temp = temporary_of(ctx, entry)
    if temp is not None:
        ingest.forget_content(ctx, str(temp["id"]))
        ctx.db.delete(ENTRY_KIND, str(temp["id"]), ctx.partner_id)
    entry.update(replacingEntryId=None, replacementStatus=NONE)
