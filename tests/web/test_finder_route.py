"""`GET /api_v3/testme/find?q=`: the top bar's finder options, each linking where it lives."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

FIND = "/api_v3/testme/find"


def options(html: str) -> list[tuple[str, str]]:
    """(href, label) of each option."""
    return re.findall(r'<li role="option"[^>]*data-href="([^"]+)"><a [^>]*>([^<]+)</a>', html)


@pytest.mark.parametrize(
    ("query", "label", "href"),
    [
        (
            "searchEntry",
            "elasticsearch_esearch.searchEntry",
            "/api_v3/testme/?service=elasticsearch_esearch&amp;action=searchEntry",
        ),
        ("medlist", "media.list", "/api_v3/testme/?service=media&amp;action=list"),
        (
            "mediaentryfilter",
            "KalturaMediaEntryFilter",
            "/api_v3/testmeDoc/?object=KalturaMediaEntryFilter",
        ),
        ("KalturaMediaType", "KalturaMediaType", "/api_v3/testmeDoc/?object=KalturaMediaType"),
        ("ENTRY_ID_NOT_FOUND", "ENTRY_ID_NOT_FOUND", "/api_v3/testmeDoc/?error=ENTRY_ID_NOT_FOUND"),
        ("baseentry", "baseentry", "/api_v3/testmeDoc/?service=baseentry"),
    ],
)
def test_the_first_option_links_where_it_lives(
    client: TestClient, query: str, label: str, href: str
) -> None:
    response = client.get(FIND, params={"q": query})
    assert response.status_code == 200
    assert options(response.text)[0] == (href, label)


def test_option_ids_are_unique_and_the_query_is_escaped(client: TestClient) -> None:
    html = client.get(FIND, params={"q": "list"}).text
    ids = re.findall(r'role="option" id="([^"]+)"', html)
    assert len(ids) == len(set(ids)) > 1
    nothing = client.get(FIND, params={"q": "<b>zzqq"}).text
    assert "Nothing matches" in nothing and "<b>" not in nothing and "&lt;b&gt;zzqq" in nothing
    assert options(client.get(FIND, params={"q": ""}).text) == []


@pytest.mark.parametrize("page", ["/api_v3/testme/", "/api_v3/testmeDoc/"])
def test_every_page_has_the_finder_box_and_its_script(client: TestClient, page: str) -> None:
    html = client.get(page).text
    assert 'role="combobox"' in html and 'aria-label="Find"' in html
    assert f'hx-get="{FIND}"' in html
    assert re.search(r'<script src="/api_v3/testme/static/finder\.js[^"]*" defer>', html)
