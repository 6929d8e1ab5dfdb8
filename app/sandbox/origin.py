"""Where a caller reached the sandbox: the base of the absolute URLs its answers carry (an entry's
`dataUrl`, a flavor's download URL, a playback source).

Over the network that is the request's own origin, as Starlette reads it (behind the console,
its proxy-aware guard has already settled the host and scheme). The console calls the sandbox
in-process under `http://sandbox.testme.invalid`, a name nobody can fetch, while its users reach
the same sandbox on the console's own host (it is mounted there at ""); so the console sends its
own origin in `X-Testme-Console-Origin`. That header counts only when it comes through
`InProcess`, the wrapper the console puts around the sandbox for its in-process transport: the
wrapper moves it into the ASGI scope, and the sandbox reads the scope, never the header, so a
caller over the network cannot choose the host of the URLs it is given. The wrapper also drops
`Accept-Encoding`: in process no byte crosses a wire, and compressing an answer only for the
console to inflate it again would be work for nothing.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

CONSOLE_ORIGIN_HEADER = "X-Testme-Console-Origin"
_HEADER = CONSOLE_ORIGIN_HEADER.lower().encode("latin-1")
_DROPPED = (_HEADER, b"accept-encoding")
_SCOPE_KEY = "testme.console_origin"


class InProcess:
    """The sandbox as the console's in-process transport calls it: the console's origin header
    becomes the origin of the URLs in the answers, and answers come uncompressed."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = scope.get("headers", [])
            given = [value for name, value in headers if name == _HEADER]
            scope = dict(scope, headers=[(n, v) for n, v in headers if n not in _DROPPED])
            if given and _is_origin(given[0].decode("latin-1")):
                scope[_SCOPE_KEY] = given[0].decode("latin-1").rstrip("/")
        await self.app(scope, receive, send)


def _is_origin(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not parts.query


def origin_of(request: Request) -> str:
    """`scheme://host[:port]` (and the mount's path) the caller used, without a trailing slash."""
    given = request.scope.get(_SCOPE_KEY)
    if isinstance(given, str):
        return given
    return str(request.base_url).rstrip("/")
