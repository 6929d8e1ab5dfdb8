"""`metadata.*`: custom metadata XML attached to an entry, a category, a user or the partner.

As api_v3's `metadata` service, in its order: `add` needs a live profile
(`METADATA_PROFILE_NOT_FOUND`) of the same object type
(`INCOMPATIBLE_METADATA_PROFILE_OBJECT_TYPE`), an object the caller may edit
(`METADATA_OBJECT_ID_NOT_FOUND`; a user id that does not exist yet is created, as api_v3
creates it), one metadata per profile and object (`METADATA_ALREADY_EXISTS`), and XML that
conforms to the profile's XSD (`INVALID_METADATA_DATA`, libxml's words and the line). `update`
with other XML moves `version` on (2, 12, 22…); with a `version` that is not the current one it
is `INVALID_METADATA_VERSION`. `list` reads entries' metadata only by object id
(`MUST_FILTER_ON_OBJECT_ID`), `metadataObjectTypeEqual` being ENTRY unless given; only VALID
metadata is found.
"""

from __future__ import annotations

from app.sandbox import listing
from app.sandbox.context import CallContext, Params, handles
from app.sandbox.engine import documents
from app.sandbox.errors import KalturaApiError
from app.sandbox.services import entitlement, users
from app.sandbox.services.metadata_profiles import (
    METADATA_DELETED,
    METADATA_KIND,
    METADATA_VALID,
    PROFILE_KIND,
    live_profile,
    next_version,
    schema_of,
)
from app.sandbox.store import KObject
from app.sandbox.xml_tree import NotWellFormed
from app.sandbox.xsd import Invalid, Unsupported

ENTRY, CATEGORY, USER, PARTNER, DYNAMIC_OBJECT = "1", "2", "3", "4", "5"
# The store's kinds (entries.py and categories.py import this module's search: named here).
_KINDS = {ENTRY: "entry", CATEGORY: "category", USER: users.USER_KIND}


def _live(ctx: CallContext, metadata: KObject | None) -> bool:
    """VALID, and its entry, category or user still there: api_v3 deletes an object's metadata
    with the object; here it is as good as deleted."""
    if metadata is None or metadata.get("status") != METADATA_VALID:
        return False
    kind = _KINDS.get(str(metadata.get("metadataObjectType")))
    object_id = str(metadata.get("objectId"))
    return kind is None or ctx.db.get(kind, object_id, ctx.partner_id) is not None


def live_metadata(ctx: CallContext) -> list[KObject]:
    return [m for m in ctx.db.all(METADATA_KIND, ctx.partner_id) if _live(ctx, m)]


def _find(ctx: CallContext, metadata_id: object) -> KObject:
    found = ctx.db.get(METADATA_KIND, str(metadata_id), ctx.partner_id)
    if found is None or not _live(ctx, found):
        raise KalturaApiError("METADATA_NOT_FOUND", metadata_id)
    return found


def _save(ctx: CallContext, metadata: KObject) -> KObject:
    ctx.db.put(METADATA_KIND, str(metadata["id"]), ctx.partner_id, metadata)
    return metadata


def _object_exists(ctx: CallContext, object_type: str, object_id: str) -> bool:
    """Whether the object exists (and, for an entry, the caller may edit it), as api_v3 checks
    it for each object type."""
    if object_type == DYNAMIC_OBJECT:
        return True
    if object_type == PARTNER:
        return object_id == str(ctx.partner_id)
    kind = _KINDS.get(object_type)
    found = ctx.db.get(kind, object_id, ctx.partner_id) if kind else None
    if found is None:
        return False
    if object_type == ENTRY:
        return entitlement.may_edit(ctx, found)
    return True


def _check_object(ctx: CallContext, object_type: str, object_id: str) -> None:
    if not _object_exists(ctx, object_type, object_id):
        raise KalturaApiError("METADATA_OBJECT_ID_NOT_FOUND", object_id)


def _ensure_user(ctx: CallContext, user_id: str) -> None:
    """api_v3 creates a user it has not seen yet, named by its id: here as `user.add` would."""
    if ctx.db.get(users.USER_KIND, user_id, ctx.partner_id) is None:
        users.add(ctx, {"user": {"objectType": "KalturaUser", "id": user_id, "firstName": user_id}})


def _conforming(profile: KObject, xml: str) -> str:
    try:
        schema_of(profile).validate(xml)
    except (NotWellFormed, Invalid) as exc:
        raise KalturaApiError("INVALID_METADATA_DATA", str(exc)) from None
    except Unsupported as exc:
        raise KalturaApiError(
            "INVALID_METADATA_DATA",
            f"the testme sandbox cannot check XML against this profile's XSD: {exc}",
        ) from None
    return xml


