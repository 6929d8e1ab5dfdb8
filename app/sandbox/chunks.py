"""Chunks of an upload put where api_v3 puts them (`uploadToken.upload`), on files.

A chunk whose `resumeAt` lies within or at the end of the file and makes it longer is written
there; one that starts beyond the end waits beside the file (`<file>.chunk.<offset>`) until the
chunks before it arrive, so chunks can come in parallel and in any order; one that would not
make the file longer is dropped. No `resumeAt` (-1) appends.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import IO

_COPY_CHUNK = 1024 * 1024
_PARKED = ".chunk."


def size_of(stream: IO[bytes]) -> int:
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    return size


def _write_at(target: Path, stream: IO[bytes], offset: int | None) -> None:
    with target.open("r+b") as out:
        out.seek(0, os.SEEK_END) if offset is None else out.seek(offset)
        shutil.copyfileobj(stream, out, _COPY_CHUNK)


def start(target: Path, stream: IO[bytes]) -> int:
    """A new upload (`resume` false): the file is this chunk alone; waiting chunks go."""
    discard_parked(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        shutil.copyfileobj(stream, out, _COPY_CHUNK)
    return target.stat().st_size


def place(target: Path, stream: IO[bytes], resume_at: int | None) -> int:
    """Put a resumed chunk (`resume_at` None: at the end); the file's size after it and after
    every waiting chunk it made contiguous."""
    current = target.stat().st_size
    length = size_of(stream)
    if resume_at is None or resume_at <= current < resume_at + length:
        _write_at(target, stream, resume_at)
    elif resume_at > current:
        with (target.parent / f"{target.name}{_PARKED}{resume_at}").open("wb") as out:
            shutil.copyfileobj(stream, out, _COPY_CHUNK)
    return _append_parked(target)


def _parked(target: Path) -> list[tuple[int, Path]]:
    prefix = target.name + _PARKED
    found = []
    for path in target.parent.glob(prefix + "*"):
        offset = path.name[len(prefix) :]
        if offset.isdigit():
            found.append((int(offset), path))
    return sorted(found)


def _append_parked(target: Path) -> int:
    size = target.stat().st_size
    progress = True
    while progress:
        progress = False
        for offset, path in _parked(target):
            length = path.stat().st_size
            if offset <= size < offset + length:
                with path.open("rb") as chunk:
                    _write_at(target, chunk, offset)
                size = target.stat().st_size
                progress = True
            if offset + length <= size:
                path.unlink(missing_ok=True)  # within the file now: nothing left to add
    return size


def discard_parked(target: Path) -> None:
    for _, path in _parked(target):
        path.unlink(missing_ok=True)
