"""What is secret in a request, and masking it where parameters are shown back to the user (the
"Request sent" view) or typed (password inputs). Pure.

The rule, read from the 22.15.0 schema rather than from a fragment of a name (`token` is a
secret in one class and an id in another):

- `ks`, anywhere, is shortened to its first 10 characters and `…`: enough to tell two sessions
  apart, not enough to use one.
- A name that says it holds a secret is masked wherever it appears: it ends with `secret`
  (`secret`, `adminSecret`, `hashSecret`), `password` (`newPassword`, `cmsPassword`,
  `storagePassword`), `passphrase` (`passPhrase`, `keyPassphrase`), `privateKey`,
  `encryptionKey` or `encKey`, or it is a `hashKey` (the password-reset key a user gets by mail),
  a `tokenHash` (appToken.startSession: the hash that proves the app token) or a `salt`.
- A few names are secret only where the schema puts them, decided by the class that declares
  the property or the action that takes the parameter (`_SECRET_WHERE`): `token` of
  `KalturaAppToken` (the app token itself) and of `livestream.authenticate` (the broadcasting
  token), `srtPass` of `KalturaLiveStreamEntry` (the SRT passphrase), `tokensData` of
  `vendor_zoomvendor.fetchRegistrationPage` (Zoom's OAuth tokens). Elsewhere `token` is an id
  and is shown: `KalturaUploadedFileTokenResource.token` is an upload token's id,
  `KalturaWebcamTokenResource.token` a recording's, like `uploadTokenId`.
- Not secret: `privileges` (what a KS may do, which whoever holds the KS can read), public keys
  and key ids (`publicKey`, `keyPairId`, `sseKmsKeyId`).

A secret's value becomes `••••••`; an empty value stays empty (an explicit null must still read as
one). Masking never changes its input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from app.protocol import fieldnames
from app.protocol.facts import NULL_SUFFIX, OBJECT_TYPE
from app.protocol.schema import Schema

MASK = "••••••"
KS_SHOWN = 10

_SECRET_NAME = re.compile(
    r"(secret|password|passphrase|privatekey|encryptionkey|enckey)$|^(hashkey|tokenhash|salt)$"
)
# (declaring class, or service.action for a parameter; property or parameter), lower-cased
_SECRET_WHERE = frozenset(
    {
        ("kalturaapptoken", "token"),
        ("livestream.authenticate", "token"),
        ("kalturalivestreamentry", "srtpass"),
        ("vendor_zoomvendor.fetchregistrationpage", "tokensdata"),
    }
)


def _base_name(key: str) -> str:
    return fieldnames.leaf(key).removesuffix(NULL_SUFFIX)


def is_secret(name: str, owner: str = "") -> bool:
    """Whether parameter or property `name` holds a secret; `owner` is the class that declares
    the property, or `service.action` for an action's parameter."""
    base = _base_name(name).lower()
    return bool(_SECRET_NAME.search(base)) or (owner.lower(), base) in _SECRET_WHERE


def _declaring(schema: Schema | None, object_type: str, name: str) -> str:
    """The class that declares `name` in `object_type` (a subclass inherits its base's
    secrets: KalturaLiveStreamAdminEntry's srtPass is KalturaLiveStreamEntry's)."""
    if schema is None:
        return object_type
    cls = schema.class_named(object_type)
    found = schema.property(cls.name, _base_name(name)) if cls else None
    return found.owner if found and found.owner else object_type


def _mask_text(key: str, value: str, owner: str) -> str:
    if value == "":
        return value
    if is_secret(key, owner):
        return MASK
    if _base_name(key).lower() == "ks":
        return shortened_ks(value)
    return value


def shortened_ks(value: str) -> str:
    """A KS as shown back: its first `KS_SHOWN` characters and `…`."""
    return value[:KS_SHOWN] + "…" if len(value) > KS_SHOWN else value


def _owner_inside(value: Mapping[str, object], owner: str) -> str:
    """Whose names a nested mapping holds: an object's type, a multirequest sub-request's
    action, or the enclosing owner's (a map's keys are the user's own)."""
    if isinstance(value.get(OBJECT_TYPE), str):
        return str(value[OBJECT_TYPE])
    service, action = value.get(fieldnames.SERVICE), value.get(fieldnames.ACTION)
    if isinstance(service, str) and isinstance(action, str):
        return f"{service}.{action}"
    return owner


def _mask(key: str, value: object, owner: str, schema: Schema | None) -> object:
    if isinstance(value, str):
        return _mask_text(key, value, owner)
    if isinstance(value, Mapping):
        inner = _owner_inside(value, owner)
        is_object = isinstance(value.get(OBJECT_TYPE), str)
        return {
            k: _mask(str(k), v, _declaring(schema, inner, str(k)) if is_object else inner, schema)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_mask(key, item, owner, schema) for item in value]
    return value


def masked(
    params: Mapping[str, object], schema: Schema | None = None, action: str = ""
) -> dict[str, object]:
    """A copy of nested `params` with secrets hidden, at any depth (multirequest included).
    `action` (`service.action`) is whose parameters the top level holds; `schema` finds the
    class that declares an object's property."""
    return {key: _mask(key, value, action, schema) for key, value in params.items()}


def masked_fields(
    fields: Sequence[tuple[str, str]], schema: Schema | None = None, action: str = ""
) -> list[tuple[str, str]]:
    """The same for flat form pairs (`1:secret`, `appToken:token`): a pair's owner is read from
    its siblings, `<parent>:objectType` or a sub-request's `N:service` and `N:action`."""
    owner = _field_owners(fields, schema, action)
    return [(name, _mask_text(name, value, owner(name))) for name, value in fields]


def secret_fields(
    fields: Sequence[tuple[str, str]], schema: Schema | None = None, action: str = ""
) -> set[str]:
    """The names among flat form pairs that hold a secret or a KS: what a link or the
    browser's history must never carry. Owners are read as `masked_fields` reads them."""
    owner = _field_owners(fields, schema, action)
    return {name for name, _ in fields if is_secret(name, owner(name)) or is_ks(name)}


def is_ks(name: str) -> bool:
    """Whether parameter or property `name` holds a KS (shortened when shown, never linked)."""
    return _base_name(name).lower() == "ks"


def _field_owners(
    fields: Sequence[tuple[str, str]], schema: Schema | None, action: str
) -> Callable[[str], str]:
    """Whose name a pair's is: `<parent>:objectType` or a sub-request's `N:service` and
    `N:action` among its siblings, else `action`."""
    given = dict(fields)

    def owner(name: str) -> str:
        parent = fieldnames.parent(name)
        if not parent:
            return action
        if parent.isdigit():
            service = given.get(fieldnames.join(parent, fieldnames.SERVICE), "")
            return f"{service}.{given.get(fieldnames.join(parent, fieldnames.ACTION), '')}"
        return _declaring(schema, given.get(fieldnames.type_of(parent), ""), name)

    return owner
