"""Following a result: which ids an answer holds, and which actions take each, from the schema.

An id's *kind* is a short stem shared by the schema's names: `entry`, `category`, `flavorAsset`,
`uploadToken`, `user`, `partner`, `metadataProfile`… Kinds come from the services' `get`
actions: `media.get(entryId)` returns a `KalturaMediaEntry`, so a `KalturaMediaEntry`'s `id` is
an `entry`; `category.get(id)` returns a `KalturaCategory`, whose `id` is a `category` (a get
taking `id`, or an id whose name the class's does not end with, names the kind after the class).
In an answer, an object's `id` has its class's kind (its own or its nearest base's), and a
member `<kind>Id` (`entryId`, `partnerId`) has that kind whatever the object.

An action takes a kind (an `Offer`) through a parameter `<kind>Id`, or `id` in a service whose
get returns that kind; through a filter parameter's `<kind>IdEqual` (`flavorAsset.list`:
`filter:entryIdEqual`; `filter:idEqual` in a service of that kind: `media.list`); or through an
`add` action's object whose writable `<kind>Id` it sets (`categoryEntry.add`:
`categoryEntry:entryId`). Deprecated actions are left out; an action taking the id two ways is
offered once, by its own parameter. The offers of a kind come in this order: the services whose
get returns the id's class (nearest first: `media` before `baseEntry` for a media entry), then
the rest as the schema lists them; in each service, `get` first, then the actions in the
schema's order. The index is built once per schema (`index_of`). Pure: no I/O, no web imports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from app.forms.form_writing import members_fields
from app.protocol import fieldnames
from app.protocol.call import Object, Scalar, Value
from app.protocol.facts import MULTIREQUEST
from app.protocol.schema import ActionDef, Schema, ServiceDef, per_schema

_ID_TYPES = frozenset({"string", "int", "bigint"})
ID, ID_SUFFIX, EQUAL, ID_EQUAL, GET = "id", "Id", "IdEqual", "idEqual", "get"


class Offer(NamedTuple):
    """An action that takes an id: `label` as the schema spells the call (`media.get`), `path`
    the form field the id goes in (`entryId`, `filter:entryIdEqual`), and the type of the
    object that field is in (`KalturaFlavorAssetFilter`; "" for a parameter of its own)."""

    service: str
    action: str
    label: str
    path: str
    object_type: str = ""
    id_type: str = "string"

    def fields(self, value: str) -> list[tuple[str, str]]:
        """The form fields that ask for this action with `value` in place: service, action,
        then the values as `form_writing` writes any call's (so a link reads back the same)."""
        head, _, leaf = self.path.rpartition(fieldnames.SEP)
        scalar: Value = Scalar(value, self.id_type)
        member = (head, Object(self.object_type, ((leaf, scalar),))) if head else (leaf, scalar)
        call = [(fieldnames.SERVICE, self.service), (fieldnames.ACTION, self.action)]
        return call + members_fields("", (member,))


@dataclass(frozen=True)
class FollowIndex:
    """What one schema lets a result follow: the kind of each class's `id` (`kinds`), the
    services whose get returns each class (`homes`), and each kind's offers."""

    schema: Schema = field(repr=False, compare=False)
    kinds: dict[str, str]
    homes: dict[str, tuple[str, ...]]
    offers: dict[str, tuple[Offer, ...]]

    @classmethod
    def of(cls, schema: Schema) -> FollowIndex:
        kinds, homes = _kinds(schema)
        by_service = {s.id: kinds.get(_got(s), "") for s in schema.services}
        found: dict[str, list[Offer]] = {}
        for service in schema.services:
            for action in service.actions:
                if action.deprecated:
                    continue
                for kind, offer in _offers(schema, service, action, by_service[service.id]):
                    found.setdefault(kind, []).append(offer)
        known = set(kinds.values())
        return cls(schema, kinds, homes, {k: tuple(v) for k, v in found.items() if k in known})

    def kind_of(self, object_type: str, key: str) -> str:
        """The kind of the value at `key` in an object of `object_type` ("" when none)."""
        if key == ID:
            return next(
                (self.kinds[c] for c in _lineage(self.schema, object_type) if c in self.kinds), ""
            )
        stem = key.removesuffix(ID_SUFFIX)
        return stem if stem != key and stem in self.offers else ""

    def offers_for(self, kind: str, object_type: str = "") -> tuple[Offer, ...]:
        """The kind's offers, those of the services whose get returns `object_type` first (or,
        when that is not an object of the kind, as for the `partnerId` of an entry, any class
        of the kind)."""
        offers = self.offers.get(kind, ())
        first: list[str] = []
        own = [c for c in _lineage(self.schema, object_type) if self.kinds.get(c) == kind]
        classes = own if object_type and own else self._classes_of(kind)
        for name in classes:
            first += [s for s in self.homes.get(name, ()) if s not in first]
        for offer in offers:
            first += [offer.service] if offer.service not in first else []
        rank = {service: at for at, service in enumerate(first)}
        once: dict[tuple[str, str], Offer] = {}  # an action taking the id twice: its own param
        for offer in offers:
            kept = once.setdefault((offer.service, offer.action), offer)
            if kept.object_type and not offer.object_type:
                once[(offer.service, offer.action)] = offer
        return tuple(sorted(once.values(), key=lambda o: (rank[o.service], o.action != GET)))

    def _classes_of(self, kind: str) -> tuple[str, ...]:
        return tuple(name for name, its in self.kinds.items() if its == kind)


def _lineage(schema: Schema, object_type: str) -> tuple[str, ...]:
    """The class and its bases; a class the schema lacks (plugin classes may be left out of a
    schema file) is still itself."""
    return schema.ancestry(object_type) or (object_type,)


