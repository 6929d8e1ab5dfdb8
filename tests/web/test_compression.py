"""Pages, htmx fragments and static files go gzip-compressed to a browser that asks for it, and
say `Vary: Accept-Encoding`; a client that does not ask, a request another site made, a small
body and Show all's stream get the bytes as they are (app/compression.py,
app/web/static_files.py). httpx (TestClient) inflates what it gets: the bytes on the wire are
`Content-Length`'s."""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi.testclient import TestClient

from app import compression
from app.resources import resource_path
from app.web.static_files import CACHE_FOREVER
from tests.web.conftest import FakeKaltura

PAGE = "/api_v3/testme/?service=media&action=list"
FRAGMENT = (
    "/api_v3/testme/params?service=media&action=list&filter:objectType=KalturaMediaEntryFilter"
)
GZIP = {"Accept-Encoding": "gzip, deflate"}
SAME_ORIGIN = {**GZIP, "Sec-Fetch-Site": "same-origin"}


def sent_bytes(response: httpx.Response) -> int:
    return int(response.headers["content-length"])


def varies_on_encoding(response: httpx.Response) -> bool:
    return "accept-encoding" in response.headers.get("vary", "").lower()


def static_url(client: TestClient, name: str) -> str:
    """`name` under the static files' versioned directory, as the page names it."""
    found = re.search(r'"(/api_v3/testme/static/[0-9a-f]+/)main\.js"', client.get(PAGE).text)
    assert found is not None
    return found.group(1) + name


@pytest.mark.parametrize("path", [PAGE, FRAGMENT], ids=["page", "fragment"])
def test_pages_and_fragments_go_gzipped_to_a_browser_that_asks(
    client: TestClient, path: str
) -> None:
    plain = client.get(path, headers={"Accept-Encoding": "identity"})
    packed = client.get(path, headers=SAME_ORIGIN)

    assert packed.headers["content-encoding"] == "gzip"
    assert packed.content == plain.content  # inflated, the same page
    assert sent_bytes(packed) < sent_bytes(plain) / 3
    assert varies_on_encoding(packed)


@pytest.mark.parametrize("asked", ["identity", "", "gzip;q=0", "br"])
def test_a_client_that_does_not_take_gzip_gets_the_page_as_it_is_and_told_it_varies(
    client: TestClient, asked: str
) -> None:
    page = client.get(PAGE, headers={"Accept-Encoding": asked})
    assert "content-encoding" not in page.headers
    assert sent_bytes(page) == len(page.content)
    assert varies_on_encoding(page)  # a cache between must not hand it gzip from another


@pytest.mark.parametrize("site", ["cross-site", "same-site"])
def test_a_page_another_site_asked_for_is_never_compressed(client: TestClient, site: str) -> None:
    """BREACH (SECURITY.md): a page holds secrets beside what its address put there."""
    assert client.get(PAGE, headers=SAME_ORIGIN).headers["content-encoding"] == "gzip"
    assert (
        client.get(PAGE, headers={**GZIP, "Sec-Fetch-Site": "none"}).headers["content-encoding"]
        == "gzip"
    )  # typed in the address bar
    other = client.get(PAGE, headers={**GZIP, "Sec-Fetch-Site": site})
    assert "content-encoding" not in other.headers


def test_a_small_answer_goes_as_it_is_and_a_large_one_gzipped(client: TestClient) -> None:
    small = client.get("/api_v3/testme/find", params={"q": "zzzz-nothing"}, headers=SAME_ORIGIN)
    large = client.get("/api_v3/testme/find", params={"q": "e"}, headers=SAME_ORIGIN)
    assert len(small.content) < compression.MINIMUM_BYTES <= len(large.content)
    assert "content-encoding" not in small.headers
    assert large.headers["content-encoding"] == "gzip"


