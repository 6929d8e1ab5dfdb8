"""The Code region: the form as it stands, written as code in every sample language.

The page POSTs the whole form here as it changes (values in the body, never the URL; a file
input sends its name only, see code-tabs.js), with the chosen tab and the "Include secrets"
switch. Nothing is sent to Kaltura. The samples come from the pure core
(`app.reference.samples`), read from the same call a Send of this form would send.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.forms.form_calls import (
    IncompleteRequestError,
    UnknownActionError,
)
from app.protocol import fieldnames
from app.protocol.call import Call, MultiRequest
from app.protocol.schema import Schema
from app.reference import samples
from app.web.sending import read_submission_call
from app.web.submission import Submission, read_submission
from app.web.templating import fragment
from app.web.urls import CONSOLE
from app.web.views.console import server_of

router = APIRouter(prefix=CONSOLE)


@dataclass(frozen=True)
class Sample:
    id: str
    name: str
    text: str  # the sample, or why there is none


@dataclass(frozen=True)
class CodeView:
    samples: tuple[Sample, ...]
    selected: str
    message: str  # shown instead of samples: no call chosen yet, or none the schema has


def sample(language: str, call: Call | MultiRequest, context: samples.SampleContext) -> str:
    try:
        return samples.render(language, call, context)
    except ModuleNotFoundError as error:
        if error.name != f"{samples.__name__}.{language}":
            raise
        return "This language's sample is not available in this version of testme."


def code_view(
    schema: Schema, submission: Submission, context: samples.SampleContext, selected: str
) -> CodeView:
    if selected not in dict(samples.LANGUAGES):
        selected = samples.LANGUAGES[0][0]
    try:
        call = read_submission_call(schema, submission).call
    except (IncompleteRequestError, UnknownActionError) as error:
        return CodeView((), selected, str(error))
    found = tuple(
        Sample(language, name, sample(language, call, context))
        for language, name in samples.LANGUAGES
    )
    return CodeView(found, selected, "")


@router.post("/code", response_class=HTMLResponse)
async def code(request: Request) -> HTMLResponse:
    form = await request.form()
    console = server_of(request, str(form.get(fieldnames.SERVER) or "")).console
    submission = await read_submission(form)
    # In sandbox mode the sandbox answers at the console's own address (see `shown_base`).
    service_url = console.settings.service_url or str(request.base_url)
    context = samples.SampleContext(
        console.schema,
        service_url.rstrip("/"),
        include_secrets=form.get(fieldnames.INCLUDE_SECRETS) == "1",
    )
    selected = str(form.get(fieldnames.LANGUAGE) or "")
    view = code_view(console.schema, submission, context, selected)
    return fragment(request, "_code.html", view)
