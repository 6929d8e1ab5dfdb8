"""One module per service group; importing this package registers every handler."""

from app.sandbox.services import categories, entries, session, system, upload_tokens, users

__all__ = ["categories", "entries", "session", "system", "upload_tokens", "users"]
