"""What the client samples read from the environment: a call that needs no KS (the schema's
`sessionRequired="none"`: session.start, user.loginByLoginId…) does not read KALTURA_KS even
when the form holds one, a call that needs it stops with a message naming the variable when it
is unset, and an optional one sends it only when it is set."""

from __future__ import annotations

import pytest

from app.forms.form_calls import SubRequest, read_multirequest
from app.protocol.call import MultiRequest
from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema
from app.reference.samples import KS_ENV, SampleContext, render
from app.reference.samples.environment import ks_need, missing
from tests.conftest import SHARED_SCHEMA
from tests.core.test_samples import KS, URL, sample

CLIENTS = ["python", "php", "javascript", "java", "ruby"]
NO_KS = [
    ("session", "start", [("secret", "s"), ("type", "2"), ("partnerId", "101")]),
    ("user", "loginByLoginId", [("loginId", "ann@example.com"), ("password", "pw")]),
    ("user", "login", [("partnerId", "101"), ("userId", "ann"), ("password", "pw")]),
]


@pytest.fixture(scope="module")
def schema() -> Schema:
    return load_schema(SHARED_SCHEMA)


@pytest.mark.parametrize("language", CLIENTS)
@pytest.mark.parametrize(("service", "action", "fields"), NO_KS, ids=lambda v: str(v))
def test_a_call_that_needs_no_ks_does_not_read_one(
    schema: Schema, language: str, service: str, action: str, fields: list[tuple[str, str]]
) -> None:
    """The form still holds a KS (the console keeps the last one): the sample leaves it."""
    text = sample(schema, language, service, action, fields)
    assert KS_ENV not in text and KS not in text
    assert "setKs" not in text and "client.ks" not in text


@pytest.mark.parametrize("language", CLIENTS)
def test_a_call_that_needs_a_ks_stops_with_a_message_when_it_is_unset(
    schema: Schema, language: str
) -> None:
    text = sample(schema, language, "media", "list", [])
    assert missing(KS_ENV) in text
    assert 'os.environ["KALTURA_KS"]' not in text  # a KeyError when unset


@pytest.mark.parametrize("language", CLIENTS)
def test_a_secret_stops_with_a_message_when_it_is_unset(schema: Schema, language: str) -> None:
    text = sample(schema, language, *NO_KS[1])
    assert missing("KALTURA_PASSWORD") in text


@pytest.mark.parametrize("language", CLIENTS)
def test_an_optional_ks_is_sent_only_when_set(schema: Schema, language: str) -> None:
    text = sample(schema, language, "session", "end", [])
    assert "KALTURA_KS is optional here: sent when it is set" in text
    assert missing(KS_ENV) not in text


def test_a_batch_needs_what_its_neediest_request_needs(schema: Schema) -> None:
    def batch(*requests: SubRequest) -> MultiRequest:
        call = read_multirequest(schema, requests).call
        assert isinstance(call, MultiRequest)
        return call

    start = SubRequest("session", "start", (("secret", "s"),), number=1)
    listing = SubRequest("media", "list", (), number=2)
    own_ks = SubRequest("media", "list", (("ks", "{1:result}"),), number=2)
    assert ks_need(schema, batch(start)) == "none"
    assert ks_need(schema, batch(start, listing)) == "always"
    assert ks_need(schema, batch(start, own_ks)) == "none"
    text = render("python", batch(start, own_ks), SampleContext(schema, URL))
    assert KS_ENV not in text
