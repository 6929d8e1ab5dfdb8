"""Multirequest over raw HTTP: numbering, shared params, references, per-item errors."""

from __future__ import annotations

import httpx
import pytest

from tests.sandbox.conftest import Api

MULTI = "/api_v3/service/multirequest"


def _add_entry(api: Api, name: str) -> str:
    entry = api(
        "media", "add", entry={"objectType": "KalturaMediaEntry", "name": name, "mediaType": 1}
    )
    assert isinstance(entry, dict)
    return str(entry["id"])


@pytest.mark.parametrize("base", [0, 1])
def test_keys_from_zero_or_one_run_in_order(http: httpx.Client, admin_ks: str, base: int) -> None:
    form = {
        "ks": admin_ks,
        "format": "1",
        f"{base}:service": "system",
        f"{base}:action": "ping",
        f"{base + 1}:service": "system",
        f"{base + 1}:action": "getTime",
    }
    ping, now = http.post(MULTI, data=form).json()
    assert ping is True and isinstance(now, int)


def test_runs_stop_at_the_first_gap(http: httpx.Client) -> None:
    form = {
        "format": "1",
        "1:service": "system",
        "1:action": "ping",
        "3:service": "system",
        "3:action": "ping",
    }
    assert http.post(MULTI, data=form).json() == [True]


def test_json_body_with_reference_into_an_array(api: Api, http: httpx.Client) -> None:
    entry_id = _add_entry(api, "mr json")
    body = {
        "format": "1",
        "ks": api.ks,
        "1": {
            "service": "media",
            "action": "list",
            "filter": {"objectType": "KalturaMediaEntryFilter", "idEqual": entry_id},
        },
        "2": {"service": "media", "action": "get", "entryId": "{1:result:objects:0:id}"},
        "3": {
            "service": "media",
            "action": "update",
            "entryId": "{2:result:id}",
            "mediaEntry": {
                "objectType": "KalturaMediaEntry",
                "description": "from {2:result:name}",
            },
        },
    }
    listed, fetched, updated = http.post(MULTI, json=body).json()
    assert listed["objects"][0]["id"] == fetched["id"] == entry_id
    assert updated["description"] == "from mr json"


def test_item_errors_do_not_stop_the_rest(http: httpx.Client, admin_ks: str) -> None:
    form = {
        "ks": admin_ks,
        "1:service": "media",
        "1:action": "get",
        "1:entryId": "0_absent",
        "2:service": "system",
        "2:action": "ping",
    }
    answer = http.post(MULTI, data=form)
    assert answer.status_code == 200
    assert answer.text.count("<item>") >= 2
    assert "<item><error><code>ENTRY_ID_NOT_FOUND</code>" in answer.text
    assert "<item>1</item>" in answer.text


def test_broken_reference_becomes_empty_and_fails_only_its_item(
    http: httpx.Client, admin_ks: str
) -> None:
    body = {
        "format": "1",
        "ks": admin_ks,
        "1": {"service": "system", "action": "ping"},
        "2": {"service": "media", "action": "get", "entryId": "{1:result:objects:7:id}"},
        "3": {"service": "media", "action": "get", "entryId": "{9:result}"},
    }
    ping, broken, unknown = http.post(MULTI, json=body).json()
    assert ping is True
    assert broken["code"] == unknown["code"] == "ENTRY_ID_NOT_FOUND"


def test_files_inside_a_multirequest_use_numbered_names(api: Api, http: httpx.Client) -> None:
    token = api("uploadToken", "add")
    assert isinstance(token, dict)
    answer = http.post(
        MULTI,
        data={
            "ks": api.ks,
            "format": "1",
            "1:service": "uploadToken",
            "1:action": "upload",
            "1:uploadTokenId": token["id"],
        },
        files={"1:fileData": ("x.bin", b"12345", "application/octet-stream")},
    )
    assert answer.json()[0]["uploadedFileSize"] == 5
