"""The static files (`static/`), served under a path that carries their version.

The browser modules import each other by relative URLs (`import {on} from "./events.js"`), so
they resolve under the importer's own directory. With the version a directory of the path
(`/api_v3/testme/static/<version>/main.js`), every module a page loads comes from the same
version: a changed file changes the version, so the page asks for new URLs for it and for every
module that imports it, and no cache can pair a new module with an old one. A URL of another
version is not found. The version is a digest of every file's name and contents, taken when the
app is made; the files are served as written (no build step).
"""

from __future__ import annotations

import hashlib
from pathlib import Path


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
