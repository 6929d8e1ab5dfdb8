"""The call as the raw HTTP request the console sends: request line, headers and body.

Built by `wire.to_http`, the console's own encoder, so it is byte for byte what Send sends but
for two stand-ins: a secret reads `${KALTURA_KS}` (the variable it comes from) unless secrets
are included, and a file's part holds `<contents of NAME>` (a sample never carries a file).
`Content-Length` is written only when the body shown is the body sent. Pure: text only.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlsplit

from app.protocol.call import Call, MultiRequest
from app.protocol.wire import to_http, to_wire
from app.reference.samples import SampleContext
from app.reference.samples.placeholders import ENVIRONMENT, json_marker, with_placeholders


def render(call: Call | MultiRequest, context: SampleContext) -> str:
    encoded = to_wire(with_placeholders(call, context))
    stand_ins = tuple(
        replace(part, content=f"<contents of {part.filename}>".encode()) for part in encoded.files
    )
    spec = to_http(replace(encoded, files=stand_ins))
    body = spec.content.decode("utf-8", errors="replace")
    for env in ENVIRONMENT:
        body = body.replace(json_marker(env), "${" + env + "}")
    target = urlsplit(context.service_url)
    lines = [
        f"{spec.method} {target.path.rstrip('/')}{spec.path} HTTP/1.1",
        f"Host: {target.netloc}",
    ]
    lines += [f"{name}: {value}" for name, value in spec.headers]
    if not stand_ins and body.encode() == spec.content:
        lines.append(f"Content-Length: {len(spec.content)}")
    return (
        "\r\n".join(lines).replace("\r\n", "\n")
        + "\n\n"
        + body.replace("\r\n", "\n").rstrip("\n")
        + "\n"
    )
