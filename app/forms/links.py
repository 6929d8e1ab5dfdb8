"""A shared link's query → the form values the console restores, and what it left out.

The console's address follows its form (service, action, every non-secret value by its field
name), so a reload, Back or a pasted link reopens the same form. A link is typed or pasted by
people, so it is read like a Send (`form_calls`), and what a Send would flag as not fitting
the schema — a name the action or type lacks, an unknown or disallowed objectType, a value
that is not its type's — is dropped and named, so the rest still opens. A secret or a KS
(`secrets.secret_fields`) is dropped whatever it holds: links end up in logs and chats.
Multirequest requests keep their numbers (so `{N:result}` still means the same request); one
naming what the schema lacks stays, empty. Pure: no I/O and no web imports.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from app.forms.fields import Selection, config_fields, select
from app.forms.form_calls import SubRequest, config_params, read_call, read_multirequest
from app.forms.form_reading import Reader
from app.forms.form_tree import tree
from app.protocol import fieldnames
from app.protocol.call import FieldProblem
from app.protocol.facts import MULTIREQUEST
from app.protocol.fieldnames import FieldName
from app.protocol.schema import Schema
from app.protocol.secrets import secret_fields

Pairs = list[tuple[str, str]]
# A link's `N:` above this is dropped rather than rendered as N requests.
HIGHEST_LINKED_REQUEST = 100
SECRET = "a secret or KS is never taken from a link"


@dataclass(frozen=True)
class Dropped:
    """A field name of the link that was not restored, and why."""

    name: str
    reason: str

    @property
    def secret(self) -> bool:
        """It holds a secret or a KS, which a link never brings (Import says so in its words)."""
        return self.reason == SECRET


@dataclass(frozen=True)
class Link:
    """What the form restores (`values`, by field name), the multirequest requests it holds
    (1..n), and what was left out."""

    values: dict[str, list[str]] = field(default_factory=dict)
    requests: tuple[int, ...] = ()
    dropped: tuple[Dropped, ...] = ()


def read_link(schema: Schema, query: Iterable[tuple[str, str]]) -> Link:
    """The form `query` (a link's name/value pairs, in order) asks for, as far as the schema
    lets it be shown; the call's names in the schema's spelling (`MEDIA` → `media`)."""
    pairs = [(name, value) for name, value in query if value != ""]
    first = dict(reversed(pairs))
    chosen = select(schema, first.get(fieldnames.SERVICE, ""), first.get(fieldnames.ACTION, ""))
    kept: Pairs = []
    dropped: list[Dropped] = []
    config: Pairs = []
    values: Pairs = []
    for name, value in pairs:
        meaning = fieldnames.read(name)
        if meaning.kind == "config":
            config.append((name, value))
        elif meaning.kind == "control" or (meaning.kind == "call" and not meaning.request):
            continue  # the call is `chosen`; a control is no value of the form
        else:
            values.append((name, value))
    kept += _config(schema, config, dropped)
    requests: tuple[int, ...] = ()
    if chosen.service == MULTIREQUEST:
        kept.append((fieldnames.SERVICE, MULTIREQUEST))
        found, requests = _multirequest(schema, values, dropped)
        kept += found
    elif chosen.action:
        kept += [(fieldnames.SERVICE, chosen.service), (fieldnames.ACTION, chosen.action)]
        kept += _call(schema, chosen.service, chosen.action, values, dropped)
    else:
        kept += [(fieldnames.SERVICE, chosen.service)] if chosen.service else []
        dropped += [Dropped(name, "no action to take it") for name, _ in values]
    restored: dict[str, list[str]] = {}
    for name, value in kept:
        restored.setdefault(name, []).append(value)
    return Link(restored, requests, tuple(dropped))


def _config(schema: Schema, pairs: Pairs, dropped: list[Dropped]) -> Pairs:
    """The configuration the form shows (never `ks`), each value fitting its type."""
    shown = {f.path for f in config_fields(schema, {})}
    bare = {fieldnames.read(name).path: name for name, _ in pairs}
    secret = {bare[name] for name in secret_fields([(n, "") for n in bare])}
    ok: Pairs = []
    for name, value in pairs:
        if name in secret:
            dropped.append(Dropped(name, SECRET))
        elif name not in shown:
            dropped.append(Dropped(name, "not a field of the configuration"))
        else:
            ok.append((name, value))
    reader = Reader(schema)
    by_name = [(fieldnames.read(name).path, value) for name, value in ok]
    reader.params(config_params(schema), tree(by_name), "the configuration", strict=False)
    problems = [replace(p, path=fieldnames.config(p.path)) for p in reader.problems]
    return _without_flagged(ok, problems, dropped)


def _call(schema: Schema, service: str, action: str, pairs: Pairs, dropped: list[Dropped]) -> Pairs:
    pairs = _without_secrets(schema, pairs, dropped, f"{service}.{action}")
    problems = read_call(schema, service, action, pairs).problems
    return _without_flagged(pairs, problems, dropped)


def _multirequest(
    schema: Schema, pairs: Pairs, dropped: list[Dropped]
) -> tuple[Pairs, tuple[int, ...]]:
    """Requests 1..n as numbered in the link; each request's service and action in the
    schema's spelling; a request naming what the schema lacks is kept, empty."""
    grouped: dict[int, Pairs] = {}
    for name, value in pairs:
        meaning = fieldnames.read(name)
        if not 1 <= meaning.request <= HIGHEST_LINKED_REQUEST:
            dropped.append(Dropped(name, "not in a request of the multirequest"))
        else:
            grouped.setdefault(meaning.request, []).append((name, value))
    kept: Pairs = []
    complete: list[SubRequest] = []
    for number, own in sorted(grouped.items()):
        prefix = fieldnames.request_prefix(number)
        calls = {n: v for n, v in reversed(own) if fieldnames.read(n).kind == "call"}
        rest = [(n, v) for n, v in own if fieldnames.read(n).kind != "call"]
        chosen = select(
            schema,
            calls.get(prefix + fieldnames.SERVICE, ""),
            calls.get(prefix + fieldnames.ACTION, ""),
        )
        if chosen.service == MULTIREQUEST:
            dropped.append(Dropped(prefix + fieldnames.SERVICE, "a multirequest in a request"))
            chosen = Selection()
        elif chosen.problem:
            dropped.append(Dropped(prefix + fieldnames.SERVICE, chosen.problem))
            chosen = Selection(chosen.service)  # an unknown action keeps its known service
        if chosen.service:
            kept.append((prefix + fieldnames.SERVICE, chosen.service))
        if not chosen.action:
            dropped += [Dropped(n, "no action to take it") for n, _ in rest]
            continue
        kept.append((prefix + fieldnames.ACTION, chosen.action))
        owner = f"{chosen.service}.{chosen.action}"
        rest = _without_secrets(schema, rest, dropped, owner, prefix)
        kept += rest
        stripped = tuple((fieldnames.split_request(n)[1], v) for n, v in rest)
        complete.append(SubRequest(chosen.service, chosen.action, stripped, number=number))
    problems = read_multirequest(schema, complete).problems if complete else ()
    return _without_flagged(kept, problems, dropped), tuple(range(1, max(grouped, default=1) + 1))


def _without_secrets(
    schema: Schema, pairs: Pairs, dropped: list[Dropped], owner: str, prefix: str = ""
) -> Pairs:
    """`prefix`: the pairs are one request's of a multirequest; read them without it."""
    bare = [(fieldnames.split_request(n)[1] if prefix else n, v) for n, v in pairs]
    secret = {prefix + name for name in secret_fields(bare, schema, owner)}
    dropped += [Dropped(name, SECRET) for name, _ in pairs if name in secret]
    return [(name, value) for name, value in pairs if name not in secret]


def _without_flagged(
    pairs: Pairs, problems: Sequence[FieldProblem], dropped: list[Dropped]
) -> Pairs:
    """The pairs outside every value a problem names (an object with a wrong type goes whole,
    a map item with a doubled key too); each problem is named once."""
    roots: list[tuple[FieldName, str]] = []
    for problem in problems:
        if problem.path and problem.kind == "value":  # the form's own problems drop nothing
            roots.append((fieldnames.read(problem.path), problem.message))
    kept: Pairs = []
    named: set[str] = set()
    for name, value in pairs:
        found = next((r for r in roots if _within(fieldnames.read(name), r[0])), None)
        if found is None:
            kept.append((name, value))
            continue
        root = fieldnames.spell(FieldName("value", found[0].path, found[0].request))
        if found[0].kind == "config":
            root = fieldnames.config(found[0].path)
        if root not in named:
            named.add(root)
            dropped.append(Dropped(root, found[1]))
    return kept


def _within(name: FieldName, root: FieldName) -> bool:
    if name.kind == "config" or root.kind == "config":
        return name.kind == root.kind and name.path == root.path
    head = root.path + fieldnames.SEP
    return name.request == root.request and (name.path == root.path or name.path.startswith(head))
