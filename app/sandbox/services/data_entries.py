"""`data.*`: entries whose content is text (`KalturaDataEntry.dataContent`), api_v3's `data`
service in our words.

A data entry is an entry like a media one (type DATA, 6): stored with the others, seen by
baseEntry.get/list, under the same entitlement (`entries.find_entry`). It is READY from `add`.
Each change of its content is a new version, numbered as api_v3 numbers a file's versions
(100001, 100002… — it starts at 100000 and adds one); `version` is the current
one and `data.get`/`serve` take an earlier one. `retrieveDataContentByGet` (insert only, true
unless sent false) decides whether answers carry `dataContent` or an empty string.

`data.serve` answers the content itself as a file (`served_file.py`). api_v3 redirects to
another data centre unless `forceProxy`; the sandbox has the content here, so both answer the
bytes. An entry of another type is ENTRY_ID_NOT_FOUND for every action, as api_v3 checks that
the entry's type is DATA.
"""

from __future__ import annotations

from typing import Any

from app.sandbox import listing
from app.sandbox.context import CallContext, Params, handles
from app.sandbox.errors import KalturaApiError
from app.sandbox.served_file import ServedFile, text_media_type
from app.sandbox.services.changes import apply_changes
from app.sandbox.services.entries import (
    DISPLAY_IN_SEARCH_PARTNER_ONLY,
    MODERATION_AUTO_APPROVED,
    _new_entry_id,
    delete_entry,
    find_entry,
    save_entry,
    visible_entries,
)
from app.sandbox.services.ingest import STATUS_READY
from app.sandbox.store import KObject

ENTRY_TYPE_DATA = "6"
FIRST_VERSION = 100000
# The content of each version, by version number, kept beside the entry's own properties (no
# class has this property, so no answer writes it).
VERSIONS = "sandboxDataVersions"
ANY_VERSION = -1
# Not copied from the request: the content becomes a version (`_set_content`), and the type is
# DATA whatever is sent (api_v3 sets it for a new data entry and drops it on update).
_SET_HERE = ("dataContent", "type")


def _versions(entry: KObject) -> dict[str, str]:
    versions: dict[str, str] = entry.setdefault(VERSIONS, {})
    return versions


def _content(entry: KObject, version: int | None = ANY_VERSION) -> str | None:
    """The content of `version` (the current one for -1, 0 or none); None if there is none."""
    wanted = entry.get("version") if version in (None, ANY_VERSION, 0) else version
    return _versions(entry).get(str(wanted))


def _set_content(entry: KObject, content: Any) -> None:
    """As api_v3 sets a data entry's content: the same content (or an empty one where there
    was none) writes nothing; anything else is the next version."""
    if content is None or content == (_content(entry) or ""):
        return
    version = max(int(entry.get("version") or 0), FIRST_VERSION) + 1
    _versions(entry)[str(version)] = str(content)
    entry["version"] = version


def _shown(entry: KObject, version: int | None = ANY_VERSION) -> KObject:
    """The entry as answers show it: `dataContent` of the version asked for, or "" when it was
    added with `retrieveDataContentByGet` false, as api_v3 answers it."""
    shown = dict(entry)
    shown["dataContent"] = _content(entry, version) if entry.get("retrieveDataContentByGet") else ""
    return shown


def _save(ctx: CallContext, entry: KObject) -> KObject:
    """Stored with the current version shown, so baseEntry.get/list answer it as api_v3 does."""
    return save_entry(ctx, _shown(entry))


def _find(ctx: CallContext, entry_id: str, *, for_edit: bool = False) -> KObject:
    return find_entry(ctx, entry_id, for_edit=for_edit, entry_type=ENTRY_TYPE_DATA)


@handles("data", "add")
def data_add(ctx: CallContext, params: Params) -> KObject:
    given = params["dataEntry"]
    session = ctx.user_session
    entry: KObject = {
        "objectType": "KalturaDataEntry",
        "id": _new_entry_id(ctx),
        "partnerId": ctx.partner_id,
        "userId": session.user_id,
        "creatorId": session.user_id,
        "status": STATUS_READY,  # api_v3's data.add sets READY at once
        "moderationStatus": MODERATION_AUTO_APPROVED,
        "moderationCount": 0,
        "type": ENTRY_TYPE_DATA,
        "createdAt": ctx.now,
        "rank": 0.0,
        "totalRank": 0,
        "votes": 0,
        "version": 0,
        "displayInSearch": DISPLAY_IN_SEARCH_PARTNER_ONLY,
        "categories": "",
        "categoriesIds": "",
    }
    apply_changes(ctx.schema, entry, given, inserting=True, skip=_SET_HERE)
    if not session.is_admin:
        entry["userId"] = session.user_id or entry.get("userId")
    if entry.get("retrieveDataContentByGet") is None:
        entry["retrieveDataContentByGet"] = True  # api_v3's default
    entry["rootEntryId"] = entry["id"]
    _set_content(entry, (given or {}).get("dataContent"))
    return _save(ctx, entry)


@handles("data", "get")
def data_get(ctx: CallContext, params: Params) -> KObject:
    return _shown(_find(ctx, params["entryId"]), params["version"])


@handles("data", "update")
def data_update(ctx: CallContext, params: Params) -> KObject:
    entry = _find(ctx, params["entryId"], for_edit=True)
    given = params["documentEntry"]
    apply_changes(ctx.schema, entry, given, inserting=False, skip=_SET_HERE)
    _set_content(entry, (given or {}).get("dataContent"))
    return _save(ctx, entry)


@handles("data", "delete")
def data_delete(ctx: CallContext, params: Params) -> None:
    delete_entry(ctx, params["entryId"], ENTRY_TYPE_DATA)


@handles("data", "list")
def data_list(ctx: CallContext, params: Params) -> KObject:
    return listing.list_response(
        ctx.schema,
        "KalturaDataListResponse",
        "KalturaDataEntry",
        visible_entries(ctx, ENTRY_TYPE_DATA),
        params["filter"],
        params["pager"],
    )


@handles("data", "serve")
def data_serve(ctx: CallContext, params: Params) -> ServedFile:
    entry = _find(ctx, params["entryId"])
    content = _content(entry, params["version"])
    if content is None:
        # api_v3 finds no file for the key and fails; the sandbox says so with the error
        # api_v3's other serve actions give for a missing file.
        raise KalturaApiError("FILE_DOESNT_EXIST")
    return ServedFile(content.encode(), text_media_type(content), str(entry.get("name") or ""))
