"""The embedded Kaltura-compatible api_v3 server ("sandbox"), backed by one SQLite file.

Public entry points: `create_sandbox_app(SandboxConfig)` → ASGI app serving `/api_v3/service/…`,
`/api_v3/index.php`, `/api_v3/service/multirequest` and `/api_v3/api_schema.php`; and
`sandbox_credentials(app_or_config)` → the partner and secrets the console shows; and
`serve_schema(app, schema, xml)` → serve the schema the console reloaded; and
`origin.InProcess`, the wrapper the console's in-process transport calls it through. The console
never imports this package otherwise: it talks to the sandbox over HTTP like to any Kaltura
server. Besides api_v3 the sandbox serves its entries' content (`/p/…`, `serving.py`).
"""

from app.sandbox.app import create_sandbox_app, sandbox_credentials, serve_schema
from app.sandbox.config import SandboxConfig, SandboxCredentials

__all__ = [
    "SandboxConfig",
    "SandboxCredentials",
    "create_sandbox_app",
    "sandbox_credentials",
    "serve_schema",
]
