"""Chunks land where api_v3 puts them when it resumes an upload (docs/SANDBOX.md, Playable media):
written at `resumeAt` when that makes the file longer, kept aside when they start beyond its end,
dropped when they add nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from app.sandbox import chunks

WHOLE = bytes(range(40))


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ([(0, WHOLE[:10]), (None, WHOLE[10:20])], WHOLE[:20]),  # -1: appended
        ([(0, WHOLE[:10]), (10, WHOLE[10:40])], WHOLE),
        ([(0, WHOLE[:10]), (20, WHOLE[20:40]), (10, WHOLE[10:20])], WHOLE),  # out of order
        ([(0, WHOLE[:10]), (30, WHOLE[30:]), (20, WHOLE[20:30]), (10, WHOLE[10:20])], WHOLE),
        ([(0, WHOLE[:20]), (5, WHOLE[5:25])], WHOLE[:25]),  # overlapping: written over, longer
        ([(0, WHOLE[:20]), (5, b"xx")], WHOLE[:20]),  # adds nothing: dropped, not truncated
        ([(0, WHOLE[:10]), (20, WHOLE[20:30])], WHOLE[:10]),  # a gap: the later chunk waits
    ],
)
def test_chunks_make_the_file_api_v3_makes(
    tmp_path: Path, sent: list[tuple[int | None, bytes]], expected: bytes
) -> None:
    target = tmp_path / "token"
    (first_at, first), *rest = sent
    assert first_at == 0
    chunks.start(target, io.BytesIO(first))
    for resume_at, data in rest:
        size = chunks.place(target, io.BytesIO(data), resume_at)
    assert target.read_bytes() == expected
    assert size == len(expected)


def test_a_new_upload_forgets_the_chunks_that_were_waiting(tmp_path: Path) -> None:
    target = tmp_path / "token"
    chunks.start(target, io.BytesIO(WHOLE[:10]))
    chunks.place(target, io.BytesIO(WHOLE[20:30]), 20)
    chunks.start(target, io.BytesIO(WHOLE[:20]))
    assert target.read_bytes() == WHOLE[:20]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["token"]
