"""The one frozen settings object, read from flags and `TESTME_*` environment variables.

Nothing reads the environment at import time: `Settings.from_env(environ, **flags)` is called
once by the command line (or a test) and the result is handed to `create_app`. A bad value fails
here, naming the setting.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

_N = TypeVar("_N", int, float)


class SettingsError(ValueError):
    """A setting with a value the app cannot use; the message names the setting."""


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    service_url: str | None = None
    schema_path: Path | None = None
    data_dir: Path = Path("var")
    upstream_timeout: float = 30.0
    sandbox_partner_id: int | None = None
    sandbox_admin_secret: str | None = None
    sandbox_user_secret: str | None = None
    sandbox_max_upload_bytes: int = 512 * 1024 * 1024
    # TESTME_SANDBOX_READY_DELAY: seconds new content stays IMPORT/PRECONVERT before READY
    sandbox_ready_delay: float = 0.0
    secret_key: str | None = None
    # TESTME_SERVERS: (name, base URL) pairs in their order; empty = the one-server case
    servers: tuple[tuple[str, str], ...] = ()
    # TESTME_ALLOWED_HOSTS: host names answered beside the loopback names and `host`
    allowed_hosts: tuple[str, ...] = ()
    # TESTME_FORWARDED_ALLOW_IPS: the reverse proxies whose X-Forwarded-Host/-Proto are believed
    forwarded_allow_ips: tuple[str, ...] = ()

    @property
    def sandbox(self) -> bool:
        """No Kaltura server configured: the embedded sandbox answers."""
        return self.service_url is None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **flags: object) -> Settings:
        env = os.environ if environ is None else environ

        def pick(flag: str, var: str) -> str | None:
            value = flags.get(flag)
            if value is not None:
                return str(value)
            raw = env.get(var, "").strip()
            return raw or None

        service_url = pick("service_url", "TESTME_SERVICE_URL")
        schema = pick("schema_path", "TESTME_SCHEMA")
        partner = pick("sandbox_partner_id", "TESTME_SANDBOX_PARTNER_ID")
        return cls(
            host=pick("host", "TESTME_HOST") or "127.0.0.1",
            port=_number(pick("port", "TESTME_PORT") or "8000", "TESTME_PORT (--port)", int),
            service_url=normalize_service_url(service_url) if service_url else None,
            schema_path=Path(schema) if schema else None,
            data_dir=Path(pick("data_dir", "TESTME_DATA_DIR") or "var"),
            upstream_timeout=_number(
                pick("upstream_timeout", "TESTME_UPSTREAM_TIMEOUT") or "30",
                "TESTME_UPSTREAM_TIMEOUT",
                float,
            ),
            sandbox_partner_id=_number(partner, "TESTME_SANDBOX_PARTNER_ID", int)
            if partner
            else None,
            sandbox_admin_secret=pick("sandbox_admin_secret", "TESTME_SANDBOX_ADMIN_SECRET"),
            sandbox_user_secret=pick("sandbox_user_secret", "TESTME_SANDBOX_USER_SECRET"),
            sandbox_max_upload_bytes=_number(
                pick("sandbox_max_upload_bytes", "TESTME_SANDBOX_MAX_UPLOAD_BYTES")
                or str(512 * 1024 * 1024),
                "TESTME_SANDBOX_MAX_UPLOAD_BYTES",
                int,
            ),
            sandbox_ready_delay=_seconds(
                pick("sandbox_ready_delay", "TESTME_SANDBOX_READY_DELAY") or "0",
                "TESTME_SANDBOX_READY_DELAY",
            ),
            secret_key=pick("secret_key", "TESTME_SECRET_KEY"),
            servers=parse_servers(pick("servers", "TESTME_SERVERS") or ""),
            allowed_hosts=parse_allowed_hosts(pick("allowed_hosts", "TESTME_ALLOWED_HOSTS") or ""),
            forwarded_allow_ips=parse_forwarded_allow_ips(
                pick("forwarded_allow_ips", "TESTME_FORWARDED_ALLOW_IPS") or ""
            ),
        )

    @property
    def host_names(self) -> tuple[str, ...]:
        """The names the console answers to beside the loopback ones: where it listens, and
        TESTME_ALLOWED_HOSTS."""
        return (self.host, *self.allowed_hosts)

    @property
    def listens_beyond_loopback(self) -> bool:
        return self.host not in ("127.0.0.1", "localhost", "::1") and not self.host.startswith(
            "127."
        )


def _number(raw: str, name: str, kind: type[_N]) -> _N:
    try:
        value = kind(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number, not {raw!r}") from None
    if value <= 0:
        raise SettingsError(f"{name} must be positive, not {raw!r}")
    return value


def _seconds(raw: str, name: str) -> float:
    """A duration in seconds: zero or more."""
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number of seconds, not {raw!r}") from None
    if not value >= 0 or value == float("inf"):
        raise SettingsError(f"{name} must be zero or more seconds, not {raw!r}")
    return value


SANDBOX_SERVER = "sandbox"  # the embedded sandbox's name among TESTME_SERVERS


def parse_servers(raw: str) -> tuple[tuple[str, str], ...]:
    """`prod=https://www.kaltura.com,qa=https://qa.example.com` → ((name, base URL), …).
    Names are what the browser posts (never a URL), so each must be present and unique;
    `sandbox` is kept for the embedded sandbox."""
    servers: dict[str, tuple[str, str]] = {}  # by the name in lower case: told apart by case
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        name, sep, url = (piece.strip() for piece in item.partition("="))
        if not sep or not name or not url:
            raise SettingsError(f"TESTME_SERVERS: {item!r} is not name=url")
        if name.lower() in servers or name.lower() == SANDBOX_SERVER:
            raise SettingsError(f"TESTME_SERVERS: the name {name!r} is used twice (or reserved)")
        servers[name.lower()] = (name, normalize_service_url(url, "TESTME_SERVERS"))
    return tuple(servers.values())


def parse_allowed_hosts(raw: str) -> tuple[str, ...]:
    """`testme.example.com,10.0.0.5` → the names, lower-cased. Names only: `Host` is compared
    without its port, and a scheme or path here is a mistake worth stopping for."""
    names = tuple(name.strip().lower() for name in raw.split(",") if name.strip())
    for name in names:
        if "/" in name or "*" in name or (":" in name and not _ipv6(name)):
            raise SettingsError(
                f"TESTME_ALLOWED_HOSTS takes host names (testme.example.com), not {name!r}"
            )
    return names


def _ipv6(name: str) -> bool:
    try:
        return ipaddress.ip_address(name.strip("[]")).version == 6
    except ValueError:
        return False


def parse_forwarded_allow_ips(raw: str) -> tuple[str, ...]:
    """`127.0.0.1,10.0.0.0/8` or `*`: addresses or networks of the trusted reverse proxies."""
    entries = tuple(entry.strip() for entry in raw.split(",") if entry.strip())
    for entry in entries:
        if entry == "*":
            continue
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise SettingsError(
                f"TESTME_FORWARDED_ALLOW_IPS takes IP addresses or networks (or *), not {entry!r}"
            ) from None
    return entries


def normalize_service_url(raw: str, setting: str = "TESTME_SERVICE_URL (--service-url)") -> str:
    """`https://www.kaltura.com/api_v3/` → `https://www.kaltura.com`: the base every api_v3 path
    is appended to. Only http(s) with a host; no query, fragment or credentials."""
    parts = urlsplit(raw.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SettingsError(f"{setting} must be an http(s) URL, not {raw!r}")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise SettingsError(f"{setting} must not carry a query, fragment or credentials")
    path = parts.path.rstrip("/")
    if path.endswith("/api_v3"):
        path = path[: -len("/api_v3")]
    return f"{parts.scheme}://{parts.netloc}{path}"
