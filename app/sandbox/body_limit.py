"""A cap on request bodies, enforced while they stream in (uploads beyond the configured size).

`capped` wraps an ASGI `receive` so that reading past the limit raises `BodyTooLarge` wherever
the body is being parsed; `drain` then swallows the rest so the client gets the Kaltura error
(`FILE_SIZE_EXCEEDED`) instead of a connection reset.
"""

from __future__ import annotations

from starlette.types import Message, Receive


class BodyTooLarge(Exception):
    """The body went past the cap before it ended."""


def capped(receive: Receive, limit: int) -> Receive:
    """`receive`, raising `BodyTooLarge` once more than `limit` body bytes have arrived."""
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge
        return message

    return wrapped


async def drain(receive: Receive) -> None:
    """Read what is left of an oversized body so the client sees our answer, not a reset."""
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return
