"""The sandbox serves its entries' bytes at the URLs its answers carry: Range requests as a
`<video>` element makes them (httpx), the KS deciding who may read what, the ready delay that
polling code waits out, and the origin the URLs are built from."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from KalturaClient.Plugins.Core import KalturaSessionType

from app.sandbox import SandboxConfig, create_sandbox_app
from app.sandbox.origin import CONSOLE_ORIGIN_HEADER, InProcess
from app.web.upstream import CONSOLE_ORIGIN_HEADER as CONSOLE_SENDS
from tests.sandbox.conftest import Api, LiveSandbox, start_live
from tests.sandbox.media_files import mp4

VIDEO = mp4(b"isom", (640, 360), timescale=1000, duration=5000) + bytes(range(256)) * 4
PRECONVERT, READY, IMPORT = "1", "2", "0"


def _upload_entry(api: Api, name: str = "served") -> dict[str, object]:
    token = api("uploadToken", "add", uploadToken={"objectType": "KalturaUploadToken"})
    assert isinstance(token, dict)
    api.http.post(
        "/api_v3/service/uploadToken/action/upload",
        data={"ks": api.ks, "format": "1", "uploadTokenId": token["id"]},
        files={"fileData": ("clip.mp4", VIDEO)},
    )
    entry = api(
        "media", "add", entry={"objectType": "KalturaMediaEntry", "name": name, "mediaType": 1}
    )
    resource = {"objectType": "KalturaUploadedFileTokenResource", "token": token["id"]}
    added = api("media", "addContent", entryId=entry["id"], resource=resource)
    assert isinstance(added, dict)
    return added


@pytest.mark.parametrize(
    ("asked", "status", "content_range", "body"),
    [
        ("bytes=0-9", 206, f"bytes 0-9/{len(VIDEO)}", VIDEO[:10]),
        ("bytes=100-", 206, f"bytes 100-{len(VIDEO) - 1}/{len(VIDEO)}", VIDEO[100:]),
        ("bytes=-16", 206, f"bytes {len(VIDEO) - 16}-{len(VIDEO) - 1}/{len(VIDEO)}", VIDEO[-16:]),
        (f"bytes={len(VIDEO)}-", 416, f"bytes */{len(VIDEO)}", None),
    ],
)
def test_delivery_honours_range_requests(
    api: Api, asked: str, status: int, content_range: str, body: bytes | None
) -> None:
    """api_v3 serves files with Range; a player seeks with it."""
    entry = _upload_entry(api)

    answer = httpx.get(str(entry["dataUrl"]), headers={"Range": asked}, timeout=30)

    assert (answer.status_code, answer.headers["content-range"]) == (status, content_range)
    if body is not None:
        assert answer.content == body
        assert answer.headers["content-type"] == "video/mp4"


def test_delivery_answers_head_and_whole_files_with_accept_ranges(api: Api) -> None:
    entry = _upload_entry(api)
    head = httpx.head(str(entry["downloadUrl"]), timeout=30)
    assert (head.status_code, head.headers["accept-ranges"]) == (200, "bytes")
    assert head.headers["content-length"] == str(len(VIDEO))
    assert head.headers["content-disposition"].startswith("attachment")


def _user_ks(live: LiveSandbox, user_id: str, privileges: str = "") -> str:
    ks: str = live.client().session.start(
        live.credentials.user_secret,
        user_id,
        KalturaSessionType.USER,
        live.credentials.partner_id,
        86400,
        privileges,
    )
    return ks


def _in_a_category(api: Api, entry: dict[str, object]) -> None:
    """Put `entry` in a new category: a user with `enableentitlement` sees it only as a member."""
    club = {"objectType": "KalturaCategory", "name": f"club of {entry['id']}"}
    category = api("category", "add", category=club)
    assert isinstance(category, dict)
    link = {"objectType": "KalturaCategoryEntry", "categoryId": category["id"]}
    api("categoryEntry", "add", categoryEntry={**link, "entryId": entry["id"]})


def test_a_user_ks_reads_the_bytes_of_the_entries_it_may_see_only(
    live: LiveSandbox, http: httpx.Client, api: Api
) -> None:
    """Entitlement as media.get applies it: with `enableentitlement`, an entry in a category the
    user is no member of is not found. The KS rides in the path as `ks/…`, where playManifest reads
    it."""
    alice, bob = _user_ks(live, "alice"), _user_ks(live, "bob", "enableentitlement")
    entry = _upload_entry(Api(http, alice), "alice's")
    url = str(entry["dataUrl"])
    assert f"/ks/{alice}/" in url
    _in_a_category(api, entry)
    carol = _user_ks(live, "carol")
    assert httpx.get(url.replace(alice, carol), timeout=30).content == VIDEO  # none enforced

    as_bob = httpx.get(url.replace(alice, bob), timeout=30)
    by_query = httpx.get(url.replace(f"/ks/{alice}", "") + f"?ks={bob}", timeout=30)
    without = httpx.get(url.replace(f"/ks/{alice}", ""), timeout=30)
    forged = httpx.get(url.replace(alice, alice[:-4] + "AAAA"), timeout=30)

    assert httpx.get(url, timeout=30).content == VIDEO
    assert (as_bob.status_code, by_query.status_code) == (404, 404)
    assert VIDEO not in as_bob.content
    assert (without.status_code, forged.status_code) == (403, 403)
    admin = url.replace(alice, live.admin_ks())
    assert httpx.get(admin, timeout=30).content == VIDEO


@pytest.fixture(scope="module")
def slow(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSandbox]:
    config = SandboxConfig(data_dir=tmp_path_factory.mktemp("slow"), ready_delay_seconds=1.0)
    sandbox = start_live(config)
    yield sandbox
    sandbox.stop()


def test_with_a_ready_delay_the_entry_moves_on_when_read_after_it(slow: LiveSandbox) -> None:
    """api_v3 reports PRECONVERT while converting and IMPORT while fetching a URL;
    TESTME_SANDBOX_READY_DELAY."""
    with httpx.Client(base_url=slow.url, timeout=30) as http:
        api = Api(http, slow.admin_ks())
        waiting = _upload_entry(api, "slow")
        imported = api(
            "media",
            "addFromUrl",
            url=waiting["downloadUrl"],
            mediaEntry={"objectType": "KalturaMediaEntry", "name": "i", "mediaType": 1},
        )

        assert (waiting["status"], imported["status"]) == (PRECONVERT, IMPORT)
        assert api("media", "get", entryId=waiting["id"])["status"] == PRECONVERT
        assert httpx.get(str(waiting["dataUrl"]), timeout=30).status_code == 404
        time.sleep(1.2)
        assert api("media", "get", entryId=waiting["id"])["status"] == READY
        listed = api(
            "media",
            "list",
            filter={"objectType": "KalturaMediaEntryFilter", "idEqual": imported["id"]},
        )
        assert listed["objects"][0]["status"] == READY
        assert httpx.get(str(waiting["dataUrl"]), timeout=30).content == VIDEO


def test_urls_carry_the_console_origin_only_through_the_in_process_wrapper(
    tmp_path: Path, live: LiveSandbox, admin_ks: str, http: httpx.Client
) -> None:
    """The console calls the sandbox in-process under a name nobody can fetch; the URLs its
    users see must point at the console (docs/SANDBOX.md "Playable media")."""
    assert CONSOLE_ORIGIN_HEADER == CONSOLE_SENDS
    entry = _upload_entry(Api(http, admin_ks))
    told = {CONSOLE_ORIGIN_HEADER: "https://console.example:8443"}

    over_network = http.post(
        "/api_v3/service/media/action/get",
        headers=told,
        data={"ks": admin_ks, "format": "1", "entryId": entry["id"]},
    ).json()
    assert str(over_network["dataUrl"]).startswith(f"{live.url}/p/")

    app = create_sandbox_app(live.config)
    body = {"ks": admin_ks, "format": "1", "entryId": entry["id"]}

    async def through_the_console_transport(headers: dict[str, str]) -> dict[str, object]:
        transport = httpx.ASGITransport(app=InProcess(app))
        async with httpx.AsyncClient(
            transport=transport, base_url="http://sandbox.testme.invalid"
        ) as inside:
            answer = await inside.post(
                "/api_v3/service/media/action/get", headers=headers, data=body
            )
            return dict(answer.json())

    # On a thread of its own: a browser test in the same worker may leave a loop running here.
    with ThreadPoolExecutor(1) as thread:
        told_in = thread.submit(asyncio.run, through_the_console_transport(told)).result()
        untold = thread.submit(asyncio.run, through_the_console_transport({})).result()

    assert str(told_in["dataUrl"]).startswith("https://console.example:8443/p/")
    assert str(untold["dataUrl"]).startswith("http://sandbox.testme.invalid/p/")


def test_a_user_ks_sees_only_the_assets_of_entries_it_may_see(
    live: LiveSandbox, http: httpx.Client, api: Api
) -> None:
    """api_v3's asset list: entryIdEqual or entryIdIn required, entries filtered by
    entitlement."""
    alice = Api(http, _user_ks(live, "alice"))
    bob = Api(http, _user_ks(live, "bob", "enableentitlement"))
    entry = _upload_entry(alice, "alice's assets")
    _in_a_category(api, entry)
    by_entry = {"objectType": "KalturaAssetFilter", "entryIdEqual": entry["id"]}

    mine = alice("flavorAsset", "list", filter=by_entry)
    theirs = bob("flavorAsset", "list", filter=by_entry)
    thumbs = bob("thumbAsset", "list", filter=by_entry)
    unfiltered = alice("flavorAsset", "list")

    assert isinstance(mine, dict) and mine["totalCount"] == 1
    flavor_id = mine["objects"][0]["id"]
    assert (theirs, thumbs) == (
        {"objects": [], "totalCount": 0, "objectType": "KalturaFlavorAssetListResponse"},
        {"objects": [], "totalCount": 0, "objectType": "KalturaThumbAssetListResponse"},
    )
    assert bob("flavorAsset", "get", id=flavor_id)["code"] == "FLAVOR_ASSET_ID_NOT_FOUND"
    assert bob("flavorAsset", "getUrl", id=flavor_id)["code"] == "FLAVOR_ASSET_ID_NOT_FOUND"
    assert unfiltered["code"] == "PROPERTY_VALIDATION_CANNOT_BE_NULL"


def test_the_ks_in_the_urls_is_never_stored(live: LiveSandbox, http: httpx.Client) -> None:
    """The URLs carry the caller's KS; they are made on each read, so the database (and its
    write-ahead log) never holds one, whatever was read and saved since."""
    ks = _user_ks(live, "carol")
    api = Api(http, ks)
    entry = _upload_entry(api, "carol's")
    api(
        "media",
        "update",
        entryId=entry["id"],
        mediaEntry={"objectType": "KalturaMediaEntry", "name": "renamed"},
    )
    api("media", "list")

    stored = b"".join(p.read_bytes() for p in live.config.data_dir.glob("sandbox.sqlite3*"))
    assert entry["id"].encode() in stored
    assert ks.encode() not in stored
