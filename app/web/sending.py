"""One Send, start to end: encode the submission, send it upstream, read the answer.

Kept out of the route so the handler stays thin; everything Kaltura-specific happens in the pure
core (`app.forms.encoding`, `app.protocol.results`, `app.protocol.secrets`), this module only
strings those calls together and collects what the Result region prints.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from app.forms import following
from app.forms.encoding import encode_form, read_form
from app.forms.form_calls import FormCall
from app.protocol.answer_ids import mark_ids
from app.protocol.call import FieldProblem
from app.protocol.facts import MULTIREQUEST
from app.protocol.highlight import Token, highlight
from app.protocol.result_summary import Summary, summarize
from app.protocol.results import ResultView, read_result
from app.protocol.schema import Schema
from app.protocol.secrets import masked
from app.protocol.wire import EncodedCall, to_http
from app.web.raw_answer import RawAnswer
from app.web.submission import Submission
from app.web.upstream import Answer, Upstream


@dataclass(frozen=True)
class SentRequest:
    """The request as sent, credentials masked, for the "Request sent" view."""

    method: str
    url: str
    content_type: str
    body: str
    files: tuple[tuple[str, str, int], ...]  # field, file name, bytes


@dataclass(frozen=True)
class CallHeading:
    """Which call the Result region shows: `uploadToken.add` (as the schema spells it), or
    `multirequest (3 requests)`, and when it was sent (or checked and held back), so an answer
    is never taken for another's."""

    label: str
    at: datetime = field(default_factory=lambda: datetime.now(UTC))
    # for the browser's History: `media.get` or `multirequest (3)`, and each `service.action`
    # as sent (`uploadtoken.add`: History checks the loaded schema still has it)
    short: str = ""
    calls: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # each call as the schema spells it: `uploadToken.add`

    @classmethod
    def of(cls, schema: Schema, call: EncodedCall, multirequest: bool) -> CallHeading:
        calls = tuple(".".join(action) for action in call.actions)
        names = tuple(schema.call_name(*action) for action in call.actions)
        if multirequest:
            count = len(call.actions)
            label = f"{MULTIREQUEST} ({count} request{'' if count == 1 else 's'})"
            return cls(label, short=f"{MULTIREQUEST} ({count})", calls=calls, names=names)
        name = names[0] if names else ""
        return cls(name, short=name, calls=calls, names=names)


@dataclass(frozen=True)
class Outcome:
    sent: SentRequest | None
    problems: tuple[FieldProblem, ...] = ()
    answer: Answer | None = None
    view: ResultView | None = None
    tokens: tuple[Token, ...] = ()
    heading: CallHeading | None = None
    item_tokens: tuple[tuple[Token, ...], ...] = ()  # one per multirequest item (view.items)
    raw: RawAnswer | None = None  # the answer as received, for the page to keep
    summary: Summary | None = None  # what it came to, for History: `failed: INVALID_KS`

    @property
    def ks(self) -> str:
        return self.view.ks if self.view and self.view.ks else ""


def read_submission_call(schema: Schema, submission: Submission) -> FormCall:
    """The call a Send of this form makes, and its problems: what the Code region writes as
    samples (`encoding.read_form` says what it raises)."""
    s = submission
    return read_form(schema, s.service, s.action, s.fields, s.files, s.config)


def describe_sent(
    upstream: Upstream, schema: Schema, call: EncodedCall, content_type: str, shown_base: str = ""
) -> SentRequest:
    """`shown_base` replaces the upstream's base in the URL shown (never in the one used)."""
    url = upstream.url(call.path)  # checked as if sent, whatever is shown
    action = ".".join(call.actions[0]) if len(call.actions) == 1 else ""
    return SentRequest(
        method="POST",
        url=shown_base.rstrip("/") + call.path if shown_base else url,
        content_type=content_type,
        body=json.dumps(masked(call.params, schema, action), indent=2, ensure_ascii=False),
        files=tuple((f.field_name, f.filename, len(f.content)) for f in call.files),
    )


async def send(
    upstream: Upstream, schema: Schema, submission: Submission, shown_base: str = ""
) -> Outcome:
    s = submission
    call = encode_form(schema, s.service, s.action, s.fields, s.files, s.config)
    spec = to_http(call)
    content_type = dict(spec.headers).get("Content-Type", "")
    sent = describe_sent(upstream, schema, call, content_type, shown_base)
    heading = CallHeading.of(schema, call, submission.service.lower() == MULTIREQUEST)
    if call.problems and not submission.send_anyway:
        return Outcome(sent=sent, problems=call.problems, heading=heading)
    answer = await upstream.send(spec, console_origin=shown_base.rstrip("/"))
    if answer.error:
        summary = summarize(None, answer.status, answer.failure)
        return Outcome(sent, call.problems, answer, heading=heading, summary=summary)
    view = read_result(
        answer.body,
        answer.content_type,
        submission.config.get("format", "2"),
        submission.service,
        submission.action,
        call.actions,
        cut_short=answer.cut_short,
        answers_file=_answers_file(schema, submission.service, submission.action),
    )
    view = _named_items(view, heading.names)
    summary = summarize(view, answer.status, cut_short=answer.cut_short)
    kind_of = following.index_of(schema).kind_of
    tokens = mark_ids(highlight(view.pretty, view.kind, view.folds), view.kind, kind_of)
    item_tokens = tuple(
        mark_ids(highlight(item.pretty, view.kind, item.folds), view.kind, kind_of)
        for item in view.items
    )
    name = MULTIREQUEST if submission.service.lower() == MULTIREQUEST else heading.short
    raw = RawAnswer.of(answer.body, answer.content_type, view.kind, name)
    return Outcome(sent, call.problems, answer, view, tokens, heading, item_tokens, raw, summary)


def _answers_file(schema: Schema, service: str, action: str) -> bool:
    """The action's result type is `file` (`data.serve`): its answer is the file's bytes."""
    found = schema.service(service)
    action_def = found.action(action) if found else None
    return bool(action_def and action_def.result and action_def.result.type == "file")


def _named_items(view: ResultView, names: tuple[str, ...]) -> ResultView:
    """Each request's answer headed by its call as the schema spells it (`Request 2:
    uploadToken.add`); one beyond the requests sent keeps its empty name."""
    items = tuple(
        replace(item, call=names[item.number - 1]) if item.number <= len(names) else item
        for item in view.items
    )
    return replace(view, items=items)
