"""Run one api_v3 call: find the action in the schema, check the KS, bind the parameters, call
what the engine answers it with inside one database transaction, and turn every failure into a
Kaltura error. Every action the schema has is answered (`engine/`); only a name the schema lacks
is SERVICE_DOES_NOT_EXISTS or ACTION_DOES_NOT_EXISTS.

Nothing escapes as an HTTP 500: an unexpected exception is logged and answered with
`INTERNAL_SERVERL_ERROR`, and its transaction is rolled back.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from app.protocol.schema import ActionDef, Schema, ServiceDef
from app.sandbox.config import SandboxConfig
from app.sandbox.context import CallContext
from app.sandbox.engine import Engine, build_engine
from app.sandbox.errors import INTERNAL_ERROR, KalturaApiError, describe
from app.sandbox.params import Binder
from app.sandbox.render import Outcome
from app.sandbox.sessions import authenticate, spend_action
from app.sandbox.store import Store
from app.sandbox.wire import RawTree

log = logging.getLogger(__name__)


class Dispatcher:
    def __init__(
        self,
        schema: Schema,
        store: Store,
        config: SandboxConfig,
        partner_id: int,
        engine: Engine | None = None,
    ) -> None:
        self.schema = schema
        self.engine = engine or build_engine(schema)
        self.store = store
        self.config = config
        self.partner_id = partner_id

    def resolve(self, service: str, action: str) -> tuple[ServiceDef, ActionDef]:
        if not service:
            raise KalturaApiError("SERVICE_NOT_SPECIFIED")
        service_def = self.schema.service(service)
        if service_def is None:
            raise KalturaApiError("SERVICE_DOES_NOT_EXISTS", service)
        if not action:
            raise KalturaApiError("ACTION_NOT_SPECIFIED")
        action_def = service_def.action(action)
        if action_def is None:
            raise KalturaApiError("ACTION_DOES_NOT_EXISTS", action, service)
        return service_def, action_def

    def call(self, service: str, action: str, raw: RawTree, origin: str = "") -> Outcome:
        """One call; `origin` is where the caller reached the sandbox (the base of the URLs
        answers carry)."""
        try:
            return Outcome(value=self._call(service, action, raw, origin))
        except KalturaApiError as error:
            return Outcome(error=describe(error, self.schema))
        except Exception:
            log.exception("sandbox: %s.%s failed", service, action)
            return Outcome(error=describe(KalturaApiError(INTERNAL_ERROR), self.schema))

    def _call(self, service: str, action: str, raw: RawTree, origin: str) -> Any:
        service_def, action_def = self.resolve(service, action)
        handler = self.engine.answer(service_def, action_def).handler
        token = raw.get("ks")
        token = "" if token is None or isinstance(token, dict | list) else str(token).strip()
        now = int(time.time())
        with self.store.transaction() as db:
            session = authenticate(db, token, now) if token else None
            if session is not None:
                spend_action(db, session)
            if session is None and action_def.session_required == "always":
                raise KalturaApiError("MISSING_KS")
            params = Binder(self.schema, now).bind_action(action_def, raw)
            context = CallContext(
                db, self.schema, self.config, session, self.partner_id, now, origin
            )
            return handler(context, params)
