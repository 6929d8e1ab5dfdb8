"""What the console views share for the app's lifetime, built once in the lifespan."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from app import compression
from app.forms.fields import FormBuilder
from app.protocol.schema import Schema
from app.settings import Settings
from app.web.sandbox_coverage import SandboxCoverage
from app.web.upstream import Upstream


@dataclass(frozen=True)
class SandboxInfo:
    """The sandbox partner's credentials, shown on the console page in sandbox mode only."""

    partner_id: int
    admin_secret: str
    user_secret: str
    admin_login: str
    admin_password: str
    # Hands the sandbox a reloaded schema (`app.sandbox.serve_schema`): in sandbox mode the
    # console's schema is the sandbox's, so "Reload schema" reloads both.
    serve_schema: Callable[[Schema, bytes], None] | None = field(
        default=None, compare=False, repr=False
    )


@dataclass(frozen=True)
class ConsoleState:
    settings: Settings
    schema: Schema
    schema_origin: str
    schema_xml: bytes
    forms: FormBuilder
    upstream: Upstream
    sandbox: SandboxInfo | None

    @cached_property
    def schema_xml_gzip(self) -> bytes:
        """`schema_xml` gzip-compressed, once per schema (1.2 MB took 27 ms a request)."""
        return compression.gzip(self.schema_xml)

    @cached_property
    def coverage(self) -> SandboxCoverage | None:
        """What the sandbox answers of this schema, worked out once (a reloaded schema is a new
        state); none when the target is a real server, whose actions are all its own."""
        return SandboxCoverage.of(self.schema) if self.sandbox else None

    @property
    def config_prefill(self) -> dict[str, str]:
        """Configuration values the page starts with: in sandbox mode the partner is known, so
        every call (session.start first) carries it."""
        return {"partnerId": str(self.sandbox.partner_id)} if self.sandbox else {}

    @property
    def ks_secrets(self) -> tuple[str, ...]:
        """Secrets that open a v2 KS for reading: known only for the sandbox's own partner."""
        return (self.sandbox.admin_secret, self.sandbox.user_secret) if self.sandbox else ()

    def shown_base(self, console_base: str) -> str:
        """The base URL "Request sent" shows. The sandbox is reached in-process under a name
        nobody can call, but it answers on the console's own host and port, so that is shown;
        a real server is shown as configured (empty: the upstream's own base)."""
        return console_base if self.sandbox else ""
