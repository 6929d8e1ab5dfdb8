"""What a media file says about itself, read from its container headers: kind, format, duration,
width and height. Pure: it reads a seekable binary stream and returns a value; no external tool,
no decoding of frames or samples.

    MP4/MOV   `moov/mvhd` (timescale, duration) and each `trak/tkhd` (width, height)
    WebM/MKV  EBML `Segment/Info` (TimecodeScale, Duration), `Tracks/TrackEntry/Video` (pixels)
    WAV       `fmt ` byte rate and the `data` chunk's size
    MP3       the first frame's bitrate over the file's size (exact for constant bitrate)
    PNG/GIF/JPEG  width and height (IHDR, the logical screen, the SOF marker)

Anything else is "unknown": the sandbox keeps the bytes and serves them, with no duration.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, replace
from typing import IO

VIDEO, IMAGE, AUDIO = 1, 2, 5  # KalturaMediaType
_HEAD_BYTES = 1024 * 1024  # where WebM, JPEG and MP3 keep what is read here
_MOOV_LIMIT = 64 * 1024 * 1024


@dataclass(frozen=True)
class MediaFacts:
    container: str = ""  # a KalturaContainerFormat value, "" when unknown
    content_type: str = "application/octet-stream"
    media_type: int | None = None
    duration_ms: int | None = None
    width: int | None = None
    height: int | None = None
    size: int = 0

    @property
    def file_ext(self) -> str:
        return self.container


def probe(stream: IO[bytes]) -> MediaFacts:
    """The facts of the file in `stream` (read from its start; its position is left anywhere)."""
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    head = stream.read(_HEAD_BYTES)
    facts = _by_magic(stream, head, size)
    return replace(facts, size=size)


def _by_magic(stream: IO[bytes], head: bytes, size: int) -> MediaFacts:
    if head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free"):
        return _mp4(stream, head, size)
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return _matroska(head)
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return _wav(head)
    if head.startswith(b"\x89PNG\r\n\x1a\n") and len(head) >= 24:
        width, height = struct.unpack(">II", head[16:24])
        return MediaFacts("png", "image/png", IMAGE, width=width, height=height)
    if head[:6] in (b"GIF87a", b"GIF89a") and len(head) >= 10:
        width, height = struct.unpack("<HH", head[6:10])
        return MediaFacts("gif", "image/gif", IMAGE, width=width, height=height)
    if head.startswith(b"\xff\xd8"):
        return _jpeg(head)
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return _mp3(head, size)
    return MediaFacts()


# -- MP4 / QuickTime -----------------------------------------------------------------------


def _boxes(data: bytes, start: int = 0, end: int | None = None) -> list[tuple[bytes, int, int]]:
    """(type, payload start, payload end) of the boxes in data[start:end]."""
    end = len(data) if end is None else end
    found = []
    at = start
    while at + 8 <= end:
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        header = 8
        if length == 1 and at + 16 <= end:
            length, header = struct.unpack(">Q", data[at + 8 : at + 16])[0], 16
        elif length == 0:
            length = end - at
        if length < header:
            break
        found.append((kind, at + header, min(at + length, end)))
        at += length
    return found


def _moov(stream: IO[bytes], size: int) -> bytes:
    """The `moov` box's payload, wherever it sits among the top-level boxes (often at the end)."""
    at = 0
    while at + 8 <= size:
        stream.seek(at)
        header = stream.read(16)
        length, kind = struct.unpack(">I4s", header[:8])
        skip = 8
        if length == 1 and len(header) == 16:
            length, skip = struct.unpack(">Q", header[8:16])[0], 16
        elif length == 0:
            length = size - at
        if length < skip:
            return b""
        if kind == b"moov":
            stream.seek(at + skip)
            return stream.read(min(length - skip, _MOOV_LIMIT))
        at += length
    return b""


def _mp4(stream: IO[bytes], head: bytes, size: int) -> MediaFacts:
    brand = head[8:12] if head[4:8] == b"ftyp" else b"qt  "
    audio_only = brand in (b"M4A ", b"M4B ")
    if brand == b"qt  ":
        facts = MediaFacts("mov", "video/quicktime", VIDEO)
    elif audio_only:
        facts = MediaFacts("mp4", "audio/mp4", AUDIO)
    else:
        facts = MediaFacts("mp4", "video/mp4", VIDEO)
    moov = _moov(stream, size)
    duration_ms, width, height, tracks = None, None, None, 0
    for kind, start, end in _boxes(moov):
        if kind == b"mvhd":
            duration_ms = _mvhd_duration(moov[start:end])
        elif kind == b"trak":
            tracks += 1
            for inner, s, e in _boxes(moov, start, end):
                if inner == b"tkhd":
                    dims = _tkhd_dimensions(moov[s:e])
                    if dims and dims[0] and dims[1] and width is None:
                        width, height = dims
    if tracks and width is None:  # tracks, none with a picture: sound only
        facts = replace(facts, content_type="audio/mp4", media_type=AUDIO)
    return replace(facts, duration_ms=duration_ms, width=width, height=height)


def _mvhd_duration(body: bytes) -> int | None:
    version = body[0] if body else 0
    if version == 1 and len(body) >= 32:
        timescale, duration = struct.unpack(">IQ", body[20:32])
    elif len(body) >= 20:
        timescale, duration = struct.unpack(">II", body[12:20])
    else:
        return None
    return round(duration * 1000 / timescale) if timescale else None


