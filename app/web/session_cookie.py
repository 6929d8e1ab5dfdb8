"""The session cookie's middleware: Starlette's, with a signer that does less work per request.

Starlette verifies the signed cookie on every request and signs it again on every answer that
touches the session; itsdangerous derives its HMAC key from the secret each time. A browser sends
the same cookie value request after request, so the signer keeps the key it derived once and
remembers the values it has verified (with their signing time, so one past max_age is still
refused), and what it signed in the current second (the timestamp has a one-second grain, so the
same data signed in the same second is the same bytes). The cookie on the wire is unchanged.

The cookie is written only when the session's content changed, not whenever a route touched it.
A page's requests overlap (a `/code` refresh leaves while `/ks` keeps a pasted KS), and each
answer that sets the cookie sets the whole session as that request found it: an answer that
changed nothing but re-wrote it would put back what came before, and the KS just kept was lost.
Content, not Starlette's `modified` flag, decides, so a change inside a nested value (another
server's KS, `Servers.memory`) is written too.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any, Literal

import itsdangerous
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REMEMBERED = 64  # verified cookie values kept (one a browser, a few browsers at once)


class RememberingSigner(itsdangerous.TimestampSigner):
    """A TimestampSigner that derives its key once and remembers what it verified and signed."""

    def __init__(self, secret_key: str) -> None:
        super().__init__(secret_key)
        self._key = super().derive_key()
        self._verified: OrderedDict[bytes, tuple[bytes, int]] = OrderedDict()
        self._signed: tuple[bytes, int, bytes] | None = None

    def derive_key(self, secret_key: str | bytes | None = None) -> bytes:
        if secret_key is None:
            return self._key
        return super().derive_key(secret_key)

    def sign(self, value: str | bytes) -> bytes:
        data = itsdangerous.encoding.want_bytes(value)
        now = self.get_timestamp()
        if self._signed is not None and self._signed[:2] == (data, now):
            return self._signed[2]
        signed = super().sign(data)
        self._signed = (data, now, signed)
        return signed

    def unsign(  # type: ignore[override]  # the session's one use: no return_timestamp
        self, signed_value: str | bytes, max_age: int | None = None
    ) -> bytes:
        key = itsdangerous.encoding.want_bytes(signed_value)
        known = self._verified.get(key)
        if known is not None:
            value, stamp = known
            age = self.get_timestamp() - stamp
            if age >= 0 and (max_age is None or age <= max_age):
                self._verified.move_to_end(key)
                return value
            del self._verified[key]
        value, when = super().unsign(key, max_age, return_timestamp=True)
        self._verified[key] = (value, int(when.timestamp()))
        if len(self._verified) > REMEMBERED:
            self._verified.popitem(last=False)
        return value


def _content(session: dict[str, Any]) -> str:
    return json.dumps(session, sort_keys=True)


class _ChangedOnly:
    """Between Starlette's session middleware and the app: as the answer starts, the session
    counts as modified exactly when its content differs from what the request brought."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        session = scope.get("session")
        if session is None:
            await self.app(scope, receive, send)
            return
        before = _content(session)

        async def send_if_changed(message: Message) -> None:
            if message["type"] == "http.response.start":
                now = scope["session"]
                now.modified = now is not session or _content(now) != before
            await send(message)

        await self.app(scope, receive, send_if_changed)


class SessionCookies(SessionMiddleware):
    """Starlette's SessionMiddleware (same cookie, same checks) signing with RememberingSigner,
    writing the cookie only when the session's content changed."""

    def __init__(
        self,
        app: ASGIApp,
        secret_key: str,
        session_cookie: str,
        max_age: int,
        same_site: Literal["lax", "strict", "none"],
    ) -> None:
        super().__init__(
            _ChangedOnly(app),
            secret_key,
            session_cookie=session_cookie,
            max_age=max_age,
            same_site=same_site,
        )
        self.signer = RememberingSigner(secret_key)
