"""What each kind of docs page says, on the real 22.15.0 schema: a table of page and the HTML a
reader finds there (inherited properties marked, access, `…In` enums, where used, throwers)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

DOCS = "/api_v3/testmeDoc/"
LINK = '<a href="/api_v3/testmeDoc/?object={0}">{0}</a>'


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # the index: services grouped by plugin
        ({}, "<h3>caption</h3>"),
        ({}, '<a href="/api_v3/testmeDoc/errors">Errors</a>'),
        # a service: each action at its anchor, its errors linked, the type names linked
        ({"service": "media"}, '<h2 id="list">list'),
        ({"service": "media"}, LINK.format("KalturaMediaEntryFilter")),
        ({"service": "media"}, '<a href="/api_v3/testmeDoc/errors#ENTRY_ID_NOT_FOUND">'),
        ({"service": "media"}, '<a href="/api_v3/testme/?service=media&amp;action=list">Try it'),
        # a class: chain, the class each property comes from, access, `…In` enum, where used
        ({"object": "KalturaMediaEntry"}, LINK.format("KalturaBaseEntry") + " → "),
        (
            {"object": "KalturaMediaEntry"},
            "<td>id</td><td>string</td><td>" + LINK.format("KalturaBaseEntry"),
        ),
        ({"object": "KalturaUser"}, "insert-only write-only"),
        ({"object": "KalturaMediaEntryFilter"}, "values of " + LINK.format("KalturaEntryStatus")),
        (
            {"object": "KalturaMediaEntryFilter"},
            '<a href="/api_v3/testmeDoc/?service=media#list">media.list</a> <small>(parameter filter)',
        ),
        (
            {"object": "KalturaMediaEntryFilter"},
            "values of " + LINK.format("KalturaMediaEntryOrderBy"),
        ),
        ({"object": "KalturaResource"}, LINK.format("KalturaUrlResource")),
        # an enum: constants and where used
        ({"object": "KalturaMediaType"}, "<tr><td>VIDEO</td><td>1</td></tr>"),
        (
            {"object": "kalturamediatype"},
            '<h1 id="type-KalturaMediaType">KalturaMediaType <small>(enum of int)',
        ),
        ({"object": "KalturaMediaType"}, "Properties of: "),
    ],
)
def test_a_docs_page_says(client: TestClient, query: dict[str, str], expected: str) -> None:
    answer = client.get(DOCS, params=query)
    assert answer.status_code == 200
    assert expected in answer.text


def test_the_error_list_gives_code_message_arguments_and_throwers(client: TestClient) -> None:
    page = client.get(DOCS + "errors").text
    row = page[page.index('<tr id="ENTRY_ID_NOT_FOUND">') :].split("</tr>")[0]
    assert "ENTRY_ID_NOT_FOUND" in row and "arguments: ENTRY_ID" in row
    assert '<a href="/api_v3/testmeDoc/?service=media#get">media.get</a>' in row


def test_a_console_field_type_label_links_to_its_docs_in_a_new_tab(client: TestClient) -> None:
    form = client.get("/api_v3/testme/params", params={"service": "media", "action": "list"}).text
    assert '<a href="/api_v3/testmeDoc/?object=KalturaMediaEntryFilter" target="_blank"' in form


@pytest.mark.parametrize("code", ["ENTRY_ID_NOT_FOUND", "entry_id_not_found"])
def test_an_old_error_link_goes_to_the_error_lists_row(client: TestClient, code: str) -> None:
    answer = client.get(DOCS, params={"error": code}, follow_redirects=False)
    assert answer.is_redirect
    assert answer.headers["location"] == DOCS + "errors#ENTRY_ID_NOT_FOUND"
    landed = client.get(DOCS, params={"error": code})
    assert '<tr id="ENTRY_ID_NOT_FOUND">' in landed.text


def test_an_old_link_to_an_error_the_schema_lacks_shows_the_list_saying_so(
    client: TestClient,
) -> None:
    answer = client.get(DOCS, params={"error": "<b>NO_SUCH"})
    assert answer.status_code == 404
    assert "No error &lt;b&gt;NO_SUCH in schema" in answer.text
    assert '<tr id="ENTRY_ID_NOT_FOUND">' in answer.text  # the whole list, to pick from
