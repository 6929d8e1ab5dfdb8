"""The first thing every request meets: which requests the console answers at all.

- **Host** (DNS rebinding): a page on another site whose name an attacker re-points at
  127.0.0.1 reaches this server as the same origin as itself, and could read the page (the
  sandbox's secrets are on it) and send with the user's KS. Its requests still carry that name
  in `Host`, so a name not on the list is refused (400): the loopback names, the `--host` it
  listens on and `TESTME_ALLOWED_HOSTS`.
- **Cross-site** (CSRF): an unsafe method (anything but GET, HEAD, OPTIONS) is refused (403)
  unless the browser says it comes from the console's own pages: `Sec-Fetch-Site` is
  `same-origin` or `none` (typed or bookmarked); `same-site` (a sibling subdomain, another port
  of this host) is refused, no page there has a reason to post here. A browser that sends no
  `Sec-Fetch-Site` (it does not, to plain http on a name that is not loopback) is judged by
  `Origin`, else `Referer`, against the console's own origin. A request with none of the three
  is no browser's (curl, a script) and passes: there is no cookie a site could have ridden.
  The Kaltura API the sandbox serves (`/api_v3/service/…`, `/api_v3/index.php`) is left alone:
  like a real Kaltura server it is an API for any client (CORS `*`), authorised by the KS or
  secret in the request, never by a cookie, so a cross-site page gains nothing it lacks.
- **Behind a reverse proxy**: `X-Forwarded-Host` and `X-Forwarded-Proto` name the origin the
  browser sees, but anyone can send them (a rebinding page too), so they are read only from the
  peers in `TESTME_FORWARDED_ALLOW_IPS`; the app then sees that host and scheme.
- **HEAD** is answered as GET without the body, wherever GET is (monitors, `curl -I`).

Refusals are plain text and happen before any route runs, so nothing reaches an upstream.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
ALLOWED_FETCH_SITES = frozenset({"same-origin", "none"})
DEFAULT_PORTS = {"http": 80, "https": 443}
JUDGED_KEPT = 1024  # peers whose trust is remembered; then the memory starts again


def host_name(host: str) -> str:
    """`Example.COM:8000` → `example.com`, `[::1]:80` → `[::1]`, `::1` → `[::1]`: the name
    alone, as `Host` spells it, to compare with the allowed names."""
    host = host.strip().lower().rstrip(".")
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    if host.count(":") > 1:  # a bare IPv6 address (a --host value)
        return f"[{host}]"
    return host.split(":", 1)[0]


def is_kaltura_api(path: str) -> bool:
    """The sandbox's api_v3 (README), which answers clients, not the console's pages."""
    return path.startswith("/api_v3/service/") or path in ("/api_v3/index.php", "/api_v3/")


class TrustedProxies:
    """The peers whose `X-Forwarded-*` headers are believed: addresses, networks, or `*`."""

    def __init__(self, entries: Iterable[str]) -> None:
        self.everyone = False
        self.networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        # each peer judged once (parsing its address was a tenth of a small Send's own work)
        self._judged: dict[str, bool] = {}
        for entry in entries:
            if entry == "*":
                self.everyone = True
            else:
                self.networks.append(ipaddress.ip_network(entry, strict=False))

    def __contains__(self, peer: str) -> bool:
        if self.everyone:
            return True
        known = self._judged.get(peer)
        if known is None:
            if len(self._judged) >= JUDGED_KEPT:
                self._judged.clear()
            known = self._judged[peer] = self._trusts(peer)
        return known

    def _trusts(self, peer: str) -> bool:
        try:
            address = ipaddress.ip_address(peer)
        except ValueError:
            return False
        return any(address in network for network in self.networks)


def _origin(scheme: str, host: str) -> str:
    """`https://Testme.example.com:443` → `https://testme.example.com`: comparable origins."""
    scheme, host = scheme.lower(), host.strip().lower()
    parts = urlsplit(f"{scheme}://{host}")
    try:
        port = parts.port
    except ValueError:
        return ""
    name = host.rsplit(":", 1)[0] if port is not None else host
    if port is None or port == DEFAULT_PORTS.get(scheme):
        return f"{scheme}://{name}"
    return f"{scheme}://{name}:{port}"


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return _origin(parts.scheme, parts.netloc) if parts.scheme and parts.netloc else ""


def cross_site_reason(headers: Headers, own_origin: str) -> str | None:
    """Why this unsafe request is not the console's own, or None when it is."""
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None:
        if fetch_site.lower() in ALLOWED_FETCH_SITES:
            return None
        return f"the browser marked it Sec-Fetch-Site: {fetch_site}"
    for header in ("origin", "referer"):
        value = headers.get(header)
        if value is not None:
            if _origin_of(value) == own_origin:
                return None
            return f"it comes from {value!r}, not from {own_origin}"
    return None


class RequestGuard:
    """ASGI middleware; outermost, so a refused request meets nothing else."""

    def __init__(
        self, app: ASGIApp, allowed_hosts: Iterable[str], trusted_proxies: Iterable[str] = ()
    ) -> None:
        self.app = app
        self.allowed_hosts = frozenset(host_name(h) for h in (*LOOPBACK_NAMES, *allowed_hosts))
        self.trusted = TrustedProxies(trusted_proxies)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope = self._forwarded(scope)
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if host_name(host) not in self.allowed_hosts:
            message = (
                f"This console does not answer to the host name {host!r}. "
                "Add it to TESTME_ALLOWED_HOSTS if it is yours."
            )
            await PlainTextResponse(message, status_code=400)(scope, receive, send)
            return
        method = scope["method"]
        if method not in SAFE_METHODS and not is_kaltura_api(scope["path"]):
            reason = cross_site_reason(headers, _origin(scope["scheme"], host))
            if reason is not None:
                message = (
                    f"Refused: only the console's own pages may {method} here, and {reason}. "
                    "Nothing was sent."
                )
                await PlainTextResponse(message, status_code=403)(scope, receive, send)
                return
        if method == "HEAD":
            await self.app({**scope, "method": "GET"}, receive, _without_body(send))
            return
        await self.app(scope, receive, send)

    def _forwarded(self, scope: Scope) -> Scope:
        """The scope as the browser addressed it, when a trusted proxy says so."""
        client = scope.get("client")
        if not client or client[0] not in self.trusted:
            return scope
        headers = Headers(scope=scope)
        host = headers.get("x-forwarded-host", "").split(",")[0].strip()
        proto = headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
        changed = dict(scope)
        if proto in DEFAULT_PORTS:
            changed["scheme"] = proto
        if host:
            raw = [(k, v) for k, v in scope["headers"] if k != b"host"]
            changed["headers"] = [(b"host", host.encode("latin-1")), *raw]
        return changed


def _without_body(send: Send) -> Send:
    """GET's answer, headers (Content-Length included) and all, without its body: HEAD."""

    async def send_head(message: Message) -> None:
        if message["type"] == "http.response.body":
            if message.get("more_body", False):
                return
            message = {"type": "http.response.body", "body": b"", "more_body": False}
        await send(message)

    return send_head
