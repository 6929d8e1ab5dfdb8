"""Facts of the api_v3 wire protocol (docs/PROTOCOL.md) that more than one part of testme relies on.

The console's encoder and result reader, the sandbox's parameter reader and renderer, and the
page's own checks all meet these; each is stated once, here. Value patterns that the browser
checks too live beside them in `patterns.py`. Pure: constants and one-line rules, no I/O.
"""

from __future__ import annotations

from typing import Final

NULL_SUFFIX: Final = "__null"
"""`name__null=` (JSON `"name__null": ""`) sets `name` to null."""

EMPTY_MARK: Final = "-"
"""`arr:-=` (JSON `{"-": ""}`) sends an array or map explicitly empty."""

OBJECT_TYPE: Final = "objectType"
"""The member of every object that names its concrete class, in requests and answers."""

API_EXCEPTION: Final = "KalturaAPIException"
"""The `objectType` of an error answer."""

MULTIREQUEST: Final = "multirequest"
"""The service id of a batch of calls (`/api_v3/service/multirequest`)."""

RELATIVE_TIME_LIMIT: Final = 10 * 365 * 24 * 60 * 60
"""A time property whose absolute value is below ten years is relative to now (from source)."""


def is_relative_time(seconds: int) -> bool:
    return abs(seconds) < RELATIVE_TIME_LIMIT
