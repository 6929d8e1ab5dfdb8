"""What each service does, over raw HTTP in JSON format."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from app.sandbox import SandboxCredentials
from tests.sandbox.conftest import Api


def _obj(value: object) -> dict[str, object]:
    assert isinstance(value, dict), value
    return value


def _add(api: Api, name: str, **extra: object) -> dict[str, object]:
    entry = {"objectType": "KalturaMediaEntry", "name": name, "mediaType": 1, **extra}
    return _obj(api("media", "add", entry=entry))


def test_list_honours_filters_order_and_pager(api: Api) -> None:
    tag = f"t{time.time_ns()}"
    for name in ("beta", "alpha", "gamma"):
        _add(api, f"{tag} {name}", tags=f"{tag},{name}")
    filter_ = {"objectType": "KalturaMediaEntryFilter", "tagsLike": tag, "orderBy": "+name"}
    listed = _obj(api("media", "list", filter=filter_, pager={"pageSize": 2, "pageIndex": 1}))
    assert listed["totalCount"] == 3
    assert [o["name"] for o in listed["objects"]] == [f"{tag} alpha", f"{tag} beta"]  # type: ignore[attr-defined]
    second = _obj(
        api(
            "media",
            "list",
            filter={**filter_, "orderBy": "-name"},
            pager={"pageSize": 2, "pageIndex": 2},
        )
    )
    assert [o["name"] for o in second["objects"]] == [f"{tag} alpha"]  # type: ignore[attr-defined]
    assert api("media", "count", filter={**filter_, "tagsMultiLikeOr": "gamma"}) == 1


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("statusIn", "7", 1),
        ("statusIn", "2", 0),
        ("createdAtGreaterThanOrEqual", "-3600", 1),
        ("createdAtLessThanOrEqual", "-3600", 0),
        ("mediaTypeEqual", "1", 1),
        ("mediaTypeEqual", "2", 0),
    ],
)
def test_filter_fields(api: Api, field: str, value: str, expected: int) -> None:
    entry = _add(api, f"filtered {time.time_ns()}")
    filter_ = {"objectType": "KalturaMediaEntryFilter", "idEqual": entry["id"], field: value}
    assert api("media", "count", filter=filter_) == expected


def test_chunked_upload_with_resume_then_final_chunk(api: Api, http: httpx.Client) -> None:
    token = _obj(
        api(
            "uploadToken",
            "add",
            uploadToken={"objectType": "KalturaUploadToken", "fileName": "c.bin"},
        )
    )

    def chunk(data: bytes, **params: str) -> dict[str, object]:
        answer = http.post(
            "/api_v3/service/uploadToken/action/upload",
            data={"ks": api.ks, "format": "1", "uploadTokenId": str(token["id"]), **params},
            files={"fileData": ("c.bin", data)},
        )
        return _obj(answer.json())

    first = chunk(b"abc", finalChunk="false")
    assert (first["status"], first["uploadedFileSize"]) == (1, 3)
    second = chunk(b"def", resume="true", resumeAt="3", finalChunk="false")
    assert second["uploadedFileSize"] == 6
    last = chunk(b"gh", resume="true", resumeAt="-1", finalChunk="true")
    assert (last["status"], last["uploadedFileSize"]) == (2, 8)
    again = http.post(
        "/api_v3/service/uploadToken/action/upload",
        data={"ks": api.ks, "uploadTokenId": str(token["id"])},
        files={"fileData": ("c.bin", b"x")},
    )
    assert again.headers["x-kaltura"] == "error-UPLOAD_TOKEN_INVALID_STATUS_FOR_UPLOAD"


def test_add_content_refuses_a_second_content(api: Api) -> None:
    """A token in each status: tests/sandbox/test_sandbox_upload_order.py. A URL the sandbox
    does not serve itself fails the import (ERROR_IMPORTING, -2): tests/sandbox/test_sandbox_ingest_json.py."""
    entry = _add(api, "content twice")
    url = {"objectType": "KalturaUrlResource", "url": "https://example.com/a.mp4"}
    assert _obj(api("media", "addContent", entryId=entry["id"], resource=url))["status"] == "-2"
    assert (
        _obj(api("media", "addContent", entryId=entry["id"], resource=url))["code"]
        == "ENTRY_ALREADY_WITH_CONTENT"
    )


def test_category_tree_keeps_full_names_and_depth(api: Api) -> None:
    root_name = f"root{time.time_ns()}"
    root = _obj(
        api("category", "add", category={"objectType": "KalturaCategory", "name": root_name})
    )
    child = _obj(
        api(
            "category",
            "add",
            category={"objectType": "KalturaCategory", "name": "kid", "parentId": root["id"]},
        )
    )
    assert (child["fullName"], child["depth"], child["fullIds"]) == (
        f"{root_name}>kid",
        1,
        f"{root['id']}>{child['id']}",
    )
    duplicate = _obj(
        api(
            "category",
            "add",
            category={"objectType": "KalturaCategory", "name": "kid", "parentId": root["id"]},
        )
    )
    assert duplicate["code"] == "DUPLICATE_CATEGORY"
    renamed = _obj(
        api(
            "category",
            "update",
            id=root["id"],
            category={"objectType": "KalturaCategory", "name": root_name + "x"},
        )
    )
    assert renamed["fullName"] == root_name + "x"
    assert _obj(api("category", "get", id=child["id"]))["fullName"] == f"{root_name}x>kid"
    listed = _obj(
        api(
            "category",
            "list",
            filter={"objectType": "KalturaCategoryFilter", "parentIdEqual": root["id"]},
        )
    )
    assert listed["totalCount"] == 1
    missing_parent = _obj(
        api(
            "category",
            "add",
            category={"objectType": "KalturaCategory", "name": "o", "parentId": 999999},
        )
    )
    assert missing_parent["code"] == "PARENT_CATEGORY_NOT_FOUND"


def test_category_entries_update_counts_and_entry_categories(api: Api) -> None:
    category = _obj(
        api(
            "category",
            "add",
            category={"objectType": "KalturaCategory", "name": f"c{time.time_ns()}"},
        )
    )
    entry = _add(api, "categorised")
    link = {
        "objectType": "KalturaCategoryEntry",
        "categoryId": category["id"],
        "entryId": entry["id"],
    }
    assert _obj(api("categoryEntry", "add", categoryEntry=link))["categoryId"] == category["id"]
    assert (
        _obj(api("categoryEntry", "add", categoryEntry=link))["code"]
        == "CATEGORY_ENTRY_ALREADY_EXISTS"
    )
    assert _obj(api("category", "get", id=category["id"]))["entriesCount"] == 1
    assert _obj(api("media", "get", entryId=entry["id"]))["categoriesIds"] == str(category["id"])
    listed = _obj(
        api(
            "categoryEntry",
            "list",
            filter={"objectType": "KalturaCategoryEntryFilter", "entryIdEqual": entry["id"]},
        )
    )
    assert listed["totalCount"] == 1
    assert _obj(api("categoryEntry", "list"))["code"] == "MUST_FILTER_ON_ENTRY_OR_CATEGORY"
    api("categoryEntry", "delete", entryId=entry["id"], categoryId=category["id"])
    assert _obj(api("category", "get", id=category["id"]))["entriesCount"] == 0
    api("category", "delete", id=category["id"])
    assert _obj(api("category", "get", id=category["id"]))["code"] == "CATEGORY_NOT_FOUND"


def test_seeded_admin_logs_in_and_users_can_be_managed(
    api: Api, http: httpx.Client, credentials: SandboxCredentials
) -> None:
    ks = http.post(
        "/api_v3/service/user/action/loginByLoginId",
        data={
            "loginId": credentials.admin_login,
            "password": credentials.admin_password,
            "format": "1",
        },
    ).json()
    me = _obj(Api(http, ks)("user", "get"))
    assert (me["id"], me["isAdmin"]) == (credentials.admin_login, True)
    assert "password" not in me and "passwordHash" not in me
    wrong = http.post(
        "/api_v3/service/user/action/loginByLoginId",
        data={"loginId": credentials.admin_login, "password": "nope", "format": "1"},
    )
    assert wrong.headers["x-kaltura"] == "error-USER_WRONG_PASSWORD"
    user_id = f"u{time.time_ns()}"
    user = {
        "objectType": "KalturaUser",
        "id": user_id,
        "email": f"{user_id}@x.test",
        "password": "Sandb0x-pass",
        "loginEnabled": True,
    }
    assert _obj(api("user", "add", user=user))["id"] == user_id
    assert _obj(api("user", "add", user=user))["code"] == "DUPLICATE_USER_BY_ID"
    login = http.post(
        "/api_v3/service/user/action/loginByLoginId",
        data={"loginId": f"{user_id}@x.test", "password": "Sandb0x-pass", "format": "1"},
    ).json()
    assert isinstance(login, str) and login.startswith("djJ8")
    assert (
        _obj(
            api(
                "user",
                "update",
                userId=user_id,
                user={"objectType": "KalturaUser", "firstName": "F"},
            )
        )["firstName"]
        == "F"
    )
    assert _obj(api("user", "delete", userId=user_id))["status"] == 2
    assert _obj(api("user", "get", userId=user_id))["code"] == "INVALID_USER_ID"


def test_session_get_impersonate_and_wrong_secret(
    api: Api, http: httpx.Client, credentials: SandboxCredentials
) -> None:
    info = _obj(api("session", "get"))
    assert (info["partnerId"], info["sessionType"], info["userId"]) == (
        credentials.partner_id,
        2,
        "admin",
    )
    impersonated = http.post(
        "/api_v3/service/session/action/impersonate",
        data={
            "secret": credentials.admin_secret,
            "impersonatedPartnerId": str(credentials.partner_id),
            "partnerId": str(credentials.partner_id),
            "userId": "other",
            "format": "1",
        },
    ).json()
    assert _obj(Api(http, impersonated)("session", "get"))["userId"] == "other"
    by_ks = _obj(api("session", "impersonateByKs", session=api.ks, privileges="sview:*"))
    assert by_ks["privileges"] == "sview:*"
    wrong = http.post(
        "/api_v3/service/session/action/start",
        data={"secret": credentials.user_secret, "type": "2", "format": "1"},
    )
    assert wrong.json()["code"] == "START_SESSION_ERROR"


def test_base_entry_reads_and_deletes_media(api: Api) -> None:
    entry = _add(api, "base")
    assert _obj(api("baseEntry", "get", entryId=entry["id"]))["objectType"] == "KalturaMediaEntry"
    api("baseEntry", "delete", entryId=entry["id"])
    assert _obj(api("baseEntry", "get", entryId=entry["id"]))["code"] == "ENTRY_ID_NOT_FOUND"


def test_insert_only_property_cannot_be_updated(api: Api) -> None:
    entry = _add(api, "insert only")
    change = {"objectType": "KalturaMediaEntry", "mediaType": 2}
    assert _obj(api("media", "update", entryId=entry["id"], mediaEntry=change))["code"] == (
        "PROPERTY_VALIDATION_NOT_UPDATABLE"
    )


@pytest.mark.parametrize(
    ("sent", "named"),
    [({"id": "0_mine1234"}, "id"), ({"plays": 7}, "plays"), ({"createdAt__null": ""}, "createdAt")],
)
def test_add_refuses_a_read_only_property_as_api_v3_does(
    api: Api, sent: dict[str, object], named: str
) -> None:
    answer = _obj(
        api("media", "add", entry={"objectType": "KalturaMediaEntry", "mediaType": 1, **sent})
    )
    assert answer["code"] == "PROPERTY_VALIDATION_NOT_UPDATABLE"
    assert answer["message"] == f'The property "KalturaMediaEntry::{named}" cannot be updated'


def test_add_ignores_a_read_only_property_sent_as_json_null(api: Api) -> None:
    assert _add(api, "null id", id=None)["id"] != ""


def test_update_refuses_changing_a_read_only_property_but_not_resending_it(api: Api) -> None:
    entry = _add(api, "read only")
    same = {"objectType": "KalturaMediaEntry", "id": entry["id"], "name": "renamed"}
    assert _obj(api("media", "update", entryId=entry["id"], mediaEntry=same))["name"] == "renamed"
    moved = {"objectType": "KalturaMediaEntry", "createdAt": 5}
    answer = _obj(api("media", "update", entryId=entry["id"], mediaEntry=moved))
    assert answer["code"] == "PROPERTY_VALIDATION_NOT_UPDATABLE"
    assert answer["message"] == 'The property "KalturaMediaEntry::createdAt" cannot be updated'
    assert _obj(api("media", "get", entryId=entry["id"]))["createdAt"] == entry["createdAt"]


def test_media_add_requires_a_media_type(api: Api) -> None:
    answer = _obj(api("media", "add", entry={"objectType": "KalturaMediaEntry", "name": "no type"}))
    assert answer["message"] == 'The property "KalturaMediaEntry::mediaType" cannot be null'


def test_relative_times_are_relative_to_now(api: Api) -> None:
    entry = _add(api, "scheduled", startDate=3600)
    assert abs(int(entry["startDate"]) - (time.time() + 3600)) < 60  # type: ignore[call-overload]


def test_system_answers_without_a_session(http: httpx.Client) -> None:
    now = json.loads(http.get("/api_v3/service/system/action/getTime?format=1").text)
    assert abs(now - time.time()) < 60


def test_base_entry_list_with_a_media_filter_filters_media_fields(api: Api) -> None:
    marker = f"mixed{time.time_ns()}"
    _add(api, f"{marker} video")
    image = _obj(
        api(
            "media",
            "add",
            entry={"objectType": "KalturaMediaEntry", "name": f"{marker} image", "mediaType": 2},
        )
    )
    filter_ = {"objectType": "KalturaMediaEntryFilter", "nameLike": marker, "mediaTypeEqual": 2}
    listed = _obj(api("baseEntry", "list", filter=filter_))
    assert [o["id"] for o in listed["objects"]] == [image["id"]]  # type: ignore[attr-defined]


def test_session_start_without_a_partner_id_fails_like_api_v3(
    http: httpx.Client, credentials: SandboxCredentials
) -> None:
    answer = http.post(
        "/api_v3/service/session/action/start",
        data={"secret": credentials.admin_secret, "format": "1"},
    ).json()
    assert answer["message"] == "Error while starting session for partner []"


def test_impersonate_by_ks_answers_the_lifetime_and_refuses_garbage(api: Api) -> None:
    info = _obj(api("session", "impersonateByKs", session=api.ks, expiry=600))
    assert info["expiry"] == 600
    assert (
        _obj(api("session", "impersonateByKs", session="garbage"))["code"] == "START_SESSION_ERROR"
    )


def test_advanced_search_nests_operators_and_conditions(api: Api) -> None:
    marker = f"adv{time.time_ns()}"
    first = _add(api, f"{marker} one", partnerSortValue=5)
    _add(api, f"{marker} two", partnerSortValue=20)
    third = _add(api, f"{marker} three", partnerSortValue=50)
    search = {
        "objectType": "KalturaSearchOperator",
        "type": 2,
        "items": [
            {
                "objectType": "KalturaSearchComparableCondition",
                "field": "partnerSortValue",
                "value": "10",
                "comparison": "4",
            },
            {
                "objectType": "KalturaSearchOperator",
                "type": 1,
                "items": [
                    {
                        "objectType": "KalturaSearchCondition",
                        "field": "name",
                        "value": f"{marker} three",
                    },
                ],
            },
        ],
    }
    filter_ = {
        "objectType": "KalturaMediaEntryFilter",
        "nameLike": marker,
        "advancedSearch": search,
        "orderBy": "+partnerSortValue",
    }
    listed = _obj(api("media", "list", filter=filter_))
    assert [o["id"] for o in listed["objects"]] == [first["id"], third["id"]]  # type: ignore[attr-defined]


def test_advanced_search_item_must_be_concrete(api: Api) -> None:
    filter_ = {"objectType": "KalturaMediaEntryFilter", "advancedSearch": {"field": "name"}}
    assert _obj(api("media", "list", filter=filter_))["code"] == "OBJECT_TYPE_ABSTRACT"