def _got(service: ServiceDef) -> str:
    """The class a service's `get` returns by one id, or ""."""
    get = service.action("get")
    if get is None or get.result is None or not get.params:
        return ""
    first, *rest = get.params
    if first.ref.type not in _ID_TYPES or any(not p.optional for p in rest):
        return ""
    return get.result.type


def _kinds(schema: Schema) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    kinds: dict[str, str] = {}
    homes: dict[str, list[str]] = {}
    for service in schema.services:
        got = _got(service)
        if not got or (get := service.action("get")) is None:
            continue
        short = got.removeprefix("Kaltura")
        stem = get.params[0].name.removesuffix(ID_SUFFIX)
        if stem in ("", ID) or not short.lower().endswith(stem.lower()):
            stem = short[:1].lower() + short[1:]
        kinds.setdefault(got, stem)
        homes.setdefault(got, []).append(service.id)
    return kinds, {name: tuple(services) for name, services in homes.items()}


def _offers(
    schema: Schema, service: ServiceDef, action: ActionDef, own_kind: str
) -> list[tuple[str, Offer]]:
    """(kind, offer) for each way `action` takes an id."""
    label = schema.call_name(service.id, action.name)
    found: list[tuple[str, Offer]] = []
    for param in action.params:
        ref = param.ref
        if ref.type in _ID_TYPES and not ref.enum_type:
            kind = own_kind if param.name == ID else param.name.removesuffix(ID_SUFFIX)
            if kind and kind != param.name:
                found.append(
                    (kind, Offer(service.id, action.name, label, param.name, "", ref.type))
                )
            continue
        cls = schema.classes.get(ref.type)
        if cls is None or cls.abstract:
            continue
        is_filter = ref.type.endswith("Filter")
        if not is_filter and action.name != "add":
            continue
        for prop in schema.properties(ref.type):
            suffix = EQUAL if is_filter else ID_SUFFIX
            if prop.read_only or prop.ref.type not in _ID_TYPES or prop.ref.enum_type:
                continue
            kind = prop.name.removesuffix(suffix)
            if is_filter and prop.name == ID_EQUAL:
                kind = own_kind  # `filter:idEqual` of the service's own kind (media.list)
            if kind and kind != prop.name and kind != ID:
                path = fieldnames.join(param.name, prop.name)
                offer = Offer(service.id, action.name, label, path, ref.type, prop.ref.type)
                found.append((kind, offer))
    return found


class Target(NamedTuple):
    """Where "Use in the form" puts an id: the field `name` (with its request's `N:`), and what
    to say when the form does not show that field yet (its object's type is not chosen)."""

    name: str
    absent: str


def chosen_calls(pairs: Sequence[tuple[str, str]]) -> list[tuple[int, str, str]]:
    """(request number, service, action) of each call a form's selects choose, in request order
    (a multirequest's own choice of service is not a call)."""
    chosen: dict[int, dict[str, str]] = {}
    for name, value in pairs:
        meaning = fieldnames.read(name)
        if meaning.kind == "call" and value:
            chosen.setdefault(meaning.request, {})[meaning.path] = value
    calls = []
    for number, call in sorted(chosen.items()):
        service, action = call.get(fieldnames.SERVICE, ""), call.get(fieldnames.ACTION, "")
        if service and action and service != MULTIREQUEST:
            calls.append((number, service, action))
    return calls


def form_targets(
    index: FollowIndex, kind: str, calls: Sequence[tuple[int, str, str]]
) -> tuple[Target, ...]:
    """The fields of the form's calls ((request number, service, action); 0 outside a
    multirequest) that take an id of `kind`, in the order "Use in the form" tries them: request
    by request, an action's own parameter before a field of an object it takes."""
    found: list[Target] = []
    for number, service, action in calls:
        offers = [
            o
            for o in index.offers.get(kind, ())
            if o.service.lower() == service.lower() and o.action.lower() == action.lower()
        ]
        for offer in sorted(offers, key=lambda o: bool(o.object_type)):
            head, _, leaf = offer.path.rpartition(fieldnames.SEP)
            absent = (
                f"choose {head}'s objectType {offer.object_type} to show {leaf}" if head else ""
            )
            found.append(Target(fieldnames.request_prefix(number) + offer.path, absent))
    return tuple(found)


class Menu(NamedTuple):
    """What an id's menu offers, from the form's selects (`pairs`): the actions that take it,
    the link pairs each keeps (the configuration chosen and the tab's server), where "Use in
    the form" puts it, and what that says when the form shows none of those fields (`absent`)
    or none takes it (`nothing_takes`)."""

    offers: tuple[Offer, ...]
    kept: tuple[tuple[str, str], ...]
    targets: tuple[Target, ...]
    absent: str
    nothing_takes: str


def menu(schema: Schema, kind: str, object_type: str, pairs: Sequence[tuple[str, str]]) -> Menu:
    index = index_of(schema)
    kept = tuple(
        (n, v) for n, v in pairs if fieldnames.read(n).kind == "config" or n == fieldnames.SERVER
    )
    calls = chosen_calls(pairs)
    targets = form_targets(index, kind, calls)
    shown = targets[0].absent or "choose its action" if targets else ""
    absent = f"The form shows no field for it yet: {shown}." if targets else ""
    named = ", ".join(schema.call_name(s, a) for _, s, a in calls) or "the form (no action chosen)"
    nothing_takes = f"No field of {named} takes {article(kind)} {kind} id."
    return Menu(index.offers_for(kind, object_type), kept, targets, absent, nothing_takes)


def article(kind: str) -> str:
    """`an` before `entry`, `a` before `category`: the menu's sentences name the kind."""
    return "an" if kind[:1].lower() in "aeiou" else "a"


index_of = per_schema(FollowIndex.of)
"""The schema's index, built on first use (`schema.per_schema`)."""
