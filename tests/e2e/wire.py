"""What the wire tests share: how to compare two senders' parameters, and canned answers."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import xml_result

# Fields each sender fills in its own way and api_v3 ignores or reads from elsewhere.
SENDER_FIELDS = frozenset({"clientTag", "apiVersion", "kalsig", "format", "ks"})
EMPTY_MEDIA_LIST = xml_result(
    "<objectType>KalturaMediaListResponse</objectType><objects></objects><totalCount>0</totalCount>"
)
# Every byte value, so an encoding slip anywhere on the way shows.
CLIP = bytes(range(256)) * 64


def call_params(body: dict[str, Any]) -> dict[str, Any]:
    """The call's own parameters, without the fields each sender fills in its own way."""
    return {k: v for k, v in body.items() if k not in SENDER_FIELDS}
