"""`/api_v3/service/multirequest`: numbered sub-requests run in order (docs/PROTOCOL.md §3).

Keys run from min(1, smallest key) and stop at the first missing number (clients number from 0,
TestMe from 1). Shared `ks`, `clientTag`, `partnerId`… are copied into each sub-request lacking
them. `{N:result}` or `{N:result:objects:0:id}` in a value is replaced by the N-th executed
result (counted from 1) walked along the path; anything missing, or an object, becomes ''.
An error answers its own item and the rest still run. A file (`data.serve`) is the whole
answer: api_v3 returns it alone, and runs nothing after it.
"""

from __future__ import annotations

import re
from typing import Any

from app.sandbox.dispatch import Dispatcher
from app.sandbox.render import Outcome
from app.sandbox.served_file import ServedFile
from app.sandbox.wire import RawTree

SHARED_PARAMS = ("ks", "clientTag", "partnerId", "apiVersion", "language", "responseProfile")
# The console's `patterns.RESULT_REFERENCE` matches the same references (ASCII digits); this one
# keeps a group per path step for the walk and Python's `\d`, so the sandbox answers as it did.
REFERENCE = re.compile(r"\{(\d+):result((?::[^{}:]*)*)\}")


def _walk(value: Any, path: list[str]) -> Any:
    for step in path:
        if isinstance(value, dict):
            value = value.get(step)
        elif (
            isinstance(value, list)
            and step.lstrip("-").isdigit()
            and -len(value) <= int(step) < len(value)
        ):
            value = value[int(step)]
        else:
            return ""
    return "" if value is None else value


def _as_text(value: Any) -> str:
    """A result as a parameter value; an object or array has none (api_v3 passes null)."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dict | list):
        return ""
    return str(value)


def resolve(value: Any, results: list[Any]) -> Any:
    """Replace result references inside a raw value (recursively)."""
    if isinstance(value, dict):
        return {k: resolve(v, results) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, results) for v in value]
    if not isinstance(value, str) or "{" not in value:
        return value

    def lookup(match: re.Match[str]) -> Any:
        number = int(match.group(1))
        if not 1 <= number <= len(results):
            return ""
        return _walk(results[number - 1], [p for p in match.group(2).split(":") if p])

    return REFERENCE.sub(lambda m: _as_text(lookup(m)), value)


def run(dispatcher: Dispatcher, raw: RawTree, origin: str = "") -> list[Outcome]:
    numbered = {int(k): v for k, v in raw.items() if k.isdigit() and isinstance(v, dict)}
    outcomes: list[Outcome] = []
    if not numbered:
        return outcomes
    results: list[Any] = []
    number = min(1, min(numbered))
    while number in numbered:
        sub = dict(numbered[number])
        for name in SHARED_PARAMS:
            if name not in sub and name in raw:
                sub[name] = raw[name]
        sub = resolve(sub, results)
        service, action = sub.pop("service", ""), sub.pop("action", "")
        outcome = dispatcher.call(str(service or ""), str(action or ""), sub, origin)
        outcomes.append(outcome)
        results.append(None if outcome.error else outcome.value)
        if isinstance(outcome.value, ServedFile):
            break  # api_v3 answers the file alone, and runs nothing after it
        number += 1
    return outcomes
