"""`system.ping` and `system.getTime`."""

from __future__ import annotations

from app.sandbox.context import CallContext, Params, handles


@handles("system", "ping")
def ping(ctx: CallContext, params: Params) -> bool:
    return True


@handles("system", "getTime")
def get_time(ctx: CallContext, params: Params) -> int:
    return ctx.now
