"""The static files (`static/`), served under a path that carries their version.

The browser modules import each other by relative URLs (`import {on} from "./events.js"`), so
they resolve under the importer's own directory. With the version a directory of the path
(`/api_v3/testme/static/<version>/main.js`), every module a page loads comes from the same
version: a changed file changes the version, so the page asks for new URLs for it and for every
module that imports it, and no cache can pair a new module with an old one. A URL of another
version is not found. The version is a digest of every file's name and contents, taken when the
app is made; the files are served as written (no build step). Since a URL's content never
changes, browsers may keep it for a year without asking again (`Immutable`): a second load of the
page revalidates none of its scripts and styles.

A text file (script, style, SVG) goes gzip-compressed to a browser that takes gzip: compressed
once per process, on its first request, at zlib's best level, and kept (the first load of the
console page: 160 KB of scripts and styles, 57 KB on the wire). Its ETag is the file's with
`-gzip` added (another representation), both say `Vary: Accept-Encoding`, and a Range request
gets the file as it is (`app/compression.py`).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from starlette.datastructures import Headers
from starlette.responses import FileResponse, Response
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import Scope

from app import compression

CACHE_FOREVER = "public, max-age=31536000, immutable"


class Immutable(StaticFiles):
    """Static files whose URL carries their version: cached for a year, never revalidated,
    gzip-compressed for the browsers that take it."""

    def __init__(self, *, directory: Path) -> None:
        super().__init__(directory=directory)
        # (path, mtime, size): the gzip body, or None where gzip gains nothing.
        self.gzipped: dict[tuple[str, float, int], bytes | None] = {}

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        asked = Headers(scope=scope)
        plain = FileResponse(full_path, status_code=status_code, stat_result=stat_result)
        plain.headers["Cache-Control"] = CACHE_FOREVER
        body = self._gzipped(full_path, stat_result, plain.media_type or "")
        if body is not None:
            plain.headers.add_vary_header("Accept-Encoding")
        if body is not None and "range" not in asked and compression.accepts_gzip(asked):
            headers = dict(plain.headers)
            del headers["content-length"], headers["accept-ranges"]  # of the file as it is
            headers["content-encoding"] = "gzip"
            headers["etag"] = headers["etag"][:-1] + '-gzip"'
            response: Response = Response(body, status_code, headers, plain.media_type)
        else:
            response = plain
        if self.is_not_modified(response.headers, asked):
            return NotModifiedResponse(response.headers)
        return response

    def _gzipped(
        self, full_path: str | os.PathLike[str], stat_result: os.stat_result, media_type: str
    ) -> bytes | None:
        key = (os.fspath(full_path), stat_result.st_mtime, stat_result.st_size)
        if key not in self.gzipped:
            body = None
            if compression.compressible(media_type):
                content = Path(full_path).read_bytes()
                body = compression.gzip(content, level=9)
                body = body if len(body) < len(content) else None
            self.gzipped[key] = body
        return self.gzipped[key]


def version(directory: Path) -> str:
    """A digest of the names and contents of the files under `directory`."""
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        name = path.relative_to(directory).as_posix().encode()
        content = path.read_bytes()
        digest.update(b"%d:%s%d:" % (len(name), name, len(content)))
        digest.update(content)
    return digest.hexdigest()[:16]


def mount_path(prefix: str, directory: Path) -> str:
    """Where the files of `directory` are served: `prefix/<version>`."""
    return f"{prefix}/{version(directory)}"


IMPORT = re.compile(r"""^\s*import\s+(?:[^"';]*?\s+from\s+)?["']\./([\w.-]+\.js)["']""", re.M)


def module_graph(directory: Path, entry: str = "main.js") -> tuple[str, ...]:
    """Every module `entry` imports, directly or not, `entry` first, then in the order they are
    first reached. The page names them all in `<link rel="modulepreload">` (base.html), so the
    browser fetches the whole graph at once instead of one level of imports after another."""
    found = [entry]
    for name in found:  # grows as it goes: breadth first
        for imported in IMPORT.findall((directory / name).read_text(encoding="utf-8")):
            if imported not in found:
                found.append(imported)
    return tuple(found)
