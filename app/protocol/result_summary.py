"""What a Send came to, in a few words: the line History keeps of it beside the call's name.

Kaltura answers its errors with HTTP 200 (docs/PROTOCOL.md §4), so the status says nothing of them:
the summary reads the answer as `results.read_result` did (its error, and each multirequest
item's) and says `OK`, `failed: INVALID_KS`, or for a multirequest `2 of 3 failed: INVALID_KS,
ENTRY_ID_NOT_FOUND`. What kept an answer from being read at all comes first: no answer (timed
out, unreachable: the outbound client's words, passed in), an HTTP error status from the server
or a proxy, an answer cut short. Computed here, once, and handed to the page as data; the browser
never reads an answer to find its error. Pure: stdlib only.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.protocol.results import KalturaError, ResultView

OK = "OK"


@dataclass(frozen=True)
class Summary:
    """`text` for a person (and History's search): `OK`, `failed: INVALID_KS`…; `failed`: the
    call did not do what it was asked (a Kaltura error, no answer, an HTTP error)."""

    text: str
    failed: bool


def summarize(
    view: ResultView | None, status: int = 200, failure: str = "", cut_short: bool = False
) -> Summary:
    """The summary of an answer read into `view` (None: there was none to read) with HTTP
    `status`. `failure`: why there was no answer, in a few words (`no answer: timed out`)."""
    if failure:
        return Summary(failure, failed=True)
    if status >= 400:
        return Summary(f"HTTP {status}", failed=True)
    if cut_short:
        return Summary("answer cut short", failed=True)
    if view is None:
        return Summary("no answer", failed=True)
    if view.error is not None:
        return Summary(f"failed: {_code(view.error)}", failed=True)
    if view.items:
        errors = [item.error for item in view.items if item.error is not None]
        count = len(view.items)
        if not errors:
            return Summary(OK if count == 1 else f"all {count} {OK}", failed=False)
        codes = ", ".join(dict.fromkeys(_code(e) for e in errors))
        return Summary(f"{len(errors)} of {count} failed: {codes}", failed=True)
    if view.kind == "empty":
        return Summary("empty answer", failed=False)
    if view.kind == "raw":
        return Summary("shown raw", failed=False)  # not read as Kaltura's; its note says why
    return Summary(OK, failed=False)


def _code(error: KalturaError) -> str:
    return error.code or "error without a code"
