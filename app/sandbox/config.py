"""The sandbox's settings and the credentials it seeds, as frozen values.

`SandboxConfig` is what the lead's app factory passes in; `SandboxCredentials` is what the console
page shows in sandbox mode (read with `sandbox_credentials`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_UPLOAD_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class SandboxConfig:
    """`partner_id`/`admin_secret`/`user_secret` override the values generated on first run
    (TESTME_SANDBOX_*); `None` keeps what the data dir holds, or generates it. `schema_path`
    is the schema the sandbox serves (`--schema`); `None` is the embedded one.
    `ready_delay_seconds` (TESTME_SANDBOX_READY_DELAY) keeps new content IMPORT/PRECONVERT that
    long before it is READY, as a real server's conversion would; 0 is READY at once."""

    data_dir: Path
    partner_id: int | None = None
    admin_secret: str | None = None
    user_secret: str | None = None
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    schema_path: Path | None = None
    ready_delay_seconds: float = 0.0

    @property
    def database_path(self) -> Path:
        return self.data_dir / "sandbox.sqlite3"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "sandbox-uploads"


@dataclass(frozen=True)
class SandboxCredentials:
    partner_id: int
    admin_secret: str
    user_secret: str
    admin_login: str
    admin_password: str
