"""The samples package's own rules: which environment variable stands in for a secret."""

from __future__ import annotations

import importlib

import pytest

from app.reference.samples import LANGUAGES, secret_env


@pytest.mark.parametrize(
    ("name", "owner", "expected"),
    [
        ("ks", "", "KALTURA_KS"),
        ("2:ks", "", "KALTURA_KS"),
        ("secret", "session.start", "KALTURA_SECRET"),
        ("adminSecret", "KalturaPartner", "KALTURA_SECRET"),
        ("password", "user.loginByLoginId", "KALTURA_PASSWORD"),
        ("user:newPassword", "", "KALTURA_PASSWORD"),
        ("token", "KalturaAppToken", "KALTURA_SECRET"),
        ("token", "KalturaUploadedFileTokenResource", None),  # an upload token's id
        ("filter:nameLike", "", None),
        ("privileges", "session.start", None),
    ],
)
def test_secret_env_names_the_variable_a_sample_reads(
    name: str, owner: str, expected: str | None
) -> None:
    assert secret_env(name, owner) == expected


@pytest.mark.parametrize("language", [lang for lang, _ in LANGUAGES])
def test_every_offered_language_has_a_renderer(language: str) -> None:
    module = importlib.import_module(f"app.reference.samples.{language}")
    assert callable(module.render)
