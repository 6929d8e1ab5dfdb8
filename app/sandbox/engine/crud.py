"""The conventional actions over the document store: add, get, update, delete, list, count,
clone, updateStatus, approve/reject and setAsDefault, as `shapes.Plan` describes each.

Documents are kept in the store's `objects` table under their kind (the class's topmost
ancestor with an `id`), so a subclass is found by its base's `get` and listed by its own `list`
only. A class whose status enum has DELETED is deleted as api_v3 deletes it: the status
changes and the object is hidden from get and list; any other is removed.
"""

from __future__ import annotations

from typing import Any

from app.sandbox import listing
from app.sandbox.context import CallContext, Params
from app.sandbox.engine import documents
from app.sandbox.engine.shapes import Plan, Shapes
from app.sandbox.errors import NOT_SIMULATED, KalturaApiError
from app.sandbox.services.changes import apply_changes
from app.sandbox.store import KObject

# KalturaEntryModerationStatus: APPROVED 2, REJECTED 3.
MODERATION = {"approve": 2, "reject": 3}


def _find(ctx: CallContext, plan: Plan, object_id: Any) -> KObject:
    obj = ctx.db.get(plan.kind, str(object_id), ctx.partner_id)
    if (
        obj is None
        or not ctx.schema.is_subclass(str(obj["objectType"]), plan.cls)
        or documents.is_deleted(ctx.schema, obj)
    ):
        raise KalturaApiError(plan.not_found, object_id)
    return obj


def _save(ctx: CallContext, plan: Plan, obj: KObject) -> KObject:
    if ctx.schema.property(str(obj["objectType"]), "updatedAt") is not None:
        obj["updatedAt"] = ctx.now
    ctx.db.put(plan.kind, str(obj["id"]), ctx.partner_id, obj)
    return obj


def _live(ctx: CallContext, plan: Plan) -> list[KObject]:
    return [
        o
        for o in ctx.db.all(plan.kind, ctx.partner_id)
        if ctx.schema.is_subclass(str(o["objectType"]), plan.cls)
        and not documents.is_deleted(ctx.schema, o)
    ]


def _copy_scalars(obj: KObject, params: Params, plan: Plan) -> None:
    for param, prop in plan.scalar_params:
        if params.get(param) is not None:
            obj[prop] = params[param]


def add(ctx: CallContext, params: Params, plan: Plan) -> KObject:
    given: KObject = params.get(plan.object_param) or {"objectType": plan.cls}
    obj: KObject = {"objectType": given["objectType"]}
    apply_changes(ctx.schema, obj, given, inserting=True)
    _copy_scalars(obj, params, plan)
    obj["id"] = documents.new_id(ctx.schema, ctx.db, plan.cls, plan.kind, ctx.partner_id)
    documents.fill_new(ctx.schema, obj, ctx.partner_id, ctx.now)
    return _save(ctx, plan, obj)


def get(ctx: CallContext, params: Params, plan: Plan) -> KObject:
    return _find(ctx, plan, params[plan.id_param])


def update(ctx: CallContext, params: Params, plan: Plan) -> KObject:
    obj = _find(ctx, plan, params[plan.id_param])
    if plan.object_param:
        apply_changes(ctx.schema, obj, params.get(plan.object_param), inserting=False)
    _copy_scalars(obj, params, plan)
    return _save(ctx, plan, obj)


def delete(ctx: CallContext, params: Params, plan: Plan) -> KObject | None:
    obj = _find(ctx, plan, params[plan.id_param])
    deleted = documents.status_value(ctx.schema, str(obj["objectType"]), (documents.DELETED,))
    if deleted is None:
        ctx.db.delete(plan.kind, str(obj["id"]), ctx.partner_id)
    else:
        obj["status"] = documents.typed(ctx.schema, str(obj["objectType"]), deleted)
        _save(ctx, plan, obj)
    return obj if plan.returns_object else None


def list_objects(ctx: CallContext, params: Params, plan: Plan) -> KObject:
    return listing.list_response(
        ctx.schema,
        plan.response,
        plan.cls,
        _live(ctx, plan),
        params.get(plan.filter_param),
        params.get(plan.pager_param),
    )


def count(ctx: CallContext, params: Params, plan: Plan) -> int:
    return listing.count(ctx.schema, plan.cls, _live(ctx, plan), params.get(plan.filter_param))


def clone(ctx: CallContext, params: Params, plan: Plan) -> KObject:
    copy = dict(_find(ctx, plan, params[plan.id_param]))
    copy["id"] = documents.new_id(ctx.schema, ctx.db, plan.cls, plan.kind, ctx.partner_id)
    documents.fill_new(ctx.schema, copy, ctx.partner_id, ctx.now)
    return _save(ctx, plan, copy)


def update_status(ctx: CallContext, params: Params, plan: Plan) -> KObject:
    obj = _find(ctx, plan, params[plan.id_param])
    obj["status"] = params[plan.scalar_params[0][0]]
    return _save(ctx, plan, obj)


def moderate(ctx: CallContext, params: Params, plan: Plan) -> KObject | None:
    obj = _find(ctx, plan, params[plan.id_param])
    if ctx.schema.property(str(obj["objectType"]), "moderationStatus") is not None:
        obj["moderationStatus"] = MODERATION[plan.verb]
    _save(ctx, plan, obj)
    return obj if plan.returns_object else None


def set_as_default(ctx: CallContext, params: Params, plan: Plan) -> KObject:
    chosen = _find(ctx, plan, params[plan.id_param])
    for other in _live(ctx, plan):
        if other.get("isDefault") and other["id"] != chosen["id"]:
            other["isDefault"] = False
            _save(ctx, plan, other)
    if ctx.schema.property(str(chosen["objectType"]), "isDefault") is not None:
        chosen["isDefault"] = True
    return _save(ctx, plan, chosen)


VERBS = {
    "add": add,
    "get": get,
    "update": update,
    "delete": delete,
    "list": list_objects,
    "count": count,
    "clone": clone,
    "updateStatus": update_status,
    "approve": moderate,
    "reject": moderate,
    "setAsDefault": set_as_default,
}


def by_convention(ctx: CallContext, service: str, action: str, params: Params) -> Any:
    """What the convention answers for `service.action`: for a hand-written handler that adds
    a rule of api_v3's (a default profile cannot be deleted) and leaves the rest to it."""
    found = ctx.schema.service(service)
    act = found.action(action) if found else None
    plan = Shapes(ctx.schema).plan(found, act) if found and act else None
    if plan is None:  # the loaded schema does not give this action a conventional shape
        raise KalturaApiError(NOT_SIMULATED, f"{service}.{action}", "its shape is unusual")
    return VERBS[plan.verb](ctx, params, plan)
