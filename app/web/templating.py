"""The Jinja2 environment: autoescape on, StrictUndefined, templates found wherever installed."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from app.kaltura import patterns
from app.resources import resource_path

_TEN_YEARS = 10 * 365 * 24 * 3600


def field_id(path: str) -> str:
    """An HTML id for a field path: `filter:nameLike` → `f-filter-nameLike`."""
    return "f-" + re.sub(r"[^A-Za-z0-9_]", "-", path)


def time_hint(value: str) -> str:
    """What an `isTime` value means; Kaltura reads |v| < 10 years as relative to now."""
    try:
        seconds = int(value)
    except ValueError:
        return ""
    if abs(seconds) < _TEN_YEARS:
        return f"now {'+' if seconds >= 0 else '-'} {abs(seconds)} s"
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(resource_path("templates")),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["field_id"] = field_id
_env.filters["time_hint"] = time_hint
# The console page hands these to console.js, so the browser checks values by the server's rule.
_env.globals["value_patterns"] = patterns.BROWSER
templates = Jinja2Templates(env=_env)


def fragment(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """A page or fragment; `Vary` because htmx asks for the same URLs as the browser does."""
    response: HTMLResponse = templates.TemplateResponse(
        request, name, context, status_code=status_code
    )
    response.headers["Vary"] = "HX-Request"
    return response
