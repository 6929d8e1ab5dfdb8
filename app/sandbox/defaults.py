"""What a partner starts with, as api_v3 gives it, and the player templates of partner 0.

A new Kaltura partner is a copy of the template partner's (99) starting content: its "Default"
access control profile, marked the default, and its conversion profiles — "Default" for media
(flavor params 0,2,3,4,5,6,7,19, the partner's default), "Cloud transcode" and "Passthrough" for
live streams (as a Kaltura deployment's template content names them). `uiConf.listTemplates` lists
partner 0's players shown to the Kaltura network (`displayInSearch` 2 and up); a few of those real
templates are kept here under partner 0, with one shown only to its partner (1), which the list
leaves out.

`ensure` runs at every start, for a new partner and for one created before these defaults
existed; a marker on the partner's profile makes it run once, so a profile the user later
changes or deletes stays that way.
"""

from __future__ import annotations

from typing import Any

from app.sandbox.store import Db, KObject

PARTNER_KIND = "partner"
ACCESS_CONTROL_KIND = "KalturaAccessControlProfile"
CONVERSION_PROFILE_KIND = "KalturaConversionProfile"
UI_CONF_KIND = "KalturaUiConf"
TEMPLATE_PARTNER_ID = 0
# The marker's value: raise it when a later version adds defaults existing partners need.
DEFAULTS_VERSION = 1
# KalturaConversionProfileType
MEDIA, LIVE_STREAM = "1", "2"
# displayInSearch: what partner 0 shows other partners.
DISPLAY_IN_SEARCH_KALTURA_NETWORK = 2
CREATION_MODE_ADVANCED = 3

_CONVERSION_PROFILES: tuple[dict[str, Any], ...] = (
    {
        "name": "Default",
        "systemName": "Default",
        "type": MEDIA,
        "description": "The flavors new media is converted to unless another profile is given",
        "isDefault": 1,
        "flavorParamsIds": "0,2,3,4,5,6,7,19",
    },
    {
        "name": "Cloud transcode",
        "systemName": "Default_Live",
        "type": LIVE_STREAM,
        "description": "The default set of live renditions",
        "isDefault": 1,
        "flavorParamsIds": "32,33,34,35",
    },
    {
        "name": "Passthrough",
        "systemName": "Passthrough_Live",
        "type": LIVE_STREAM,
        "description": "Publish only the broadcast stream",
        "isDefault": 0,
        "flavorParamsIds": "32",
    },
)

# (id, name, objType, tags, displayInSearch) of partner 0's players, as a deployment has them.
_TEMPLATES: tuple[tuple[int, str, int, str, int], ...] = (
    (11958342, "KDP3 Dark skin", 8, "autodeploy, kmc_v5.31.1, kmc_previewembed", 2),
    (11958362, "KDP3 Light skin", 8, "autodeploy, kmc_v5.31.1, kmc_previewembed", 2),
    (14969192, "WordPress v2.5 Thumbnail Player", 1, "kdp3,player", 2),
    (15333782, "Default KCW for WordPress Admin", 2, "", 2),
    (8776432, "single player", 8, "autodeploy, kmc_v5.16.8, kmc_template_uiconf_for_appstudio", 1),
)
# api_v3's names of uiConf objTypes, for the objTypes used here and by new players.
OBJ_TYPE_NAMES = {
    0: "Generic",
    1: "Widget",
    2: "Contribution Wizard",
    3: "Simple Editor",
    4: "Advanced Editor",
    5: "Playlist",
    6: "KMC AppStudio",
    7: "KRecord",
    8: "KDP3",
}


def ensure(db: Db, partner_id: int, profile: KObject, now: int) -> None:
    """The partner's profile (`partner.get`) and, once, its default profiles; the templates."""
    stored = db.get(PARTNER_KIND, str(partner_id), partner_id)
    if stored is None:
        stored = profile
    if int(stored.get("sandboxDefaults") or 0) < DEFAULTS_VERSION:
        _add_access_control(db, partner_id, now)
        for conversion in _CONVERSION_PROFILES:
            _add_conversion_profile(db, partner_id, conversion, now)
        stored["sandboxDefaults"] = DEFAULTS_VERSION
    db.put(PARTNER_KIND, str(partner_id), partner_id, stored)
    _ensure_templates(db, now)


def _next_id(db: Db, kind: str) -> int:
    # The engine's counter for the kind (`engine.documents.new_id`), so ids never collide.
    return db.next_value(f"engine:{kind}")


def _add_access_control(db: Db, partner_id: int, now: int) -> None:
    new_id = _next_id(db, ACCESS_CONTROL_KIND)
    db.put(
        ACCESS_CONTROL_KIND,
        str(new_id),
        partner_id,
        {
            "objectType": "KalturaAccessControlProfile",
            "id": new_id,
            "partnerId": partner_id,
            "name": "Default",
            "systemName": "Default",
            "description": "Default access control profile",
            "isDefault": 1,
            "rules": [],
            "createdAt": now,
            "updatedAt": now,
        },
    )


def _add_conversion_profile(db: Db, partner_id: int, given: dict[str, Any], now: int) -> None:
    new_id = _next_id(db, CONVERSION_PROFILE_KIND)
    document: KObject = {
        "objectType": "KalturaConversionProfile",
        "id": new_id,
        "partnerId": partner_id,
        "status": "2",  # ENABLED
        **given,
        "isPartnerDefault": bool(given["isDefault"]),
        "createdAt": now,
        "updatedAt": now,
    }
    db.put(CONVERSION_PROFILE_KIND, str(new_id), partner_id, document)


def _ensure_templates(db: Db, now: int) -> None:
    for template_id, name, obj_type, tags, display in _TEMPLATES:
        if db.get(UI_CONF_KIND, str(template_id), TEMPLATE_PARTNER_ID) is not None:
            continue
        db.put(
            UI_CONF_KIND,
            str(template_id),
            TEMPLATE_PARTNER_ID,
            {
                "objectType": "KalturaUiConf",
                "id": template_id,
                "partnerId": TEMPLATE_PARTNER_ID,
                "name": name,
                "objType": obj_type,
                "objTypeAsString": OBJ_TYPE_NAMES[obj_type],
                "tags": tags,
                "useCdn": True,
                "creationMode": CREATION_MODE_ADVANCED,
                "displayInSearch": display,
                "createdAt": now,
                "updatedAt": now,
            },
        )
