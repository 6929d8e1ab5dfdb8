"""What a service handler gets, and the registry of handlers by (service, action).

A handler is a plain function `(CallContext, params) -> result` marked with
`@handles("media", "add")`; `params` are the action's parameters already bound by `params.py`.
Handlers run inside one database transaction and raise `KalturaApiError` to answer an error.
Marking registers nothing: the engine (`app.sandbox.engine`) registers the modules it is given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.protocol.schema import Schema
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
    # Where the caller reached the sandbox (`http://host:port`): the base of the URLs that
    # answers carry (an entry's dataUrl, a flavor's download URL). See `app.sandbox.origin`.
    origin: str = ""

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

# The attribute `handles` sets on a handler: the (service, action) it answers.
MARK = "sandbox_action"


def handles(service: str, action: str) -> Callable[[Handler], Handler]:
    def mark(handler: Handler) -> Handler:
        setattr(handler, MARK, (service, action))
        return handler

    return mark


def marked(handler: object) -> tuple[str, str] | None:
    """The (service, action) a function was marked with by `handles`, if any."""
    value = getattr(handler, MARK, None)
    return value if isinstance(value, tuple) else None
