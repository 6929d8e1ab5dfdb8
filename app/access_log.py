"""Keep credentials out of the access log: api_v3 accepts `ks`, `secret` and passwords as
query parameters (`/api_v3/index.php?service=session&action=start&secret=…`), and the sandbox's
media URLs carry a KS as a path segment (`/p/…/playManifest/…/ks/<KS>/a.mp4`, where api_v3 reads
it); a log is no place for either. The query string is dropped and the KS segment masked."""

from __future__ import annotations

import logging
import re

_KS_SEGMENT = re.compile(r"(/ks/)[^/?]+")


class StripQueryString(logging.Filter):
    """uvicorn's access records carry (client, method, path with query, version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            path = _KS_SEGMENT.sub(r"\1…", args[2])
            if "?" in path:
                path = path.split("?", 1)[0] + "?…"
            record.args = (*args[:2], path, *args[3:])
        return True
