"""The KS inspector's one call: `session.get` with the KS, on the server the form is set to.

The call goes the way a Send goes (the pure encoder, then the server's one `Upstream`), so it
reaches only a configured server and the KS travels only in the request body. Nothing here
keeps the KS; what the answer teaches (the KS is dead) the route tells `ks_memory`, which keeps
only a fingerprint of it.
"""

from __future__ import annotations

import time

from app.forms.form_calls import UnknownActionError, read_call
from app.protocol.ks_inspection import (
    ANSWER_FORMAT,
    Inspection,
    ServerError,
    local_details,
    read_answer,
)
from app.protocol.wire import to_http, to_wire
from app.web.console_state import ConsoleState

SERVICE, ACTION = "session", "get"


async def inspect(console: ConsoleState, ks: str) -> Inspection:
    """What `console`'s server says of `ks` (asked without a `session` parameter: the call's
    own KS is the one read), beside what the KS itself says where it can be read."""
    now = int(time.time())
    local = local_details(ks, console.ks_secrets)
    try:
        read = read_call(
            console.schema, SERVICE, ACTION, (), config={"ks": ks, "format": ANSWER_FORMAT}
        )
    except UnknownActionError:
        missing = ServerError("", "This server's schema has no session.get to ask.")
        return Inspection(now, local, error=missing)
    answer = await console.upstream.send(to_http(to_wire(read.call)))
    if answer.error:
        return Inspection(now, local, unreachable=answer.error)
    return read_answer(answer.status, answer.content_type, answer.body, now, local, ks)
