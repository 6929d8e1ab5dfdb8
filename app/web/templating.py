"""The Jinja2 environment: autoescape on, StrictUndefined, templates found wherever installed.

Templates spell no field name, URL or id themselves: the field-name grammar
(`app.protocol.fieldnames`), the routes' URLs (`urls.py`) and the page's ids (`dom_ids.py`) are
registered here as filters and globals.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from app.forms import form_calls
from app.protocol import facts, fieldnames, ks, ks_making, patterns
from app.resources import resource_path
from app.web import dom_ids, static_files, urls
from app.web.answer_html import answer_code
from app.web.printed_fields import PrintedFields

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


TIME_HINT_RELATIVE: Final = "now {sign} {n} s"
TIME_HINT_ABSOLUTE: Final = "{date} {time} UTC"


def time_hint_rule() -> dict[str, object]:
    """What the hint under an `isTime` field says, stated once (`time_hint` and these): the
    console page carries it (`data-time-hint` on the form) for value-checks.js, which writes
    the hint as the value is typed. `relativeBelow` is the ten-year rule
    (`facts.RELATIVE_TIME_LIMIT`)."""
    return {
        "relativeBelow": facts.RELATIVE_TIME_LIMIT,
        "relative": TIME_HINT_RELATIVE,
        "absolute": TIME_HINT_ABSOLUTE,
    }


def time_hint(value: str) -> str:
    """What an `isTime` value means; Kaltura reads |v| < 10 years as relative to now."""
    try:
        seconds = int(value)
    except ValueError:
        return ""
    if facts.is_relative_time(seconds):
        sign = "+" if seconds >= 0 else "-"
        return TIME_HINT_RELATIVE.format(sign=sign, n=abs(seconds))
    at = datetime.fromtimestamp(seconds, UTC)
    return TIME_HINT_ABSOLUTE.format(date=f"{at:%Y-%m-%d}", time=f"{at:%H:%M:%S}")


def generated_age(value: str, now: float | None = None) -> str:
    """A schema's `generatedDate` (Unix seconds) as a date and how long ago: `2025-11-28
    (3 days ago)`; text that is not a number is shown as it is."""
    try:
        seconds = int(value)
    except ValueError:
        return value
    days = int(((datetime.now(UTC).timestamp() if now is None else now) - seconds) // 86400)
    ago = "today" if days < 1 else f"{days} day{'s' if days != 1 else ''} ago"
    return f"{datetime.fromtimestamp(seconds, UTC):%Y-%m-%d} ({ago})"


@jinja2.pass_context
def url_for(context: jinja2.runtime.Context, name: str, /, **query: str | int) -> str:
    """`url_for("send")`: the path of a route, by its name (see `urls.py`)."""
    request: Request = context["request"]
    return urls.url_for(request.app, name, **query)


@jinja2.pass_context
def static_url(context: jinja2.runtime.Context, file: str) -> str:
    request: Request = context["request"]
    return urls.static_url(request.app, file)


_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(resource_path("templates")),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    # Templates are read once: checking each one's file on every render (a dozen stat calls a
    # Send) bought nothing, they change with the installed package only.
    auto_reload=False,
)
# `|tojson` writes hx-vals; keys in the order the template gives them, as htmx sends them.
_env.policies["json.dumps_kwargs"] = {"sort_keys": False}
_env.filters["time_hint"] = time_hint
_env.filters["generated_age"] = generated_age
_env.filters["field_id"] = dom_ids.field_id
_env.filters["request_id"] = dom_ids.request_id
_env.filters["references_id"] = dom_ids.references_id
_env.filters["code_id"] = dom_ids.code_id
_env.filters["problem_place"] = dom_ids.problem_place
_env.filters["service_heading_id"] = dom_ids.service_heading_id
_env.filters["type_heading_id"] = dom_ids.type_heading_id
for _builder in (
    fieldnames.null_of,
    fieldnames.empty_of,
    fieldnames.type_of,
    fieldnames.key_of,
    fieldnames.config,
    fieldnames.request_prefix,
    fieldnames.item,
):
    _env.filters[_builder.__name__] = _builder
# Not `join`: that name is Jinja's own filter (`limits | join(", ")`), which the docs rely on.
_env.filters["path_join"] = fieldnames.join
_env.filters["answer_code"] = answer_code
_env.globals.update(
    NULL_SUFFIX=facts.NULL_SUFFIX,
    SERVICE=fieldnames.SERVICE,
    ACTION=fieldnames.ACTION,
    SERVER=fieldnames.SERVER,
    MULTIREQUEST=facts.MULTIREQUEST,
    LANGUAGE=fieldnames.LANGUAGE,
    INCLUDE_SECRETS=fieldnames.INCLUDE_SECRETS,
    RELOAD_FORM=dom_ids.RELOAD_FORM,
    SCHEMA_LINE=dom_ids.SCHEMA_LINE,
    SCHEMA_STATUS=dom_ids.SCHEMA_STATUS,
    BACK=fieldnames.BACK,
    REMOVE=fieldnames.REMOVE,
    PASTED=fieldnames.PASTED,
)
_env.globals["url_for"] = url_for  # before Jinja2Templates, which would add its absolute one
_env.globals["static_url"] = static_url
# A parameter's HTML, kept while nothing is typed in it (_params.html).
_env.globals["printed"] = PrintedFields()
# Every module main.js loads, named to the browser up front (base.html, modulepreload).
_env.globals["browser_modules"] = static_files.module_graph(resource_path("static"))
# The console page hands these to value-checks.js: the browser checks values by the server's rule.
_env.globals["value_patterns"] = patterns.BROWSER
# …and the sentence a field shows for a reference to a request that does not run before it.
_env.globals["not_earlier"] = patterns.sentence(patterns.NOT_EARLIER)
_env.globals["time_hint_rule"] = time_hint_rule
# The Make a KS dialog's choices (templates/_make_ks.html), each privilege with what it does.
_env.globals["ks_privileges"] = ks_making.PRIVILEGES
_env.globals["ks_session_types"] = ks_making.SESSION_TYPES
_env.globals["ks_admin_type"] = ks.SESSION_TYPE_ADMIN
_env.globals["ks_versions"] = ks_making.VERSIONS
_env.globals["ks_default_expiry"] = ks_making.DEFAULT_EXPIRY
# The Code region of a page without a call says it at once, as views/code.py would.
_env.globals["NO_CALL"] = form_calls.NO_CALL
templates = Jinja2Templates(env=_env)


def fragment(
    request: Request, name: str, *contexts: DataclassInstance, status_code: int = 200
) -> HTMLResponse:
    """A page or fragment rendered from the frozen dataclasses `contexts`: their fields are
    the template's names. No `Vary: HX-Request`: no handler answers an htmx request
    differently from the browser's own."""
    context: dict[str, Any] = {}
    for part in contexts:
        for field in fields(part):
            if field.name in context or field.name == "request":  # `request` is Starlette's
                raise TypeError(f"{name}: {field.name!r} given twice")
            context[field.name] = getattr(part, field.name)
    response: HTMLResponse = templates.TemplateResponse(
        request, name, context, status_code=status_code
    )
    return response
