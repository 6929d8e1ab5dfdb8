"""What a service handler gets, and the registry of handlers by (service, action).

A handler is a plain function `(CallContext, params) -> result` registered with
`@handles("media", "add")`; `params` are the action's parameters already bound by `params.py`.
Handlers run inside one database transaction and raise `KalturaApiError` to answer an error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.kaltura.schema import Schema
from app.sandbox.config import SandboxConfig
from app.sandbox.errors import KalturaApiError
from app.sandbox.sessions import Session
from app.sandbox.store import Db

Params = dict[str, Any]


@dataclass(frozen=True)
class CallContext:
    db: Db
    schema: Schema
    config: SandboxConfig
    session: Session | None
    default_partner_id: int
    now: int

    @property
    def partner_id(self) -> int:
        return self.session.partner_id if self.session else self.default_partner_id

    @property
    def user_session(self) -> Session:
        """The session; only called by actions whose `sessionRequired` is `always`."""
        if self.session is None:
            raise KalturaApiError("MISSING_KS")
        return self.session


Handler = Callable[[CallContext, Params], Any]

HANDLERS: dict[tuple[str, str], Handler] = {}


def handles(service: str, action: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        HANDLERS[(service.lower(), action.lower())] = handler
        return handler

    return register
