"""The sandbox gzips its api_v3 answers for a client that asks, as a Kaltura server does (its
Apache compresses HTML, JavaScript and XML, and the official clients ask for gzip: see
docs/SANDBOX.md). A file answer
(`data.serve`), delivered media and any Range request go as their bytes are; and the console,
calling it in process, gets answers uncompressed (app/compression.py, app/sandbox/origin.py)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from app.compression import MINIMUM_BYTES
from app.sandbox import create_sandbox_app
from app.sandbox.origin import InProcess
from app.settings import Settings
from app.web.app import create_app
from tests.sandbox.conftest import Api, LiveSandbox
from tests.sandbox.test_sandbox_delivery import VIDEO, _upload_entry

GZIP = {"Accept-Encoding": "gzip, deflate"}
NOTES = "a line of notes that a data entry keeps\n" * 100  # 4 KB of text


def _varies_on_encoding(response: httpx.Response) -> bool:
    return "accept-encoding" in response.headers.get("vary", "").lower()


def test_answers_go_gzipped_to_a_client_that_asks_and_say_they_vary(
    api: Api, http: httpx.Client
) -> None:
    for n in range(4):
        api(
            "media",
            "add",
            entry={"objectType": "KalturaMediaEntry", "name": f"e{n}", "mediaType": 1},
        )
    body = {"format": "1", "ks": api.ks}
    packed = http.post("/api_v3/service/media/action/list", json=body, headers=GZIP)
    plain = http.post(
        "/api_v3/service/media/action/list", json=body, headers={"Accept-Encoding": "identity"}
    )

    assert len(plain.content) >= MINIMUM_BYTES
    assert packed.headers["content-encoding"] == "gzip"
    assert int(packed.headers["content-length"]) < len(plain.content) / 2
    assert packed.json()["totalCount"] == plain.json()["totalCount"] >= 4
    assert "content-encoding" not in plain.headers
    assert _varies_on_encoding(packed) and _varies_on_encoding(plain)
    schema = http.get("/api_v3/api_schema.php", headers=GZIP)
    assert schema.headers["content-encoding"] == "gzip"


def test_a_served_file_goes_as_its_bytes_though_the_client_asks_for_gzip(
    api: Api, http: httpx.Client
) -> None:
    """`data.serve` answers with `Accept-Ranges: bytes` (served_file.py): its bytes are the
    file's, whatever the client takes."""
    entry = api(
        "data",
        "add",
        dataEntry={"objectType": "KalturaDataEntry", "name": "n.txt", "dataContent": NOTES},
    )
    assert isinstance(entry, dict)
    params = {"ks": api.ks, "entryId": entry["id"]}
    listed = http.get(
        "/api_v3/service/data/action/list", params={**params, "format": "1"}, headers=GZIP
    )
    assert listed.headers["content-encoding"] == "gzip"  # the API answer beside it

    served = http.get("/api_v3/service/data/action/serve", params=params, headers=GZIP)

    assert served.status_code == 200
    assert served.headers["content-type"].startswith("text/plain")
    assert "content-encoding" not in served.headers
    assert int(served.headers["content-length"]) == len(NOTES.encode()) == len(served.content)


def test_delivered_media_and_ranges_go_as_their_bytes(api: Api) -> None:
    entry = _upload_entry(api)
    whole = httpx.get(str(entry["downloadUrl"]), headers=GZIP, timeout=30)
    part = httpx.get(str(entry["dataUrl"]), headers={**GZIP, "Range": "bytes=0-99"}, timeout=30)

    assert (whole.status_code, whole.content) == (200, VIDEO)
    assert "content-encoding" not in whole.headers
    assert (part.status_code, part.content) == (206, VIDEO[:100])
    assert "content-encoding" not in part.headers
    beside = api.http.get("/api_v3/api_schema.php", headers=GZIP)
    assert beside.headers["content-encoding"] == "gzip"  # where it is worth it


def test_the_console_calling_in_process_gets_answers_uncompressed(
    live: LiveSandbox, admin_ks: str
) -> None:
    """Compressing there would only be undone a moment later in the same process."""
    app = create_sandbox_app(live.config)

    async def schema_encoding(wrapped: bool) -> str:
        transport = httpx.ASGITransport(app=InProcess(app) if wrapped else app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://sandbox.testme.invalid"
        ) as inside:
            answer = await inside.get("/api_v3/api_schema.php", headers=GZIP)
            return answer.headers.get("content-encoding", "")

    # On a thread of its own: a browser test in the same worker may leave a loop running here.
    with ThreadPoolExecutor(1) as thread:
        wrapped = thread.submit(asyncio.run, schema_encoding(True)).result()
        bare = thread.submit(asyncio.run, schema_encoding(False)).result()
    assert (bare, wrapped) == ("gzip", "")


class Recording(httpx.AsyncBaseTransport):
    """The network, noting how each answer came encoded."""

    def __init__(self) -> None:
        self.network = httpx.AsyncHTTPTransport()
        self.encodings: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.network.handle_async_request(request)
        self.encodings.append(response.headers.get("content-encoding", ""))
        return response

    async def aclose(self) -> None:
        await self.network.aclose()


def test_a_console_pointed_at_a_sandbox_over_the_network_reads_its_gzipped_answers(
    live: LiveSandbox, api: Api, tmp_path: Path
) -> None:
    """The console's one outbound client takes gzip, as the official clients do: the schema
    and a Send's answer come compressed and read as they were meant."""
    api(
        "media",
        "add",
        entry={"objectType": "KalturaMediaEntry", "name": "seen-through-gzip", "mediaType": 1},
    )
    network = Recording()
    settings = Settings(service_url=live.url, data_dir=tmp_path, allowed_hosts=("testserver",))
    with TestClient(create_app(settings, transport=network)) as console:
        result = console.post(
            "/api_v3/testme/send",
            data={"service": "media", "action": "list", "ks": api.ks},
            files={"_": ("", b"")},
            headers={"Sec-Fetch-Site": "same-origin"},
        )
    assert result.status_code == 200
    assert "seen-through-gzip" in result.text
    assert network.encodings[0] == "gzip"  # api_schema.php, at start-up
    assert network.encodings[-1] == "gzip"  # the answer to media.list