@handles("metadata_metadata", "add")
def add(ctx: CallContext, params: Params) -> KObject:
    profile = live_profile(ctx, params["metadataProfileId"])
    object_type = str(params["objectType"])
    if str(profile.get("metadataObjectType")) != object_type:
        raise KalturaApiError(
            "INCOMPATIBLE_METADATA_PROFILE_OBJECT_TYPE",
            profile.get("metadataObjectType"),
            object_type,
        )
    object_id = str(params["objectId"])
    if object_type == USER:
        _ensure_user(ctx, object_id)
    _check_object(ctx, object_type, object_id)
    for other in live_metadata(ctx):
        if (
            other.get("metadataProfileId"),
            str(other.get("metadataObjectType")),
            other.get("objectId"),
        ) == (profile["id"], object_type, object_id):
            raise KalturaApiError("METADATA_ALREADY_EXISTS", other["id"])
    xml = _conforming(profile, params["xmlData"])
    metadata: KObject = {
        "objectType": METADATA_KIND,
        "id": documents.new_id(ctx.schema, ctx.db, METADATA_KIND, METADATA_KIND, ctx.partner_id),
        "partnerId": ctx.partner_id,
        "metadataProfileId": profile["id"],
        "metadataProfileVersion": profile.get("version"),
        "metadataObjectType": object_type,
        "objectId": object_id,
        "version": next_version(0),
        "createdAt": ctx.now,
        "updatedAt": ctx.now,
        "status": METADATA_VALID,
        "xml": xml,
    }
    return _save(ctx, metadata)


@handles("metadata_metadata", "get")
def get(ctx: CallContext, params: Params) -> KObject:
    return _find(ctx, params["id"])


@handles("metadata_metadata", "update")
def update(ctx: CallContext, params: Params) -> KObject:
    metadata = _find(ctx, params["id"])
    wanted = params.get("version")
    if wanted and wanted != metadata.get("version"):
        raise KalturaApiError("INVALID_METADATA_VERSION", metadata.get("version"))
    profile = ctx.db.get(PROFILE_KIND, str(metadata["metadataProfileId"]), ctx.partner_id)
    if profile is None:
        raise KalturaApiError("INVALID_METADATA_PROFILE", metadata["metadataProfileId"])
    _check_object(ctx, str(metadata["metadataObjectType"]), str(metadata["objectId"]))
    xml = params.get("xmlData")
    if not xml:
        return metadata
    metadata["metadataProfileVersion"] = profile.get("version")
    if _conforming(profile, xml) != metadata.get("xml"):
        metadata.update(xml=xml, version=next_version(int(metadata.get("version") or 0)))
        metadata["updatedAt"] = ctx.now
    return _save(ctx, metadata)


@handles("metadata_metadata", "delete")
def delete(ctx: CallContext, params: Params) -> None:
    metadata = _find(ctx, params["id"])
    _check_object(ctx, str(metadata["metadataObjectType"]), str(metadata["objectId"]))
    metadata.update(status=METADATA_DELETED, updatedAt=ctx.now)
    _save(ctx, metadata)


def _wanted_ids(ctx: CallContext, object_type: str, filter_: KObject) -> list[str] | None:
    """The object ids the list may show: those named that exist, or None for any (dynamic
    objects only), as api_v3 checks a `KalturaMetadataFilter`'s object ids."""
    named = [filter_["objectIdEqual"]] if filter_.get("objectIdEqual") else None
    if named is None and filter_.get("objectIdIn"):
        named = [i.strip() for i in str(filter_["objectIdIn"]).split(",") if i.strip()]
    if not named:
        if object_type == ENTRY:
            raise KalturaApiError("MUST_FILTER_ON_OBJECT_ID")
        return None if object_type == DYNAMIC_OBJECT else []
    if object_type == ENTRY:
        named = [i.lower() for i in named]
    kind = _KINDS.get(object_type)
    if kind is None:
        return named
    return [i for i in named if ctx.db.get(kind, i, ctx.partner_id) is not None]


@handles("metadata_metadata", "list")
def list_metadata(ctx: CallContext, params: Params) -> KObject:
    filter_: KObject = dict(params.get("filter") or {"objectType": "KalturaMetadataFilter"})
    object_type = str(filter_.get("metadataObjectTypeEqual") or ENTRY)
    filter_["metadataObjectTypeEqual"] = object_type
    ids = _wanted_ids(ctx, object_type, filter_)
    filter_.pop("objectIdEqual", None)
    filter_.pop("objectIdIn", None)
    valid = [m for m in live_metadata(ctx) if ids is None or m.get("objectId") in ids]
    return listing.list_response(
        ctx.schema,
        "KalturaMetadataListResponse",
        METADATA_KIND,
        valid,
        filter_,
        params.get("pager"),
    )