def test_show_alls_stream_goes_as_it_is_while_the_result_is_gzipped(
    client: TestClient, fake: FakeKaltura
) -> None:
    items = "".join(f"<item><id>0_{i:08d}</id><name>entry {i}</name></item>" for i in range(3000))
    fake.reply_xml(f"<?xml version='1.0'?><xml><result><objects>{items}</objects></result></xml>")
    result = client.post(
        "/api_v3/testme/send",
        data={"service": "media", "action": "list"},
        files={"_": ("", b"")},
        headers=SAME_ORIGIN,
    )
    assert result.headers["content-encoding"] == "gzip"
    rest = client.post(
        "/api_v3/testme/whole",
        params={"type": "text/xml"},
        content=fake.answer.content,
        headers={**SAME_ORIGIN, "Content-Type": "application/octet-stream"},
    )
    assert rest.status_code == 200 and len(rest.text) > compression.MINIMUM_BYTES
    assert "content-encoding" not in rest.headers  # the page shows each piece as it comes


@pytest.mark.parametrize("name", ["htmx.min.js", "testme.css", "result-tools.js"])
def test_static_files_go_gzipped_immutable_with_their_own_etag(
    client: TestClient, name: str
) -> None:
    url = static_url(client, name)
    on_disk = (resource_path("static") / name).read_bytes()
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    packed = client.get(url, headers=GZIP)

    assert packed.headers["content-encoding"] == "gzip"
    assert packed.content == plain.content == on_disk
    assert sent_bytes(packed) < len(on_disk) / 2
    assert sent_bytes(plain) == len(on_disk)
    for response in (plain, packed):
        assert response.headers["cache-control"] == CACHE_FOREVER
        assert varies_on_encoding(response)
    # Another representation, another strong ETag; each revalidates as itself.
    assert packed.headers["etag"] == plain.headers["etag"][:-1] + '-gzip"'
    again = client.get(url, headers={**GZIP, "If-None-Match": packed.headers["etag"]})
    assert (again.status_code, again.headers["etag"]) == (304, packed.headers["etag"])
    assert again.headers["cache-control"] == CACHE_FOREVER
    other = client.get(url, headers={**GZIP, "If-None-Match": plain.headers["etag"]})
    assert other.status_code == 200 and other.headers["content-encoding"] == "gzip"


def test_static_files_are_compressed_once_per_process(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = static_url(client, "htmx.min.js")
    calls: list[int] = []
    real = compression.gzip

    def counted(body: bytes, level: int = compression.LEVEL) -> bytes:
        calls.append(len(body))
        return real(body, level)

    monkeypatch.setattr(compression, "gzip", counted)
    for _ in range(3):
        assert client.get(url, headers=GZIP).headers["content-encoding"] == "gzip"
    assert len(calls) == 1  # on this app's first request for it, never again


def test_a_range_of_a_static_file_is_the_file_s_own_bytes(client: TestClient) -> None:
    url = static_url(client, "htmx.min.js")
    on_disk = (resource_path("static") / "htmx.min.js").read_bytes()
    assert client.get(url, headers=GZIP).headers["content-encoding"] == "gzip"
    part = client.get(url, headers={**GZIP, "Range": "bytes=100-199"})
    assert part.status_code == 206
    assert "content-encoding" not in part.headers
    assert part.content == on_disk[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{len(on_disk)}"


def test_the_schema_document_is_compressed_once_per_schema(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """1.2 MB took the middleware 27 ms a request: the route sends it compressed once."""
    made: list[int] = []
    real_gzip = compression.gzip
    monkeypatch.setattr(
        compression, "gzip", lambda body, **kw: made.append(len(body)) or real_gzip(body, **kw)
    )
    plain = client.get("/api_v3/testme/schema.xml").content
    for _ in range(2):
        answer = client.get("/api_v3/testme/schema.xml", headers=SAME_ORIGIN)
        assert answer.headers["content-encoding"] == "gzip" and varies_on_encoding(answer)
        assert answer.content == plain and sent_bytes(answer) < len(plain) / 5
    assert made == [len(plain)]
    elsewhere = client.get(
        "/api_v3/testme/schema.xml", headers={**GZIP, "Sec-Fetch-Site": "cross-site"}
    )
    assert "content-encoding" not in elsewhere.headers and elsewhere.content == plain
