"""Code samples: one typed call (`call.Call` / `call.MultiRequest`) written the way a Kaltura
developer would write it with each official client, plus curl and the raw HTTP request.

One module per language, each exposing `render(call, context) -> str`; `render` here dispatches by
the language's id. Secrets never leave in a sample unless asked: a `ks`, and every parameter or
property `secrets.is_secret` calls secret, is read from the environment variable `secret_env`
names (`KALTURA_KS`, `KALTURA_SECRET`, `KALTURA_PASSWORD`) so a copied sample still runs; with
`include_secrets` the real values are written in. Pure: no I/O and no web imports.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Protocol

from app.protocol import fieldnames
from app.protocol.call import Call, MultiRequest
from app.protocol.schema import Schema
from app.protocol.secrets import is_secret

LANGUAGES: tuple[tuple[str, str], ...] = (
    ("curl", "curl"),
    ("python", "Python"),
    ("php", "PHP"),
    ("javascript", "JavaScript"),
    ("java", "Java"),
    ("ruby", "Ruby"),
    ("http", "HTTP"),
)
"""(id, tab name) in the order the Code region shows them; the id is the module's name."""

KS_ENV = "KALTURA_KS"
SECRET_ENV = "KALTURA_SECRET"
PASSWORD_ENV = "KALTURA_PASSWORD"


@dataclass(frozen=True)
class SampleContext:
    """What a sample needs beside the call: the schema (types, enums, plugins), the server URL
    the sample talks to (`https://www.kaltura.com`, no `/api_v3`), and whether secrets are
    written in."""

    schema: Schema
    service_url: str
    include_secrets: bool = False


class Renderer(Protocol):
    def __call__(self, call: Call | MultiRequest, context: SampleContext) -> str: ...


def secret_env(name: str, owner: str = "") -> str | None:
    """The environment variable a sample reads `name` from instead of writing its value, or
    None when it is not secret: `ks` → KALTURA_KS, a password → KALTURA_PASSWORD, any other
    secret (`secret`, `adminSecret`, an app token) → KALTURA_SECRET. `owner` is the class
    that declares a property, or `service.action` for a parameter (see `secrets.is_secret`)."""
    leaf = fieldnames.leaf(name)
    if leaf.lower() == "ks":
        return KS_ENV
    if not is_secret(leaf, owner):
        return None
    return PASSWORD_ENV if "password" in leaf.lower() else SECRET_ENV


def render(language: str, call: Call | MultiRequest, context: SampleContext) -> str:
    """The sample of `call` in `language` (an id of `LANGUAGES`); KeyError for another."""
    if language not in dict(LANGUAGES):
        raise KeyError(language)
    module = importlib.import_module(f"{__name__}.{language}")
    renderer: Renderer = module.render
    return renderer(call, context)
