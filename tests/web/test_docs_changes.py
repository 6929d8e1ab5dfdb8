"""The docs' Changes page: the loaded schema against the one Reload schema replaced (kept in the
data dir) or an uploaded file (read in memory, never stored), each changed name linked to its
docs page where the loaded schema has it; a file that does not parse is named with its line."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from app.protocol.schema_loader import _parse_once
from app.settings import Settings
from app.web.app import create_app
from app.web.previous_schema import previous_path
from app.web.schema_upload import UPLOAD_LIMIT
from tests.web.conftest import FAKE_URL, FakeKaltura

CHANGES = "/api_v3/testmeDoc/changes"
RELOAD = "/api_v3/testme/schema/reload"


def schema(version: str, version_param: str = 'optional="1"', more: str = "") -> str:
    return (
        f'<?xml version="1.0"?>\n<xml apiVersion="{version}" generatedDate="1700000000">\n'
        '<classes><class name="KalturaThing"><property name="id" type="int"/></class></classes>\n'
        '<services><service id="thing" name="thing"><action name="get">'
        f'<param name="id" type="int"/><param name="version" type="int" {version_param}/>'
        f'<result type="KalturaThing"/></action>{more}</service></services>\n</xml>'
    )


OLD = schema("1.0.0")
NEW = schema("2.0.0", version_param="", more='<action name="delete"/>')


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        service_url=FAKE_URL,
        data_dir=tmp_path / "var",
        secret_key="k",
        allowed_hosts=("testserver",),
    )


@pytest.fixture
def client(settings: Settings, fake: FakeKaltura) -> Iterator[TestClient]:
    fake.reply_xml(OLD)
    with TestClient(create_app(settings, transport=httpx.MockTransport(fake))) as client:
        yield client


def upload(
    client: TestClient, content: bytes, order: str = "older", name: str = "old.xml"
) -> httpx.Response:
    files = {"schema": (name, content, "text/xml")}
    return client.post(CHANGES, files=files, data={"order": order})


def article(response: httpx.Response) -> str:
    return response.text[response.text.index("<article>") :]


def test_the_docs_index_links_the_changes_page(client: TestClient) -> None:
    assert f'<a href="{CHANGES}">Changes</a>' in client.get("/api_v3/testmeDoc/").text


def test_before_any_reload_the_page_says_none_was_replaced_and_offers_an_upload(
    client: TestClient,
) -> None:
    page = article(client.get(CHANGES))
    assert "No schema has been replaced yet" in page
    assert 'enctype="multipart/form-data"' in page and 'type="file" name="schema"' in page


def test_a_reload_keeps_the_replaced_schema_and_the_page_compares_it(
    client: TestClient, fake: FakeKaltura, settings: Settings
) -> None:
    fake.reply_xml(NEW)
    assert client.post(RELOAD).status_code == 200
    assert previous_path(settings).read_text() == OLD
    page = article(client.get(CHANGES))
    assert (
        f"the schema Reload schema replaced ({FAKE_URL}/api_v3/api_schema.php, replaced 20" in page
    )
    assert "1.0.0 → 2.0.0: 2 changes: 1 added, 0 removed, 1 changed (1 made required)" in page
    assert '<a href="/api_v3/testmeDoc/?service=thing#delete">thing.delete</a> <small>added' in page
    assert (
        '<a href="/api_v3/testmeDoc/?service=thing#get">thing.get(version)</a> '
        "<small>made required</small>"
    ) in page


def test_every_link_of_the_changes_lands_on_a_docs_page_with_its_anchor(
    client: TestClient, fake: FakeKaltura
) -> None:
    fake.reply_xml(NEW.replace("<classes>", '<classes><class name="KalturaMore"/>'))
    client.post(RELOAD)
    page = article(client.get(CHANGES))
    hrefs = [
        html.unescape(h)
        for h in re.findall(
            r'<li class="change-[^"]*">[^<]*<span[^>]*>[^<]*</span> <a href="([^"]*)"', page
        )
    ]
    assert len(hrefs) == 3  # thing.delete, thing.get(version), KalturaMore
    kinds = re.findall(r'<a href="#(changes-[^"]*)">', page)
    assert kinds == ["changes-actions", "changes-parameters", "changes-types"]
    assert all(f'<h2 id="{kind}">' in page for kind in kinds)
    for href in hrefs:
        target, _, anchor = href.partition("#")
        landed = client.get(target)
        assert landed.status_code == 200, href
        assert not anchor or f'id="{anchor}"' in landed.text, href


def test_a_reload_that_changes_nothing_keeps_no_copy(
    client: TestClient, settings: Settings
) -> None:
    assert client.post(RELOAD).status_code == 200
    assert not previous_path(settings).exists()
    assert "No schema has been replaced yet" in client.get(CHANGES).text


def test_an_uploaded_older_file_is_compared_with_the_loaded_schema(
    client: TestClient, tmp_path: Path
) -> None:
    before = sorted(p.name for p in tmp_path.rglob("*"))
    parsed = _parse_once.cache_info().misses
    response = upload(client, schema("0.9.0", more='<action name="purge"/>').encode())
    assert _parse_once.cache_info().misses == parsed  # nor kept in memory by the parse cache
    assert response.status_code == 200
    page = article(response)
    assert "Compared with the uploaded file old.xml (older)." in page
    assert "0.9.0 → 1.0.0: 1 change: 0 added, 1 removed, 0 changed" in page
    assert '<span class="change-gone">thing.purge</span> <small>removed' in page  # no page now
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing stored


def test_an_uploaded_newer_file_is_what_it_would_change(client: TestClient) -> None:
    page = article(upload(client, NEW.encode(), order="newer"))
    assert "1.0.0 → 2.0.0: 2 changes" in page
    assert '<option value="newer" selected>' in page
    # the loaded schema has thing.get, not thing.delete: only the one is linked
    assert '<span class="change-gone">thing.delete</span>' in page
    assert '<a href="/api_v3/testmeDoc/?service=thing#get">thing.get(version)</a>' in page


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"<xml>\n<services>\n<service id='x'", "bad.xml:3: not well-formed XML"),
        (b"<rss><channel/></rss>", "bad.xml:1: not a Kaltura schema"),
        (b"", "Choose a schema file to compare."),
        (
            b'<!DOCTYPE xml [<!ENTITY a "aaaa">\n<!ENTITY b "&a;&a;">]>\n<xml>&b;</xml>',
            "bad.xml:1: entity declarations are refused (a)",
        ),
    ],
)
def test_a_file_that_does_not_parse_is_named_with_its_line_and_the_page_still_works(
    client: TestClient, content: bytes, said: str
) -> None:
    response = upload(client, content, name="bad.xml")
    assert response.status_code == 400
    page = article(response)
    assert '<p class="problem-box" role="alert">' in page and said in page
    assert 'type="file" name="schema"' in page  # try another file
    assert upload(client, OLD.encode()).status_code == 200


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b'--x\r\nContent-Disposition: form-data; name="schema"\r\n\r\n<xml', "x"),
        (b"\x00\xff" * 100, "x"),
        (b"schema=abc", ""),
    ],
)
def test_a_body_that_is_no_form_with_a_file_is_a_message_not_a_500(
    client: TestClient, body: bytes, content_type: str
) -> None:
    kind = f"multipart/form-data; boundary={content_type}" if content_type else "text/plain"
    response = client.post(CHANGES, content=body, headers={"Content-Type": kind})
    assert response.status_code == 400
    assert '<p class="problem-box" role="alert">' in response.text


def test_a_file_over_the_limit_is_refused(client: TestClient) -> None:
    response = upload(client, b"<xml>" + b" " * UPLOAD_LIMIT + b"</xml>")
    assert response.status_code == 400
    assert "The file is too big: up to 16 MB is read." in response.text


def test_another_site_cannot_post_to_the_changes_page(client: TestClient) -> None:
    response = client.post(
        CHANGES, files={"schema": ("a.xml", OLD.encode())}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert response.status_code == 403
