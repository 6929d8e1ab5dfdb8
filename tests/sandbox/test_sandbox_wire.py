"""Raw HTTP: the request forms api_v3 accepts and the envelopes it answers with."""

from __future__ import annotations

import json
import re

import httpx
import pytest

from app.sandbox import SandboxCredentials
from tests.sandbox.conftest import Api

ADD = "/api_v3/service/media/action/add"


def _entry_fields(style: str, name: str) -> dict[str, str]:
    def key(prop: str) -> str:
        return f"entry:{prop}" if style == "colon" else f"entry[{prop}]"

    return {key("objectType"): "KalturaMediaEntry", key("name"): name, key("mediaType"): "2"}


@pytest.mark.parametrize("style", ["colon", "bracket"])
def test_form_names_nest_with_colons_or_brackets(
    http: httpx.Client, admin_ks: str, style: str
) -> None:
    answer = http.post(ADD, data={"ks": admin_ks, **_entry_fields(style, f"form {style}")})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/xml")
    assert f"<name>form {style}</name>" in answer.text
    assert "<mediaType>2</mediaType>" in answer.text


def test_xml_envelope_has_declaration_object_type_first_and_execution_time(
    http: httpx.Client, admin_ks: str
) -> None:
    text = http.post(ADD, data={"ks": admin_ks, **_entry_fields("colon", "xml")}).text
    assert text.startswith(
        '<?xml version="1.0" encoding="utf-8"?><xml><result><objectType>KalturaMediaEntry'
    )
    assert re.search(r"</result><executionTime>[0-9.]+</executionTime></xml>$", text)
    assert "<description></description>" in text


def test_ignore_null_leaves_null_properties_out_of_xml(http: httpx.Client, admin_ks: str) -> None:
    fields = {"ks": admin_ks, "ignoreNull": "1", **_entry_fields("colon", "no nulls")}
    assert "<description>" not in http.post(ADD, data=fields).text


def test_json_drops_nulls_and_puts_object_type_last(api: Api) -> None:
    entry = api(
        "media", "add", entry={"objectType": "KalturaMediaEntry", "name": "j", "mediaType": 1}
    )
    assert isinstance(entry, dict)
    assert list(entry)[-1] == "objectType"
    assert "description" not in entry
    assert entry["mediaType"] == 1


def test_jsonp_wraps_the_json_in_the_callback(http: httpx.Client) -> None:
    answer = http.get(
        "/api_v3/service/system/action/ping", params={"format": "9", "callback": "got"}
    )
    assert answer.text == "got(true);"
    assert "javascript" in answer.headers["content-type"]


def test_jsonp_without_a_callback_says_so_like_api_v3(http: httpx.Client) -> None:
    answer = http.get("/api_v3/service/system/action/ping", params={"format": "9"})
    assert answer.text == 'Expecting "callback" parameter for jsonp format'


def test_jsonp_error_is_wrapped_too(http: httpx.Client, admin_ks: str) -> None:
    answer = http.get(
        "/api_v3/service/media/action/get",
        params={"format": "9", "callback": "cb", "ks": admin_ks, "entryId": "0_none"},
    )
    payload = json.loads(answer.text.removeprefix("cb(").removesuffix(");"))
    assert payload["code"] == "ENTRY_ID_NOT_FOUND"
    assert payload["args"] == {"ENTRY_ID": "0_none"}


def test_scalar_results_are_bare_in_json_and_text_in_xml(http: httpx.Client) -> None:
    assert http.get("/api_v3/service/system/action/ping?format=1").text == "true"
    xml = http.get("/api_v3/service/system/action/ping").text
    assert "<result>1</result>" in xml


def test_void_result_is_an_empty_result_element(
    api: Api, http: httpx.Client, admin_ks: str
) -> None:
    entry = api(
        "media", "add", entry={"objectType": "KalturaMediaEntry", "name": "v", "mediaType": 1}
    )
    assert isinstance(entry, dict)
    answer = http.post(
        "/api_v3/service/media/action/delete", data={"ks": admin_ks, "entryId": entry["id"]}
    )
    assert "<result/>" in answer.text


def test_php_format_serializes_objects(http: httpx.Client) -> None:
    assert http.get("/api_v3/service/system/action/ping?format=3").text == "b:1;"


def test_query_overrides_body(http: httpx.Client, credentials: SandboxCredentials) -> None:
    answer = http.post(
        "/api_v3/service/session/action/start?format=1&secret=" + credentials.admin_secret,
        data={"secret": "wrong", "partnerId": str(credentials.partner_id)},
    )
    assert answer.json().startswith("djJ8")


def test_json_with_a_charset_suffix_is_ignored(
    http: httpx.Client, credentials: SandboxCredentials
) -> None:
    body = json.dumps({"secret": credentials.admin_secret, "format": "1"})
    answer = http.post(
        "/api_v3/service/session/action/start",
        content=body,
        headers={"content-type": "application/json; charset=utf-8"},
    )
    assert answer.headers["x-kaltura"] == "error-MISSING_MANDATORY_PARAMETER"


def test_multipart_json_field_carries_params_beside_the_file(api: Api, http: httpx.Client) -> None:
    token = api("uploadToken", "add")
    assert isinstance(token, dict)
    answer = http.post(
        "/api_v3/service/uploadToken/action/upload",
        data={"json": json.dumps({"ks": api.ks, "uploadTokenId": token["id"], "format": "1"})},
        files={"fileData": ("a.txt", b"hello world", "text/plain")},
    )
    assert answer.json()["uploadedFileSize"] == 11


