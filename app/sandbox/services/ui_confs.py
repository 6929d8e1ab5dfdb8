"""`uiConf.*`: players and widgets, and the templates of partner 0 (`defaults.py`).

What api_v3's `uiConf` service does beyond storage, in our words:
- `add` needs `creationMode` (PROPERTY_VALIDATION_CANNOT_BE_NULL) and sets `useCdn` when not
  sent; `objTypeAsString` names the type, a player (Widget) when none is given; `version`
  counts the saves that carried a `config`.
- `get` and `clone` also reach partner 0's templates; `update`, `delete` and `list` only the
  partner's own. A missing one is INVALID_UI_CONF_ID.
- `listTemplates` lists partner 0's players shown to the Kaltura network (`displayInSearch`
  2 and up), through the same filter and pager; a clone is never a template.
"""

from __future__ import annotations

from app.sandbox import listing
from app.sandbox.context import CallContext, Params, handles
from app.sandbox.defaults import (
    DISPLAY_IN_SEARCH_KALTURA_NETWORK,
    OBJ_TYPE_NAMES,
    TEMPLATE_PARTNER_ID,
    UI_CONF_KIND,
)
from app.sandbox.engine import documents
from app.sandbox.errors import KalturaApiError
from app.sandbox.services.changes import apply_changes
from app.sandbox.store import KObject

OBJ_TYPE_WIDGET = 1
DISPLAY_IN_SEARCH_PARTNER_ONLY = 1


def _find(ctx: CallContext, ui_conf_id: int, *, templates_too: bool = False) -> KObject:
    partners = (ctx.partner_id, TEMPLATE_PARTNER_ID) if templates_too else (ctx.partner_id,)
    for partner_id in partners:
        found = ctx.db.get(UI_CONF_KIND, str(ui_conf_id), partner_id)
        if found is not None:
            return found
    raise KalturaApiError("INVALID_UI_CONF_ID", ui_conf_id)


def _save(ctx: CallContext, ui_conf: KObject, *, content_changed: bool) -> KObject:
    obj_type = ui_conf.get("objType") or OBJ_TYPE_WIDGET
    ui_conf["objTypeAsString"] = OBJ_TYPE_NAMES.get(int(obj_type), "")
    if content_changed:
        ui_conf["version"] = str(int(ui_conf.get("version") or 0) + 1)
    ui_conf["updatedAt"] = ctx.now
    ctx.db.put(UI_CONF_KIND, str(ui_conf["id"]), ctx.partner_id, ui_conf)
    return ui_conf


@handles("uiConf", "add")
def add(ctx: CallContext, params: Params) -> KObject:
    given: KObject = params["uiConf"]
    if given.get("creationMode") is None:
        raise KalturaApiError("PROPERTY_VALIDATION_CANNOT_BE_NULL", "KalturaUiConf::creationMode")
    ui_conf: KObject = {"objectType": "KalturaUiConf"}
    apply_changes(ctx.schema, ui_conf, given, inserting=True)
    if ui_conf.get("useCdn") is None:
        ui_conf["useCdn"] = True
    ui_conf["id"] = documents.new_id(
        ctx.schema, ctx.db, "KalturaUiConf", UI_CONF_KIND, ctx.partner_id
    )
    ui_conf.update(partnerId=ctx.partner_id, createdAt=ctx.now, displayInSearch=1)
    return _save(ctx, ui_conf, content_changed=bool(given.get("config")))


@handles("uiConf", "get")
def get(ctx: CallContext, params: Params) -> KObject:
    return _find(ctx, params["id"], templates_too=True)


@handles("uiConf", "update")
def update(ctx: CallContext, params: Params) -> KObject:
    ui_conf = _find(ctx, params["id"])
    given: KObject | None = params["uiConf"]
    apply_changes(ctx.schema, ui_conf, given, inserting=False)
    return _save(ctx, ui_conf, content_changed=bool((given or {}).get("config")))


@handles("uiConf", "delete")
def delete(ctx: CallContext, params: Params) -> None:
    ui_conf = _find(ctx, params["id"])
    ctx.db.delete(UI_CONF_KIND, str(ui_conf["id"]), ctx.partner_id)


@handles("uiConf", "clone")
def clone(ctx: CallContext, params: Params) -> KObject:
    copy = dict(_find(ctx, params["id"], templates_too=True))
    copy["id"] = documents.new_id(ctx.schema, ctx.db, "KalturaUiConf", UI_CONF_KIND, ctx.partner_id)
    copy.update(
        partnerId=ctx.partner_id, createdAt=ctx.now, displayInSearch=DISPLAY_IN_SEARCH_PARTNER_ONLY
    )
    return _save(ctx, copy, content_changed=False)


@handles("uiConf", "list")
def list_ui_confs(ctx: CallContext, params: Params) -> KObject:
    return listing.list_response(
        ctx.schema,
        "KalturaUiConfListResponse",
        "KalturaUiConf",
        ctx.db.all(UI_CONF_KIND, ctx.partner_id),
        params["filter"],
        params["pager"],
    )


@handles("uiConf", "listTemplates")
def list_templates(ctx: CallContext, params: Params) -> KObject:
    templates = [
        t
        for t in ctx.db.all(UI_CONF_KIND, TEMPLATE_PARTNER_ID)
        if int(t.get("displayInSearch") or 0) >= DISPLAY_IN_SEARCH_KALTURA_NETWORK
    ]
    return listing.list_response(
        ctx.schema,
        "KalturaUiConfListResponse",
        "KalturaUiConf",
        templates,
        params["filter"],
        params["pager"],
    )
