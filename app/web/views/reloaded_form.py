"""What Reload schema does to the form on the page: its call rebuilt from the new schema, only
where that schema shows it differently, and what the new schema lacks named, never dropped unsaid.

The page posts its whole form with the reload (views/schema_reload.py). The configuration stays
as typed: the page keeps it. The call (service, action and parameters; each multirequest
request's) is rebuilt from the reloaded schema with the values posted only when the new schema
would show it differently from the old one, so an unchanged action keeps everything, even a
chosen file; a service or action the new schema lacks leaves the form, and `gone` says so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.forms.fields import select as select_call
from app.forms.fields import service_options
from app.forms.links import Link
from app.protocol import fieldnames
from app.protocol.facts import MULTIREQUEST
from app.protocol.schema import Schema
from app.web.console_state import ConsoleState
from app.web.views.console_context import ActionArea, Values, call_of, linked_area


@dataclass(frozen=True)
class ReloadedForm:
    """`area`: the page's action area as the new schema shows it, with the values posted;
    the page replaces its own with it only when `call_changed`, and its Select service when
    `services_changed`."""

    area: ActionArea
    selected_service: str
    call_changed: bool
    services_changed: bool
    gone: tuple[str, ...]  # one sentence per service or action the new schema lacks


def reloaded_form(old: ConsoleState, fresh: ConsoleState, values: Values) -> ReloadedForm:
    before, _, _ = _call_area(old, values)
    after, service, gone = _call_area(fresh, values)
    return ReloadedForm(
        area=after,
        selected_service=service,
        call_changed=_shown(before) != _shown(after),
        services_changed=service_options(old.schema) != service_options(fresh.schema),
        gone=gone,
    )


def _call_area(console: ConsoleState, values: Values) -> tuple[ActionArea, str, tuple[str, ...]]:
    """The page's action area in `console`'s schema with `values`, and its service, leaving
    out the calls that schema lacks (and saying which)."""
    kept, requests, gone = _known_calls(console.schema, values)
    service, action = call_of(kept, 0)
    return linked_area(console, service, action, Link(kept, requests)), service, gone


def _known_calls(schema: Schema, values: Values) -> tuple[Values, tuple[int, ...], tuple[str, ...]]:
    """`values` with each call in `schema`'s spelling, without the services and actions it
    lacks; the multirequest's request numbers (1..n as posted); a sentence per call left out."""
    kept = dict(values)
    gone: list[str] = []
    requests: tuple[int, ...] = ()
    if select_call(schema, *call_of(values, 0)).service == MULTIREQUEST:
        named = (fieldnames.split_request(name) for name in values)
        requests = tuple(sorted(n for n, rest in named if n and rest == fieldnames.SERVICE))
    for n in (0, *requests):
        prefix = fieldnames.request_prefix(n)
        chosen = select_call(schema, *call_of(values, n))
        if chosen.problem:
            where = f"Request {n}: " if n else ""
            gone.append(f"{where}{chosen.problem.rstrip('.')}, so the form no longer holds it.")
        kept[prefix + fieldnames.SERVICE] = [chosen.service]
        kept[prefix + fieldnames.ACTION] = [chosen.action]
    return kept, requests, tuple(gone)


def _shown(area: ActionArea) -> ActionArea:
    """What of an area the page's action area shows: a single call's area leaves the service
    list to Select service, which is outside it; a multirequest's requests show theirs."""
    if area.multirequest:
        return area
    return replace(area, services=(), request_areas={})
