"""Masking of credentials in parameters shown back to the user (the "request sent" view, history).

A parameter is a credential when its name (the last segment of a colon path, without `__null`)
ends with `secret` or `password` in any case (`secret`, `adminSecret`, `newPassword`,
`cmsPassword`…) or is `token` (an app token's secret); its value becomes `••••••`. A `ks` is
shortened to its first 10 characters and `…`, enough to tell two sessions apart. Masking works on
nested params and on flat form pairs alike and never changes its input. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from app.kaltura.encoding import NULL_SUFFIX

MASK = "••••••"
KS_SHOWN = 10

_CREDENTIAL = re.compile(r"(secret|password|^token)$", re.IGNORECASE)


def _base_name(key: str) -> str:
    return key.rpartition(":")[2].removesuffix(NULL_SUFFIX)


def is_credential(key: str) -> bool:
    return bool(_CREDENTIAL.search(_base_name(key)))


def _mask_text(key: str, value: str) -> str:
    if value == "":
        return value  # nothing to hide, and an explicit null must still read as one
    if is_credential(key):
        return MASK
    if _base_name(key).lower() == "ks" and len(value) > KS_SHOWN:
        return value[:KS_SHOWN] + "…"
    return value


def _mask(key: str, value: object) -> object:
    if isinstance(value, str):
        return _mask_text(key, value)
    if isinstance(value, Mapping):
        return {k: _mask(str(k), v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_mask(key, item) for item in value]
    return value


def masked(params: Mapping[str, object]) -> dict[str, object]:
    """A copy of nested `params` with credentials hidden, at any depth (multirequest included)."""
    return {key: _mask(key, value) for key, value in params.items()}


def masked_fields(fields: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The same for flat form pairs: `1:secret` and `user:password` are hidden too."""
    return [(name, _mask_text(name, value)) for name, value in fields]
