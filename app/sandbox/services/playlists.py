"""`playlist.*`: playlists are entries (type PLAYLIST, status READY) kept with the others, so
`baseEntry.get`/`list` find them; this module adds what api_v3's `playlist` does beyond storage.

A static playlist (STATIC_LIST) lists entry ids, each checked at add/update (`INVALID_ENTRY_ID`);
a dynamic one (DYNAMIC) keeps its `filters` and `totalResults` as XML in `playlistContent`
(`playlist_content.py`) and answers them read back from it. A playlist not found is
`INVALID_ENTRY_ID`, another entry's id `INVALID_PLAYLIST_TYPE`; delete and update change only
what the caller may edit. Running one is `playlist_play.py`.
"""

from __future__ import annotations

from app.sandbox import listing
from app.sandbox.context import CallContext, Params, handles
from app.sandbox.engine import documents
from app.sandbox.errors import KalturaApiError
from app.sandbox.services import entitlement
from app.sandbox.services import playlist_content as content
from app.sandbox.services import playlist_play as play
from app.sandbox.services.changes import apply_changes, require
from app.sandbox.services.entries import (
    ENTRY_KIND,
    MODERATION_AUTO_APPROVED,
    delete_entry,
    save_entry,
    visible_entries,
)
from app.sandbox.services.ingest import STATUS_READY
from app.sandbox.store import KObject

PLAYLIST_CLASS = "KalturaPlaylist"
ENTRY_TYPE_PLAYLIST = "5"
STATIC_LIST, DYNAMIC, EXTERNAL, PATH = 3, 10, 101, 102
STATIC_TYPES = (STATIC_LIST, PATH)
# Kept as playlistContent, never stored apart (KalturaPlaylist maps neither to the entry).
DERIVED = ("filters", "totalResults")


def is_playlist(entry: KObject) -> bool:
    return str(entry.get("type")) == ENTRY_TYPE_PLAYLIST


def find_playlist(ctx: CallContext, playlist_id: str, *, for_edit: bool = False) -> KObject:
    entry = ctx.db.get(ENTRY_KIND, playlist_id, ctx.partner_id)
    in_session = ctx.session is not None
    if entry is None or (in_session and not entitlement.may_view(ctx, entry)):
        raise KalturaApiError("INVALID_ENTRY_ID", playlist_id)
    if not is_playlist(entry):
        raise KalturaApiError("INVALID_PLAYLIST_TYPE")
    if for_edit and in_session:
        entitlement.check_may_edit(ctx, entry)
    return entry


def shown(ctx: CallContext, playlist: KObject) -> KObject:
    """The playlist as api_v3 answers it: a dynamic one's filters read from its XML."""
    answer = {k: v for k, v in playlist.items() if k not in DERIVED}
    if playlist.get("playlistType") == DYNAMIC:
        dynamic = content.from_xml(ctx.schema, playlist.get("playlistContent"))
        answer["filters"] = dynamic.filters
        answer["totalResults"] = dynamic.total_results
    return answer


def _check_entries(ctx: CallContext, ids: list[str]) -> None:
    """As api_v3 checks a static playlist: each listed entry must exist and be the caller's to
    see."""
    visible = {str(e["id"]) for e in visible_entries(ctx)}
    for entry_id in ids:
        if entry_id not in visible:
            raise KalturaApiError("INVALID_ENTRY_ID", entry_id)


def _write_content(ctx: CallContext, playlist: KObject, given: KObject) -> None:
    """What api_v3 makes of the sent content on add and update."""
    kind = playlist.get("playlistType")
    if kind == DYNAMIC and given.get("filters") is not None:
        xml = content.to_xml(ctx.schema, given["filters"], given.get("totalResults"))
        playlist["playlistContent"] = xml
    elif kind in STATIC_TYPES and given.get("playlistContent") is not None:
        ids = content.cleaned_ids(given["playlistContent"])
        _check_entries(ctx, ids)
        playlist["playlistContent"] = ",".join(ids)


def _update_stats(ctx: CallContext, playlist: KObject) -> None:
    """As api_v3 updates a playlist's statistics: the duration of what it plays now, in
    seconds."""
    entries = play.run(ctx, playlist["playlistType"], playlist.get("playlistContent"), None)
    ms = sum(int(e.get("msDuration") or 0) or int(e.get("duration") or 0) * 1000 for e in entries)
    playlist["duration"] = round(ms / 1000)


