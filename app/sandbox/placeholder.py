"""The thumbnail the sandbox makes for a video or audio entry: a generated PNG, not a frame.

The sandbox runs no external tool and decodes no video, so it cannot capture a frame the way
Kaltura's thumbnail job does; it draws a dark slate of the clip's proportions with a light "play"
triangle in the middle, which says honestly that this is a stand-in (docs/SANDBOX.md). Pure:
bytes out, written with zlib only.
"""

from __future__ import annotations

import struct
import zlib

_BACKGROUND = bytes((0x2B, 0x30, 0x3A))
_MARK = bytes((0xE8, 0xEA, 0xEE))
DEFAULT_WIDTH = 320


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def slate_size(width: int | None, height: int | None) -> tuple[int, int]:
    """320 pixels wide, the clip's proportions when known (16:9 otherwise)."""
    if width and height:
        return DEFAULT_WIDTH, max(1, min(4 * DEFAULT_WIDTH, round(DEFAULT_WIDTH * height / width)))
    return DEFAULT_WIDTH, DEFAULT_WIDTH * 9 // 16


def slate_png(width: int, height: int) -> bytes:
    """A `width` by `height` RGB PNG: the slate with a play triangle a third of its height."""
    side = max(2, height // 3)
    left, top = (width - side * 7 // 8) // 2, (height - side) // 2
    rows = []
    for y in range(height):
        row = bytearray(_BACKGROUND * width)
        dy = y - top
        if 0 <= dy < side:
            # The triangle points right: each row's reach shrinks toward its top and bottom.
            reach = (side - abs(2 * dy - side)) * 7 // 16
            for x in range(left, min(width, left + reach)):
                row[3 * x : 3 * x + 3] = _MARK
        rows.append(b"\x00" + bytes(row))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _chunk(b"IEND", b"")
    )
