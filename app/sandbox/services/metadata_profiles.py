"""`metadataProfile.*`: the XSDs custom metadata is checked against.

As api_v3's `metadataProfile` service: `add` refuses an XSD that is not well-formed
(`INVALID_METADATA_PROFILE_SCHEMA`, the parser's words and the line), then needs
`metadataObjectType` and a `name`; a new profile is ACTIVE at version 2 (versions count as a
one-data-centre api_v3 counts them, see `next_version`) and `get` answers its XSD in `xsd`.
A well-formed XSD is kept even when this sandbox cannot check documents against it (api_v3 only
parses it here too); `metadata.add` says why then. `delete` deprecates the profile (hidden from
get and list) and deletes its metadata.
"""

from __future__ import annotations

import math

from app.sandbox import listing
from app.sandbox.context import CallContext, Params, handles
from app.sandbox.engine import documents
from app.sandbox.errors import KalturaApiError
from app.sandbox.services.changes import apply_changes, given_type, require
from app.sandbox.store import KObject
from app.sandbox.xml_tree import NotWellFormed, parse
from app.sandbox.xsd import Schema, compile_schema

PROFILE_KIND = "KalturaMetadataProfile"
METADATA_KIND = "KalturaMetadata"
PROFILE_ACTIVE, PROFILE_DEPRECATED = 1, 2
METADATA_VALID, METADATA_DELETED = 1, 3


def next_version(version: int) -> int:
    """How api_v3 counts versions on data centre 0 (a one-DC install): the next multiple of
    ten, plus two — 2, 12, 22…"""
    return math.ceil(version / 10) * 10 + 2


def live_profile(ctx: CallContext, profile_id: object) -> KObject:
    found = ctx.db.get(PROFILE_KIND, str(profile_id), ctx.partner_id)
    if found is None or found.get("status") == PROFILE_DEPRECATED:
        raise KalturaApiError("METADATA_PROFILE_NOT_FOUND", profile_id)
    return found


def schema_of(profile: KObject) -> Schema:
    """The profile's XSD compiled; raises Unsupported or NotWellFormed."""
    return compile_schema(str(profile.get("xsd") or ""))


def checked_xsd(text: str) -> str:
    """As api_v3 checks a profile's XSD: it must be well-formed XML."""
    try:
        parse(text)
    except NotWellFormed as exc:
        raise KalturaApiError("INVALID_METADATA_PROFILE_SCHEMA", str(exc)) from None
    return text


def _check_name(ctx: CallContext, given: KObject, profile_id: object = None) -> None:
    name = given.get("name")
    if name is not None and name == "":
        raise KalturaApiError("PROPERTY_VALIDATION_MIN_LENGTH", "KalturaMetadataProfile::name", 1)
    system_name = given.get("systemName")
    if system_name:
        for other in ctx.db.all(PROFILE_KIND, ctx.partner_id):
            if other.get("systemName") == system_name and other["id"] != profile_id:
                raise KalturaApiError("SYSTEM_NAME_ALREADY_EXISTS", system_name)


def _save(ctx: CallContext, profile: KObject) -> KObject:
    profile["updatedAt"] = ctx.now
    ctx.db.put(PROFILE_KIND, str(profile["id"]), ctx.partner_id, profile)
    return profile


@handles("metadata_metadataprofile", "add")
def add(ctx: CallContext, params: Params) -> KObject:
    xsd = checked_xsd(params["xsdData"])
    given: KObject = params["metadataProfile"]
    require(given, "metadataObjectType")
    if given.get("name") is None:
        raise KalturaApiError("PROPERTY_VALIDATION_CANNOT_BE_NULL", f"{given_type(given)}::name")
    _check_name(ctx, given)
    profile: KObject = {"objectType": PROFILE_KIND}
    apply_changes(ctx.schema, profile, given, inserting=True)
    profile.update(
        id=documents.new_id(ctx.schema, ctx.db, PROFILE_KIND, PROFILE_KIND, ctx.partner_id),
        partnerId=ctx.partner_id,
        version=next_version(0),
        createdAt=ctx.now,
        status=PROFILE_ACTIVE,
        xsd=xsd,
    )
    if params.get("viewsData"):
        profile["views"] = params["viewsData"]
    return _save(ctx, profile)


@handles("metadata_metadataprofile", "get")
def get(ctx: CallContext, params: Params) -> KObject:
    return live_profile(ctx, params["id"])


@handles("metadata_metadataprofile", "update")
def update(ctx: CallContext, params: Params) -> KObject:
    """A new XSD replaces the old one; api_v3 moves `version` on only when its transform batch
    has converted the profile's metadata, which the sandbox does not run."""
    profile = live_profile(ctx, params["id"])
    xsd = checked_xsd(params["xsdData"]) if params.get("xsdData") else None
    given: KObject = params["metadataProfile"] or {}
    _check_name(ctx, given, profile["id"])
    apply_changes(ctx.schema, profile, given, inserting=False)
    if xsd is not None:
        profile["xsd"] = xsd
    if params.get("viewsData"):
        profile["views"] = params["viewsData"]
    return _save(ctx, profile)


@handles("metadata_metadataprofile", "delete")
def delete(ctx: CallContext, params: Params) -> None:
    profile = live_profile(ctx, params["id"])
    profile["status"] = PROFILE_DEPRECATED
    _save(ctx, profile)
    for metadata in ctx.db.all(METADATA_KIND, ctx.partner_id):
        if metadata.get("metadataProfileId") == profile["id"]:
            metadata["status"] = METADATA_DELETED
            ctx.db.put(METADATA_KIND, str(metadata["id"]), ctx.partner_id, metadata)


@handles("metadata_metadataprofile", "list")
def list_profiles(ctx: CallContext, params: Params) -> KObject:
    live = [
        p for p in ctx.db.all(PROFILE_KIND, ctx.partner_id) if p.get("status") != PROFILE_DEPRECATED
    ]
    return listing.list_response(
        ctx.schema,
        "KalturaMetadataProfileListResponse",
        PROFILE_KIND,
        live,
        params.get("filter"),
        params.get("pager"),
    )
