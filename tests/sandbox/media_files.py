"""Tiny media files built byte by byte, each the smallest its format allows with the fields
the sandbox's probe reads (app/sandbox/probe.py): for the probe's table and the ingest flows."""

from __future__ import annotations

import struct


def box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mvhd(timescale: int, duration: int, *, version: int = 0) -> bytes:
    if version == 1:
        times = struct.pack(">QQIQ", 0, 0, timescale, duration)
    else:
        times = struct.pack(">IIII", 0, 0, timescale, duration)
    return box(b"mvhd", bytes([version, 0, 0, 0]) + times + bytes(80))


def tkhd(width: int, height: int) -> bytes:
    fields = struct.pack(">IIIII", 0, 0, 1, 0, 0) + bytes(8) + bytes(8) + bytes(36)
    return box(b"tkhd", bytes(4) + fields + struct.pack(">II", width << 16, height << 16))


def mp4(
    brand: bytes,
    *tracks: tuple[int, int],
    timescale: int = 1000,
    duration: int = 0,
    moov_last: bool = False,
    version: int = 0,
) -> bytes:
    ftyp = box(b"ftyp", brand + bytes(4) + brand)
    moov = box(
        b"moov",
        mvhd(timescale, duration, version=version)
        + b"".join(box(b"trak", tkhd(w, h)) for w, h in tracks),
    )
    mdat = box(b"mdat", bytes(64))
    return ftyp + (mdat + moov if moov_last else moov + mdat)


def ebml(element_id: int, payload: bytes) -> bytes:
    """An element: its id, its size as a one- or two-byte EBML integer, its payload."""
    size = len(payload)
    coded = bytes([0x80 | size]) if size < 127 else (0x4000 | size).to_bytes(2, "big")
    return element_id.to_bytes((element_id.bit_length() + 7) // 8, "big") + coded + payload


def webm(doc_type: bytes, duration: float, width: int | None, height: int | None) -> bytes:
    header = ebml(0x1A45DFA3, ebml(0x4282, doc_type))
    info = ebml(
        0x1549A966,
        ebml(0x2AD7B1, (1_000_000).to_bytes(3, "big")) + ebml(0x4489, struct.pack(">d", duration)),
    )
    video = (
        ebml(0xE0, ebml(0xB0, struct.pack(">H", width)) + ebml(0xBA, struct.pack(">H", height)))
        if width and height
        else b""
    )
    tracks = ebml(0x1654AE6B, ebml(0xAE, ebml(0xD7, b"\x01") + video))
    return header + ebml(0x18538067, info + tracks)


def wav(seconds: float, rate: int = 8000) -> bytes:
    data = bytes(int(seconds * rate))  # 8-bit mono: one byte a sample
    fmt = struct.pack("<HHIIHH", 1, 1, rate, rate, 1, 8)
    body = (
        b"WAVE"
        + b"fmt "
        + struct.pack("<I", len(fmt))
        + fmt
        + b"data"
        + struct.pack("<I", len(data))
        + data
    )
    return b"RIFF" + struct.pack("<I", len(body)) + body


def mp3(seconds: int, *, id3: bool) -> bytes:
    # MPEG-1 Layer III, 128 kbit/s: 16,000 bytes a second.
    frame_header = b"\xff\xfb\x90\x00"
    audio = (frame_header + bytes(413)) * (seconds * 16000 // 417)
    audio += bytes(seconds * 16000 - len(audio))
    tag = b"ID3\x03\x00\x00\x00\x00\x00\x0a" + bytes(10) if id3 else b""
    return tag + audio


PNG = b"\x89PNG\r\n\x1a\n" + (
    struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 640, 360, 8, 2, 0, 0, 0) + bytes(4)
)
GIF = b"GIF89a" + struct.pack("<HH", 32, 16) + bytes(10)
JPEG = (
    b"\xff\xd8"
    + b"\xff\xe0"
    + struct.pack(">H", 16)
    + b"JFIF\x00"
    + bytes(9)
    + b"\xff\xc0"
    + struct.pack(">HBHHB", 11, 8, 480, 854, 1)
    + bytes(3)
)
