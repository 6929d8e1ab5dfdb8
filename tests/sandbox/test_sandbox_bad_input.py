"""Bad input gets the Kaltura error a real server gives: HTTP 200, `X-Kaltura: error-CODE`,
never a 500, and nothing stored is damaged."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from tests.sandbox.conftest import SMALL_UPLOAD_CAP, Api

KS = "<ks>"


@dataclass(frozen=True)
class Bad:
    path: str
    code: str
    data: dict[str, str] | None = None
    content: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    files: dict[str, Any] | None = None


def _media(action: str) -> str:
    return f"/api_v3/service/media/action/{action}"


CASES = {
    "malformed-json": Bad(
        _media("list"),
        "INVALID_PARAMETER_VALUE",
        content=b'{"ks": "x", "filter": {',
        headers={"content-type": "application/json"},
    ),
    "json-that-is-not-an-object": Bad(
        _media("list"),
        "INVALID_PARAMETER_VALUE",
        content=b"[1, 2]",
        headers={"content-type": "application/json"},
    ),
    "form-sent-as-json": Bad(
        _media("list"),
        "INVALID_PARAMETER_VALUE",
        content=b"ks=abc&format=1",
        headers={"content-type": "application/json"},
    ),
    "broken-multipart": Bad(
        _media("list"),
        "INVALID_PARAMETER_VALUE",
        content=b"this is not multipart",
        headers={"content-type": "multipart/form-data; boundary=zzz"},
    ),
    "text-for-an-int-param": Bad(
        "/api_v3/service/category/action/get",
        "INVALID_PARAMETER_VALUE",
        data={"ks": KS, "id": "abc"},
    ),
    "text-for-an-int-property": Bad(
        _media("list"),
        "PROPERTY_VALIDATION_NUMERIC_VALUE",
        data={"ks": KS, "pager:pageSize": "abc"},
    ),
    "text-for-a-bool": Bad(
        "/api_v3/service/uploadToken/action/upload",
        "INVALID_PARAMETER_VALUE",
        data={"ks": KS, "uploadTokenId": "x", "resume": "maybe"},
        files={"fileData": ("f", b"1")},
    ),
    "unknown-enum-value": Bad(
        _media("add"),
        "INVALID_ENUM_VALUE",
        data={"ks": KS, "entry:objectType": "KalturaMediaEntry", "entry:mediaType": "99"},
    ),
    "unknown-service": Bad("/api_v3/service/nosuch/action/list", "SERVICE_DOES_NOT_EXISTS"),
    "unknown-action": Bad(_media("explode"), "ACTION_DOES_NOT_EXISTS", data={"ks": KS}),
    "legacy-without-service": Bad("/api_v3/index.php", "SERVICE_NOT_SPECIFIED"),
    "missing-mandatory": Bad(_media("get"), "MISSING_MANDATORY_PARAMETER", data={"ks": KS}),
    "missing-ks": Bad(_media("list"), "MISSING_KS"),
    "garbage-ks": Bad(_media("list"), "INVALID_KS", data={"ks": "garbage!"}),
    "abstract-object-type": Bad(
        _media("addContent"),
        "OBJECT_TYPE_ABSTRACT",
        data={"ks": KS, "entryId": "0_x", "resource:objectType": "KalturaResource"},
    ),
    "abstract-declared-type-without-object-type": Bad(
        _media("addContent"),
        "OBJECT_TYPE_ABSTRACT",
        data={"ks": KS, "entryId": "0_x", "resource:token": "t"},
    ),
    "unrelated-object-type": Bad(
        _media("add"), "INVALID_OBJECT_TYPE", data={"ks": KS, "entry:objectType": "KalturaCategory"}
    ),
    "unknown-object-type": Bad(
        _media("add"),
        "INVALID_OBJECT_TYPE",
        data={"ks": KS, "entry:objectType": "KalturaNoSuchThing"},
    ),
    "object-given-as-text": Bad(
        _media("list"), "INVALID_PARAMETER_VALUE", data={"ks": KS, "filter": "everything"}
    ),
    "upload-beyond-the-cap": Bad(
        "/api_v3/service/uploadToken/action/upload",
        "FILE_SIZE_EXCEEDED",
        data={"ks": KS, "uploadTokenId": "x"},
        files={"fileData": ("big.bin", b"\0" * (SMALL_UPLOAD_CAP + 2 * 1024 * 1024))},
    ),
}


def _send(http: httpx.Client, case: Bad, ks: str) -> httpx.Response:
    data = {k: (ks if v == KS else v) for k, v in (case.data or {}).items()}
    if case.content is not None:
        return http.post(case.path, content=case.content, headers=case.headers)
    return http.post(case.path, data=data, files=case.files)


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_gets_the_kaltura_error_with_http_200(
    http: httpx.Client, admin_ks: str, name: str
) -> None:
    case = CASES[name]
    answer = _send(http, case, admin_ks)
    assert answer.status_code == 200
    assert answer.headers["x-kaltura"] == f"error-{case.code}"
    assert answer.headers["access-control-allow-origin"] == "*"
    assert f"<error><code>{case.code}</code>" in answer.text


def test_errors_carry_message_and_args_in_json(api: Api) -> None:
    answer = api.response("media", "get", entryId="0_gone")
    assert answer.json() == {
        "code": "ENTRY_ID_NOT_FOUND",
        "message": 'Entry id "0_gone" not found',
        "objectType": "KalturaAPIException",
        "args": {"ENTRY_ID": "0_gone"},
    }


def test_errors_carry_message_and_args_in_xml(http: httpx.Client) -> None:
    answer = http.get("/api_v3/service/nosuch/action/list")
    assert (
        "<error><code>SERVICE_DOES_NOT_EXISTS</code>"
        '<message>Service "nosuch" does not exists</message>'
        "<objectType>KalturaAPIException</objectType><args><item><objectType>KalturaApiExceptionArg"
        "</objectType><name>SRV_NAME</name><value>nosuch</value></item></args></error>"
    ) in answer.text


def test_bad_input_damages_nothing_stored(api: Api, http: httpx.Client) -> None:
    entry = api(
        "media", "add", entry={"objectType": "KalturaMediaEntry", "name": "keep me", "mediaType": 1}
    )
    assert isinstance(entry, dict)
    before = api("baseEntry", "count")
    for case in CASES.values():
        _send(http, case, api.ks)
    bad_update = api.response(
        "media",
        "update",
        entryId=entry["id"],
        mediaEntry={"objectType": "KalturaMediaEntry", "name": "x", "mediaType": "99"},
    )
    assert bad_update.headers["x-kaltura"] == "error-INVALID_ENUM_VALUE"
    assert api("baseEntry", "count") == before
    assert api("media", "get", entryId=entry["id"]) == entry


def test_invalid_ks_message_names_the_failure(http: httpx.Client) -> None:
    answer = http.post("/api_v3/service/media/action/list", data={"ks": "garbage!", "format": "1"})
    assert answer.json()["message"] == 'Invalid KS "garbage!", Error "-1,INVALID_STR"'


def test_json_body_of_the_official_client_shape_is_accepted(
    http: httpx.Client, admin_ks: str
) -> None:
    body = {
        "format": "1",
        "ks": admin_ks,
        "filter": {"objectType": "KalturaMediaEntryFilter", "statusIn": "7,2"},
        "kalsig": "abc",
    }
    answer = http.post(
        "/api_v3/service/media/action/list",
        content=json.dumps(body),
        headers={"content-type": "application/json"},
    )
    assert answer.json()["objectType"] == "KalturaMediaListResponse"


def test_oversized_chunked_upload_without_length_is_refused(
    http: httpx.Client, admin_ks: str
) -> None:
    boundary = "b0undary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="ks"\r\n\r\n{admin_ks}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="uploadTokenId"\r\n\r\nx\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="fileData"; filename="b"\r\n\r\n'
    ).encode()

    def body() -> Iterator[bytes]:
        yield head
        for _ in range(40):
            yield b"\0" * 64 * 1024
        yield f"\r\n--{boundary}--\r\n".encode()

    answer = http.post(
        "/api_v3/service/uploadToken/action/upload",
        content=body(),
        headers={"content-type": f"multipart/form-data; boundary={boundary}"},
    )
    assert answer.headers["x-kaltura"] == "error-FILE_SIZE_EXCEEDED"


def test_chunks_adding_up_beyond_the_cap_are_refused(api: Api, http: httpx.Client) -> None:
    token = api("uploadToken", "add")
    assert isinstance(token, dict)

    def chunk(size: int, resume: str) -> httpx.Response:
        return http.post(
            "/api_v3/service/uploadToken/action/upload",
            data={
                "ks": api.ks,
                "uploadTokenId": token["id"],
                "resume": resume,
                "finalChunk": "false",
            },
            files={"fileData": ("c", b"\1" * size)},
        )

    assert "x-kaltura" not in chunk(SMALL_UPLOAD_CAP - 10, "false").headers
    assert chunk(100, "true").headers["x-kaltura"] == "error-FILE_SIZE_EXCEEDED"


@pytest.mark.parametrize(
    "content",
    [
        b"[" * 100_000 + b"]" * 100_000,
        json.dumps({"ks": "x", "a" * 10: "b"}).encode()[:-1] + b"\xff}",
    ],
    ids=["deeply-nested-json", "json-with-broken-utf8"],
)
def test_pathological_json_is_an_error_not_a_crash(http: httpx.Client, content: bytes) -> None:
    answer = http.post(
        "/api_v3/service/system/action/ping",
        content=content,
        headers={"content-type": "application/json"},
    )
    assert answer.status_code == 200
    assert answer.headers["x-kaltura"] == "error-INVALID_PARAMETER_VALUE"


def test_absurdly_deep_form_names_are_survived(http: httpx.Client) -> None:
    answer = http.post(
        "/api_v3/service/multirequest", data={":".join(["1"] * 5000): "x", "format": "1"}
    )
    assert answer.status_code == 200
