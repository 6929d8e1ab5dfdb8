"""What is secret in a request, decided by the schema's context, not by a fragment of a name."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema
from app.protocol.secrets import _SECRET_WHERE, MASK, is_secret, masked, masked_fields


@pytest.fixture(scope="module")
def schema(real_schema_path: Path) -> Schema:
    return load_schema(real_schema_path)


@pytest.mark.parametrize(
    ("name", "owner", "secret"),
    [
        ("secret", "session.start", True),
        ("adminSecret", "KalturaPartner", True),
        ("hashSecret", "KalturaHashCondition", True),
        ("password", "KalturaUser", True),
        ("newPassword", "user.loginDataResetPassword", True),
        ("cmsPassword", "partner.register", True),
        ("passPhrase", "KalturaStorageProfile", True),
        ("keyPassphrase", "KalturaSshUrlResource", True),
        ("privateKey", "KalturaStorageProfile", True),
        ("fileEncryptionKey", "KalturaFileSyncDescriptor", True),
        ("srcEncKey", "KalturaFileSync", True),
        ("hashKey", "user.setInitialPassword", True),
        ("tokenHash", "appToken.startSession", True),
        ("salt", "KalturaUrlRecognizerAkamaiG2O", True),
        ("token", "KalturaAppToken", True),
        ("token", "livestream.authenticate", True),
        ("srtPass", "KalturaLiveStreamEntry", True),
        ("tokensData", "vendor_zoomvendor.fetchRegistrationPage", True),
        ("user:password__null", "KalturaUser", True),
        # ids and settings that only sound like secrets
        ("token", "KalturaUploadedFileTokenResource", False),
        ("token", "KalturaWebcamTokenResource", False),
        ("token", "", False),
        ("uploadTokenId", "uploadToken.upload", False),
        ("sipToken", "KalturaLiveStreamEntry", False),
        ("privileges", "session.start", False),
        ("publicKey", "KalturaStorageProfile", False),
        ("sseKmsKeyId", "KalturaAmazonS3StorageProfile", False),
        ("passwordStructureValidations", "KalturaPartner", False),
        ("twoPass", "KalturaFlavorParams", False),
        ("srtPass", "KalturaMediaEntry", False),
    ],
)
def test_what_is_secret(name: str, owner: str, secret: bool) -> None:
    assert is_secret(name, owner) is secret


def test_every_context_rule_names_a_real_property_or_parameter(schema: Schema) -> None:
    for owner, name in _SECRET_WHERE:
        service, _, action = owner.partition(".")
        if action:
            found = schema.action(service, action)
            names = [p.name.lower() for p in found.params] if found else []
        else:
            cls = schema.class_named(owner)
            names = [p.name.lower() for p in schema.properties(cls.name)] if cls else []
        assert name in names, (owner, name)


KS = "djJ8MTAxfABCDEFGHIJKLMNOP"
UPLOAD = {"objectType": "KalturaUploadedFileTokenResource", "token": "1_upload"}

MASKING: list[tuple[dict[str, object], str, dict[str, object]]] = [
    (  # an upload token's id is what the person needs to see
        {"ks": KS, "entryId": "0_e", "resource": UPLOAD},
        "media.addContent",
        {"ks": "djJ8MTAxfA…", "entryId": "0_e", "resource": UPLOAD},
    ),
    (
        {"appToken": {"objectType": "KalturaAppToken", "token": "t", "hashType": "SHA256"}},
        "appToken.add",
        {"appToken": {"objectType": "KalturaAppToken", "token": MASK, "hashType": "SHA256"}},
    ),
    ({"id": "a", "tokenHash": "h"}, "appToken.startSession", {"id": "a", "tokenHash": MASK}),
    (
        {"entryId": "0_e", "token": "t"},
        "livestream.authenticate",
        {"entryId": "0_e", "token": MASK},
    ),
    ({"entryId": "0_e", "token": "t"}, "", {"entryId": "0_e", "token": "t"}),
    (  # a subclass inherits its base's secrets
        {"liveStreamEntry": {"objectType": "KalturaLiveStreamAdminEntry", "srtPass": "p"}},
        "livestream.update",
        {"liveStreamEntry": {"objectType": "KalturaLiveStreamAdminEntry", "srtPass": MASK}},
    ),
    (
        {
            "ks": KS,
            "1": {"service": "livestream", "action": "authenticate", "token": "t"},
            "2": {"service": "media", "action": "addContent", "resource": UPLOAD},
        },
        "",
        {
            "ks": "djJ8MTAxfA…",
            "1": {"service": "livestream", "action": "authenticate", "token": MASK},
            "2": {"service": "media", "action": "addContent", "resource": UPLOAD},
        },
    ),
    (
        {"items": [{"objectType": "KalturaUser", "password": "p"}], "secret__null": ""},
        "user.addFromBulk",
        {"items": [{"objectType": "KalturaUser", "password": MASK}], "secret__null": ""},
    ),
]


@pytest.mark.parametrize(("params", "action", "expected"), MASKING)
def test_masking_follows_the_schemas_context(
    schema: Schema, params: dict[str, object], action: str, expected: dict[str, object]
) -> None:
    before = copy.deepcopy(params)
    assert masked(params, schema, action) == expected
    assert params == before


@pytest.mark.parametrize(
    ("fields", "action", "expected"),
    [
        (
            [
                ("resource:objectType", "KalturaUploadedFileTokenResource"),
                ("resource:token", "1_u"),
            ],
            "media.addContent",
            [
                ("resource:objectType", "KalturaUploadedFileTokenResource"),
                ("resource:token", "1_u"),
            ],
        ),
        (
            [("appToken:objectType", "KalturaAppToken"), ("appToken:token", "t")],
            "appToken.add",
            [("appToken:objectType", "KalturaAppToken"), ("appToken:token", MASK)],
        ),
        (
            [("1:service", "livestream"), ("1:action", "authenticate"), ("1:token", "t")],
            "",
            [("1:service", "livestream"), ("1:action", "authenticate"), ("1:token", MASK)],
        ),
        (
            [("token", "t"), ("ks", KS)],
            "livestream.authenticate",
            [("token", MASK), ("ks", "djJ8MTAxfA…")],
        ),
    ],
)
def test_flat_form_pairs_read_their_context_from_their_siblings(
    schema: Schema,
    fields: list[tuple[str, str]],
    action: str,
    expected: list[tuple[str, str]],
) -> None:
    assert masked_fields(fields, schema, action) == expected
