"""Big Kaltura answers for the big-answer tests and `make bench`: a `media.list` of N entries
shaped like a real server's (about 1 KB of XML per KalturaMediaEntry, so 5,000 entries make the
5 MB answer of issue 11), in XML or JSON."""

from __future__ import annotations

import json

ENTRY_FIELDS: tuple[tuple[str, str], ...] = (
    ("objectType", "KalturaMediaEntry"),
    ("mediaType", "1"),
    ("sourceType", "1"),
    ("flavorParamsIds", "0,487041,487051,487061,487071,487081"),
    ("plays", "{n}"),
    ("views", "{n}"),
    ("width", "1920"),
    ("height", "1080"),
    ("duration", "{n}"),
    ("msDuration", "{n}000"),
    ("id", "{id}"),
    ("name", "Entry number {n} & <friends>"),
    ("description", "A sample entry, one of many."),
    ("partnerId", "1234567"),
    ("userId", "someone@example.com"),
    ("creatorId", "someone@example.com"),
    ("tags", "sample, bench, big answer"),
    ("categories", "Root>Samples"),
    ("categoriesIds", "12345678"),
    ("status", "2"),
    ("moderationStatus", "6"),
    ("type", "1"),
    ("createdAt", "1700000000"),
    ("updatedAt", "1700000100"),
    ("licenseType", "-1"),
    ("version", "100002"),
    ("thumbnailUrl", "https://cfvod.kaltura.com/p/1234567/thumbnail/entry_id/{id}"),
    ("accessControlId", "1234"),
    ("conversionProfileId", "5678"),
    ("rootEntryId", "{id}"),
    ("displayInSearch", "1"),
)


def _entry(n: int) -> dict[str, str]:
    entry_id = f"0_{n:08x}"
    return {name: value.format(id=entry_id, n=n) for name, value in ENTRY_FIELDS}


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def media_list_xml(entries: int) -> bytes:
    """`<xml><result>` of a KalturaMediaListResponse with `entries` media entries."""
    items = "".join(
        "<item>" + "".join(f"<{k}>{_escaped(v)}</{k}>" for k, v in _entry(n).items()) + "</item>"
        for n in range(1, entries + 1)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><xml><result>'
        f"<objectType>KalturaMediaListResponse</objectType><objects>{items}</objects>"
        f"<totalCount>{entries}</totalCount></result><executionTime>0.1</executionTime></xml>"
    ).encode()


def media_list_json(entries: int) -> bytes:
    """The same list as format 1 (JSON) answers it."""
    listing = {
        "objects": [_entry(n) for n in range(1, entries + 1)],
        "totalCount": entries,
        "objectType": "KalturaMediaListResponse",
    }
    return json.dumps(listing, separators=(",", ":")).encode()
