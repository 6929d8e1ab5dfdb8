"""A call with its secrets swapped for environment placeholders, which every sample shares.

`with_placeholders` walks the typed call the way `secrets.masked` walks the wire: a parameter
is judged with its action (`service.action`), a property with the class that declares it, a
configuration value on its own, and a value of a type the schema lacks by its nested names.
Each secret's text becomes a marker naming the variable (`secret_env`) that a renderer turns
into its language's way of reading the environment (`os.environ["KALTURA_KS"]`,
`"$KALTURA_KS"`). With `include_secrets` the call is returned as it is. Pure.
"""

from __future__ import annotations

from dataclasses import replace

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
from app.protocol.facts import OBJECT_TYPE
from app.protocol.schema import Schema
from app.reference.samples import KS_ENV, PASSWORD_ENV, SECRET_ENV, SampleContext, secret_env

ENVIRONMENT = (KS_ENV, SECRET_ENV, PASSWORD_ENV)

# A NUL never reaches a form field, so the marker cannot be a typed value.
_MARK = "\x00"


def marker(env: str) -> str:
    return f"{_MARK}{env}{_MARK}"


def env_of(text: str) -> str | None:
    """The variable a marker names, or None for a real value."""
    if len(text) > 2 and text[0] == _MARK and text[-1] == _MARK and _MARK not in text[1:-1]:
        return text[1:-1]
    return None


def json_marker(env: str) -> str:
    """The marker as `json.dumps` writes it inside a string (ensure_ascii or not)."""
    return f"\\u0000{env}\\u0000"


def with_placeholders(call: Call | MultiRequest, context: SampleContext) -> Call | MultiRequest:
    if context.include_secrets:
        return call
    walker = _Walker(context.schema)
    if isinstance(call, MultiRequest):
        calls = tuple(walker.call(one) for one in call.calls)
        return MultiRequest(calls, walker.members(call.config, ""))
    return walker.call(call)


class _Walker:
    def __init__(self, schema: Schema) -> None:
        self.schema = schema

    def call(self, call: Call) -> Call:
        owner = f"{call.service}.{call.action}"
        return replace(
            call, params=self.members(call.params, owner), config=self.members(call.config, "")
        )

    def members(self, members: Members, owner: str) -> Members:
        return tuple((name, self.value(value, name, owner)) for name, value in members)

    def _declaring(self, object_type: str, name: str) -> str:
        found = self.schema.property(object_type, name)
        return found.owner if found and found.owner else object_type

    def value(self, value: Value, name: str, owner: str) -> Value:
        match value:
            case Scalar(text=text) if text and (env := secret_env(name, owner)):
                return replace(value, text=marker(env))
            case Object():
                members = tuple(
                    (n, self.value(v, n, self._declaring(value.object_type, n)))
                    for n, v in value.members
                )
                return replace(value, members=members)
            case Array():
                return Array(tuple(self.value(item, name, owner) for item in value.items))
            case Map():
                return Map(tuple((k, self.value(v, name, owner)) for k, v in value.entries))
            case Unknown() | Loose():
                return replace(value, value=self.wire(value.value, name, owner))
        return value

    def wire(self, value: Wire, name: str, owner: str) -> Wire:
        if isinstance(value, str):
            env = secret_env(name, owner) if value else None
            return marker(env) if env else value
        if isinstance(value, list):
            return [self.wire(item, name, owner) for item in value]
        inner = value.get(OBJECT_TYPE)
        inner_owner = inner if isinstance(inner, str) else owner
        return {key: self.wire(item, key, inner_owner) for key, item in value.items()}
