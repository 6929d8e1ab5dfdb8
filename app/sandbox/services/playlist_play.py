"""Running a playlist: the entries `playlist.execute` / `executeFromContent` /
`executeFromFilters` answer, in order (as api_v3 runs a playlist, in our words).

Only playable entries count: READY, not recycled, not pending moderation or rejected, and —
unless the KS is an admin's — within their scheduling window (`startDate`/`endDate`).

- Static (STATIC_LIST, PATH): the listed ids in their order, each as often as it is listed;
  an id missing, deleted or not playable is skipped. The pager pages that list; an extra
  `filter` narrows it to media entries it matches, at most its `limit`.
- Dynamic (DYNAMIC): each filter in turn adds the media entries it matches that are not in
  yet, in its `orderBy`, at most its `limit` (200 when unset) and at most what `totalResults`
  (itself at most 200) leaves. A pager reaching past `totalResults` raises it to reach its
  page, then picks that page out. An extra `filter` overrides each filter's fields; its
  `limit` lowers `totalResults` and becomes the last filter's limit.
- Any other type plays nothing.

The filters are read by the sandbox's filter engine (`listing.py`).
"""

from __future__ import annotations

from typing import Any

from app.sandbox import listing
from app.sandbox.context import CallContext
from app.sandbox.services import playlist_content as content
from app.sandbox.services.entries import ENTRY_KIND, visible_entries
from app.sandbox.services.ingest import STATUS_READY
from app.sandbox.store import KObject

STATIC_TYPES = (3, 102)  # STATIC_LIST, PATH
DYNAMIC = 10
NOT_PLAYABLE_MODERATION = ("1", "3")  # PENDING_MODERATION, REJECTED
RECYCLED, SYSTEM = "-2", "-1"  # KalturaEntryDisplayInSearchType
MEDIA_TYPES = ("1", "2", "7")  # MEDIA_CLIP, MIX, LIVE_STREAM: what dynamic filters search
ENTRY_CLASS = "KalturaMediaEntry"


def _window(pager: KObject | None) -> tuple[int, int] | None:
    """(offset, size) of a pager, as api_v3 counts a `KalturaFilterPager`'s."""
    if pager is None:
        return None
    size = int(pager.get("pageSize") or listing.DEFAULT_PAGE_SIZE)
    size = min(max(size, 1), listing.MAX_PAGE_SIZE)
    index = max(int(pager.get("pageIndex") or 1), 1)
    return (index - 1) * size, size


def _pool(ctx: CallContext) -> list[KObject]:
    """The entries the caller may play: a KS sees what its entitlement allows; a call without
    one (execute is `ksOptional`) sees the partner's."""
    if ctx.session is None:
        return ctx.db.all(ENTRY_KIND, ctx.partner_id)
    return visible_entries(ctx)


def _playable(ctx: CallContext, entry: KObject, hidden: tuple[str, ...]) -> bool:
    if str(entry.get("status")) != STATUS_READY:
        return False
    if str(entry.get("displayInSearch")) in hidden:
        return False
    if str(entry.get("moderationStatus")) in NOT_PLAYABLE_MODERATION:
        return False
    if ctx.session is not None and ctx.session.is_admin:
        return True
    start, end = entry.get("startDate"), entry.get("endDate")
    return (not start or int(start) <= ctx.now) and (not end or int(end) >= ctx.now)


def _is_media(entry: KObject) -> bool:
    return str(entry.get("type")) in MEDIA_TYPES


def run(
    ctx: CallContext,
    playlist_type: Any,
    playlist_content: Any,
    pager: KObject | None,
    extra: KObject | None = None,
) -> list[KObject]:
    kind = int(playlist_type) if str(playlist_type).lstrip("-").isdigit() else None
    if kind in STATIC_TYPES:
        return _static(ctx, content.entry_ids(playlist_content), pager, extra)
    if kind == DYNAMIC:
        return _dynamic(ctx, content.from_xml(ctx.schema, playlist_content), pager, extra)
    return []


def _static(
    ctx: CallContext, ids: list[str], pager: KObject | None, extra: KObject | None
) -> list[KObject]:
    pool = {str(e["id"]): e for e in _pool(ctx) if _playable(ctx, e, (RECYCLED,))}
    limit = None
    if extra is not None:
        pool = {
            i: e
            for i, e in pool.items()
            if _is_media(e) and listing.matches(ctx.schema, ENTRY_CLASS, e, extra)
        }
        limit = int(extra.get("limit") or 0) or None
    listed = [pool[i] for i in ids if i in pool][:limit]
    window = _window(pager)
    return listed[window[0] : window[0] + window[1]] if window else listed


def _dynamic(
    ctx: CallContext, dynamic: content.DynamicContent, pager: KObject | None, extra: KObject | None
) -> list[KObject]:
    total = dynamic.total_results
    filters = [dict(f) for f in dynamic.filters]
    if extra is not None:
        extra_limit = int(extra.get("limit") or 0)
        overrides = {k: v for k, v in extra.items() if k not in ("objectType", "limit")}
        filters = [{**f, **{k: v for k, v in overrides.items() if v is not None}} for f in filters]
        if extra_limit > 0 and filters:
            total = min(total, extra_limit)
            filters[-1]["limit"] = extra_limit
    window = _window(pager)
    if window and sum(window) > total:
        total = sum(window)
    pool = [e for e in _pool(ctx) if _is_media(e) and _playable(ctx, e, (RECYCLED, SYSTEM))]
    chosen: list[KObject] = []
    for filter_ in filters:
        room = max(0, total - len(chosen))
        if room <= 0:
            break
        limit = int(filter_.get("limit") or 0)
        limit = min(limit if limit >= 1 else content.TOTAL_RESULTS, room)
        taken = {str(e["id"]) for e in chosen}
        found = [
            e
            for e in pool
            if str(e["id"]) not in taken and listing.matches(ctx.schema, ENTRY_CLASS, e, filter_)
        ]
        chosen += listing.ordered(found, filter_.get("orderBy"))[:limit]
    return chosen[window[0] : window[0] + window[1]] if window else chosen
