"""What the console's templates print: one small frozen dataclass per page or fragment.

`templating.fragment` hands a template the fields of the dataclasses it is given, so a missing
value is a type error here rather than an `UndefinedError` at render time. `action_area` builds
the part that the page and three fragments share: the action of one (sub-)request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from app.forms.fields import (
    Field,
    Option,
    action_options,
    config_fields,
    select,
    service_options,
)
from app.forms.links import Dropped, Link
from app.forms.references import ResultPath, fitting_first, references
from app.protocol import fieldnames
from app.protocol.facts import MULTIREQUEST
from app.protocol.ks_status import KsStatus
from app.protocol.schema import Schema
from app.web.console_state import ConsoleState, SandboxInfo
from app.web.dom_ids import REFERENCE_KINDS
from app.web.errors import NotFound
from app.web.import_report import ImportReport
from app.web.sending import Outcome
from app.web.servers import Servers

Values = dict[str, list[str]]
HIGHEST_REQUEST_NUMBER = 1000  # the highest `N:` Add request adds and a form lays out
# The configuration a first visit needs at hand, beside the ks field (its own partial); the rest
# is rarely changed and waits behind the group's "More", so Select service shows at 1366x768.
CONFIG_IN_VIEW = frozenset(fieldnames.config(name) for name in ("format", "partnerId"))


@dataclass(frozen=True)
class ActionArea:
    """What `_actions.html` / `_params.html` print for the call of multirequest request
    `number` (0: the page's own call)."""

    number: int
    services: tuple[Option, ...]
    multirequest: bool = False
    actions: tuple[Option, ...] = ()
    selected_action: str = ""
    fields: tuple[Field, ...] = ()
    action_doc: str = ""
    params_note: str = "Select an action."
    not_simulated: str = ""  # the call, when the sandbox will answer SANDBOX_ACTION_NOT_SIMULATED
    requests: tuple[int, ...] = (1,)  # a multirequest opens with request 1…
    next_request: int = 2  # …and Add request asks for the next
    oob: bool = False  # nothing here replaces a region out of band
    # a multirequest restored from a link: each request's service and action area, by number
    request_areas: dict[int, RequestArea] = field(default_factory=dict)


@dataclass(frozen=True)
class RequestArea:
    """A multirequest request as a link restores it: its service and its action area."""

    service: str
    area: ActionArea


@dataclass(frozen=True)
class ConfigFields:
    """The Configuration group's fields: those in view, and those behind its "More", which
    opens by itself when one of them holds a value of its own (from a link, History), so
    nothing that will be sent is hidden."""

    in_view: tuple[Field, ...]
    more: tuple[Field, ...]
    more_open: bool

    @classmethod
    def of(cls, fields: tuple[Field, ...], defaults: Mapping[str, str]) -> ConfigFields:
        more = tuple(f for f in fields if f.path not in CONFIG_IN_VIEW)
        in_view = tuple(f for f in fields if f.path in CONFIG_IN_VIEW)
        return cls(in_view, more, any(holds_own_value(f, defaults) for f in more))

    @property
    def more_names(self) -> str:
        """What "More" holds, as its summary names it."""
        return ", ".join(f.name for f in self.more)


def holds_own_value(f: Field, defaults: Mapping[str, str]) -> bool:
    """Whether `f`, or anything in it, holds what the console would not start with."""
    return (
        f.value != defaults.get(f.path, "")
        or f.null
        or f.emptied
        or bool(f.selected or f.items)
        or any(holds_own_value(c, defaults) for c in f.children)
    )


@dataclass(frozen=True)
class Page:
    """The console page around the action area."""

    schema: Schema
    schema_origin: str
    target: str
    sandbox: SandboxInfo | None
    config_fields: ConfigFields
    selected_service: str
    not_found: str
    ks: str
    ks_status: KsStatus
    dropped: tuple[Dropped, ...] = ()  # what the page's link held that the form left out
    # what the configuration holds with no link: a link leaves these out (address.js)
    config_defaults: dict[str, str] = field(default_factory=dict)
    servers: tuple[tuple[str, str], ...] = ()  # (name, label) of each server when several
    server: str = ""  # the name of the one this page is for
    schema_notice: str = ""  # beside Target: why this is not the server's own schema
    link_query: str = ""  # the page's link as restored: Reload schema without JavaScript returns
    imported: ImportReport | None = None  # what the Import that opened this page left out


def server_choices(servers: Servers) -> tuple[tuple[str, str], ...]:
    """The Server select's options, or none for a one-server console."""
    return tuple((s.name, s.label) for s in servers.servers) if servers.several else ()


@dataclass(frozen=True)
class NewRequest:
    """One more multirequest request, and the Add request button for the one after it."""

    n: int
    services: tuple[Option, ...]
    next_request: int
    oob: bool = True


@dataclass(frozen=True)
class NewItem:
    container: Field
    item: Field


@dataclass(frozen=True)
class ObjectBody:
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Result:
    """The Result region; the ks field comes along out of band when the answer changed it."""

    outcome: Outcome
    ks: str
    ks_status: KsStatus
    oob: bool


@dataclass(frozen=True)
class ReferenceLists:
    """The references request `number` offers, by field kind, the fitting ones first."""

    number: int
    lists: tuple[tuple[str, tuple[ResultPath, ...]], ...]

    @classmethod
    def of(cls, schema: Schema, number: int, values: Values) -> ReferenceLists:
        earlier = [call_of(values, k) for k in range(1, min(number, HIGHEST_REQUEST_NUMBER + 1))]
        paths = references(schema, earlier)
        lists = tuple((k, tuple(fitting_first(paths, k))) for k in REFERENCE_KINDS)
        return cls(number, lists if paths else ())


def request_number(prefix: str) -> int:
    """The request a `prefix` control names: "" → 0, `2:` → 2; anything else is no request."""
    number, rest = fieldnames.split_request(prefix + fieldnames.SERVICE)
    if rest != fieldnames.SERVICE:
        raise NotFound("No such request.")
    return number


def action_area(
    console: ConsoleState, service: str, action: str, number: int, values: Values
) -> ActionArea:
    """The action area of one (sub-)request; names in any case."""
    schema = console.schema
    chosen = select(schema, service, action)
    if chosen.problem:
        raise NotFound(chosen.problem)
    services = service_options(schema)
    if chosen.service == MULTIREQUEST and not number:
        return ActionArea(number, services, multirequest=True)
    actions = action_options(schema, chosen.service) if chosen.service else ()
    coverage = console.coverage
    if coverage:
        actions = coverage.marked(chosen.service, actions)
    action_def = schema.action(chosen.service, chosen.action) if chosen.action else None
    if action_def is None:
        return ActionArea(number, services, actions=actions)
    prefix = fieldnames.request_prefix(number)
    return ActionArea(
        number,
        services,
        actions=actions,
        selected_action=action_def.name,
        fields=console.forms.action_fields(chosen.service, chosen.action, values, prefix),
        action_doc=action_def.description,
        params_note="This action takes no parameters.",
        not_simulated=""
        if coverage is None or coverage.simulated(chosen.service, action_def.name)
        else schema.call_name(chosen.service, action_def.name),
    )


def call_of(values: Values, number: int) -> tuple[str, str]:
    """The service and action chosen for request `number`."""
    prefix = fieldnames.request_prefix(number)
    service = values.get(prefix + fieldnames.SERVICE, [""])[0]
    return service, values.get(prefix + fieldnames.ACTION, [""])[0]


def linked_area(console: ConsoleState, service: str, action: str, link: Link) -> ActionArea:
    """The page's action area as `link` restores it: a multirequest with each of its
    requests (service, action, values) in place."""
    area = action_area(console, service, action, 0, link.values)
    if not (area.multirequest and link.requests):
        return area
    areas = {}
    for n in link.requests:
        sub_service, sub_action = call_of(link.values, n)
        sub = action_area(console, sub_service, sub_action, n, link.values)
        areas[n] = RequestArea(sub_service, sub)
    return replace(
        area, requests=link.requests, next_request=len(link.requests) + 1, request_areas=areas
    )


def config_defaults(console: ConsoleState) -> dict[str, str]:
    """What the configuration holds when no link says otherwise (format 2, clientTag…)."""
    fields = config_fields(console.schema, {}, console.config_prefill)
    return {f.path: f.value for f in fields if f.value}
