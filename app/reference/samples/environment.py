"""What a sample reads from the environment, and whether it needs a KS at all.

A sample reads each secret it sends (`secret_env`: KALTURA_KS, KALTURA_SECRET,
KALTURA_PASSWORD) once, into a variable named here, and stops with a message naming the
variable when it is unset, rather than failing inside the client or the language
(`KeyError: 'KALTURA_KS'`). Whether the call needs the KS comes from the schema: each action
says `sessionRequired="always|optional|none"` (docs/PROTOCOL.md §1); session.start, user.login and
user.loginByLoginId say none, so their samples do not read KALTURA_KS at all; an optional one
sends it when it is set. A multirequest needs what its neediest request needs, and a request
that carries its own `ks` (`2:ks` = `{1:result}`) needs none from the client. Pure.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from app.protocol.call import (
    Array,
    Call,
    Loose,
    Map,
    Members,
    MultiRequest,
    Object,
    Scalar,
    Unknown,
    Value,
    Wire,
)
from app.protocol.schema import Schema
from app.reference.samples import KS_ENV, PASSWORD_ENV, SECRET_ENV, SampleContext
from app.reference.samples.placeholders import ENVIRONMENT, env_of, with_placeholders

Need = Literal["always", "optional", "none"]

VARIABLES = {KS_ENV: "ks", SECRET_ENV: "secret", PASSWORD_ENV: "password"}
"""The variable each environment variable is read into."""

_WHAT = {
    KS_ENV: "a Kaltura session (KS); session.start returns one",
    SECRET_ENV: "the secret this call sends",
    PASSWORD_ENV: "the password this call sends",
}


def variable(env: str) -> str:
    return VARIABLES[env]


def missing(env: str) -> str:
    """What a sample says, and stops, when `env` is unset."""
    return f"Set {env} to {_WHAT[env]}."


def ks_need(schema: Schema, call: Call | MultiRequest) -> Need:
    """Whether the client's KS is needed (`always`), sent if there is one (`optional`) or not
    needed (`none`)."""
    calls = call.calls if isinstance(call, MultiRequest) else (call,)
    needs = {_need(schema, one) for one in calls}
    return "always" if "always" in needs else "optional" if "optional" in needs else "none"


def _need(schema: Schema, call: Call) -> Need:
    if any(name == "ks" for name, _ in call.params):
        return "none"  # a multirequest's request with its own ks
    action = schema.action(call.service, call.action)
    return action.session_required if action else "always"


def client_ks(call: Call | MultiRequest, context: SampleContext) -> tuple[Members, Need | None]:
    """The call's configuration as a client sample sets it, and how it sets the KS: None when
    the typed KS is written in (secrets included), else read from KALTURA_KS as the call
    needs it — the typed one, a placeholder for that variable, leaves the configuration."""
    if context.include_secrets and any(name == "ks" for name, _ in call.config):
        return call.config, None
    config = tuple((n, v) for n, v in call.config if n != "ks")
    return config, ks_need(context.schema, call)


def without_ks_config(call: Call | MultiRequest, context: SampleContext) -> Call | MultiRequest:
    """`call` with the configuration `client_ks` leaves (the KS then read as it says)."""
    config, _ = client_ks(call, context)
    return replace(call, config=config)


def reads(call: Call | MultiRequest, context: SampleContext) -> tuple[str, ...]:
    """The environment variables a client sample of `call` reads and cannot run without, in
    `ENVIRONMENT` order: each secret it sends, and KALTURA_KS when the call needs it."""
    config, need = client_ks(call, context)
    found = {KS_ENV} if need == "always" else set()
    marked = with_placeholders(replace(call, config=config), context)
    calls = marked.calls if isinstance(marked, MultiRequest) else (marked,)
    for one in calls:
        for _, value in (*one.params, *one.config):
            found.update(_marked(value))
    for _, value in marked.config if isinstance(marked, MultiRequest) else ():
        found.update(_marked(value))
    return tuple(env for env in ENVIRONMENT if env in found)


def _marked(value: Value | Wire) -> set[str]:
    match value:
        case Scalar(text=text) | str(text):
            env = env_of(text)
            return {env} if env else set()
        case Object(members=members) | Map(entries=members):
            return set().union(*(_marked(inner) for _, inner in members))
        case Array(items=items) | list(items):
            return set().union(*(_marked(inner) for inner in items))
        case Unknown(value=wire) | Loose(value=wire):
            return _marked(wire)
        case dict():
            return set().union(*(_marked(inner) for inner in value.values()))
    return set()
