"""The call as a curl command: the same POST the console sends, for a shell (POSIX sh, bash).

The body is the console's own (`wire.to_http`): compact JSON with `Content-Type:
application/json`, or, with files, multipart with the JSON in a `json` field (`--form-string`,
so curl reads nothing in it as `@file` or `;type=`) and one `-F name=@"path"` per file. Every
argument is single-quoted; a secret is spliced in as `'"$KALTURA_KS"'`, so the shell reads it
from the environment (a value holding `"` or `\\` would need JSON escaping; KSes and secrets
do not). Pure: text only.
"""

from __future__ import annotations

import json

from app.protocol.call import Call, MultiRequest
from app.protocol.wire import to_wire
from app.reference.samples import SampleContext
from app.reference.samples.placeholders import ENVIRONMENT, json_marker, with_placeholders

CONTINUATION = " \\\n  "


def quote(text: str) -> str:
    """`text` as one single-quoted shell word."""
    return "'" + text.replace("'", "'\\''") + "'"


def spliced(text: str) -> str:
    """A single-quoted word in which each secret's marker reads its environment variable."""
    word = quote(text)
    for env in ENVIRONMENT:
        word = word.replace(json_marker(env), f"'\"${env}\"'")
    return word


def _file_word(name: str, filename: str, content_type: str) -> str:
    # curl -F reads a double-quoted filename with \" and \\ escaped; `;type=` sets the part's
    # Content-Type as the browser gave it.
    path = filename.replace("\\", "\\\\").replace('"', '\\"')
    kind = f";type={content_type}" if content_type else ""
    return quote(f'{name}=@"{path}"{kind}')


def render(call: Call | MultiRequest, context: SampleContext) -> str:
    encoded = to_wire(with_placeholders(call, context))
    body = json.dumps(encoded.params, ensure_ascii=False, separators=(",", ":"))
    url = context.service_url.rstrip("/") + encoded.path
    words = ["curl -X POST " + quote(url)]
    if encoded.files:
        words.append("--form-string " + spliced("json=" + body))
        words += [
            "-F " + _file_word(part.field_name, part.filename, part.content_type)
            for part in encoded.files
        ]
    else:
        words.append("-H " + quote("Content-Type: application/json"))
        words.append("--data-raw " + spliced(body))
    return CONTINUATION.join(words) + "\n"
