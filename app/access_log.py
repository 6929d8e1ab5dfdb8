"""Keep query strings out of the access log: api_v3 accepts `ks`, `secret` and passwords as
query parameters (`/api_v3/index.php?service=session&action=start&secret=…`), and a log is no
place for credentials."""

from __future__ import annotations

import logging


class StripQueryString(logging.Filter):
    """uvicorn's access records carry (client, method, path with query, version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if (
            isinstance(args, tuple)
            and len(args) >= 3
            and isinstance(args[2], str)
            and "?" in args[2]
        ):
            record.args = (*args[:2], args[2].split("?", 1)[0] + "?…", *args[3:])
        return True