def add_playlist(ctx: CallContext, given: KObject, update_stats: bool) -> KObject:
    kind = require(given, "playlistType")
    if kind == DYNAMIC:
        require(given, "totalResults")
    session = ctx.user_session
    playlist: KObject = {
        "objectType": PLAYLIST_CLASS,
        "id": documents.new_id(ctx.schema, ctx.db, PLAYLIST_CLASS, ENTRY_KIND, ctx.partner_id),
        "partnerId": ctx.partner_id,
        "userId": session.user_id,
        "creatorId": session.user_id,
        "status": STATUS_READY,
        "type": ENTRY_TYPE_PLAYLIST,
        "moderationStatus": MODERATION_AUTO_APPROVED,
        "moderationCount": 0,
        "createdAt": ctx.now,
        "displayInSearch": 1,
        "version": 0,
        "plays": 0,
        "views": 0,
        "duration": 0,
        "categories": "",
        "categoriesIds": "",
    }
    apply_changes(ctx.schema, playlist, given, inserting=True, skip=DERIVED)
    if not session.is_admin:
        playlist["userId"] = session.user_id or playlist.get("userId")
    playlist["rootEntryId"] = playlist["id"]
    _write_content(ctx, playlist, given)
    if update_stats:
        _update_stats(ctx, playlist)
    return shown(ctx, save_entry(ctx, playlist))


@handles("playlist", "add")
def add(ctx: CallContext, params: Params) -> KObject:
    return add_playlist(ctx, params["playlist"], bool(params["updateStats"]))


@handles("playlist", "get")
def get(ctx: CallContext, params: Params) -> KObject:
    return shown(ctx, find_playlist(ctx, params["id"]))


@handles("playlist", "update")
def update(ctx: CallContext, params: Params) -> KObject:
    playlist = find_playlist(ctx, params["id"], for_edit=True)
    given: KObject = params["playlist"]
    apply_changes(ctx.schema, playlist, given, inserting=False, skip=DERIVED)
    _write_content(ctx, playlist, given)
    if params["updateStats"]:
        _update_stats(ctx, playlist)
    return shown(ctx, save_entry(ctx, playlist))


@handles("playlist", "delete")
def delete(ctx: CallContext, params: Params) -> None:
    # As in api_v3, another type of entry is not found, as is a missing one.
    entry = ctx.db.get(ENTRY_KIND, params["id"], ctx.partner_id)
    if entry is None or not is_playlist(entry):
        raise KalturaApiError("ENTRY_ID_NOT_FOUND", params["id"])
    delete_entry(ctx, params["id"])


@handles("playlist", "clone")
def clone(ctx: CallContext, params: Params) -> KObject:
    original = find_playlist(ctx, params["id"])
    given: KObject = params["newPlaylist"] or {"objectType": PLAYLIST_CLASS}
    kind = original.get("playlistType")
    if given.get("playlistType") and given["playlistType"] != kind:
        raise KalturaApiError("CANT_UPDATE_PARAMETER", "playlistType")
    if kind == PATH:
        raise KalturaApiError("CLONING_PATH_PLAYLIST_NOT_SUPPORTED")
    # What the caller sent wins; the rest is the original's, less what is read-only.
    merged: KObject = {"objectType": given["objectType"]}
    for name, value in shown(ctx, original).items():
        prop = ctx.schema.property(PLAYLIST_CLASS, name)
        if prop is not None and not prop.read_only and value not in (None, ""):
            merged[name] = value
    merged.update({k: v for k, v in given.items() if v})
    return add_playlist(ctx, merged, True)


@handles("playlist", "list")
def list_playlists(ctx: CallContext, params: Params) -> KObject:
    playlists = [e for e in visible_entries(ctx) if is_playlist(e)]
    answer = listing.list_response(
        ctx.schema,
        "KalturaPlaylistListResponse",
        PLAYLIST_CLASS,
        playlists,
        params["filter"],
        params["pager"],
    )
    answer["objects"] = [shown(ctx, p) for p in answer["objects"]]
    return answer


@handles("playlist", "execute")
def execute(ctx: CallContext, params: Params) -> list[KObject]:
    playlist = find_playlist(ctx, params["id"])
    return play.run(
        ctx,
        playlist.get("playlistType"),
        playlist.get("playlistContent"),
        params["pager"],
        params["filter"],
    )


@handles("playlist", "executeFromContent")
def execute_from_content(ctx: CallContext, params: Params) -> list[KObject]:
    return play.run(ctx, params["playlistType"], params["playlistContent"], params["pager"])


@handles("playlist", "executeFromFilters")
def execute_from_filters(ctx: CallContext, params: Params) -> list[KObject]:
    xml = content.to_xml(ctx.schema, params["filters"], params["totalResults"])
    return play.run(ctx, DYNAMIC, xml, params["pager"])
