"""The probe reads duration, width and height from container headers: a table of tiny files built
byte by byte (tests/sandbox/media_files.py), no binary fixtures."""

from __future__ import annotations

import io

import pytest

from app.sandbox.probe import AUDIO, IMAGE, VIDEO, MediaFacts, probe
from tests.sandbox.media_files import GIF, JPEG, PNG, mp3, mp4, wav, webm


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "mp4 video",
            mp4(b"isom", (1280, 720), (0, 0), timescale=600, duration=6300),
            MediaFacts("mp4", "video/mp4", VIDEO, 10500, 1280, 720),
        ),
        (
            "mp4 with moov after mdat",
            mp4(b"mp42", (640, 480), duration=2000, moov_last=True),
            MediaFacts("mp4", "video/mp4", VIDEO, 2000, 640, 480),
        ),
        (
            "mp4 version-1 mvhd",
            mp4(b"isom", (320, 240), timescale=90000, duration=270000, version=1),
            MediaFacts("mp4", "video/mp4", VIDEO, 3000, 320, 240),
        ),
        (
            "quicktime",
            mp4(b"qt  ", (1920, 1080), duration=1500),
            MediaFacts("mov", "video/quicktime", VIDEO, 1500, 1920, 1080),
        ),
        (
            "m4a audio",
            mp4(b"M4A ", (0, 0), timescale=44100, duration=441000),
            MediaFacts("mp4", "audio/mp4", AUDIO, 10000),
        ),
        (
            "webm video",
            webm(b"webm", 4250.0, 426, 240),
            MediaFacts("webm", "video/webm", VIDEO, 4250, 426, 240),
        ),
        (
            "matroska audio",
            webm(b"matroska", 1000.0, None, None),
            MediaFacts("mkv", "audio/x-matroska", AUDIO, 1000),
        ),
        ("wav", wav(1.5), MediaFacts("wav", "audio/wav", AUDIO, 1500)),
        ("mp3 with id3", mp3(2, id3=True), MediaFacts("mp3", "audio/mpeg", AUDIO, 2000)),
        ("mp3 bare", mp3(3, id3=False), MediaFacts("mp3", "audio/mpeg", AUDIO, 3000)),
        ("png", PNG, MediaFacts("png", "image/png", IMAGE, None, 640, 360)),
        ("gif", GIF, MediaFacts("gif", "image/gif", IMAGE, None, 32, 16)),
        ("jpeg", JPEG, MediaFacts("jpg", "image/jpeg", IMAGE, None, 854, 480)),
        ("unknown bytes", b"just some text", MediaFacts()),
        ("empty", b"", MediaFacts()),
        (
            "truncated mp4",
            mp4(b"isom", (640, 480), duration=1000)[:30],
            MediaFacts("mp4", "video/mp4", VIDEO),
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_probe_reads_what_the_container_says(name: str, data: bytes, expected: MediaFacts) -> None:
    facts = probe(io.BytesIO(data))
    assert facts == MediaFacts(**{**expected.__dict__, "size": len(data)}), name


def test_probe_reads_the_first_sized_track_when_audio_comes_first() -> None:
    data = mp4(b"isom", (0, 0), (848, 480), duration=1000)
    assert (probe(io.BytesIO(data)).width, probe(io.BytesIO(data)).height) == (848, 480)