def _tkhd_dimensions(body: bytes) -> tuple[int, int] | None:
    # After version/flags: times, track id, reserved, duration (wider in version 1), then
    # 8 reserved, layer, group, volume, 2 reserved, a 36-byte matrix; width, height in 16.16.
    offset = 4 + (32 if body[:1] == b"\x01" else 20) + 8 + 8 + 36
    if len(body) < offset + 8:
        return None
    width, height = struct.unpack(">II", body[offset : offset + 8])
    return width >> 16, height >> 16


# -- WebM / Matroska ------------------------------------------------------------------------

# EBML header, Segment, Info, Tracks, TrackEntry, Video: the masters whose children are read.
_EBML_MASTERS = {0x1A45DFA3, 0x18538067, 0x1549A966, 0x1654AE6B, 0xAE, 0xE0}


def _vint(data: bytes, at: int, *, keep_marker: bool) -> tuple[int, int]:
    """An EBML variable-length integer at `at`: (value, its length); (-1, 0) when broken."""
    if at >= len(data) or data[at] == 0:
        return -1, 0
    first = data[at]
    length = 8 - first.bit_length() + 1
    if at + length > len(data):
        return -1, 0
    value = first if keep_marker else first & ((1 << (8 - length)) - 1)
    for byte in data[at + 1 : at + length]:
        value = (value << 8) | byte
    unknown = not keep_marker and value == (1 << (7 * length)) - 1
    return (-2 if unknown else value), length


def _ebml(data: bytes, start: int, end: int) -> dict[int, bytes]:
    """The elements under the masters the probe cares for, flattened: id → first payload."""
    found: dict[int, bytes] = {}
    at = start
    while at < end:
        element, id_len = _vint(data, at, keep_marker=True)
        size, size_len = _vint(data, at + id_len, keep_marker=False)
        if id_len == 0 or size_len == 0:
            break
        body = at + id_len + size_len
        stop = end if size == -2 else min(body + size, end)
        if element in _EBML_MASTERS:
            for key, value in _ebml(data, body, stop).items():
                found.setdefault(key, value)
        else:
            found.setdefault(element, data[body:stop])
        at = stop
    return found


def _uint(raw: bytes | None) -> int | None:
    return int.from_bytes(raw, "big") if raw else None


def _matroska(head: bytes) -> MediaFacts:
    header = _ebml(head, 0, len(head))
    doc_type = header.get(0x4282, b"").decode("ascii", "replace")
    webm = doc_type == "webm"
    facts = MediaFacts(*(("webm", "video/webm") if webm else ("mkv", "video/x-matroska")), VIDEO)
    raw_duration = header.get(0x4489)
    scale = _uint(header.get(0x2AD7B1)) or 1_000_000
    duration_ms = None
    if raw_duration and len(raw_duration) in (4, 8):
        ticks = struct.unpack(">f" if len(raw_duration) == 4 else ">d", raw_duration)[0]
        duration_ms = round(ticks * scale / 1_000_000)
    width, height = _uint(header.get(0xB0)), _uint(header.get(0xBA))
    if width is None:
        facts = replace(facts, content_type="audio/webm" if webm else "audio/x-matroska")
        facts = replace(facts, media_type=AUDIO)
    return replace(facts, duration_ms=duration_ms, width=width, height=height)


# -- audio and images -----------------------------------------------------------------------


def _wav(head: bytes) -> MediaFacts:
    facts = MediaFacts("wav", "audio/wav", AUDIO)
    byte_rate = 0
    for kind, start, end in _riff_chunks(head):
        if kind == b"fmt " and end - start >= 12:
            byte_rate = struct.unpack("<I", head[start + 8 : start + 12])[0]
        elif kind == b"data" and byte_rate:
            size = struct.unpack("<I", head[start - 4 : start])[0]
            return replace(facts, duration_ms=round(size * 1000 / byte_rate))
    return facts


def _riff_chunks(head: bytes) -> list[tuple[bytes, int, int]]:
    chunks, at = [], 12
    while at + 8 <= len(head):
        kind, size = struct.unpack("<4sI", head[at : at + 8])
        chunks.append((kind, at + 8, min(at + 8 + size, len(head))))
        at += 8 + size + (size & 1)
    return chunks


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg(head: bytes) -> MediaFacts:
    facts = MediaFacts("jpg", "image/jpeg", IMAGE)
    at = 2
    while at + 9 <= len(head) and head[at] == 0xFF:
        marker = head[at + 1]
        if marker in _SOF:
            height, width = struct.unpack(">HH", head[at + 5 : at + 9])
            return replace(facts, width=width, height=height)
        at += 2 + struct.unpack(">H", head[at + 2 : at + 4])[0]
    return facts


# MPEG-1 Layer III bitrates (kbit/s) by the header's 4-bit index; MPEG-2/2.5 Layer III below.
_MP3_KBPS_V1 = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
_MP3_KBPS_V2 = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)


def _mp3(head: bytes, size: int) -> MediaFacts:
    facts = MediaFacts("mp3", "audio/mpeg", AUDIO)
    at = 0
    if head.startswith(b"ID3") and len(head) >= 10:
        at = 10 + sum((b & 0x7F) << (7 * (3 - i)) for i, b in enumerate(head[6:10]))
    if at + 4 > len(head) or head[at] != 0xFF or head[at + 1] & 0xE0 != 0xE0:
        return facts
    version_bits, index = (head[at + 1] >> 3) & 0x3, head[at + 2] >> 4
    table = _MP3_KBPS_V1 if version_bits == 0x3 else _MP3_KBPS_V2
    kbps = table[index] if index < len(table) else 0
    if not kbps:
        return facts
    return replace(facts, duration_ms=round((size - at) * 8 / kbps))
