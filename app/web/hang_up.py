"""A Send the browser gave up on (Cancel, a closed tab) stops waiting for the Kaltura server too.

Without this the handler would wait out the upstream answer (up to TESTME_UPSTREAM_TIMEOUT) for
a browser that is gone. ASGI says a hang-up by an `http.disconnect` message on `receive`; once
the request body is read, nothing else arrives there, so one task waits for it while the work
runs, and whichever ends first cancels the other. Cancelling the upstream call closes its
connection (httpx cannot reuse one mid-answer), which is how the server learns it was abandoned.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

from starlette.requests import Request

T = TypeVar("T")


async def _hung_up(request: Request) -> None:
    """Returns when the browser has gone; call only after the body was read."""
    while (await request.receive())["type"] != "http.disconnect":
        await asyncio.sleep(0.05)  # a stray message: never spin on it


async def unless_hung_up(request: Request, work: Coroutine[Any, Any, T]) -> T | None:
    """`work`'s result, or None (with `work` cancelled) when the browser hung up first."""
    task = asyncio.ensure_future(work)
    watch = asyncio.ensure_future(_hung_up(request))
    try:
        await asyncio.wait({task, watch}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        watch.cancel()
        if not task.done():
            task.cancel()
            # once this returns, the upstream connection is closed
            await asyncio.gather(task, return_exceptions=True)
    return None if task.cancelled() else task.result()
