"""The partner's default profiles (`defaults.py` gives a new partner one of each): the actions
of `accessControlProfile` and `conversionProfile` that api_v3 gives rules about the default.

The rest of both services is conventional (`engine/crud.py`). A default cannot be deleted
(CANNOT_DELETE_DEFAULT_ACCESS_CONTROL, CANNOT_DELETE_DEFAULT_CONVERSION_PROFILE); a conversion
profile is the default of its own type — media or live — only, made so by `setAsDefault` or by
being added or updated with `isDefault` (as api_v3 does on saving a conversion profile), and
`getDefault` answers it for a type, media when none is given.
"""

from __future__ import annotations

from typing import Any

from app.sandbox.context import CallContext, Params, handles
from app.sandbox.defaults import ACCESS_CONTROL_KIND, CONVERSION_PROFILE_KIND, MEDIA
from app.sandbox.engine.crud import by_convention
from app.sandbox.errors import KalturaApiError
from app.sandbox.store import KObject

CONVERSION_PROFILE_DELETED = "3"


def _is_default(obj: KObject | None) -> bool:
    return obj is not None and str(obj.get("isDefault")) in ("1", "True", "true")


@handles("accessControlProfile", "delete")
def delete_access_control(ctx: CallContext, params: Params) -> Any:
    if _is_default(ctx.db.get(ACCESS_CONTROL_KIND, str(params["id"]), ctx.partner_id)):
        raise KalturaApiError("CANNOT_DELETE_DEFAULT_ACCESS_CONTROL")
    return by_convention(ctx, "accessControlProfile", "delete", params)


@handles("conversionProfile", "delete")
def delete_conversion_profile(ctx: CallContext, params: Params) -> Any:
    if _is_default(ctx.db.get(CONVERSION_PROFILE_KIND, str(params["id"]), ctx.partner_id)):
        raise KalturaApiError("CANNOT_DELETE_DEFAULT_CONVERSION_PROFILE")
    return by_convention(ctx, "conversionProfile", "delete", params)


def _make_default(ctx: CallContext, chosen: KObject) -> KObject:
    """`chosen` becomes the default of its type; the other profiles of that type stop being."""
    kind = str(chosen.get("type") or MEDIA)
    for profile in ctx.db.all(CONVERSION_PROFILE_KIND, ctx.partner_id):
        if str(profile.get("type") or MEDIA) != kind:
            continue
        is_chosen = profile["id"] == chosen["id"]
        profile.update(isDefault=int(is_chosen), isPartnerDefault=is_chosen)
        ctx.db.put(CONVERSION_PROFILE_KIND, str(profile["id"]), ctx.partner_id, profile)
    return {**chosen, "isDefault": 1, "isPartnerDefault": True}


@handles("conversionProfile", "add")
def add_conversion_profile(ctx: CallContext, params: Params) -> Any:
    added = by_convention(ctx, "conversionProfile", "add", params)
    return _make_default(ctx, added) if _is_default(added) else added


@handles("conversionProfile", "update")
def update_conversion_profile(ctx: CallContext, params: Params) -> Any:
    updated = by_convention(ctx, "conversionProfile", "update", params)
    return _make_default(ctx, updated) if _is_default(updated) else updated


@handles("conversionProfile", "setAsDefault")
def set_as_default(ctx: CallContext, params: Params) -> KObject:
    profile = by_convention(ctx, "conversionProfile", "get", params)
    return _make_default(ctx, profile)


@handles("conversionProfile", "getDefault")
def get_default(ctx: CallContext, params: Params) -> KObject:
    wanted = str(params.get("type") or MEDIA)
    for profile in ctx.db.all(CONVERSION_PROFILE_KIND, ctx.partner_id):
        if (
            str(profile.get("type") or MEDIA) == wanted
            and _is_default(profile)
            and str(profile.get("status")) != CONVERSION_PROFILE_DELETED
        ):
            return profile
    # api_v3 then gets the partner's (unset) default id: the profile is not found.
    raise KalturaApiError("CONVERSION_PROFILE_ID_NOT_FOUND", "")