def test_legacy_index_php_and_case_insensitive_ids(http: httpx.Client, admin_ks: str) -> None:
    assert http.get("/api_v3/index.php?service=system&action=ping&format=1").text == "true"
    answer = http.get(
        "/api_v3/service/BASEENTRY/action/LIST", params={"ks": admin_ks, "format": "1"}
    )
    assert answer.json()["objectType"] == "KalturaBaseEntryListResponse"


def test_api_schema_serves_the_embedded_schema(http: httpx.Client) -> None:
    answer = http.get("/api_v3/api_schema.php")
    assert answer.headers["content-type"].startswith("text/xml")
    assert 'apiVersion="22.15.0-testme"' in answer.text


@pytest.mark.parametrize(
    "path",
    [
        "/api_v3/service/system/action/ping",
        "/api_v3/service/nope/action/x",
        "/api_v3/api_schema.php",
    ],
)
def test_every_answer_allows_any_origin(http: httpx.Client, path: str) -> None:
    assert http.get(path).headers["access-control-allow-origin"] == "*"


def test_null_marker_clears_a_property_and_dash_empties_nothing_else(api: Api) -> None:
    entry = api(
        "media",
        "add",
        entry={"objectType": "KalturaMediaEntry", "name": "n", "mediaType": 1, "description": "d"},
    )
    assert isinstance(entry, dict)
    updated = api("media", "update", entryId=entry["id"], mediaEntry={"description__null": ""})
    assert isinstance(updated, dict)
    assert "description" not in updated
    assert updated["name"] == "n"


def test_user_ks_sees_others_entries_changes_only_its_own_and_entitlement_hides_them(
    api: Api, http: httpx.Client, credentials: SandboxCredentials
) -> None:
    """api_v3's entitlement (docs/SANDBOX.md, Entitlement): a new partner enforces no
    entitlement, so a USER KS sees every entry but changes only its own (INVALID_KS
    "-4,INVALID_TYPE"); with `enableentitlement`, an entry in a category shows to members."""

    def user_api(user: str, privileges: str = "") -> Api:
        ks = http.post(
            "/api_v3/service/session/action/start",
            data={
                "secret": credentials.user_secret,
                "userId": user,
                "format": "1",
                "partnerId": str(credentials.partner_id),
                "privileges": privileges,
            },
        ).json()
        return Api(http, ks)

    alice, bob = user_api("alice"), user_api("bob")
    mine = alice(
        "media", "add", entry={"objectType": "KalturaMediaEntry", "name": "a", "mediaType": 1}
    )
    assert isinstance(mine, dict) and mine["userId"] == "alice"
    assert bob("media", "get", entryId=mine["id"])["id"] == mine["id"]  # type: ignore[index]
    change = {"objectType": "KalturaMediaEntry", "name": "b"}
    refused = bob("media", "update", entryId=mine["id"], mediaEntry=change)
    assert refused["code"] == "INVALID_KS" and "-4,INVALID_TYPE" in refused["message"]  # type: ignore[index]
    category = api("category", "add", category={"objectType": "KalturaCategory", "name": "Team"})
    assert isinstance(category, dict)
    link = {"objectType": "KalturaCategoryEntry", "entryId": mine["id"]}
    api("categoryEntry", "add", categoryEntry={**link, "categoryId": category["id"]})
    entitled = user_api("bob", "enableentitlement")
    assert entitled("media", "get", entryId=mine["id"])["code"] == "ENTRY_ID_NOT_FOUND"  # type: ignore[index]
    by_id = {"objectType": "KalturaMediaEntryFilter", "idEqual": mine["id"]}
    assert entitled("media", "list", filter=by_id)["totalCount"] == 0  # type: ignore[index]
    member = {"objectType": "KalturaCategoryUser", "categoryId": category["id"], "userId": "bob"}
    api("categoryUser", "add", categoryUser=member)
    assert entitled("media", "list", filter=by_id)["totalCount"] == 1  # type: ignore[index]


def test_sview_privilege_does_not_let_a_user_ks_change_an_entry(
    api: Api, http: httpx.Client, credentials: SandboxCredentials
) -> None:
    entry = api(
        "media", "add", entry={"objectType": "KalturaMediaEntry", "name": "shared", "mediaType": 1}
    )
    assert isinstance(entry, dict)
    ks = http.post(
        "/api_v3/service/session/action/start",
        data={
            "secret": credentials.user_secret,
            "userId": "viewer",
            "format": "1",
            "partnerId": str(credentials.partner_id),
            "privileges": f"sview:{entry['id']}",
        },
    ).json()
    viewer = Api(http, ks)
    assert viewer("media", "get", entryId=entry["id"])["id"] == entry["id"]  # type: ignore[index]
    change = {"objectType": "KalturaMediaEntry", "name": "hijacked"}
    refused = viewer("media", "update", entryId=entry["id"], mediaEntry=change)
    assert refused["code"] == "INVALID_KS"  # type: ignore[index]


def test_cors_preflight_is_answered(http: httpx.Client) -> None:
    answer = http.options("/api_v3/service/media/action/list")
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api_v3/index.php", {"service": "system", "action": "ping", "format": "1"}),
        ("/api_v3/", {"service": "system", "action": "ping", "format": "1"}),
        ("/api_v3/service/system", {"action": "ping", "format": "1"}),
    ],
)
def test_service_and_action_may_come_in_the_body(
    http: httpx.Client, path: str, body: dict[str, str]
) -> None:
    assert http.post(path, data=body).text == "true"
