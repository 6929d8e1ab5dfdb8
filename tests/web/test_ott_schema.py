"""A schema shaped like Kaltura's OTT platform's (see `ott_schema.py`) loads, is browsable in the
console and the docs, and sends what its types say: the console is not tied to the OVP API."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.protocol.schema_loader import load_schema, parse_schema
from app.reference.docs import error_named
from app.reference.finder import FinderIndex, Hit
from tests.web.conftest import FakeKaltura
from tests.web.ott_schema import OTT_SCHEMA
from tests.web.test_docs_walk import walk

ACTIONS = [
    ("ottuser", "login"),
    ("ottuser", "get"),
    ("ottuser", "update"),
    ("asset", "list"),
    ("asset", "get"),
]


@pytest.fixture
def ott_path(tmp_path: Path) -> Path:
    path = tmp_path / "ott.xml"
    path.write_text(OTT_SCHEMA)
    return path


@pytest.fixture
def ott(make_client: Callable[..., TestClient], fake: FakeKaltura, ott_path: Path) -> TestClient:
    return make_client(fake, schema=ott_path)


def test_an_ott_schema_loads_with_its_own_request_configuration() -> None:
    schema = parse_schema(OTT_SCHEMA.encode(), "ott.xml")
    assert schema.summary().startswith("5.3.0.28000: 2 services, 5 actions")
    names = [c.name for c in schema.configurations]
    assert names == [
        "clientTag", "apiVersion", "partnerId", "userId", "language", "currency", "ks",
        "responseProfile", "abortAllOnError", "skipCondition",
    ]  # fmt: skip
    assert [t for t in schema.concrete_types("KalturaAssetFilter")] == ["KalturaSearchAssetFilter"]


@pytest.mark.parametrize(("service", "action"), ACTIONS)
def test_every_ott_action_opens_in_the_console_with_its_parameters(
    ott: TestClient, ott_path: Path, service: str, action: str
) -> None:
    answer = ott.get("/api_v3/testme/", params={"service": service, "action": action})
    assert answer.status_code == 200
    for param in load_schema(ott_path).action(service, action).params:  # type: ignore[union-attr]
        assert re.search(rf"<(label|legend)[^>]*>{param.name}\b", answer.text), param.name


def test_the_console_offers_the_ott_request_configuration(ott: TestClient) -> None:
    page = ott.get("/api_v3/testme/").text
    for name in ("userId", "currency", "abortAllOnError"):
        assert re.search(rf'<label for="[^"]+">{name}\b', page), name
    assert "<legend>skipCondition</legend>" in page


def test_every_page_of_the_ott_docs_is_reachable_and_every_link_lands(
    ott: TestClient, ott_path: Path
) -> None:
    pages = walk(ott, ott_path)
    assert len(pages) == 3 + 2 + 19 + 4  # the index, the errors, Changes; each service, each type
    login = pages["/api_v3/testmeDoc/?service=ottuser"]
    assert "KalturaStringValue" in login and "WrongPasswordOrUserName" in login
    asset = pages["/api_v3/testmeDoc/?service=asset"]
    row = asset.split("<tr><td>referenceTypeIn</td>", 1)[1].split("</tr>", 1)[0]
    assert "values of" in row and "?object=KalturaAssetReferenceType" in row


def test_an_ott_login_sends_its_map_and_configuration_as_json(
    ott: TestClient, fake: FakeKaltura
) -> None:
    answer = ott.post(
        "/api_v3/testme/send",
        data={
            "service": "ottuser",
            "action": "login",
            "config.format": "1",
            "config.currency": "EUR",
            "config.userId": "7",
            "partnerId": "3197",
            "username": "demo",
            "extraParams:0:__key": "loginType",
            "extraParams:0:objectType": "KalturaStringValue",
            "extraParams:0:value": "sso",
        },
        files={"_": ("", b"")},
    )
    assert answer.status_code == 200
    sent = fake.last_json
    assert fake.received[-1].url.path == "/api_v3/service/ottuser/action/login"
    assert sent["partnerId"] == "3197" and sent["currency"] == "EUR" and sent["userId"] == "7"
    assert sent["extraParams"] == {
        "loginType": {"objectType": "KalturaStringValue", "value": "sso"}
    }


LIMITS = [
    ("KalturaOTTUser", "createDate", ("time (Unix seconds)",)),
    ("KalturaBaseOTTUser", "firstName", ("nullable",)),
    ("KalturaBaseOTTUser", "username", ("length 1 to 256",)),
    ("KalturaFilterPager", "pageSize", ("1 to 500",)),
    ("KalturaAsset", "multilingualName", ("multi-lingual",)),
    ("KalturaAsset", "name", ()),
]


@pytest.mark.parametrize(("cls", "prop", "limits"), LIMITS)
def test_what_an_ott_schema_says_of_a_value_is_kept_and_shown_in_the_docs(
    ott: TestClient, cls: str, prop: str, limits: tuple[str, ...]
) -> None:
    schema = parse_schema(OTT_SCHEMA.encode(), "ott.xml")
    found = next(p for p in schema.classes[cls].properties if p.name == prop)
    assert found.limits == limits
    page = ott.get("/api_v3/testmeDoc/", params={"object": cls}).text
    row = page.split(f"<tr><td>{prop}", 1)[1].split("</tr>", 1)[0]
    assert all(limit in row for limit in limits)


def test_an_unbounded_side_is_worded_as_at_least_or_at_most() -> None:
    xml = OTT_SCHEMA.replace('minValue="1" maxValue="500"', 'minValue="1"').replace(
        'minLength="1" maxLength="256"', 'maxLength="256"'
    )
    schema = parse_schema(xml.encode(), "ott.xml")
    pager = schema.classes["KalturaFilterPager"].properties[0]
    user = next(p for p in schema.classes["KalturaBaseOTTUser"].properties if p.name == "username")
    assert (pager.limits, user.limits) == (("at least 1",), ("length at most 256",))


def test_a_parameter_listing_enum_values_offers_and_checks_them(
    ott: TestClient, fake: FakeKaltura
) -> None:
    page = ott.get("/api_v3/testme/", params={"service": "asset", "action": "list"}).text
    field = page.split('<label for="f-referenceTypeIn">', 1)[1].split("</select>", 1)[0]
    assert "?object=KalturaAssetReferenceType" in field and "multiple" in field
    assert '<option value="epg_internal">' in field
    data = {"service": "asset", "action": "list", "referenceTypeIn": ["media", "epg_internal"]}
    ott.post("/api_v3/testme/send", data=data, files={"_": ("", b"")})
    assert fake.last_json["referenceTypeIn"] == "media,epg_internal"  # chosen values, joined


def test_an_ott_error_is_found_by_its_code_and_lands_on_its_named_row(ott: TestClient) -> None:
    """OTT errors have numbers for codes; the error list's rows are named by the error's name."""
    schema = parse_schema(OTT_SCHEMA.encode(), "ott.xml")
    assert FinderIndex.of(schema).find("2000")[0] == Hit(
        "error", "UserDoesNotExist", name="UserDoesNotExist"
    )
    assert error_named(schema, " userdoesnotexist") == error_named(schema, "2000") is not None
    assert error_named(schema, "2001") is None
    found = ott.get("/api_v3/testme/find", params={"q": "2000"}).text
    assert 'data-href="/api_v3/testmeDoc/errors#UserDoesNotExist"' in found
    old = ott.get("/api_v3/testmeDoc/", params={"error": "2000"}, follow_redirects=False)
    assert old.headers["location"] == "/api_v3/testmeDoc/errors#UserDoesNotExist"
